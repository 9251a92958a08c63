// Which regimes can bind a market, per jurisdiction code (layer: compile). Built once with the
// program, so evaluation visits only the regimes that cover each market instead of testing every
// regime's reach against it.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "check/checked.hpp"

namespace lexgate::detail {

/// One list of positions per jurisdiction index, packed in one array (`starts` has one entry
/// per jurisdiction and one more, the end), so the index is two allocations, not one per code.
struct position_lists {
  std::vector<std::uint32_t> starts;
  std::vector<std::uint32_t> items;

  /// The number of lists.
  std::size_t size() const { return starts.empty() ? 0 : starts.size() - 1; }
  std::span<const std::uint32_t> operator[](std::size_t i) const {
    return {items.data() + starts[i], starts[i + 1] - starts[i]};
  }
  std::span<const std::uint32_t> back() const { return (*this)[size() - 1]; }
  /// Whether `starts` delimits `items` (decoded bytes are checked with it).
  bool well_formed() const {
    if (starts.empty() || starts.front() != 0 || starts.back() != items.size()) return false;
    for (std::size_t i = 1; i < starts.size(); ++i) {
      if (starts[i] < starts[i - 1]) return false;
    }
    return true;
  }
  /// Packs lists built one per jurisdiction.
  static position_lists of(const std::vector<std::vector<std::uint32_t>>& lists) {
    position_lists out;
    out.starts.reserve(lists.size() + 1);
    out.starts.push_back(0);
    for (const auto& l : lists) {
      out.items.insert(out.items.end(), l.begin(), l.end());
      out.starts.push_back(static_cast<std::uint32_t>(out.items.size()));
    }
    return out;
  }
};

struct market_index {
  /// For each jurisdiction index: the positions in `program::regimes` of the regimes whose reach
  /// covers it, in program order (so findings come out in the same order as a full pass).
  position_lists regimes_for;
  /// For each jurisdiction index: the member states a union of states (`EU`) stands for, in
  /// table order; empty for any other code. Membership is data in the rule library
  /// (`jurisdictions { ... in EU }`), never code.
  position_lists members_of;
};

struct compiled_regime;

market_index build_market_index(const std::vector<compiled_regime>& regimes,
                                const jurisdiction_table& jurisdictions);

}  // namespace lexgate::detail
