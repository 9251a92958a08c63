// The JSON report (design §5), with a fixed key order (layer: report).
#include "report/drift_report.hpp"
#include "report/json_model.hpp"
#include "report/name_notes.hpp"
#include "report/name_report.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

json typed(const value& v) {
  switch (v.k) {
    case value::kind::absent:
      return nullptr;
    case value::kind::boolean:
      return v.boolean;
    case value::kind::integer:
      return v.integer;
    case value::kind::date:
      return date{static_cast<std::int32_t>(v.integer)}.to_string();
    case value::kind::string:
      return v.text;
    case value::kind::list: {
      json out = json::array();
      for (const auto& item : v.items) out.push_back(typed(item));
      return out;
    }
    case value::kind::map: {
      json out = json::object();
      for (std::size_t i = 0; i < v.keys.size(); ++i) out[v.keys[i]] = typed(v.items[i]);
      return out;
    }
    case value::kind::record: {
      // Record fields carry no names here; their rendering is the readable form.
      return render_value(v);
    }
  }
  return nullptr;
}

namespace {

json finding_json(const finding& f, const resolution_index& names) {
  json out;
  out["rule"] = f.rule;
  out["regime"] = f.regime;
  out["jurisdiction"] = f.jurisdiction;
  out["severity"] = to_string(f.severity);
  out["status"] = to_string(f.status);
  out["message"] = f.message;
  out["cite"] = f.cite;
  out["sources"] = f.sources;
  out["remedy"] = f.remedy;
  out["missing"] = f.missing;
  out["unstated_exceptions"] = f.unstated_exceptions;
  if (!f.member_state.empty()) out["member_state"] = f.member_state;
  json evidence = json::array();
  for (const auto& e : f.evidence) {
    json item;
    item["path"] = e.path;
    item["value"] = typed(e.data);
    item["line"] = e.where.line;
    item["column"] = e.where.column;
    // A value the profile wrote under another name, or that came from a model's name alone.
    if (const name_resolution* n = names.at(e.path)) item["resolved"] = describe(*n);
    evidence.push_back(std::move(item));
  }
  out["evidence"] = std::move(evidence);
  if (f.effective) out["effective"] = f.effective->to_string();
  if (f.waiver) {
    json w;
    w["justification"] = f.waiver->justification;
    w["approver"] = f.waiver->approver;
    w["expires"] = f.waiver->expires.to_string();
    w["expired"] = f.waiver->expired;
    out["waiver"] = std::move(w);
  }
  return out;
}

}  // namespace

json conflict_json(const conflict& c) {
  return {{"markets", c.markets},
          {"rules", c.rules},
          {"invariants", c.invariants},
          {"attributes", c.attributes},
          {"explanation", c.explanation}};
}

json report_json(const report& r) {
  json out;
  out["schema_version"] = 1;
  out["tool"] = {{"name", "lexgate"}, {"version", version()}};
  out["as_of"] = r.as_of.to_string();
  out["rules"] = {{"library", r.library_name},
                  {"version", r.library_name == "standard" ? version() : "custom"},
                  {"sha256", r.library_digest}};
  out["profile"] = {{"id", r.profile_id}, {"path", r.profile_path}};
  out["verdict"] = to_string(r.overall);
  out["gate"] = {{"fail_on", to_string(r.gate.fail_on)},
                 {"allow_indeterminate", r.gate.allow_indeterminate},
                 {"allow_uncovered", r.gate.allow_uncovered},
                 {"drift_fails", r.drift_fails_gate},
                 {"passed", !r.fails_gate}};
  const resolution_index resolved(r);
  json markets = json::array();
  for (const auto& m : r.markets) {
    json market;
    market["market"] = m.market;
    market["verdict"] = to_string(m.market_verdict);
    json coverage;
    coverage["regimes"] = m.coverage;
    if (!m.member_states.empty()) coverage["member_states"] = m.member_states;
    market["coverage"] = std::move(coverage);
    market["fails_gate"] = m.fails_gate;
    json findings = json::array();
    for (const auto& f : m.findings) findings.push_back(finding_json(f, resolved));
    market["findings"] = std::move(findings);
    markets.push_back(std::move(market));
  }
  out["markets"] = std::move(markets);
  json conflicts = json::array();
  for (const auto& c : r.conflicts) conflicts.push_back(conflict_json(c));
  out["conflicts"] = std::move(conflicts);
  out["names"] = names_json(r);
  if (!r.conflicts_not_analysed.empty()) out["conflicts_not_analysed"] = r.conflicts_not_analysed;
  out["summary"] = {{"rules_evaluated", r.summary.rules_evaluated},
                    {"violations", r.summary.violations},
                    {"indeterminate", r.summary.indeterminate},
                    {"waived", r.summary.waived},
                    {"upcoming", r.summary.upcoming},
                    {"uncovered", r.summary.uncovered}};
  if (r.drift) out["drift"] = drift_json(*r.drift);
  return out;
}

std::string render_json(const std::vector<report>& reports) {
  if (reports.size() == 1) return report_json(reports.front()).dump(2) + "\n";
  json all = json::array();
  for (const auto& r : reports) all.push_back(report_json(r));
  return all.dump(2) + "\n";
}

}  // namespace lexgate::report_writers
