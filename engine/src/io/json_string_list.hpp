// A JSON array of plain strings read in one pass over its text (layer: profile).
//
// Most lists of a profile are short lists of codes and enum values (`["CN","IT","US-NY"]`).
// simdjson's On-Demand iterator reads such a list a token at a time, and was asked to count it
// first; the fast typer instead takes the array's text as written (`raw_json`) and reads it
// here. Only the plainest form is taken: items that are strings of printable ASCII without an
// escape or a quote, separated by commas, with JSON white space between tokens. Such text is
// valid JSON whose strings are their text as written, so the items are what the DOM would
// hold; anything else (an escape, a number, null, a nested container, broken structure) is not
// taken, and the caller gives the line up to the path that decides it.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace lexgate::detail {

/// Whether `c` is JSON white space.
[[gnu::always_inline]] inline bool json_white_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/// Reads the array written in `raw` (from its `[` to its `]`, white space after it allowed)
/// into `items`, the text of each string between its quotes; false when `raw` is not such an
/// array of plain strings. `raw` must lie in a buffer readable for 16 bytes past its end (a
/// line padded for simdjson), as the strings are searched 16 bytes at a time.
[[gnu::always_inline]] inline bool plain_string_list(std::string_view raw,
                                                     std::vector<std::string_view>& items) {
  items.clear();
  const char* p = raw.data();
  const char* end = p + raw.size();
  while (end > p && json_white_space(end[-1])) --end;
  if (end - p < 2 || *p != '[' || end[-1] != ']') return false;
  ++p;
  --end;  // at the `]`
  auto skip_space = [&] {
    while (p < end && json_white_space(*p)) ++p;
  };
  skip_space();
  if (p == end) return true;  // []
  for (;;) {
    if (*p != '"') return false;
    const char* text = ++p;
    // The closing quote: the first byte that is not plain text must be it.
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
      if (p >= end || *p != '"') return false;  // past the array, or not plain text
      break;
    }
    items.emplace_back(text, static_cast<std::size_t>(p - text));
    ++p;  // past the closing quote
    skip_space();
    if (p == end) return true;
    if (*p != ',') return false;
    ++p;
    skip_space();
    if (p == end) return false;  // a comma before the `]`
  }
}

}  // namespace lexgate::detail
