// The compiled evaluation plan: the checked regimes ordered for evaluation, with the library's
// identity (layer: compile). Immutable once built; shared by every evaluation and thread.
#pragma once

#include <string>
#include <vector>

#include "check/checked.hpp"
#include "compile/market_index.hpp"

namespace lexgate::detail {

struct plan {
  std::string name;
  std::string digest;
  lexgate::schema schema;
  std::vector<checked_regime> regimes;
  std::vector<regime_info> regime_infos;  ///< Same order as `regimes`, for listing.
  std::uint32_t max_slots = 0;
  market_index markets;  ///< The regimes that can bind each market, for evaluation.
};

}  // namespace lexgate::detail
