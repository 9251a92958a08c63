// `parse_rules`: limits and encoding checks, the X3 parse, and the lowering (layer: syntax).
#include <string_view>

#include "lexgate/parse.hpp"
#include "source/text_check.hpp"
#include "syntax/rule_grammar.hpp"
#include "syntax/rule_lowering.hpp"

namespace lexgate {

namespace {

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// X3 recurses once per nesting level, on the C stack. Before parsing, estimate each
// condition's nesting from above — brackets open plus every `not`, `any` and `all` since the
// condition began — and refuse files where it passes the limit, so no input can overflow the
// stack. A condition begins at a clause keyword outside brackets that does not continue an
// expression: `when` after `in` or `.` is a name inside the condition, not a new clause.
// Binary operators (`and`, `or`, comparisons) are counted too, against `chain_limit`: a chain
// of them is a tree as deep as it is long once lowered, and freeing or checking it recurses
// once per operator.
struct depth_problem {
  std::uint32_t offset = 0;
  bool chain = false;  // too many binary operators rather than too deep a nesting
};

std::optional<depth_problem> too_deep(const std::string& s, std::uint32_t limit,
                                      std::uint32_t chain_limit) {
  static const std::string_view starts[] = {"when", "require", "forbid",  "unless", "define",
                                            "rule", "regime",  "applies", "enum",   "schema"};
  static const std::string_view continuing[] = {"in",     "and",        "or",     "not",
                                                "any",    "all",        "exists", "of",
                                                "subset", "intersects", "within", "contains"};
  std::uint32_t brackets = 0;
  std::uint32_t operators = 0;
  std::uint32_t binaries = 0;
  bool continues = false;  // the last token expects an operand after it
  for (std::uint32_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '"') {
      for (++i; i < s.size() && s[i] != '"' && s[i] != '\n'; ++i) {
        if (s[i] == '\\') ++i;
      }
      continues = false;
    } else if (c == '(' || c == '[') {
      if (++brackets + operators > limit) return depth_problem{i, false};
      continues = true;
    } else if (c == ')' || c == ']') {
      if (brackets > 0) --brackets;
      continues = false;
    } else if (word_char(c) && (i == 0 || !word_char(s[i - 1]))) {
      std::uint32_t end = i;
      while (end < s.size() && word_char(s[end])) ++end;
      const std::string_view w(s.data() + i, end - i);
      if (w == "not" || w == "any" || w == "all") {
        if (brackets + ++operators > limit) return depth_problem{i, false};
      } else if (w == "and" || w == "or" || w == "in" || w == "contains" || w == "intersects" ||
                 w == "within" || w == "subset") {
        if (++binaries > chain_limit) return depth_problem{i, true};
      } else if (brackets == 0 && !continues) {
        for (auto start : starts) {
          if (w == start) operators = binaries = 0;
        }
      }
      continues = false;
      for (auto word : continuing) continues = continues || w == word;
      i = end - 1;
    } else if (c == ',' || c == ':' || c == '.' || c == '=' || c == '!' || c == '<' || c == '>') {
      // A comparison (`==`, `!=`, `<=`, `<`, …) counts once, at its first character.
      const bool comparison = c != ',' && c != ':' && c != '.' && !continues;
      if (comparison && ++binaries > chain_limit) return depth_problem{i, true};
      continues = true;
    } else if (c == '{' || c == '}') {
      continues = false;
    }
  }
  return std::nullopt;
}

// The token at `offset`, for "unexpected `…`" messages: up to the next space, at most 20 bytes.
std::string token_at(const std::string& s, std::uint32_t offset) {
  std::uint32_t end = offset;
  while (end < s.size() && end - offset < 20 && s[end] != ' ' && s[end] != '\n' && s[end] != '\t' &&
         s[end] != '\r') {
    ++end;
  }
  return s.substr(offset, end - offset);
}

}  // namespace

std::optional<ast::rule_file> parse_rules(const source_ptr& source, diagnostic_bag& bag,
                                          const parse_limits& limits) {
  const std::string& text = source->text();
  if (text.size() > limits.max_file_bytes) {
    bag.report(
        diagnostic_severity::error, "parse.too_large",
        // Reading stops just past the limit, so the size is not known: say only that it is over.
        "the file is larger than the limit of " + std::to_string(limits.max_file_bytes) + " bytes",
        source.get(), {0, 0});
    return std::nullopt;
  }
  if (auto bad = detail::invalid_utf8_at(text)) {
    // Within the file-size limit checked above, so it fits a span's offset.
    const auto at = static_cast<std::uint32_t>(*bad);
    bag.report(diagnostic_severity::error, "parse.bad_encoding",
               "invalid UTF-8 at byte offset " + std::to_string(at), source.get(), {at, at + 1},
               "rule files are UTF-8 text");
    return std::nullopt;
  }
  if (auto deep = too_deep(text, limits.max_expression_depth, limits.max_binary_operators)) {
    bag.report(diagnostic_severity::error, "parse.too_deep",
               deep->chain
                   ? "a condition has more than " + std::to_string(limits.max_binary_operators) +
                         " operators (`and`, `or`, `==`, `in`, …)"
                   : "a condition nests deeper than " +
                         std::to_string(limits.max_expression_depth) + " levels",
               source.get(), {deep->offset, deep->offset + 1},
               "split it into definitions (`define name = ...`)");
    return std::nullopt;
  }

  syntax::cst::file file;
  // A leading byte order mark is accepted, as in profiles: the grammar sees it as three spaces,
  // so every offset still points into the file as written.
  std::string without_bom;
  const bool bom = text.compare(0, 3, "\xEF\xBB\xBF") == 0;
  if (bom) without_bom = "   " + text.substr(3);
  if (auto failure = syntax::parse_file(bom ? without_bom : text, file)) {
    const std::string token = token_at(text, failure->offset);
    const span where{
        failure->offset,
        failure->offset + static_cast<std::uint32_t>(std::max<std::size_t>(1, token.size()))};
    if (failure->unterminated_string) {
      bag.report(diagnostic_severity::error, "parse.bad_string", "unterminated string",
                 source.get(), {failure->offset, failure->offset + 1},
                 "a string ends with `\"` on the line it starts");
    } else if (failure->at_end_of_file_item) {
      bag.report(diagnostic_severity::error, "parse.unexpected",
                 "unexpected `" + token + "`, expected " + failure->expected, source.get(), where);
    } else {
      const std::string found = failure->offset >= text.size() ? "end of file" : "`" + token + "`";
      bag.report(diagnostic_severity::error, "parse.expected",
                 "expected " + failure->expected + ", found " + found, source.get(), where);
    }
    return std::nullopt;
  }
  return syntax::lower(std::move(file), source, bag);
}

}  // namespace lexgate
