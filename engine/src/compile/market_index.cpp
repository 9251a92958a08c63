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

// Unions of states (`EU`): codes with a country (a two-letter code) directly inside them. `US`
// holds subdivisions (`US-TX`) and stands for itself.
std::vector<bool> union_flags(const jurisdiction_table& table) {
  std::vector<bool> unions(table.size(), false);
  for (std::uint32_t c = 0; c < table.size(); ++c) {
    if (table.code(c).size() != 2) continue;
    for (const std::uint32_t parent : table.parents(c)) unions[parent] = true;
  }
  return unions;
}

// The member states a union stands for (design §3: `EU` means every member state): the
// countries inside it, through unions inside it, in table order.
std::vector<std::uint32_t> member_states_of(const jurisdiction_table& table,
                                            const std::vector<bool>& unions, std::uint32_t code) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t c = 0; c < table.size(); ++c) {
    if (c == code || table.code(c).size() != 2 || !table.covers(code, c)) continue;
    if (!unions[c]) out.push_back(c);
  }
  return out;
}

}  // namespace

market_index build_market_index(const std::vector<checked_regime>& regimes,
                                const jurisdiction_table& jurisdictions) {
  market_index out;
  out.regimes_for.resize(jurisdictions.size());
  out.members_of.resize(jurisdictions.size());
  const std::vector<bool> unions = union_flags(jurisdictions);
  for (std::uint32_t m = 0; m < jurisdictions.size(); ++m) {
    for (std::uint32_t r = 0; r < regimes.size(); ++r) {
      if (covers(regimes[r], jurisdictions, m)) out.regimes_for[m].push_back(r);
    }
    if (unions[m]) out.members_of[m] = member_states_of(jurisdictions, unions, m);
  }
  return out;
}

}  // namespace lexgate::detail
