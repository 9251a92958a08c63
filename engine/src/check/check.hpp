// Checking parsed rule files against their schema (layer: check).
#pragma once

#include <optional>
#include <vector>

#include "check/checked.hpp"
#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"

namespace lexgate::detail {

/// Builds the schema and jurisdiction table the files declare, then resolves and type-checks
/// every regime, rule and definition. Reports `check.*` diagnostics with positions; returns
/// nothing when any error was found.
std::optional<checked_library> check_library(const std::vector<ast::rule_file>& files,
                                             diagnostic_bag& bag);

}  // namespace lexgate::detail
