// The per-market regime index (see market_index.hpp).
#include "compile/market_index.hpp"

#include "compile/program.hpp"

namespace lexgate::detail {

namespace {

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

market_index build_market_index(const std::vector<compiled_regime>& regimes,
                                const jurisdiction_table& jurisdictions) {
  const std::uint32_t n = static_cast<std::uint32_t>(jurisdictions.size());
  std::vector<std::vector<std::uint32_t>> regimes_for(n);
  std::vector<std::vector<std::uint32_t>> members_of(n);
  // A regime's reach (design §4): its territory, its own government only, or everywhere.
  // Regimes are taken in order, so each market lists its regimes in order. The markets a
  // territory covers are found once per jurisdiction, though many regimes share one.
  std::vector<std::vector<std::uint32_t>> territory(n);
  std::vector<bool> territory_known(n, false);
  for (std::uint32_t r = 0; r < regimes.size(); ++r) {
    if (!regimes[r].jurisdiction) continue;
    const std::uint32_t home = *regimes[r].jurisdiction;
    switch (regimes[r].info.reach) {
      case regime_reach::territory: {
        if (home >= n) break;  // covers nothing: the table knows only codes below n
        if (!territory_known[home]) {
          for (std::uint32_t m = 0; m < n; ++m) {
            if (jurisdictions.covers(home, m)) territory[home].push_back(m);
          }
          territory_known[home] = true;
        }
        for (const std::uint32_t m : territory[home]) regimes_for[m].push_back(r);
        break;
      }
      case regime_reach::government:
        if (home < n) regimes_for[home].push_back(r);
        break;
      case regime_reach::extraterritorial:
        for (std::uint32_t m = 0; m < n; ++m) regimes_for[m].push_back(r);
        break;
    }
  }
  const std::vector<bool> unions = union_flags(jurisdictions);
  for (std::uint32_t m = 0; m < n; ++m) {
    if (unions[m]) members_of[m] = member_states_of(jurisdictions, unions, m);
  }
  return {position_lists::of(regimes_for), position_lists::of(members_of)};
}

}  // namespace lexgate::detail
