// Applying waivers to a report (layer: evaluate).
#include "lexgate/waivers.hpp"

namespace lexgate {

bool waiver_names(const waiver& w, const report& r, const market_report& m, const finding& f) {
  // A member state's waiver holds for its findings under `EU`, which name the member state.
  return w.rule == f.rule && (w.profile.empty() || w.profile == r.profile_id) &&
         (w.market.empty() || w.market == m.market || w.market == f.member_state);
}

void apply_waivers(report& r, const std::vector<waiver>& waivers) {
  for (auto& m : r.markets) {
    for (auto& f : m.findings) {
      if (f.status != finding_status::violation && f.status != finding_status::indeterminate) {
        continue;
      }
      for (const auto& w : waivers) {
        if (!waiver_names(w, r, m, f)) continue;
        const bool holds = !(w.expires < r.as_of);
        f.waiver = waiver_note{w.justification, w.approver, w.expires, !holds};
        if (holds) {
          f.status = finding_status::waived;
          break;
        }
      }
    }
  }
  recompute_verdicts(r);
}

}  // namespace lexgate
