// A set of short texts that allocates once (scan's profile ids: a fleet has thousands, each a
// few dozen bytes long), hashed with `lexgate::text_hash`.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "lexgate/text_hash.hpp"

namespace lexgate::cli {

using lexgate::text_hash;

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
