// The text and Markdown renderings of `lexgate plan`: what conflicts, how to split, what to
// change. Both say the same; Markdown adds headings and tables for pull requests.
#include <sstream>

#include "report/printable_report.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

namespace {

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

std::string summary_line(const report& r, const plan_report& plan) {
  if (plan.deployments.size() == 1 && plan.deployments[0].changes.empty() &&
      plan.unresolvable.empty()) {
    // A market no regime covers was not checked: nothing to change there is not compliance.
    std::vector<std::string> uncovered;
    for (const auto& m : r.markets) {
      if (!m.covered) uncovered.push_back(m.market);
    }
    if (uncovered.empty()) return "The deployment is compliant as it stands: nothing to change.";
    return "Nothing to change for the rules of the library, but no regime of it is in force for " +
           join(uncovered, ", ") + ": nothing was checked there" +
           (r.gate.allow_uncovered ? " (allowed by --allow-uncovered)." : ".");
  }
  std::ostringstream out;
  out << plan.conflicts.size() << (plan.conflicts.size() == 1 ? " conflict" : " conflicts") << "; "
      << plan.deployments.size() << (plan.deployments.size() == 1 ? " deployment" : " deployments");
  if (!plan.unresolvable.empty()) {
    out << "; " << plan.unresolvable.size() << " rule(s) no change can satisfy";
  }
  out << ".";
  return out.str();
}

}  // namespace

std::string render_change_target(const attribute_change& c) {
  if (c.any_other) return "any value the rules do not name";
  if (!c.to.present()) return "nothing (leave it out)";
  return render_value(c.to);
}

std::string render_plan_text(const report& input, const plan_report& raw_plan) {
  const report r = printable_copy(input);  // names and values: no controls
  const plan_report plan = printable_copy(raw_plan);
  std::ostringstream out;
  out << "lexgate plan: " << r.profile_path << " (as of " << r.as_of.to_string() << ", "
      << r.markets.size() << (r.markets.size() == 1 ? " market" : " markets") << ", verdict now " << to_string(r.overall) << ")\n\n";
  if (!plan.conflicts.empty()) {
    out << "Conflicts" << (plan.conflicts_truncated ? " (more exist than shown)" : "") << ":\n";
    for (std::size_t i = 0; i < plan.conflicts.size(); ++i) {
      const auto& c = plan.conflicts[i];
      out << "  " << i + 1 << ". " << join(c.markets, " × ") << ": " << join(c.rules, ", ");
      if (!c.invariants.empty()) out << " (with invariant " << join(c.invariants, ", ") << ")";
      out << "\n     " << c.explanation << "\n";
    }
    out << "\n";
  }
  if (!plan.unresolvable.empty()) {
    out << "No change satisfies:\n";
    for (const auto& u : plan.unresolvable) {
      out << "  - " << u.market << ": " << u.rule << "\n    " << u.explanation << "\n";
    }
    out << "\n";
  }
  for (std::size_t i = 0; i < plan.deployments.size(); ++i) {
    const auto& d = plan.deployments[i];
    out << "Deployment " << i + 1 << " of " << plan.deployments.size() << ": "
        << join(d.markets, ", ") << "\n";
    if (d.changes.empty()) out << "  no change needed\n";
    // Where a model comes from is a fact, not a setting: the planner changes a model's provider
    // country only with its provider, and that pair reads as replacing the model.
    static const std::string kCountry = ".provider_country";
    for (const auto& c : d.changes) {
      if (c.path.size() <= kCountry.size() ||
          c.path.compare(c.path.size() - kCountry.size(), kCountry.size(), kCountry) != 0) {
        continue;
      }
      const std::string model = c.path.substr(0, c.path.size() - kCountry.size());
      for (const auto& p : d.changes) {
        if (p.path != model + ".provider") continue;
        out << "  replace the model at " << model << " (now " << render_value(p.from)
            << ", established in " << render_value(c.from)
            << ") with another provider's model established in " << render_change_target(c)
            << "; that is:\n";
      }
    }
    for (const auto& c : d.changes) {
      out << "  - set " << c.path << " to " << render_change_target(c) << " (now "
          << render_value(c.from) << ")\n";
      if (!c.satisfies.empty()) out << "      satisfies " << join(c.satisfies, ", ") << "\n";
    }
  }
  if (!plan.exact_split) out << "\n(split by first fit: more markets than the exact limit)\n";
  out << "\n" << summary_line(r, plan) << "\n";
  return out.str();
}

std::string render_plan_markdown(const report& input, const plan_report& raw_plan) {
  const report r = printable_copy(input);
  const plan_report plan = printable_copy(raw_plan);
  std::ostringstream out;
  out << "## lexgate plan: " << markdown_code(r.profile_id) << "\n\n" << summary_line(r, plan) << "\n\n";
  if (!plan.conflicts.empty()) {
    out << "### Conflicts\n\n| markets | rules | attributes |\n|---|---|---|\n";
    for (const auto& c : plan.conflicts) {
      std::vector<std::string> rules = c.rules;
      for (const auto& inv : c.invariants) rules.push_back(inv + " (invariant)");
      out << "| " << join(c.markets, ", ") << " | `" << join(rules, "`<br>`") << "` | `"
          << join(c.attributes, "`, `") << "` |\n";
    }
    out << "\n";
    for (const auto& c : plan.conflicts) out << "- " << c.explanation << "\n";
    out << "\n";
  }
  if (!plan.unresolvable.empty()) {
    out << "### No change satisfies\n\n";
    for (const auto& u : plan.unresolvable) {
      out << "- **" << u.market << "** `" << u.rule << "`: " << u.explanation << "\n";
    }
    out << "\n";
  }
  for (std::size_t i = 0; i < plan.deployments.size(); ++i) {
    const auto& d = plan.deployments[i];
    out << "### Deployment " << i + 1 << ": " << join(d.markets, ", ") << "\n\n";
    if (d.changes.empty()) {
      out << "No change needed.\n\n";
      continue;
    }
    out << "| attribute | now | set to | satisfies |\n|---|---|---|---|\n";
    for (const auto& c : d.changes) {
      out << "| `" << c.path << "` | `" << render_value(c.from) << "` | "
          << (c.any_other ? render_change_target(c) : "`" + render_change_target(c) + "`") << " | "
          << join(c.satisfies, "<br>") << " |\n";
    }
    out << "\n";
  }
  return out.str();
}

}  // namespace lexgate::report_writers
