// The Markdown report, for pull-request comments and CI job summaries (layer: report).
#include <string>
#include <string_view>

#include "report/drift_report.hpp"
#include "report/name_report.hpp"
#include "report/printable_report.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

namespace {

// Table cells may not hold `|` or line breaks; `<` would open HTML in a pull-request comment.
std::string cell(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

const char* icon(verdict v) {
  switch (v) {
    case verdict::blocked:
      return "⛔ blocked";
    case verdict::indeterminate:
      return "❔ indeterminate";
    case verdict::attention:
      return "⚠️ attention";
    case verdict::uncovered:
      return "🚫 uncovered";
    case verdict::clear:
      return "✅ clear";
  }
  return "";
}

// The regimes that covered a market, or "none: nothing checked"; member states for `EU`.
std::string coverage_cell(const market_report& m) {
  if (!m.covered) return "none: nothing checked";
  std::string out;
  for (const auto& id : m.coverage) {
    out += out.empty() ? "`" : ", `";
    out += id;
    out += "`";
  }
  if (!m.member_states.empty()) {
    out += " (member states:";
    for (const auto& s : m.member_states) {
      out += " ";
      out += s;
    }
    out += ")";
  }
  return out;
}

}  // namespace

std::string render_markdown(const std::vector<report>& input) {
  std::vector<report> copy;  // names and values: no controls
  const std::vector<report>& reports = printable_reports(input, copy);
  std::string out;
  for (const auto& r : reports) {
    out += "## lexgate: " + markdown_code(r.profile_id) + " is " + icon(r.overall) + "\n\n";
    out += "As of " + r.as_of.to_string() + ", rules `" + std::string(r.library_name) +
           "` (sha256 `" + std::string(r.library_digest.substr(0, 12)) + "`), profile " +
           markdown_code(r.profile_path) + ".\n\n";
    out += std::string("Gate: **") + (r.fails_gate ? "fail" : "pass") + "** (`--fail-on " +
           to_string(r.gate.fail_on) + "`" +
           (r.gate.allow_indeterminate ? ", indeterminate allowed" : "") +
           (r.gate.allow_uncovered ? ", uncovered allowed" : "") + ")" +
           (r.drift_fails_gate ? "; the artifacts deploy what the profile does not say "
                                 "(`--drift fail`)"
                               : "") +
           "; " +
           std::to_string(r.summary.uncovered) + " uncovered market" +
           (r.summary.uncovered == 1 ? "" : "s") + ".\n\n";
    out += "| market | verdict | violations | indeterminate | waived | upcoming | coverage |\n";
    out += "|---|---|---:|---:|---:|---:|---|\n";
    for (const auto& m : r.markets) {
      int counts[4] = {0, 0, 0, 0};
      for (const auto& f : m.findings) ++counts[static_cast<int>(f.status)];
      out += "| " + m.market + " | " + icon(m.market_verdict) + " | " + std::to_string(counts[0]) +
             " | " + std::to_string(counts[1]) + " | " + std::to_string(counts[2]) + " | " +
             std::to_string(counts[3]) + " | " + coverage_cell(m) + " |\n";
    }
    for (const auto& m : r.markets) {
      if (m.findings.empty()) continue;
      out += "\n### " + m.market + "\n\n";
      for (const auto& f : m.findings) {
        out += "- **" + std::string(to_string(f.status)) + "** (" + to_string(f.severity) + ") `";
        out += f.rule;
        out += "`";
        if (!f.member_state.empty()) {
          out += " (member state ";
          out += f.member_state;
          out += ")";
        }
        out += " — " + cell(f.message) + "  \n";
        out += "  *" + cell(f.cite) + "*";
        if (!f.sources.empty()) {
          out += " · [source](";
          out += f.sources.front();
          out += ")";
        }
        out += "  \n";
        if (!f.missing.empty()) {
          out += "  Missing:";
          for (const auto& x : f.missing) out += " `" + x + "`";
          out += "  \n";
        }
        if (f.waiver) {
          out += std::string("  Waiver ") + (f.waiver->expired ? "**expired** on " : "until ") +
                 f.waiver->expires.to_string() + " (" + cell(f.waiver->approver) +
                 "): " + cell(f.waiver->justification) + "  \n";
        }
        // A finding that rests on a model's name alone says so beside it.
        for (const name_resolution* n : finding_resolutions(r, f)) {
          if (name_only(*n)) out += "  Name match: " + cell(resolution_line(r, *n)) + "  \n";
        }
        if (f.status != finding_status::waived) out += "  Remedy: " + cell(f.remedy) + "\n";
      }
    }
    // Every company name as the profile wrote it and what it resolved to, as in the JSON
    // report's `names`.
    if (!r.names.empty()) {
      out += "\n### Names resolved\n\n";
      for (const auto& n : r.names) {
        out += std::string("- ") + (name_only(n) ? "**name match** " : "") +
               cell(resolution_line(r, n)) + "\n";
      }
    }
    if (!r.conflicts_not_analysed.empty()) {
      out += "\nConflicts not analysed: " + cell(r.conflicts_not_analysed) + "\n";
    }
    if (!r.conflicts.empty()) {
      out += "\n### Conflicts\n\nNo single deployment satisfies these (see `lexgate plan`):\n\n";
      for (const auto& c : r.conflicts) out += "- " + cell(c.explanation) + "\n";
    }
    append_drift_markdown(r, out);
    out += "\n";
  }
  return out;
}

}  // namespace lexgate::report_writers
