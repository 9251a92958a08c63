// When a rule is in force: its own dates within its regime's (layer: compile). One definition
// for the evaluator and the planner, so both judge the same rules on the same day.
#pragma once

#include <algorithm>
#include <optional>

#include "check/checked.hpp"

namespace lexgate::detail {

struct rule_dates {
  date effective;
  std::optional<date> until;

  bool in_force(date as_of) const { return effective <= as_of && (!until || as_of < *until); }
};

/// The later of the two `effective` dates and the earlier of the two `until` dates.
inline rule_dates dates_of(const checked_regime& regime, const checked_rule& rule) {
  rule_dates d{std::max(regime.info.effective, rule.info.effective.value_or(regime.info.effective)),
               regime.info.until};
  if (rule.info.until && (!d.until || *rule.info.until < *d.until)) d.until = rule.info.until;
  return d;
}

}  // namespace lexgate::detail
