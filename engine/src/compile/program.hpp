// The compiled evaluation program: the checked regimes ordered for evaluation and the invariants
// for the remediation planner, with the library's identity (layer: compile). Immutable once built;
// shared by every evaluation and thread.
#pragma once

#include <string>
#include <vector>

#include "check/checked.hpp"
#include "compile/market_index.hpp"

namespace lexgate::detail {

struct program {
  std::string name;
  std::string digest;
  lexgate::schema schema;
  std::vector<checked_regime> regimes;
  std::vector<regime_info> regime_infos;        ///< Same order as `regimes`, with their rules.
  std::vector<checked_invariant> invariants;    ///< In id order; for the planner, never `check`.
  std::vector<invariant_info> invariant_infos;  ///< Same order as `invariants`.
  std::vector<invariant_conditions> invariant_texts;  ///< Same order as `invariants`.
  std::uint32_t max_slots = 0;
  market_index markets;  ///< The regimes that can bind each market, for evaluation.
};

}  // namespace lexgate::detail
