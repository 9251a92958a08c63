// What text every writer can express (layer: source). JSON needs valid UTF-8 without
// surrogates; XML 1.0 forbids most C0 controls; terminals and CI logs act on ESC, CR, NEL and
// the Unicode line separators. A string that holds one of these is refused where it is read,
// so that no report, annotation or log line can be forged or broken by it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

namespace lexgate::detail {

/// A code point and the number of bytes that encode it.
struct code_point {
  std::uint32_t value = 0;
  std::size_t length = 0;
};

/// The code point whose encoding starts at byte `i` of `text`, or nothing when the bytes there
/// are not valid UTF-8: a stray continuation byte, a truncated sequence, an overlong form, an
/// encoded surrogate or a value past U+10FFFF. The one UTF-8 decoder of the engine.
inline std::optional<code_point> decode_utf8(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return code_point{c, 1};
  std::size_t length = 0;
  std::uint32_t min = 0;
  if ((c & 0xE0) == 0xC0) {
    length = 2;
    min = 0x80;
  } else if ((c & 0xF0) == 0xE0) {
    length = 3;
    min = 0x800;
  } else if ((c & 0xF8) == 0xF0) {
    length = 4;
    min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (i + length > text.size()) return std::nullopt;
  std::uint32_t cp = c & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  return code_point{cp, length};
}

/// The byte offset of the first byte of `text` that is not part of valid UTF-8 text, a NUL
/// included (never part of a text file); nothing when the text is valid.
inline std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '\0') return i;
    const auto cp = decode_utf8(text, i);
    if (!cp) return i;
    i += cp->length;
  }
  return std::nullopt;
}

/// Whether the eight bytes at `p` are all printable ASCII (space to `~`), tested at once: most
/// text is nothing else, and every report string is checked. A byte below 0x20 sets the high bit
/// of `w - 0x20…` (the lowest such byte borrows from nothing below it); a byte of 0x80 or more
/// has it in `w`; 0x7F reaches it in `w + 0x01…`, which carries nowhere when no byte has it.
inline bool plain_ascii8(const char* p) {
  std::uint64_t w = 0;
  std::memcpy(&w, p, sizeof w);
  constexpr std::uint64_t ones = 0x0101010101010101ull;
  constexpr std::uint64_t highs = 0x8080808080808080ull;
  return (((w - ones * 0x20) | w | (w + ones)) & highs) == 0;
}

/// The byte offset of the first character in `text` that is not valid UTF-8 (overlong forms and
/// encoded surrogates included), a control character (C0 but tab — and line feed when
/// `allow_newline` — DEL, C1 such as NEL), or U+2028/U+2029; nothing when the text is clean.
inline std::optional<std::size_t> unprintable_at(std::string_view text, bool allow_newline) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.size() - i >= 8 && plain_ascii8(text.data() + i)) {
      i += 8;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && !(allow_newline && c == '\n')) || c == 0x7F) return i;
      ++i;
      continue;
    }
    const auto cp = decode_utf8(text, i);
    if (!cp) return i;
    if ((cp->value >= 0x80 && cp->value <= 0x9F) || cp->value == 0x2028 || cp->value == 0x2029) {
      return i;
    }
    i += cp->length;
  }
  return std::nullopt;
}

}  // namespace lexgate::detail
