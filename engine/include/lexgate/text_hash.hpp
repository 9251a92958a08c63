// A hash of short texts for tables the engine and the command line keep (layer: source).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace lexgate {

/// A hash of a short text, eight bytes at a time: `std::hash` takes them a byte or four at a
/// time. For bounded tables where a text only finds itself, so a weaker mix costs a longer probe
/// at worst.
struct text_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const {
    constexpr std::uint64_t k = 0x9E3779B97F4A7C15ull;
    std::uint64_t h = s.size() * k;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, sizeof w);
      h = (std::rotl(h, 23) ^ w) * k;
    }
    if (i < s.size()) {
      // The last few bytes: the last eight, shifted past the bytes already taken, when the
      // text has eight (a copy of a variable length is a call to memcpy); else byte by byte.
      std::uint64_t w = 0;
      if (s.size() >= 8) {
        std::memcpy(&w, s.data() + s.size() - 8, sizeof w);
        w >>= 8 * (8 - (s.size() - i));
      } else {
        for (std::size_t j = s.size(); j-- > i;) w = (w << 8) | static_cast<unsigned char>(s[j]);
      }
      h = (std::rotl(h, 23) ^ w) * k;
    }
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
};

}  // namespace lexgate
