// The per-market regime index (see market_index.hpp).
#include "compile/market_index.hpp"

namespace lexgate::detail {

namespace {

// A regime's reach (design §4): its territory, its own government only, or everywhere.
bool covers(const checked_regime& r, const jurisdiction_table& table, std::uint32_t market) {
  if (!r.jurisdiction) return false;
  switch (r.info.reach) {
    case regime_reach::territory:
      return table.covers(*r.jurisdiction, market);
    case regime_reach::government:
      return *r.jurisdiction == market;
    case regime_reach::extraterritorial:
      return true;
  }
  return false;
}

}  // namespace

market_index build_market_index(const std::vector<checked_regime>& regimes,
                                const jurisdiction_table& jurisdictions) {
  market_index out;
  out.regimes_for.resize(jurisdictions.size());
  for (std::uint32_t m = 0; m < jurisdictions.size(); ++m) {
    for (std::uint32_t r = 0; r < regimes.size(); ++r) {
      if (covers(regimes[r], jurisdictions, m)) out.regimes_for[m].push_back(r);
    }
  }
  return out;
}

}  // namespace lexgate::detail
