// Report writers: one report model, several renderings (layer: report).
#pragma once

#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"

namespace lexgate::report_writers {

struct text_options {
  bool explain = false;  ///< Show the evidence and missing facts behind each finding.
};

/// For people: one block per market, the verdict, and what to do.
std::string render_text(const std::vector<report>& reports, const text_options& options);

/// The JSON report of design §5: one object for one profile, an array for several.
std::string render_json(const std::vector<report>& reports);

/// Markdown for pull-request comments and CI job summaries: a market × verdict table, then
/// the findings of each market.
std::string render_markdown(const std::vector<report>& reports);

/// JUnit XML: a testsuite per profile and market, a testcase per rule judged there.
std::string render_junit(const std::vector<report>& reports);

}  // namespace lexgate::report_writers
