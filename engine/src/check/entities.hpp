// Checking `entity` declarations into the schema's entity registry (layer: check).
#pragma once

#include <vector>

#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Fills `out.entities` from the files' `entity` declarations, in id order. Needs the
/// jurisdictions declared. Reports `check.duplicate` (an id, or a name, organisation, family or
/// host that two entities claim), `check.missing_clause`, `check.empty`,
/// `check.unknown_jurisdiction` and `check.unknown_entity` (a parent); false on any error.
bool build_entities(const std::vector<ast::rule_file>& files, schema& out, diagnostic_bag& bag);

}  // namespace lexgate::detail
