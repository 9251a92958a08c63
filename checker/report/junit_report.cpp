// The JUnit XML report: one testsuite per profile and market, one testcase per rule judged
// there (layer: report). CI systems show failures and skips without knowing lexgate.
#include <string>
#include <string_view>

#include "report/drift_report.hpp"
#include "report/name_report.hpp"
#include "report/reports.hpp"
#include "report/xml_text.hpp"

namespace lexgate::report_writers {

namespace {

const finding* finding_of(const market_report& m, std::string_view rule) {
  for (const auto& f : m.findings) {
    if (f.rule == rule && f.status != finding_status::upcoming) return &f;
  }
  return nullptr;
}

}  // namespace

std::string render_junit(const std::vector<report>& reports) {
  std::string suites;
  std::size_t total_tests = 0;
  std::size_t total_failures = 0;
  std::size_t total_skipped = 0;
  for (const auto& r : reports) {
    for (const auto& m : r.markets) {
      std::string cases;
      std::size_t failures = 0;
      std::size_t skipped = 0;
      for (const auto& e : m.evaluated) {
        const std::string regime(e.rule.substr(0, e.rule.rfind('.')));
        cases += "    <testcase classname=\"" + xml_text(regime) + "\" name=\"" + xml_text(e.rule) + "\"";
        const finding* f = finding_of(m, e.rule);
        if (f != nullptr && f->status == finding_status::waived) {
          ++skipped;
          cases += ">\n      <skipped message=\"waived until " + f->waiver->expires.to_string() +
                   ": " + xml_text(f->waiver->justification) + "\"/>\n    </testcase>\n";
        } else if (f != nullptr && !fails_gate(*f, r.gate)) {
          // Open, but below the gate (`--fail-on`, `--allow-indeterminate`): shown, not failed,
          // so the failure count agrees with the exit code.
          ++skipped;
          cases += ">\n      <skipped message=\"" + xml_text(std::string(to_string(f->status)) + " (" +
                                                   to_string(f->severity) +
                                                   "), below the gate: " + f->message) +
                   "\"/>\n    </testcase>\n";
        } else if (f != nullptr) {
          ++failures;
          std::string detail = f->message + "\ncite: ";
          detail += f->cite;
          detail += "\nremedy: ";
          detail += f->remedy;
          for (const auto& x : f->missing) detail += "\nmissing: " + x;
          for (const name_resolution* n : finding_resolutions(r, *f)) {
            detail += std::string(name_only(*n) ? "\nname match: " : "\nresolved: ") +
                      resolution_line(r, *n);
          }
          cases += ">\n      <failure message=\"" + xml_text(f->message) + "\" type=\"" +
                   to_string(f->status) + "-" + to_string(f->severity) + "\">" + xml_text(detail) +
                   "</failure>\n    </testcase>\n";
        } else if (e.outcome == rule_outcome::not_applicable) {
          ++skipped;
          cases += ">\n      <skipped message=\"not applicable\"/>\n    </testcase>\n";
        } else {
          cases += "/>\n";
        }
      }
      std::size_t tests = m.evaluated.size();
      if (!m.covered) {
        // Nothing was checked: one testcase says so, failed unless `--allow-uncovered`.
        ++tests;
        const std::string why = "uncovered: no regime of the library is in force for " +
                                m.market + "; nothing was checked there";
        cases += "    <testcase classname=\"lexgate\" name=\"coverage\">\n";
        if (m.fails_gate) {
          ++failures;
          cases += "      <failure message=\"" + xml_text(why) + "\" type=\"uncovered\">" + xml_text(why) +
                   "</failure>\n";
        } else {
          ++skipped;
          cases += "      <skipped message=\"" + xml_text(why) + " (allowed)\"/>\n";
        }
        cases += "    </testcase>\n";
      }
      std::string coverage;
      for (const auto& id : m.coverage) {
        if (!coverage.empty()) coverage += ",";
        coverage += id;
      }
      // How the profile's company names resolved, so a failure that rests on one can be read.
      std::string names;
      for (const auto& n : r.names) {
        names += "      <property name=\"resolution\" value=\"" + xml_text(resolution_line(r, n)) +
                 "\"/>\n";
      }
      std::string members;
      for (const auto& c : m.member_states) {
        if (!members.empty()) members += ",";
        members += c;
      }
      const std::string properties =
          "    <properties>\n      <property name=\"verdict\" value=\"" +
          std::string(to_string(m.market_verdict)) + "\"/>\n      <property name=\"coverage\" value=\"" +
          xml_text(coverage) + "\"/>\n" +
          (members.empty() ? std::string()
                           : "      <property name=\"member_states\" value=\"" + xml_text(members) +
                                 "\"/>\n") +
          "      <property name=\"fails_gate\" value=\"" + (m.fails_gate ? "true" : "false") +
          "\"/>\n" + names + "    </properties>\n";
      total_tests += tests;
      total_failures += failures;
      total_skipped += skipped;
      suites += "  <testsuite name=\"" + xml_text(r.profile_id + " · " + m.market) + "\" tests=\"" +
                std::to_string(tests) + "\" failures=\"" + std::to_string(failures) +
                "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\" timestamp=\"" +
                r.as_of.to_string() + "T00:00:00\">\n" + properties + cases +
                "  </testsuite>\n";
    }
    suites += drift_junit_suite(r, total_tests, total_failures);
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"lexgate\" tests=\"" +
         std::to_string(total_tests) + "\" failures=\"" + std::to_string(total_failures) +
         "\" errors=\"0\" skipped=\"" + std::to_string(total_skipped) + "\">\n" + suites +
         "</testsuites>\n";
}

}  // namespace lexgate::report_writers
