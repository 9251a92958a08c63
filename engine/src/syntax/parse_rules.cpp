// `parse_rules`: limits and encoding checks, the X3 parse, and the lowering (layer: syntax).
#include <array>
#include <cstring>
#include <string_view>

#include "lexgate/parse.hpp"
#include "source/text_check.hpp"
#include "syntax/rule_grammar.hpp"
#include "syntax/rule_lowering.hpp"

namespace lexgate {

namespace {

// What the depth estimate makes of each byte; everything else (white space, digits' `-`,
// operators it does not count) passes unseen.
enum class byte_class : std::uint8_t { other, comment, quote, open, close, word, punct, brace };

constexpr std::array<byte_class, 256> byte_classes() {
  std::array<byte_class, 256> out{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
      out[c] = byte_class::word;
    }
  }
  out['#'] = byte_class::comment;
  out['"'] = byte_class::quote;
  out['('] = out['['] = byte_class::open;
  out[')'] = out[']'] = byte_class::close;
  for (const char c : {',', ':', '.', '=', '!', '<', '>'})
    out[static_cast<unsigned char>(c)] = byte_class::punct;
  out['{'] = out['}'] = byte_class::brace;
  return out;
}
constexpr std::array<byte_class, 256> kByteClass = byte_classes();

byte_class class_of(char c) {
  return kByteClass[static_cast<unsigned char>(c)];
}

// What a word means to the depth estimate.
struct word_role {
  bool nests = false;       // `not`, `any`, `all`: one level deeper
  bool binary = false;      // `and`, `or`, `in`, `contains`, `intersects`, `within`, `subset`
  bool starts = false;      // a clause or item keyword: a new condition may begin
  bool continuing = false;  // expects an operand after it
};

word_role role_of(std::string_view w) {
  word_role r;
  switch (w.size()) {
    case 2:
      r.binary = w == "in" || w == "or";
      r.continuing = r.binary || w == "of";
      break;
    case 3:
      r.nests = w == "not" || w == "any" || w == "all";
      r.binary = w == "and";
      r.continuing = r.nests || r.binary;
      break;
    case 4:
      r.starts = w == "when" || w == "rule" || w == "enum";
      break;
    case 6:
      r.binary = w == "within" || w == "subset";
      r.starts = !r.binary && (w == "forbid" || w == "unless" || w == "define" || w == "regime" ||
                               w == "schema");
      r.continuing = r.binary || w == "exists";
      break;
    case 7:
      r.starts = w == "require" || w == "applies";
      break;
    case 8:
      r.binary = r.continuing = w == "contains";
      break;
    case 10:
      r.binary = r.continuing = w == "intersects";
      break;
    default:
      break;
  }
  return r;
}

// The index of the `"` or line feed that ends a string whose body starts at `i` (a backslash
// escapes the byte after it, a line feed included), or an index at or past the end.
std::size_t string_end(std::string_view s, std::size_t i) {
  const char* base = s.data();
  while (i < s.size()) {
    const auto* quote = static_cast<const char*>(std::memchr(base + i, '"', s.size() - i));
    std::size_t stop = quote != nullptr ? static_cast<std::size_t>(quote - base) : s.size();
    if (const auto* line = static_cast<const char*>(std::memchr(base + i, '\n', stop - i))) {
      stop = static_cast<std::size_t>(line - base);
    }
    const auto* escape = static_cast<const char*>(std::memchr(base + i, '\\', stop - i));
    if (escape == nullptr) return stop;
    i = static_cast<std::size_t>(escape - base) + 2;
  }
  return i;
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
  std::uint32_t brackets = 0;
  std::uint32_t operators = 0;
  std::uint32_t binaries = 0;
  bool continues = false;  // the last token expects an operand after it
  const auto size = static_cast<std::uint32_t>(s.size());
  for (std::uint32_t i = 0; i < size; ++i) {
    const char c = s[i];
    switch (class_of(c)) {
      case byte_class::other:
        break;
      case byte_class::comment: {
        const void* line = std::memchr(s.data() + i, '\n', size - i);
        i = line != nullptr ? static_cast<std::uint32_t>(static_cast<const char*>(line) - s.data())
                            : size;
        break;
      }
      case byte_class::quote:
        i = static_cast<std::uint32_t>(string_end(s, i + 1));
        continues = false;
        break;
      case byte_class::open:
        if (++brackets + operators > limit) return depth_problem{i, false};
        continues = true;
        break;
      case byte_class::close:
        if (brackets > 0) --brackets;
        continues = false;
        break;
      case byte_class::word: {
        if (i != 0 && class_of(s[i - 1]) == byte_class::word) break;
        std::uint32_t end = i;
        while (end < size && class_of(s[end]) == byte_class::word) ++end;
        const word_role role = role_of(std::string_view(s.data() + i, end - i));
        if (role.nests) {
          if (brackets + ++operators > limit) return depth_problem{i, false};
        } else if (role.binary) {
          if (++binaries > chain_limit) return depth_problem{i, true};
        } else if (brackets == 0 && !continues && role.starts) {
          operators = binaries = 0;
        }
        continues = role.continuing;
        i = end - 1;
        break;
      }
      case byte_class::punct: {
        // A comparison (`==`, `!=`, `<=`, `<`, …) counts once, at its first character.
        const bool comparison = c != ',' && c != ':' && c != '.' && !continues;
        if (comparison && ++binaries > chain_limit) return depth_problem{i, true};
        continues = true;
        break;
      }
      case byte_class::brace:
        continues = false;
        break;
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
