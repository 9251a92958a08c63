// Report writers: one report model, several renderings (layer: report).
#pragma once

#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/plan.hpp"

namespace lexgate::report_writers {

struct text_options {
  bool explain = false;  ///< Show the evidence and missing facts behind each finding.
};

/// For people: one block per market, the verdict, and what to do.
std::string render_text(const std::vector<report>& reports, const text_options& options);

/// The JSON report of design §5: one object for one profile, an array for several.
std::string render_json(const std::vector<report>& reports);

/// SARIF 2.1.0 for code scanning: the library's rules in the driver, one result per finding,
/// located on the profile line of the value that decided it.
std::string render_sarif(const std::vector<report>& reports, const library& rules);

/// Markdown for pull-request comments and CI job summaries: a market × verdict table, then
/// the findings of each market.
std::string render_markdown(const std::vector<report>& reports);

/// JUnit XML: a testsuite per profile and market, a testcase per rule judged there.
std::string render_junit(const std::vector<report>& reports);

/// NIST OSCAL 1.0.6 assessment results (JSON): one result, a finding per rule judged, the
/// profile values as observations, waivers as accepted risks. Deterministic (v5 UUIDs).
std::string render_oscal(const std::vector<report>& reports, const library& rules);

/// `lexgate plan` for people: conflicts, unresolvable rules, then each deployment's changes.
std::string render_plan_text(const report& r, const plan_report& plan);

/// `lexgate plan --format json`: the §5 report object with the design §6 `plan` object beside.
std::string render_plan_json(const report& r, const plan_report& plan);

/// `lexgate plan --format markdown`: the same as text, for pull requests and job summaries.
std::string render_plan_markdown(const report& r, const plan_report& plan);

/// A change's target value for people: `"x"`, `[CN]`, or "any other value" for a placeholder.
std::string render_change_target(const attribute_change& c);

}  // namespace lexgate::report_writers
