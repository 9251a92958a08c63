// The text report, for people reading a terminal or a CI log (layer: report).
#include <algorithm>
#include <cctype>

#include "report/name_notes.hpp"
#include "report/name_report.hpp"
#include "report/drift_report.hpp"
#include "report/printable_report.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

namespace {

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string plural(std::uint32_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void render_finding(std::string& out, const finding& f, const report& r,
                    const resolution_index& names, const text_options& options) {
  const std::string& profile_path = r.profile_path;
  std::string status = upper(to_string(f.status));
  if (f.status == finding_status::upcoming && f.effective) {
    status += " (from " + f.effective->to_string() + ")";
  }
  out += "  " + status + "  [" + to_string(f.severity) + "] ";
  out += f.rule;
  if (!f.member_state.empty()) {
    out += "  (member state ";
    out += f.member_state;
    out += ")";
  }
  out += "\n";
  out += "      " + f.message + "\n";
  out += "      cite: ";
  out += f.cite;
  out += "\n";
  if (!f.missing.empty()) {
    out += "      missing: ";
    for (std::size_t i = 0; i < f.missing.size(); ++i) out += (i ? ", " : "") + f.missing[i];
    out += "\n";
  }
  if (f.waiver) {
    out += std::string("      waiver") + (f.waiver->expired ? " EXPIRED on " : " until ") +
           f.waiver->expires.to_string() + ", approved by " + f.waiver->approver + ": " +
           f.waiver->justification + "\n";
  }
  if (f.status != finding_status::waived) {
    out += "      remedy: ";
    out += f.remedy;
    out += "\n";
  }
  if (!options.explain) {
    // A finding that rests on a model's name alone says so even without the evidence.
    for (const name_resolution* n : finding_resolutions(r, f)) {
      if (name_only(*n)) out += "      name match: " + resolution_line(r, *n) + "\n";
    }
  }
  if (options.explain) {
    for (const auto& e : f.evidence) {
      out += "      because " + e.path + " = " + e.value;
      if (e.where.line > 0) {
        out += "  (" + profile_path + ":" + std::to_string(e.where.line) + ":" +
               std::to_string(e.where.column) + ")";
      }
      out += "\n";
      if (const name_resolution* n = names.at(e.path)) {
        out += "        resolved: " + describe(*n) + "\n";
      }
    }
    if (!f.sources.empty()) {
      out += "      source: ";
      out += f.sources.front();
      out += "\n";
    }
  }
}

// What covered the market: the regimes in force that reach it, or a plain "nothing was checked".
std::string coverage_line(const market_report& m) {
  std::string out;
  if (!m.member_states.empty()) {
    out += "  member states: ";
    for (std::size_t i = 0; i < m.member_states.size(); ++i) {
      out += i ? ", " : "";
      out += m.member_states[i];
    }
    out += "\n";
  }
  if (!m.covered) {
    return out + "  coverage: none — no regime of the library is in force for " + m.market +
           "; nothing was checked there\n";
  }
  out += "  coverage: ";
  for (std::size_t i = 0; i < m.coverage.size(); ++i) {
    out += i ? ", " : "";
    out += m.coverage[i];
  }
  return out + "\n";
}

}  // namespace

std::string render_text(const std::vector<report>& input, const text_options& options) {
  std::vector<report> copy;  // names and values: no controls
  const std::vector<report>& reports = printable_reports(input, copy);
  std::string out;
  for (const auto& r : reports) {
    if (!out.empty()) out += "\n";
    out += "lexgate " + std::string(version()) + " · profile " +
           (r.profile_id.empty() ? std::string("(no id)") : r.profile_id) + " (" + r.profile_path +
           ") · as of " + r.as_of.to_string() + " · rules: " + std::string(r.library_name) +
           " " + std::string(r.library_digest.substr(0, 12)) + "\n\n";
    if (options.explain && !r.names.empty()) {
      out += "names (resolved when the profile loaded):\n";
      for (const auto& n : r.names) {
        out += "  " + n.path + ": " + describe(n);
        if (n.where.line > 0) {
          out += "  (" + r.profile_path + ":" + std::to_string(n.where.line) + ":" +
                 std::to_string(n.where.column) + ")";
        }
        out += "\n";
      }
      out += "\n";
    }
    const resolution_index names(r);
    std::size_t width = 0;
    for (const auto& m : r.markets) width = std::max(width, m.market.size());
    for (const auto& m : r.markets) {
      out += m.market + std::string(width - m.market.size() + 2, ' ') +
             upper(to_string(m.market_verdict)) + "\n";
      out += coverage_line(m);
      for (const auto& f : m.findings) render_finding(out, f, r, names, options);
    }
    if (!r.conflicts_not_analysed.empty()) {
      out += "\nconflicts not analysed: " + r.conflicts_not_analysed + "\n";
    }
    if (!r.conflicts.empty()) {
      out += "\nconflicts (no single deployment satisfies these; see `lexgate plan`):\n";
      for (const auto& c : r.conflicts) {
        std::string markets;
        std::string rules;
        for (const auto& m : c.markets) markets += (markets.empty() ? "" : " × ") + m;
        for (const auto& x : c.rules) rules += (rules.empty() ? "" : ", ") + x;
        for (const auto& x : c.invariants) rules += ", invariant " + x;
        out += "  " + markets + ": " + rules + "\n    " + c.explanation + "\n";
      }
    }
    append_drift_text(r, out);
    out += "\nverdict: " + upper(to_string(r.overall)) + " — " +
           plural(r.summary.violations, "violation") + ", " +
           std::to_string(r.summary.indeterminate) + " indeterminate, " +
           std::to_string(r.summary.waived) + " waived, " + std::to_string(r.summary.upcoming) +
           " upcoming; " + plural(r.summary.rules_evaluated, "rule check") + " in " +
           plural(static_cast<std::uint32_t>(r.markets.size()), "market") + ", " +
           std::to_string(r.summary.uncovered) + " uncovered\n";
    out += std::string("gate: ") + (r.fails_gate ? "FAIL" : "pass") + " (--fail-on " +
           to_string(r.gate.fail_on) + (r.gate.allow_indeterminate ? ", indeterminate allowed" : "") +
           (r.gate.allow_uncovered ? ", uncovered allowed" : "") + ")" +
           (r.drift_fails_gate ? "; the artifacts deploy what the profile does not say (--drift fail)"
                               : "") +
           "\n";
    if (!options.explain && (r.summary.violations > 0 || r.summary.indeterminate > 0)) {
      out += "(run with --explain to see the profile values behind each finding)\n";
    }
  }
  return out;
}

}  // namespace lexgate::report_writers
