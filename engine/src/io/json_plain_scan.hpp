// The plainest JSON, read from its text (layer: profile): strings of printable ASCII without an
// escape, the literals, and integers as written, between JSON white space.
//
// The fast typer reads a line written in the plainest way straight from its text, before
// simdjson is asked (json_fast_typer.hpp). Each reader here takes only a value so written,
// which is then valid JSON whose value is its text as written, so what is read is what the DOM
// would hold; anything else (an escape, a number that is not a small integer, broken
// structure) is refused, and the caller gives the line up to the paths that decide it.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lexgate::detail {

/// The bytes that may follow a scalar: a comma, a closing bracket or brace, white space (one
/// load where there were eight comparisons).
struct delimiter_table {
  bool is[256] = {};
  constexpr delimiter_table() {
    for (const char c : {',', '}', ']', ' ', '\t', '\n', '\r'}) {
      is[static_cast<unsigned char>(c)] = true;
    }
  }
};
inline constexpr delimiter_table scalar_delimiters{};

/// A position in a line's text, and where the text ends. The text must lie in a buffer readable
/// for 16 bytes past `end` (a line padded for simdjson), strings being searched 16 bytes at a
/// time, and the byte at `end` must be a line break or a NUL: a byte is read before it is known
/// to lie before `end` wherever one that is not JSON's punctuation would be refused anyway.
struct plain_cursor {
  const char* p;
  const char* end;

  [[gnu::always_inline]] static bool white_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  // Most tokens follow another at once: a byte above the space is not white space (and the
  // byte at `end` may be read).
  [[gnu::always_inline]] void skip_space() {
    while (static_cast<unsigned char>(*p) <= ' ' && p < end && white_space(*p)) ++p;
  }

  /// Past `c` (JSON punctuation) at `p`, after any white space; false when something else is
  /// there. (The byte at `end` is never punctuation.)
  [[gnu::always_inline]] bool expect(char c) {
    if (*p != c) {
      skip_space();
      if (p >= end || *p != c) return false;
    }
    ++p;
    return true;
  }

  /// Past the string that starts at `p` (at its opening quote), its text in `text`; false when
  /// it is not a plain string that ends before `end`.
  [[gnu::always_inline]] bool string(std::string_view& text) {
    if (p >= end || *p != '"') return false;
    const char* start = ++p;
    for (;;) {
      if (p >= end) return false;
#if defined(__SSE2__)
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i low = _mm_cmplt_epi8(v, _mm_set1_epi8(0x20));  // 0x80 and above too
      const __m128i del = _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7f));
      const __m128i slash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
      const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
      const unsigned bad = static_cast<unsigned>(
          _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(low, del), _mm_or_si128(slash, quote))));
      if (bad == 0) {
        p += 16;
        continue;
      }
      p += __builtin_ctz(bad);
#else
      const auto c = static_cast<unsigned char>(*p);
      if (c >= 0x20 && c < 0x7F && c != '\\' && c != '"') {
        ++p;
        continue;
      }
#endif
      // The first byte that is not plain text must be the closing quote, before the end.
      if (p >= end || *p != '"') return false;
      text = std::string_view(start, static_cast<std::size_t>(p - start));
      ++p;
      return true;
    }
  }

  /// Whether the byte at `p` ends a scalar: white space, a comma, a closing bracket or brace,
  /// or the end of the text. (What follows is then read as the container's next token.)
  [[gnu::always_inline]] bool at_delimiter() const {
    return scalar_delimiters.is[static_cast<unsigned char>(*p)] || p == end;
  }

  /// Past the literal `true` or `false` at `p`, its value in `b`.
  /// (Its first four bytes are compared at once: the text is readable past `end`.)
  [[gnu::always_inline]] bool boolean(bool& b) {
    std::uint32_t word;
    std::memcpy(&word, p, sizeof word);
    if (word == four("true") && end - p >= 4) {
      p += 4;
      b = true;
      return at_delimiter();
    }
    if (word == four("fals") && end - p >= 5 && p[4] == 'e') {
      p += 5;
      b = false;
      return at_delimiter();
    }
    return false;
  }

  /// The first four bytes of `text` as one word, as `memcpy` loads them.
  static constexpr std::uint32_t four(const char* text) {
    if constexpr (std::endian::native == std::endian::little) {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 8 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 16 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[3])) << 24;
    } else {
      return static_cast<std::uint32_t>(static_cast<unsigned char>(text[3])) |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[2])) << 8 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[1])) << 16 |
             static_cast<std::uint32_t>(static_cast<unsigned char>(text[0])) << 24;
    }
  }

  /// Past the literal `null` at `p`.
  [[gnu::always_inline]] bool null() {
    if (end - p >= 4 && p[0] == 'n' && p[1] == 'u' && p[2] == 'l' && p[3] == 'l') {
      p += 4;
      return at_delimiter();
    }
    return false;
  }

  /// Past the integer at `p`, written as JSON writes one (`0`, `-12`, no leading zero, no
  /// fraction or exponent), of at most 18 digits (so within int64, which the DOM holds it as);
  /// `-0` is not taken (the DOM holds it as a double).
  [[gnu::always_inline]] bool integer(std::int64_t& i) {
    const bool negative = p < end && *p == '-';
    if (negative) ++p;
    if (p >= end || *p < '0' || *p > '9') return false;
    if (*p == '0') {
      ++p;
      if (negative) return false;
      i = 0;
      return at_delimiter();
    }
    std::uint64_t n = 0;
    const char* first = p;
    while (p < end && *p >= '0' && *p <= '9') {
      n = n * 10 + static_cast<std::uint64_t>(*p - '0');
      ++p;
    }
    if (p - first > 18) return false;
    i = negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
    return at_delimiter();
  }
};

/// The text `raw` of a container, white space after it allowed, without that white space:
/// empty when it does not open with `open` and close with `close`.
[[gnu::always_inline]] inline std::string_view plain_container(std::string_view raw, char open,
                                                               char close) {
  const char* p = raw.data();
  const char* end = p + raw.size();
  while (end > p && plain_cursor::white_space(end[-1])) --end;
  if (end - p < 2 || *p != open || end[-1] != close) return {};
  return std::string_view(p, static_cast<std::size_t>(end - p));
}

/// Past the list of plain strings that starts at `at.p` (at its `[`), their texts in `items`;
/// false when it is not such a list, closed before `at.end`.
[[gnu::always_inline]] inline bool plain_string_items(plain_cursor& at,
                                                      std::vector<std::string_view>& items) {
  items.clear();
  if (at.p >= at.end || *at.p != '[') return false;
  ++at.p;
  at.skip_space();
  if (at.p < at.end && *at.p == ']') {
    ++at.p;
    return true;
  }
  for (;;) {
    std::string_view text;
    if (!at.string(text)) return false;
    items.push_back(text);
    at.skip_space();
    if (at.p >= at.end) return false;
    if (*at.p == ']') {
      ++at.p;
      return true;
    }
    if (*at.p != ',') return false;
    ++at.p;
    at.skip_space();
  }
}

/// Reads the array written in `raw` (white space after it allowed) into `items`, the text of
/// each string; false when `raw` is not an array of plain strings.
[[gnu::always_inline]] inline bool plain_string_list(std::string_view raw,
                                                     std::vector<std::string_view>& items) {
  const std::string_view list = plain_container(raw, '[', ']');
  if (list.empty()) return false;
  plain_cursor at{list.data(), list.data() + list.size()};
  return plain_string_items(at, items) && at.p == at.end;
}

}  // namespace lexgate::detail
