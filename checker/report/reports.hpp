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

}  // namespace lexgate::report_writers
