// Cross-jurisdiction conflicts, market splits and remediation plans (layer: analyse).
//
// The analysis encodes the rules that apply to a deployment into an SMT solver (Z3) over the
// attributes the deployment can change. The solver lives in a module loaded on first use, so a
// program that never plans never pays for loading it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

namespace lexgate {

struct plan_options {
  date as_of = date::today();
  /// Rules of this severity and above must be satisfied (`block`, or `warn` for block and warn).
  rule_severity threshold = rule_severity::block;
  /// Only find conflicts (what `check` needs); no split, no remediation.
  bool conflicts_only = false;
  /// At most this many minimal conflicts are reported.
  std::uint32_t max_conflicts = 16;
  /// Up to this many markets the split is exact; above, a first-fit heuristic.
  std::uint32_t exact_split_limit = 16;
  /// Each solver call gives up after this long (an error, never a pass).
  std::uint32_t timeout_ms = 60000;
};

/// One attribute change of a remediation: set `path` from `from` to `to`.
struct attribute_change {
  std::string path;
  value from;  ///< Absent when the profile does not state it.
  value to;
  /// `to` is a placeholder: any value other than the ones the rules name.
  bool any_other = false;
  /// Rules (and invariants) that fail again when this change alone is undone.
  std::vector<std::string> satisfies;
};

/// One separately configured deployment of the split.
struct planned_deployment {
  std::vector<std::string> markets;
  std::vector<attribute_change> changes;
  value remediated;  ///< The profile's root with the changes applied and only these markets.
};

/// A rule no change of the free attributes can satisfy in a market (it rests on fixed facts).
struct unresolvable_rule {
  std::string rule;
  std::string market;
  std::vector<std::string> attributes;  ///< The facts it reads.
  std::string explanation;
};

struct plan_report {
  std::vector<conflict> conflicts;  ///< Minimal sets that span two or more markets.
  std::vector<unresolvable_rule> unresolvable;
  std::vector<planned_deployment> deployments;
  bool exact_split = true;                   ///< False when the heuristic split was used.
  bool conflicts_truncated = false;          ///< More minimal conflicts exist than were reported.
  std::vector<std::string> free_attributes;  ///< What the solver was allowed to change.
};

/// Plans the deployment described by `facts`. Errors (`plan.*`: a `plan.fixed` path that names
/// no attribute, a solver that gave up, a module that cannot be loaded) go to `bag` and yield
/// nothing.
std::optional<plan_report> plan_deployment(const library& rules, const profile& facts,
                                           const plan_options& options, diagnostic_bag& bag);

}  // namespace lexgate
