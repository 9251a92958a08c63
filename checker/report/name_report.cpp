// Resolved company names in the machine-readable reports (layer: report). See name_report.hpp.
#include "report/name_report.hpp"

#include <algorithm>
#include <unordered_set>

#include "lexgate/entities.hpp"
#include "report/name_notes.hpp"

namespace lexgate::report_writers {

bool name_only(const name_resolution& n) {
  return !n.entity.empty() && by_name_only(n.how);
}

std::string resolution_line(const report& r, const name_resolution& n) {
  std::string out = n.path + ": " + describe(n);
  if (n.where.line > 0) {
    out += " (" + r.profile_path + ":" + std::to_string(n.where.line) + ":" +
           std::to_string(n.where.column) + ")";
  }
  return out;
}

std::vector<const name_resolution*> finding_resolutions(const report& r, const finding& f) {
  std::vector<const name_resolution*> out;
  // A handful of evidence items and names is searched in place; a rule over thousands of
  // models has thousands of each, and pairwise search would be quadratic.
  if (f.evidence.size() * r.names.size() <= 4096) {
    for (const auto& e : f.evidence) {
      const name_resolution* n = resolution_at(r, e.path);
      if (n != nullptr && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
    return out;
  }
  const resolution_index index(r);
  std::unordered_set<const name_resolution*> seen;
  for (const auto& e : f.evidence) {
    const name_resolution* n = index.at(e.path);
    if (n != nullptr && seen.insert(n).second) out.push_back(n);
  }
  return out;
}

json names_json(const report& r) {
  json names = json::array();
  for (const auto& n : r.names) {
    json item = {{"path", n.path},       {"written", n.written}, {"from", n.from},
                 {"line", n.where.line}, {"column", n.where.column}};
    if (!n.entity.empty()) {
      item["entity"] = n.entity;
      item["by"] = to_string(n.how);
    }
    if (!n.country.empty()) item["country"] = n.country;
    item["name_only"] = name_only(n);
    item["explanation"] = describe(n);
    names.push_back(std::move(item));
  }
  return names;
}

json finding_resolutions_json(const report& r, const finding& f) {
  json out = json::array();
  for (const name_resolution* n : finding_resolutions(r, f)) {
    json item = {{"path", n->path}};
    if (!n->entity.empty()) item["by"] = to_string(n->how);
    item["name_only"] = name_only(*n);
    item["explanation"] = describe(*n);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace lexgate::report_writers
