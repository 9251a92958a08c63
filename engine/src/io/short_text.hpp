// Short texts compared and copied inline (layer: profile): the names, enum values and codes of
// a profile are a few bytes each, and a call to memcmp or memcpy, or std::string's general
// assignment, cost more than the work itself. Used where JSON lines are typed into reused
// profiles (json_fast_typer.cpp) and where their company names are resolved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "lexgate/text_hash.hpp"

namespace lexgate::detail {

// Whether the `n` bytes at `a` and `b` are the same, compared inline a word at a time: names and
// enum values are short, and a call to memcmp cost more than the comparison; a call to this one
// too (it ran some 90 times a line).
[[gnu::always_inline]] inline bool same_bytes(const char* a, const char* b, std::size_t n) {
  auto word = [](const char* p) {
    std::uint64_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  auto half = [](const char* p) {
    std::uint32_t w;
    std::memcpy(&w, p, sizeof w);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (word(a + i) != word(b + i)) return false;
    }
    return word(a + n - 8) == word(b + n - 8);  // the last eight, overlapping
  }
  if (n >= 4) return half(a) == half(b) && half(a + n - 4) == half(b + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

// Copies `n` bytes, a few words at a time for the short texts of a profile: the call to memcpy
// cost more than the copy.
[[gnu::always_inline]] inline void copy_bytes(char* to, const char* from, std::size_t n) {
  if (n > 16) {
    std::memcpy(to, from, n);
    return;
  }
  if (n >= 8) {
    std::uint64_t a, b;  // the first eight and the last eight, overlapping
    std::memcpy(&a, from, sizeof a);
    std::memcpy(&b, from + n - 8, sizeof b);
    std::memcpy(to, &a, sizeof a);
    std::memcpy(to + n - 8, &b, sizeof b);
    return;
  }
  if (n >= 4) {
    std::uint32_t a, b;
    std::memcpy(&a, from, sizeof a);
    std::memcpy(&b, from + n - 4, sizeof b);
    std::memcpy(to, &a, sizeof a);
    std::memcpy(to + n - 4, &b, sizeof b);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) to[i] = from[i];
}

// Makes `text` hold `s`. Most strings of a line have the length the previous line's had in the
// same place: their bytes are copied over in place, which costs less than comparing them first
// (a comparison reads both texts, and a profile's texts change from line to line often enough
// that it paid for a copy as well). Otherwise the bytes are copied into the memory `text` has,
// wherever it suffices: `assign` goes through the general `_M_replace`, which costs several
// times the copy of a short string.
[[gnu::always_inline]] inline void assign_text(std::string& text, std::string_view s) {
  const std::size_t had = text.size();
  const std::size_t n = s.size();
  if (had == n) {
    copy_bytes(text.data(), s.data(), n);
    return;
  }
  if (n < had) {
    text.resize(n);  // shortens in place
    copy_bytes(text.data(), s.data(), n);
    return;
  }
  if (n <= text.capacity()) {
    text.append(s.data() + had, n - had);  // in place: the capacity suffices
    copy_bytes(text.data(), s.data(), had);
    return;
  }
  text.assign(s);
}

// A hash of a short text taken eight bytes at a time, for tables of names a line looks up
// several times.
using short_text_hash = lexgate::text_hash;

}  // namespace lexgate::detail
