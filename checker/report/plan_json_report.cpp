// The JSON rendering of `lexgate plan` (design §6): the §5 fields, then `plan`.
#include "report/json_model.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

std::string render_plan_json(const report& r, const plan_report& plan) {
  json out = report_json(r);
  json p;
  json conflicts = json::array();
  for (const auto& c : plan.conflicts) conflicts.push_back(conflict_json(c));
  p["conflicts"] = std::move(conflicts);
  p["conflicts_truncated"] = plan.conflicts_truncated;
  json unresolvable = json::array();
  for (const auto& u : plan.unresolvable) {
    unresolvable.push_back({{"rule", u.rule},
                            {"market", u.market},
                            {"attributes", u.attributes},
                            {"explanation", u.explanation}});
  }
  p["unresolvable"] = std::move(unresolvable);
  json deployments = json::array();
  for (const auto& d : plan.deployments) {
    json changes = json::array();
    for (const auto& c : d.changes) {
      json change;
      change["path"] = c.path;
      change["from"] = typed(c.from);
      change["to"] = c.any_other ? json(nullptr) : typed(c.to);
      if (c.any_other) change["to_any_other"] = true;
      change["satisfies"] = c.satisfies;
      changes.push_back(std::move(change));
    }
    deployments.push_back({{"markets", d.markets}, {"changes", std::move(changes)}});
  }
  p["deployments"] = std::move(deployments);
  p["split"] = plan.exact_split ? "exact" : "first-fit";
  p["free_attributes"] = plan.free_attributes;
  out["plan"] = std::move(p);
  return out.dump(2) + "\n";
}

}  // namespace lexgate::report_writers
