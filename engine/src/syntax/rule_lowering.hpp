// CST → public AST (layer: syntax).
#pragma once

#include <optional>

#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"
#include "syntax/rule_cst.hpp"

namespace lexgate::syntax {

/// Converts a parsed file into the AST, decoding strings and numbers and reporting
/// `parse.bad_string`, `parse.bad_integer` and `parse.duplicate_clause` with positions.
std::optional<ast::rule_file> lower(cst::file&& file, const source_ptr& source,
                                    diagnostic_bag& bag);

}  // namespace lexgate::syntax
