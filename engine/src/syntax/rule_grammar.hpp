// The rule-language grammar's entry point (layer: syntax). Only syntax/ sees it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "syntax/rule_cst.hpp"

namespace lexgate::syntax {

/// Why a parse stopped: the byte offset where the unexpected text starts and what the grammar
/// expected there (a phrase for people, such as "expression" or "`}`").
struct parse_failure {
  std::uint32_t offset = 0;
  std::string expected;
  bool at_end_of_file_item = false;  ///< Leftover text where a new item or the end belonged.
  bool unterminated_string = false;
};

/// Parses a whole rule file into its CST; on a syntax error returns the failure instead.
std::optional<parse_failure> parse_file(const std::string& text, cst::file& out);

}  // namespace lexgate::syntax
