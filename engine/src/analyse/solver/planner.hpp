// The planner's entry point inside the solver module (layer: analyse).
#pragma once

#include <optional>

#include "lexgate/plan.hpp"

namespace lexgate::analyse {

/// Conflicts, split and remediation for one profile (see planner.cpp and docs/plan.md).
std::optional<plan_report> plan(const library& rules, const profile& facts,
                                const plan_options& options, diagnostic_bag& bag);

/// Whether one deployment of all of `c.markets` can satisfy `c.rules` (in those markets) and
/// `c.invariants` together, by changing the free attributes. For testing conflicts' minimality.
bool satisfiable_together(const library& rules, const profile& facts, const plan_options& options,
                          const conflict& c);

}  // namespace lexgate::analyse
