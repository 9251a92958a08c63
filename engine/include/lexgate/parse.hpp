// Parsing rule files (layer: syntax).
#pragma once

#include <optional>

#include "lexgate/ast.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

/// Limits that keep hostile rule files from exhausting the stack or memory.
struct parse_limits {
  std::uint32_t max_expression_depth = 64;  ///< Nesting of parentheses, `not` and quantifiers.
  /// Binary operators (`and`, `or`, comparisons, `in`, …) in one condition: a chain of them is
  /// a tree as deep as it is long.
  std::uint32_t max_binary_operators = 1024;
  std::uint32_t max_file_bytes = 4u << 20;  ///< 4 MiB.
};

/// Parses one rule file. Syntax errors are reported to `bag` with their position
/// (`parse.expected`, `parse.unexpected`, `parse.duplicate_clause`, `parse.too_deep`,
/// `parse.too_large`, `parse.bad_string`) and yield nothing.
std::optional<ast::rule_file> parse_rules(const source_ptr& source, diagnostic_bag& bag,
                                          const parse_limits& limits = {});

}  // namespace lexgate
