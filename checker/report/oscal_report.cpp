// NIST OSCAL assessment results (JSON, OSCAL 1.0.6) for GRC tools (layer: report).
//
// One `result` per run. Each rule judged in a market of a profile is a `finding` whose target is
// the rule (satisfied / not-satisfied, with its citation); the profile values that decided it are
// an `observation`; a waiver is a `risk` accepted as a deviation, with its approver (a party) and
// its expiry (the risk's deadline). The rule library is a back-matter resource carrying its
// SHA-256, and `import-ap` points at it: the rules are the assessment plan.
//
// Every UUID is a version-5 UUID derived from what it names (the document's from its content),
// and every timestamp is the as-of date at 00:00 UTC, so the same inputs give the same document.
#include <openssl/evp.h>

#include <map>

#include "report/drift_report.hpp"
#include "report/json_model.hpp"
#include "report/reports.hpp"

namespace lexgate::report_writers {

namespace {

// The namespace of lexgate's v5 UUIDs and of the properties OSCAL does not define.
constexpr unsigned char kUuidNamespace[16] = {0x6b, 0x1e, 0x0c, 0x52, 0x3f, 0x8a, 0x4d, 0x1b,
                                              0x9a, 0x57, 0x2c, 0x4e, 0x81, 0x0d, 0x66, 0x3a};
constexpr const char* kPropNamespace = "urn:lexgate:oscal";
constexpr const char* kOscalVersion = "1.0.6";

// RFC 4122 §4.3: SHA-1 over the namespace and the name, version 5, RFC variant.
std::string uuid_v5(const std::string& name) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, kUuidNamespace, sizeof kUuidNamespace);
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, hash, &size);
  EVP_MD_CTX_free(ctx);
  hash[6] = static_cast<unsigned char>((hash[6] & 0x0f) | 0x50);
  hash[8] = static_cast<unsigned char>((hash[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[hash[i] >> 4];
    out += kHex[hash[i] & 15];
  }
  return out;
}

std::string timestamp(const date& d) {
  return d.to_string() + "T00:00:00Z";
}

// OSCAL strings may not be empty or begin or end with white space.
std::string nonempty(std::string_view text, std::string_view fallback) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return std::string(fallback);
  const auto last = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(first, last - first + 1));
}

// A property value is one line of text.
json prop(const std::string& name, const std::string& value) {
  std::string line = value;
  for (char& c : line) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return {{"name", name}, {"ns", kPropNamespace}, {"value", nonempty(line, "none")}};
}

