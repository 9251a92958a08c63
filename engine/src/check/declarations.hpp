// The library's declarations: enums, jurisdictions and the profile schema (layer: check).
#pragma once

#include <vector>

#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Fills `out` with the enums, jurisdictions and the one schema the files declare.
/// Reports `check.duplicate`, `check.unknown_type`, `check.unknown_flag`, `check.no_schema`,
/// `check.schema` and `check.jurisdiction_cycle`; returns false on any error.
bool build_declarations(const std::vector<ast::rule_file>& files, schema& out, diagnostic_bag& bag);

}  // namespace lexgate::detail
