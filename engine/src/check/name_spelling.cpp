#include "check/name_spelling.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

namespace lexgate::detail {

namespace {

// Cyrillic and Greek letters Unicode's confusables list (UTS #39, confusables.txt) maps to a
// single Latin letter, by code point.
constexpr std::array<std::pair<char32_t, char>, 47> kLookalikes{{
    {0x0391, 'A'}, {0x0392, 'B'}, {0x0395, 'E'}, {0x0396, 'Z'}, {0x0397, 'H'}, {0x0399, 'I'},
    {0x039A, 'K'}, {0x039C, 'M'}, {0x039D, 'N'}, {0x039F, 'O'}, {0x03A1, 'P'}, {0x03A4, 'T'},
    {0x03A5, 'Y'}, {0x03A7, 'X'}, {0x03B1, 'a'}, {0x03B9, 'i'}, {0x03BD, 'v'}, {0x03BF, 'o'},
    {0x03C1, 'p'}, {0x0405, 'S'}, {0x0406, 'I'}, {0x0408, 'J'}, {0x0410, 'A'}, {0x0412, 'B'},
    {0x0415, 'E'}, {0x041A, 'K'}, {0x041C, 'M'}, {0x041D, 'H'}, {0x041E, 'O'}, {0x0420, 'P'},
    {0x0421, 'C'}, {0x0422, 'T'}, {0x0425, 'X'}, {0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'},
    {0x0440, 'p'}, {0x0441, 'c'}, {0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'},
    {0x0458, 'j'}, {0x04AE, 'Y'}, {0x0501, 'd'}, {0x051B, 'q'}, {0x051D, 'w'},
}};

static_assert(std::is_sorted(kLookalikes.begin(), kLookalikes.end()), "looked up by bisection");

char lookalike(char32_t c) {
  const auto it = std::lower_bound(kLookalikes.begin(), kLookalikes.end(), c,
                                   [](const auto& entry, char32_t key) { return entry.first < key; });
  return it != kLookalikes.end() && it->first == c ? it->second : '\0';
}

// One character of the name: its code point, or, for a byte that begins no well-formed
// character, that byte alone (copied through, never matched).
struct character {
  char32_t code = 0;
  std::string_view bytes;
  bool well_formed = true;
};

std::vector<character> characters_of(std::string_view s) {
  std::vector<character> out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    char32_t code = n == 1 ? b : n == 2 ? (b & 0x1F) : n == 3 ? (b & 0x0F) : (b & 0x07);
    bool ok = n != 0 && i + n <= s.size();
    for (std::size_t k = 1; ok && k < n; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      ok = (c >> 6) == 0x2;
      code = (code << 6) | (c & 0x3F);
    }
    if (!ok) {
      out.push_back({b, s.substr(i, 1), false});
      ++i;
      continue;
    }
    out.push_back({code, s.substr(i, n), true});
    i += n;
  }
  return out;
}

bool ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_alnum(char32_t c) { return ascii_letter(c) || (c >= '0' && c <= '9'); }
bool in_word(const character& c) { return ascii_alnum(c.code) || (c.well_formed && c.code >= 0x80); }

}  // namespace

std::optional<std::string> as_it_looks(std::string_view name) {
  if (std::none_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return std::nullopt;
  }
  std::vector<character> chars = characters_of(name);
  std::vector<char> ascii(chars.size(), '\0');  // the ASCII character each one reads as, if any
  bool changed = false;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const char32_t c = chars[i].code;
    if (!chars[i].well_formed) continue;
    if (c >= 0xFF01 && c <= 0xFF5E) {
      chars[i].code = c - 0xFEE0;  // the full-width forms of ASCII `!` to `~`, in order
      ascii[i] = static_cast<char>(chars[i].code);
      changed = true;
    } else if (c == 0x3000) {
      chars[i].code = ' ';
      ascii[i] = ' ';
      changed = true;
    }
  }
  // Words (runs of letters and digits): a look-alike counts only beside a Latin letter.
  for (std::size_t start = 0; start < chars.size();) {
    if (!in_word(chars[start])) {
      ++start;
      continue;
    }
    std::size_t end = start;
    bool latin = false;
    bool foreign = false;
    while (end < chars.size() && in_word(chars[end])) {
      latin = latin || ascii_letter(chars[end].code);
      foreign = foreign || lookalike(chars[end].code) != '\0';
      ++end;
    }
    if (latin && foreign) {
      for (std::size_t i = start; i < end; ++i) {
        if (const char l = lookalike(chars[i].code); l != '\0') {
          ascii[i] = l;
          changed = true;
        }
      }
    }
    start = end;
  }
  if (!changed) return std::nullopt;
  std::string out;
  out.reserve(name.size());
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (ascii[i] != '\0') {
      out += ascii[i];
    } else {
      out += chars[i].bytes;
    }
  }
  return out;
}

}  // namespace lexgate::detail