const regime_info* regime_of(const library& rules, const std::string& id) {
  for (const auto& r : rules.regimes()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

const char* outcome_word(rule_outcome o) {
  switch (o) {
    case rule_outcome::passed: return "passed";
    case rule_outcome::not_applicable: return "not-applicable";
    case rule_outcome::violation: return "violation";
    case rule_outcome::indeterminate: return "indeterminate";
  }
  return "indeterminate";
}

// What one run's result holds, built profile by profile.
struct result_parts {
  json findings = json::array();
  json observations = json::array();
  json risks = json::array();
  std::map<std::string, std::string> approvers;  ///< Approver name → party UUID.
};

// The observation of the profile values (and missing facts) behind one finding.
std::string add_observation(const report& r, const market_report& m, const finding& f,
                            const std::string& key, const date& as_of, result_parts& parts) {
  json evidence = json::array();
  for (const auto& e : f.evidence) {
    std::string where = r.profile_path;
    if (e.where.line > 0) {
      // Appended piece by piece: `":" + std::to_string(...)` trips GCC 12's -Wrestrict at -O3.
      where += ':';
      where += std::to_string(e.where.line);
      where += ':';
      where += std::to_string(e.where.column);
    } else {
      where += " (not stated; the schema's default)";
    }
    json item;
    item["description"] = e.path + " = " + e.value + " at " + where;
    item["props"] = json::array({prop("path", e.path), prop("value", e.value),
                                 prop("location", where)});
    evidence.push_back(std::move(item));
  }
  for (const auto& missing : f.missing) {
    json item;
    item["description"] = missing + " is not stated in " + r.profile_path;
    item["props"] = json::array({prop("missing", missing)});
    evidence.push_back(std::move(item));
  }
  json o;
  o["uuid"] = uuid_v5("observation|" + key);
  o["title"] = "Profile values behind " + std::string(f.rule) + " in " + m.market;
  o["description"] = nonempty(f.message, f.rule);
  o["methods"] = json::array({"EXAMINE"});
  o["types"] = json::array({"finding"});
  if (!evidence.empty()) o["relevant-evidence"] = std::move(evidence);
  o["collected"] = timestamp(as_of);
  parts.observations.push_back(o);
  return o["uuid"];
}

// The accepted risk of a waived finding (or the open one of a finding whose waiver expired).
std::string add_risk(const market_report& m, const finding& f, const std::string& key,
                     const date& as_of, result_parts& parts) {
  const waiver_note& w = *f.waiver;
  auto party = parts.approvers.find(w.approver);
  if (party == parts.approvers.end()) {
    party = parts.approvers.emplace(w.approver, uuid_v5("party|" + w.approver)).first;
  }
  const char* status = w.expired ? "open" : "deviation-approved";
  json risk;
  risk["uuid"] = uuid_v5("risk|" + key);
  risk["title"] = "Waiver of " + std::string(f.rule) + " in " + m.market;
  risk["description"] = nonempty(w.justification, "no justification given");
  risk["statement"] = nonempty(f.message, f.rule);
  risk["props"] = json::array({prop("approver", w.approver),
                               prop("expires", w.expires.to_string()),
                               prop("waiver-expired", w.expired ? "true" : "false")});
  risk["status"] = status;
  risk["origins"] = json::array(
      {{{"actors", json::array({{{"type", "party"}, {"actor-uuid", party->second}}})}}});
  risk["deadline"] = w.expires.to_string() + "T23:59:59Z";
  json entry;
  entry["uuid"] = uuid_v5("risk-log|" + key);
  entry["title"] = w.expired ? "Waiver expired" : "Deviation approved";
  entry["start"] = timestamp(as_of);
  entry["logged-by"] = json::array({{{"party-uuid", party->second}}});
  entry["status-change"] = status;
  entry["remarks"] = "Approved by " + w.approver + " until " + w.expires.to_string() +
                     (w.expired ? "; expired, so the finding counts again." : ".");
  risk["risk-log"] = {{"entries", json::array({std::move(entry)})}};
  parts.risks.push_back(risk);
  return risk["uuid"];
}

void add_findings(const report& r, const library& rules, result_parts& parts) {
  for (const auto& m : r.markets) {
    std::map<std::string, const finding*> by_rule;
    for (const auto& f : m.findings) by_rule.emplace(f.rule, &f);
    for (const auto& judged : m.evaluated) {
      // A rule that does not apply to the deployment is not judged.
      if (judged.outcome == rule_outcome::not_applicable) continue;
      const std::string id(judged.rule);
      const rule_info* rule = rules.find_rule(id);
      const regime_info* regime = rule ? regime_of(rules, rule->regime) : nullptr;
      const auto found = by_rule.find(id);
      const finding* f = found == by_rule.end() ? nullptr : found->second;
      const std::string key = r.profile_path + "|" + r.profile_id + "|" + m.market + "|" +
                              id;
      // Anything but a pass is not satisfied: a waived or undecided rule is not met.
      const bool satisfied = judged.outcome == rule_outcome::passed && f == nullptr;
      const std::string cite = rule ? rule->cite : id;

      json target;
      target["type"] = "objective-id";
      target["target-id"] = id;
      target["title"] = nonempty(cite + (regime ? ", " + regime->title : ""), id);
      if (rule && !rule->message.empty()) target["description"] = rule->message;
      if (regime && !regime->sources.empty()) {
        json links = json::array();
        for (const auto& s : regime->sources) links.push_back({{"href", s}, {"rel", "reference"}});
        target["links"] = std::move(links);
      }
      json status;
      status["state"] = satisfied ? "satisfied" : "not-satisfied";
      status["reason"] = satisfied ? "pass" : judged.outcome == rule_outcome::violation ? "fail"
                                                                                        : "other";
      if (f) status["remarks"] = std::string("lexgate status: ") + to_string(f->status);
      target["status"] = std::move(status);

      json props = json::array({prop("profile", r.profile_id), prop("market", m.market),
                                prop("regime", rule ? rule->regime : "unknown"),
                                prop("severity", to_string(judged.severity)),
                                prop("outcome", outcome_word(judged.outcome))});
      if (f) props.push_back(prop("status", to_string(f->status)));

      json out;
      out["uuid"] = uuid_v5("finding|" + key);
      out["title"] = id + " in " + m.market + " (" + r.profile_id + ")";
      out["description"] = f ? nonempty(f->message, id)
                             : id + " (" + cite + ") is met in " + m.market + ".";
      out["props"] = std::move(props);
      out["target"] = std::move(target);
      if (f) {
        out["related-observations"] =
            json::array({{{"observation-uuid", add_observation(r, m, *f, key, r.as_of, parts)}}});
        if (f->waiver) {
          out["related-risks"] =
              json::array({{{"risk-uuid", add_risk(m, *f, key, r.as_of, parts)}}});
        }
        if (!f->remedy.empty()) out["remarks"] = "Remedy: " + std::string(f->remedy);
      }
      parts.findings.push_back(std::move(out));
    }
    if (!m.covered) {
      // Nothing was checked for this market: an objective not satisfied, never a silent pass.
      const std::string key = r.profile_path + "|" + r.profile_id + "|" + m.market + "|coverage";
      const std::string why = "No regime of the rule library is in force for " + m.market +
                              "; nothing was checked there (uncovered).";
      json out;
      out["uuid"] = uuid_v5("finding|" + key);
      out["title"] = "coverage of " + m.market + " (" + r.profile_id + ")";
      out["description"] = why;
      out["props"] = json::array({prop("profile", r.profile_id), prop("market", m.market),
                                  prop("status", "uncovered")});
      out["target"] = {{"type", "objective-id"},
                       {"target-id", "lexgate.uncovered_market"},
                       {"title", "Coverage of " + m.market + " by the rule library"},
                       {"status", {{"state", "not-satisfied"}, {"reason", "other"}}}};
      parts.findings.push_back(std::move(out));
    }
  }
}

}  // namespace

std::string render_oscal(const std::vector<report>& reports, const library& rules) {
  const date as_of = reports.empty() ? date::today() : reports.front().as_of;
  result_parts parts;
  std::string profiles;
  for (const auto& r : reports) {
    add_findings(r, rules, parts);
    append_drift_oscal(r, parts.observations, uuid_v5, prop, timestamp(as_of));
    profiles += (profiles.empty() ? "" : ", ") + r.profile_id;
  }
  const std::string library_uuid = uuid_v5("rule-library|" + rules.digest());

  json result;
  result["uuid"] = uuid_v5("result|" + parts.findings.dump() + parts.risks.dump());
  result["title"] = "lexgate check of " + nonempty(profiles, "no profile");
  result["description"] = "Every rule of the " + rules.name() + " rule library in force on " +
                          as_of.to_string() + ", judged for each market of each profile.";
  result["start"] = timestamp(as_of);
  result["props"] = json::array({prop("rule-library-sha256", rules.digest())});
  result["reviewed-controls"] = {
      {"description", "The rules of the rule library (sha256 " + rules.digest() + ")."},
      {"control-selections", json::array({{{"include-all", json::object()}}})}};
  if (!parts.observations.empty()) result["observations"] = parts.observations;
  if (!parts.risks.empty()) result["risks"] = parts.risks;
  if (!parts.findings.empty()) result["findings"] = parts.findings;

  json metadata;
  metadata["title"] = "lexgate assessment results: " + nonempty(profiles, "no profile");
  metadata["last-modified"] = timestamp(as_of);
  metadata["version"] = version();
  metadata["oscal-version"] = kOscalVersion;
  if (!parts.approvers.empty()) {
    json parties = json::array();
    for (const auto& [name, uuid] : parts.approvers) {
      parties.push_back({{"uuid", uuid}, {"type", "person"}, {"name", name}});
    }
    metadata["parties"] = std::move(parties);
  }

  json resource;
  resource["uuid"] = library_uuid;
  resource["title"] = "lexgate rule library `" + rules.name() + "`";
  resource["description"] = "The rules judged; the SHA-256 covers every rule file's path and text.";
  resource["props"] = json::array({prop("rule-library", rules.name())});
  resource["rlinks"] = json::array(
      {{{"href", "urn:lexgate:rule-library:" + rules.name()},
        {"hashes", json::array({{{"algorithm", "SHA-256"}, {"value", rules.digest()}}})}}});

  json doc;
  doc["uuid"] = uuid_v5("assessment-results|" + result.dump());
  doc["metadata"] = std::move(metadata);
  doc["import-ap"] = {{"href", "#" + library_uuid},
                      {"remarks", "lexgate's assessment plan is its rule library."}};
  doc["results"] = json::array({std::move(result)});
  doc["back-matter"] = {{"resources", json::array({std::move(resource)})}};
  json out;
  out["assessment-results"] = std::move(doc);
  return out.dump(2) + "\n";
}

}  // namespace lexgate::report_writers
