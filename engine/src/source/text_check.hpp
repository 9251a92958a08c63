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
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  std::size_t i = 0;
  while (i < text.size()) {
    // Eight bytes at a time while they are ASCII without a NUL, as most of a text file is.
    if (i + 8 <= text.size()) {
      std::uint64_t eight = 0;
      std::memcpy(&eight, text.data() + i, 8);
      if ((eight & highs) == 0 && ((eight - ones) & ~eight & highs) == 0) {
        i += 8;
        continue;
      }
    }
    if (text[i] == '\0') return i;
    const auto cp = decode_utf8(text, i);
    if (!cp) return i;
    i += cp->length;
  }
  return std::nullopt;
}

/// The byte offset of the first character in `text` that is not valid UTF-8 (overlong forms and
/// encoded surrogates included), a control character (C0 but tab — and line feed when
/// `allow_newline` — DEL, C1 such as NEL), or U+2028/U+2029; nothing when the text is clean.
inline std::optional<std::size_t> unprintable_at(std::string_view text, bool allow_newline) {
  constexpr std::uint64_t ones = 0x0101010101010101u;
  constexpr std::uint64_t highs = 0x8080808080808080u;
  std::size_t i = 0;
  while (i < text.size()) {
    // Eight bytes at a time while they are printable ASCII (0x20 to 0x7E), as most text is:
    // no high bit, no byte below 0x20, no DEL.
    if (i + 8 <= text.size()) {
      std::uint64_t eight = 0;
      std::memcpy(&eight, text.data() + i, 8);
      const std::uint64_t del = eight ^ (0x7F * ones);
      if ((eight & highs) == 0 && ((eight - 0x20 * ones) & ~eight & highs) == 0 &&
          ((del - ones) & ~del & highs) == 0) {
        i += 8;
        continue;
      }
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
