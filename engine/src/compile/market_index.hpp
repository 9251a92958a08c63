// Which regimes can bind a market, per jurisdiction code (layer: compile). Built once with the
// program, so evaluation visits only the regimes that cover each market instead of testing every
// regime's reach against it.
#pragma once

#include <cstdint>
#include <vector>

#include "check/checked.hpp"

namespace lexgate::detail {

struct market_index {
  /// For each jurisdiction index: the positions in `program::regimes` of the regimes whose reach
  /// covers it, in program order (so findings come out in the same order as a full pass).
  std::vector<std::vector<std::uint32_t>> regimes_for;
  /// For each jurisdiction index: the member states a union of states (`EU`) stands for, in
  /// table order; empty for any other code. Membership is data in the rule library
  /// (`jurisdictions { ... in EU }`), never code.
  std::vector<std::vector<std::uint32_t>> members_of;
};

/// Builds the index over `regimes` (in program order) and the schema's jurisdiction table.
struct compiled_regime;

market_index build_market_index(const std::vector<compiled_regime>& regimes,
                                const jurisdiction_table& jurisdictions);

}  // namespace lexgate::detail
