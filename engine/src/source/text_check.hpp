// What text every writer can express (layer: source). JSON needs valid UTF-8 without
// surrogates; XML 1.0 forbids most C0 controls; terminals and CI logs act on ESC, CR, NEL and
// the Unicode line separators. A string that holds one of these is refused where it is read,
// so that no report, annotation or log line can be forged or broken by it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace lexgate::detail {

/// The length of the UTF-8 character at `text[i]` (a byte that is not ASCII), with its code
/// point in `cp`; 0 when the bytes there are not valid UTF-8 (overlong forms, encoded surrogates
/// and code points past U+10FFFF included).
inline std::size_t utf8_length_at(std::string_view text, std::size_t i, std::uint32_t& cp) {
  const auto c = static_cast<unsigned char>(text[i]);
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
    return 0;
  }
  if (i + length > text.size()) return 0;
  cp = c & (0xFFu >> (length + 1));
  for (std::size_t k = 1; k < length; ++k) {
    const auto cc = static_cast<unsigned char>(text[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

/// The byte offset of the first byte of `text` that is not valid UTF-8; nothing when it all is.
/// For file names, which may hold control characters (writers replace them) but must be text
/// every report format can carry.
inline std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t length = utf8_length_at(text, i, cp);
    if (length == 0) return i;
    i += length;
  }
  return std::nullopt;
}

/// The byte offset of the first character in `text` that is not valid UTF-8 (overlong forms and
/// encoded surrogates included), a control character (C0 but tab — and line feed when
/// `allow_newline` — DEL, C1 such as NEL), or U+2028/U+2029; nothing when the text is clean.
inline std::optional<std::size_t> unprintable_at(std::string_view text, bool allow_newline) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && !(allow_newline && c == '\n')) || c == 0x7F) return i;
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    const std::size_t length = utf8_length_at(text, i, cp);
    if (length == 0) return i;
    if ((cp >= 0x80 && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029) return i;
    i += length;
  }
  return std::nullopt;
}

}  // namespace lexgate::detail
