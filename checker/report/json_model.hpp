// The JSON model shared by the JSON renderings of `check` and `plan` (layer: report).
#pragma once

#include <nlohmann/json.hpp>

#include "lexgate/evaluate.hpp"

namespace lexgate::report_writers {

using json = nlohmann::ordered_json;

/// A profile value as typed JSON (records as their readable rendering).
json typed(const value& v);
/// One conflict: markets, rules, invariants, attributes, explanation.
json conflict_json(const conflict& c);
/// The design §5 report object of one profile.
json report_json(const report& r);

}  // namespace lexgate::report_writers
