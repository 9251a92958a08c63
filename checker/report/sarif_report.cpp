// The SARIF 2.1.0 report, for code-scanning dashboards (layer: report). Results are located on
// the profile line of the value that decided them, so a scanner annotates the profile itself.
#include <openssl/evp.h>

#include <map>
#include <nlohmann/json.hpp>

#include "report/drift_report.hpp"
#include "report/name_notes.hpp"
#include "report/name_report.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kUncoveredRule = "lexgate.uncovered_market";

const char* level_of(rule_severity s) {
  switch (s) {
    case rule_severity::block: return "error";
    case rule_severity::warn: return "warning";
    case rule_severity::info: return "note";
  }
  return "note";
}

// A stable fingerprint, so a dashboard tracks the same finding across runs.
std::string fingerprint(const std::string& text) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(text.data(), text.size(), hash, &size, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < 16 && i < size; ++i) {
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 15];
  }
  return out;
}

}  // namespace

std::string render_sarif(const std::vector<report>& reports, const library& rules) {
  // The driver lists every rule of the library, so rule metadata does not depend on findings.
  json rule_list = json::array();
  std::map<std::string, std::size_t, std::less<>> index;
  for (const auto& r : rules.regimes()) {
    for (const auto& rule : r.rules) {
      index[rule.id] = rule_list.size();
      json entry;
      entry["id"] = rule.id;
      entry["name"] = rule.local_id;
      entry["shortDescription"] = {{"text", rule.cite + " — " + r.title}};
      entry["fullDescription"] = {{"text", rule.message}};
      if (!r.sources.empty()) entry["helpUri"] = r.sources.front();
      entry["help"] = {{"text", rule.remedy}};
      entry["defaultConfiguration"] = {{"level", level_of(rule.severity)}};
      entry["properties"] = {{"jurisdiction", r.jurisdiction}, {"regime", r.id}};
      rule_list.push_back(std::move(entry));
    }
  }
  // Invariants: a profile contradicting one gets a finding citing it.
  for (const auto& inv : rules.invariants()) {
    index[inv.id] = rule_list.size();
    json entry;
    entry["id"] = inv.id;
    entry["name"] = inv.id;
    entry["shortDescription"] = {{"text", inv.cite + " — " + inv.title}};
    entry["fullDescription"] = {{"text", inv.message}};
    if (!inv.sources.empty()) entry["helpUri"] = inv.sources.front();
    entry["defaultConfiguration"] = {{"level", "error"}};
    entry["properties"] = {{"invariant", true}};
    rule_list.push_back(std::move(entry));
  }
  // A market no regime covers: nothing was checked there.
  const std::size_t uncovered_rule = rule_list.size();
  rule_list.push_back(
      {{"id", kUncoveredRule},
       {"name", "uncovered-market"},
       {"shortDescription", {{"text", "No regime of the rule library is in force for a market"}}},
       {"fullDescription",
        {{"text", "Nothing was checked for this market: the gate does not pass it unless "
                  "--allow-uncovered"}}},
       {"defaultConfiguration", {{"level", "error"}}}});
  json results = json::array();
  for (const auto& r : reports) {
    const bool relative = !r.profile_path.empty() && r.profile_path.front() != '/';
    for (const auto& m : r.markets) {
      for (const auto& f : m.findings) {
        json result;
        result["ruleId"] = f.rule;
        const auto indexed = index.find(f.rule);
        result["ruleIndex"] = indexed != index.end() ? indexed->second : 0;
        // `error` exactly for the findings that fail the gate, so the dashboard and the exit
        // code agree; other open findings are warnings, the rest notes.
        const bool open =
            f.status == finding_status::violation || f.status == finding_status::indeterminate;
        result["level"] = fails_gate(f, r.gate)                              ? "error"
                          : open && f.severity != rule_severity::info ? "warning"
                                                                             : "note";
        std::string text = m.market + ": " + f.message;
        if (f.status == finding_status::indeterminate) {
          text += " (undecided: the profile does not state";
          for (const auto& x : f.missing) text += " " + x;
          text += ")";
        } else if (f.status == finding_status::upcoming && f.effective) {
          text += " (in force from " + f.effective->to_string() + ")";
        }
        text += ". Remedy: ";
        text += f.remedy;
        // A finding that rests on a name match says so where a dashboard shows it.
        const auto resolutions = finding_resolutions(r, f);
        for (const name_resolution* n : resolutions) {
          if (!name_only(*n)) continue;
          text += text.back() == '.' ? " " : ". ";
          text += "Name match: " + resolution_line(r, *n);
        }
        result["message"] = {{"text", text}};
        std::uint32_t line = 1;
        std::uint32_t column = 1;
        for (const auto& e : f.evidence) {
          if (e.where.line > 0) {
            line = e.where.line;
            column = e.where.column;
            break;
          }
        }
        json artifact = {{"uri", r.profile_path}};
        if (relative) artifact["uriBaseId"] = "%SRCROOT%";
        result["locations"] = json::array(
            {{{"physicalLocation",
               {{"artifactLocation", artifact},
                {"region", {{"startLine", line}, {"startColumn", column}}}}}}});
        result["partialFingerprints"] = {
            {"lexgateFinding/v1", fingerprint(std::string(f.rule) + "|" + m.market + "|" + r.profile_id)}};
        if (f.status == finding_status::waived && f.waiver) {
          result["suppressions"] = json::array(
              {{{"kind", "external"},
                {"justification", f.waiver->justification + " (approved by " +
                                      f.waiver->approver + ", until " +
                                      f.waiver->expires.to_string() + ")"}}});
        }
        result["properties"] = {{"market", m.market},
                                {"status", to_string(f.status)},
                                {"jurisdiction", f.jurisdiction},
                                {"coverage", m.coverage}};
        if (!f.member_state.empty()) result["properties"]["member_state"] = f.member_state;
        if (!f.unstated_exceptions.empty()) {
          result["properties"]["unstated_exceptions"] = f.unstated_exceptions;
        }
        if (!resolutions.empty()) result["properties"]["resolved"] = finding_resolutions_json(r, f);
        results.push_back(std::move(result));
      }
      if (!m.covered) {
        json artifact = {{"uri", r.profile_path}};
        if (relative) artifact["uriBaseId"] = "%SRCROOT%";
        results.push_back(
            {{"ruleId", kUncoveredRule},
             {"ruleIndex", uncovered_rule},
             {"level", m.fails_gate ? "error" : "warning"},
             {"message",
              {{"text", m.market + ": uncovered — no regime of the library is in force for " +
                            m.market + "; nothing was checked there"}}},
             {"locations",
              json::array({{{"physicalLocation",
                             {{"artifactLocation", artifact},
                              {"region", {{"startLine", 1}, {"startColumn", 1}}}}}}})},
             {"partialFingerprints",
              {{"lexgateFinding/v1",
                fingerprint(std::string(kUncoveredRule) + "|" + m.market + "|" + r.profile_id)}}},
             {"properties",
              {{"market", m.market}, {"status", "uncovered"}, {"coverage", json::array()}}}});
      }
    }
    append_drift_sarif(r, rule_list, results);
  }
  json driver;
  driver["name"] = "lexgate";
  driver["version"] = version();
  driver["rules"] = std::move(rule_list);
  json run;
  run["tool"] = {{"driver", std::move(driver)}};
  run["results"] = std::move(results);
  // lexgate's columns count code points; without this SARIF readers count UTF-16 code units.
  run["columnKind"] = "unicodeCodePoints";
  // The verdicts and the gate's outcome, as in every other format.
  json profiles = json::array();
  for (const auto& r : reports) {
    json markets = json::array();
    for (const auto& m : r.markets) {
      json market = {{"market", m.market},
                     {"verdict", to_string(m.market_verdict)},
                     {"coverage", {{"regimes", m.coverage}}},
                     {"fails_gate", m.fails_gate}};
      if (!m.member_states.empty()) market["coverage"]["member_states"] = m.member_states;
      markets.push_back(std::move(market));
    }
    profiles.push_back({{"profile", r.profile_id},
                        {"verdict", to_string(r.overall)},
                        {"gate",
                         {{"fail_on", to_string(r.gate.fail_on)},
                          {"allow_indeterminate", r.gate.allow_indeterminate},
                          {"allow_uncovered", r.gate.allow_uncovered},
                          {"drift_fails", r.drift_fails_gate},
                          {"passed", !r.fails_gate}}},
                        {"markets", std::move(markets)},
                        {"names", names_json(r)}});
  }
  run["properties"] = {{"lexgate", {{"profiles", std::move(profiles)}}}};
  json out;
  out["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  out["version"] = "2.1.0";
  out["runs"] = json::array({std::move(run)});
  return out.dump(2) + "\n";
}

}  // namespace lexgate::report_writers
