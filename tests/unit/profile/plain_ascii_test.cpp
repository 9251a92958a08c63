// The eight-bytes-at-once test of plain ASCII in source/text_check.hpp: `unprintable_at` must
// find exactly the character the one-byte-at-a-time reading finds, wherever in the text, and
// whatever surrounds it, for every byte value.
#include <optional>
#include <string>

#include "source/text_check.hpp"
#include "support/catch.hpp"

namespace {

// The reading without the shortcut: one character at a time.
std::optional<std::size_t> one_at_a_time(std::string_view text, bool allow_newline) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && !(allow_newline && c == '\n')) || c == 0x7F) return i;
      ++i;
      continue;
    }
    const auto cp = lexgate::detail::decode_utf8(text, i);
    if (!cp) return i;
    if ((cp->value >= 0x80 && cp->value <= 0x9F) || cp->value == 0x2028 || cp->value == 0x2029) {
      return i;
    }
    i += cp->length;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("plain ASCII read eight bytes at once: every byte value at every position", "[text]") {
  using lexgate::detail::unprintable_at;
  std::size_t checked = 0;
  for (const char* filler : {"a", "~", " ", "0"}) {
    for (std::size_t size : {1u, 7u, 8u, 9u, 15u, 16u, 17u, 24u}) {
      for (std::size_t at = 0; at < size; ++at) {
        for (int b = 0; b < 256; ++b) {
          std::string text(size, filler[0]);
          text[at] = static_cast<char>(b);
          for (const bool newline : {false, true}) {
            INFO("size " << size << ", byte " << b << " at " << at);
            CHECK(unprintable_at(text, newline) == one_at_a_time(text, newline));
            ++checked;
          }
        }
      }
    }
  }
  CHECK(checked > 50000);
}

TEST_CASE("plain ASCII read eight bytes at once: text around multi-byte characters", "[text]") {
  using lexgate::detail::unprintable_at;
  const std::string pieces[] = {"abcdefgh", "é", "\xE2\x80\xA8", "\xC2\x85", "\t", "\n",
                                "\x7F",     "\x1B", "\xFF", "\xE2\x82", "z", "€uro"};
  // Every sequence of three pieces, each repeated so that some land on an eight-byte boundary.
  for (const auto& a : pieces) {
    for (const auto& b : pieces) {
      for (const auto& c : pieces) {
        const std::string text = a + b + b + c + a + c;
        CHECK(unprintable_at(text, false) == one_at_a_time(text, false));
        CHECK(unprintable_at(text, true) == one_at_a_time(text, true));
      }
    }
  }
}
