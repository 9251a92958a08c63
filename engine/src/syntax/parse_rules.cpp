// `parse_rules`: limits and encoding checks, the X3 parse, and the lowering (layer: syntax).
#include <string_view>

#include "lexgate/parse.hpp"
#include "syntax/rule_grammar.hpp"
#include "syntax/rule_lowering.hpp"

namespace lexgate {

namespace {

// The first byte that is not part of valid UTF-8 text (NUL included), if any.
std::optional<std::uint32_t> bad_encoding(const std::string& s) {
  std::uint32_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    std::uint32_t length = c < 0x80             ? 1
                           : (c & 0xE0) == 0xC0 ? 2
                           : (c & 0xF0) == 0xE0 ? 3
                           : (c & 0xF8) == 0xF0 ? 4
                                                : 0;
    if (length == 0 || i + length > s.size() || (length == 2 && c < 0xC2)) return i;
    for (std::uint32_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += length;
  }
  return std::nullopt;
}

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// X3 recurses once per nesting level, on the C stack. Before parsing, estimate each
// condition's nesting from above — brackets open plus every `not`, `any` and `all` since the
// condition began — and refuse files where it passes the limit, so no input can overflow the
// stack. A condition begins at a clause keyword outside brackets that does not continue an
// expression: `when` after `in` or `.` is a name inside the condition, not a new clause.
std::optional<std::uint32_t> too_deep(const std::string& s, std::uint32_t limit) {
  static const std::string_view starts[] = {"when", "require", "forbid",  "unless", "define",
                                            "rule", "regime",  "applies", "enum",   "schema"};
  static const std::string_view continuing[] = {"in",     "and",        "or",     "not",
                                                "any",    "all",        "exists", "of",
                                                "subset", "intersects", "within", "contains"};
  std::uint32_t brackets = 0;
  std::uint32_t operators = 0;
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
      if (++brackets + operators > limit) return i;
      continues = true;
    } else if (c == ')' || c == ']') {
      if (brackets > 0) --brackets;
      continues = false;
    } else if (word_char(c) && (i == 0 || !word_char(s[i - 1]))) {
      std::uint32_t end = i;
      while (end < s.size() && word_char(s[end])) ++end;
      const std::string_view w(s.data() + i, end - i);
      if (w == "not" || w == "any" || w == "all") {
        if (brackets + ++operators > limit) return i;
      } else if (brackets == 0 && !continues) {
        for (auto start : starts) {
          if (w == start) operators = 0;
        }
      }
      continues = false;
      for (auto word : continuing) continues = continues || w == word;
      i = end - 1;
    } else if (c == ',' || c == ':' || c == '.' || c == '=' || c == '!' || c == '<' || c == '>') {
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
  if (auto bad = bad_encoding(text)) {
    bag.report(diagnostic_severity::error, "parse.bad_encoding",
               "invalid UTF-8 at byte offset " + std::to_string(*bad), source.get(),
               {*bad, *bad + 1}, "rule files are UTF-8 text");
    return std::nullopt;
  }
  if (auto deep = too_deep(text, limits.max_expression_depth)) {
    bag.report(
        diagnostic_severity::error, "parse.too_deep",
        "a condition nests deeper than " + std::to_string(limits.max_expression_depth) + " levels",
        source.get(), {*deep, *deep + 1}, "split it into definitions (`define name = ...`)");
    return std::nullopt;
  }

  syntax::cst::file file;
  if (auto failure = syntax::parse_file(text, file)) {
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
