// Short texts hashed eight bytes at a time, and a set of them that allocates once (scan's
// evidence paths and profile ids: a fleet has thousands of each, a few dozen bytes long).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace lexgate::cli {

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

/// Texts seen, by view (the texts must outlive the set), for a number of texts known
/// beforehand: one table sized once, probed in place, where `std::unordered_set` allocated a
/// node for every text.
class text_set {
 public:
  explicit text_set(std::size_t expected) {
    std::size_t size = 16;
    while (size < 2 * expected) size *= 2;
    slots_.resize(size);
    mask_ = size - 1;
    shift_ = static_cast<unsigned>(64 - std::countr_zero(size));
  }
  /// Adds `text`; false when it was there already.
  bool insert(std::string_view text) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    return place(text);
  }

 private:
  struct slot {
    const char* data = nullptr;  // null: empty
    std::size_t size = 0;
  };
  bool place(std::string_view text) {
    // The hash's high bits, mixed once more: texts that differ in their last bytes (`p-41`,
    // `p-42`) differ in the hash's high bits, and its low bits alone clustered them.
    const std::uint64_t h = static_cast<std::uint64_t>(text_hash{}(text)) * 0x9E3779B97F4A7C15ull;
    for (std::size_t i = static_cast<std::size_t>(h >> shift_);; i = (i + 1) & mask_) {
      slot& s = slots_[i];
      if (s.data == nullptr) {
        // An empty text is kept with a non-null address of its own.
        s.data = text.empty() ? empty_ : text.data();
        s.size = text.size();
        ++count_;
        return true;
      }
      if (s.size == text.size() && std::memcmp(s.data, text.data(), text.size()) == 0) {
        return false;
      }
    }
  }
  void grow() {
    std::vector<slot> old(slots_.size() * 2);
    old.swap(slots_);
    mask_ = slots_.size() - 1;
    shift_ = static_cast<unsigned>(64 - std::countr_zero(slots_.size()));
    count_ = 0;
    for (const slot& s : old) {
      if (s.data != nullptr) place(std::string_view(s.data, s.size));
    }
  }

  static constexpr char empty_[1] = {};
  std::vector<slot> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;  // of a hash, for its top bits: as many as the table's size has
  std::size_t count_ = 0;
};

}  // namespace lexgate::cli
