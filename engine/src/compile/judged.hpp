// What is judged for a profile (layer: compile): its markets, the regimes and rules judged for
// each market on a date, and the invariants in force. One definition for the evaluator and the
// planner, so the solver is asked about exactly the rules `check` judges.
//
// Templates over the caller's visitor, so the evaluator's hot path calls no function object
// through a pointer and allocates nothing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "compile/program.hpp"
#include "compile/rule_dates.hpp"

namespace lexgate::detail {

/// Where a profile of `p` lists its markets: the root's field `deployment` and its `markets`.
struct market_list_at {
  std::size_t deployment = 0;
  std::size_t markets = 0;
};
inline market_list_at market_list_of(const program& p) {
  const int deployment = p.schema.root->field_index("deployment");
  const int markets =
      p.schema.root->fields[static_cast<std::size_t>(deployment)].type->field_index("markets");
  return {static_cast<std::size_t>(deployment), static_cast<std::size_t>(markets)};
}

/// The markets of a profile, first occurrences in order (a market listed twice is judged once):
/// `visit(const std::string& code)`; `at` is `market_list_of` the profile's program.
template <class Visit>
void for_each_market(const value& root, market_list_at at, Visit&& visit) {
  const value& d = root.items[at.deployment];
  if (!d.present()) return;
  const std::vector<value>& listed = d.items[at.markets].items;
  for (auto it = listed.begin(); it != listed.end(); ++it) {
    const bool repeated = std::any_of(
        listed.begin(), it, [&](const value& earlier) { return earlier.text == it->text; });
    if (!repeated) visit(it->text);
  }
}

template <class Visit>
void for_each_market(const program& p, const value& root, Visit&& visit) {
  for_each_market(root, market_list_of(p), visit);
}

/// The regimes judged for `market`, in the order their findings are reported, as groups that
/// share the value of `market` in rules:
/// - a code of the jurisdiction table: the regimes whose reach covers it (the market index);
///   and when it is a union of states (`EU`, which stands for every member state, design §3),
///   then for each member state the regimes of that state not already judged for the union,
///   with `market` being the member state;
/// - an ISO 3166-2 subdivision the table does not list (`JP-13`): its country's regimes that
///   bind everyone there (a government's own rules bind that government only);
/// - any other code: none.
/// `group(const std::string& code, const std::string& member_state)` opens each group (`code`
/// is the value of `market` in its rules; `member_state` is empty except for a member state's
/// group), then `regime(std::uint32_t position)` is called for each of its regimes, by position
/// in `program::regimes`. A `group` that also takes a `std::int64_t` is given `code`'s position
/// in the jurisdiction table (-1 for an undeclared subdivision), which the walk knows already.
/// Where a market code stands in the jurisdiction table: its position, or else (an undeclared
/// ISO 3166-2 subdivision) its country's position; -1 for none.
struct market_position {
  std::int64_t index = -1;
  std::int64_t country = -1;
};
inline market_position market_position_of(const jurisdiction_table& table,
                                          const std::string& market) {
  market_position at;
  if (const auto index = table.index_of(market)) {
    at.index = *index;
  } else if (const auto country = table.declared_for(market)) {
    at.country = *country;
  }
  return at;
}

/// `for_each_judged_regime` with `market`'s position in the table already known.
template <class Group, class Regime>
void for_each_judged_regime_at(const program& p, const std::string& market, market_position at,
                               Group&& group, Regime&& regime);

template <class Group, class Regime>
void for_each_judged_regime(const program& p, const std::string& market, Group&& group,
                            Regime&& regime) {
  for_each_judged_regime_at(p, market, market_position_of(p.schema.jurisdictions, market), group,
                            regime);
}

template <class Group, class Regime>
void for_each_judged_regime_at(const program& p, const std::string& market, market_position at,
                               Group&& group, Regime&& regime) {
  static const std::string none;
  auto open = [&](const std::string& code, const std::string& member, std::int64_t position) {
    if constexpr (std::is_invocable_v<Group&, const std::string&, const std::string&,
                                      std::int64_t>) {
      group(code, member, position);
    } else {
      (void)position;
      group(code, member);
    }
  };
  const auto& table = p.schema.jurisdictions;
  if (at.index >= 0) {
    const auto index = static_cast<std::uint32_t>(at.index);
    const std::span<const std::uint32_t> covering = p.markets.regimes_for[index];
    open(market, none, at.index);
    for (const std::uint32_t r : covering) regime(r);
    for (const std::uint32_t member : p.markets.members_of[index]) {
      const std::string& code = table.code(member);
      open(code, code, member);
      for (const std::uint32_t r : p.markets.regimes_for[member]) {
        // Regimes judged for the union are not judged again.
        if (!std::binary_search(covering.begin(), covering.end(), r)) regime(r);
      }
    }
  } else if (at.country >= 0) {
    open(market, none, -1);
    for (const std::uint32_t r : p.markets.regimes_for[static_cast<std::uint32_t>(at.country)]) {
      if (p.regimes[r].info.reach != regime_reach::government) regime(r);
    }
  }
}

/// How a rule is judged on `as_of`: as in force, as it will stand on its first day (it takes
/// effect after `as_of` but by `horizon`, and before it ends), or not at all.
enum class rule_timing : std::uint8_t { in_force, upcoming, not_judged };

inline rule_timing timing_of(const rule_dates& dates, date as_of, date horizon) {
  if (dates.in_force(as_of)) return rule_timing::in_force;
  if (as_of < dates.effective && dates.effective <= horizon && dates.effective < dates.until) {
    return rule_timing::upcoming;
  }
  return rule_timing::not_judged;
}

/// The rules in force on `as_of` judged for `market`: `visit(const compiled_regime&, const
/// compiled_rule&, const std::string& code, const std::string& member_state)`, with `code` and
/// `member_state` as in `for_each_judged_regime`.
template <class Visit>
void for_each_judged_rule(const program& p, const std::string& market, date as_of, Visit&& visit) {
  const std::string* code = nullptr;
  const std::string* member_state = nullptr;
  for_each_judged_regime(
      p, market,
      [&](const std::string& c, const std::string& m) {
        code = &c;
        member_state = &m;
      },
      [&](std::uint32_t r) {
        const compiled_regime& regime = p.regimes[r];
        for (const compiled_rule& rule : regime.rules) {
          if (dates_of(regime, rule).in_force(as_of)) visit(regime, rule, *code, *member_state);
        }
      });
}

/// The invariants in force on `as_of`, in id order: `visit(const compiled_invariant&)`.
template <class Visit>
void for_each_judged_invariant(const program& p, date as_of, Visit&& visit) {
  for (const compiled_invariant& inv : p.invariants) {
    if (dates_of(inv).in_force(as_of)) visit(inv);
  }
}

}  // namespace lexgate::detail
