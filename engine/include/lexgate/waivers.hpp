// Waivers: accepted findings, with a justification, an approver and an expiry (layer: evaluate).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

struct waiver {
  std::string rule;     ///< A full rule id.
  std::string profile;  ///< A profile id; empty: every profile.
  std::string market;   ///< A market; empty: every market.
  std::string justification;
  std::string approver;
  date expires;  ///< The last day the waiver holds.
  location where;
};

/// Reads a waiver file: a YAML list of entries with `rule`, optional `profile` and `market`,
/// and required `justification`, `approver` and `expires`. A rule the library does not define,
/// a missing field or a bad date is an error (`waiver.*`) with its position.
std::optional<std::vector<waiver>> load_waivers(const source_ptr& file, const library& rules,
                                                diagnostic_bag& bag);

/// Whether `w` names finding `f` of market `m` in report `r`: its rule, its profile (or every
/// profile) and its market (or every market; a member state's code also names its findings
/// under `EU`), whatever the finding's status and the waiver's expiry.
bool waiver_names(const waiver& w, const report& r, const market_report& m, const finding& f);

/// Marks violations and indeterminate findings that a waiver covers as `waived` while it holds
/// (as-of date on or before `expires`). A finding whose only waivers have expired keeps its
/// status and carries the expired waiver, so the report can say when it lapsed. Recomputes the
/// verdicts and summary.
void apply_waivers(report& r, const std::vector<waiver>& waivers);

}  // namespace lexgate
