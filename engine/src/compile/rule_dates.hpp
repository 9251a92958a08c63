// When a rule, a regime or an invariant is in force: a rule's own dates within its regime's
// (layer: compile). One definition for the evaluator and the planner, so both judge the same rules
// on the same day.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

#include "compile/program.hpp"

namespace lexgate::detail {

struct rule_dates {
  date effective;
  /// The first day it no longer applies; a rule without an end, a day no profile reaches. Plain
  /// dates, not optional ones: the evaluator reads these for every rule of every market.
  date until{std::numeric_limits<std::int32_t>::max()};

  bool in_force(date as_of) const { return effective <= as_of && as_of < until; }
};

/// The later of the two `effective` dates and the earlier of the two `until` dates.
inline rule_dates dates_of(const compiled_regime& regime, const compiled_rule& rule) {
  rule_dates d;
  d.effective =
      std::max(regime.info.effective, rule.info.effective.value_or(regime.info.effective));
  if (regime.info.until) d.until = *regime.info.until;
  if (rule.info.until && *rule.info.until < d.until) d.until = *rule.info.until;
  return d;
}

/// An invariant's own dates; one without `effective` has always held.
inline rule_dates dates_of(const compiled_invariant& inv) {
  rule_dates d;
  d.effective = inv.info.effective.value_or(date{std::numeric_limits<std::int32_t>::min()});
  if (inv.info.until) d.until = *inv.info.until;
  return d;
}

/// A regime's own dates, for whether it covers a market on a day.
inline rule_dates dates_of(const compiled_regime& regime) {
  rule_dates d;
  d.effective = regime.info.effective;
  if (regime.info.until) d.until = *regime.info.until;
  return d;
}

}  // namespace lexgate::detail
