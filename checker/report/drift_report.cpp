// Drift in every report format: JSON's top-level `drift`, a text block, a Markdown section, a
// JUnit testsuite and SARIF results located in the artifact files (layer: report).
#include "report/drift_report.hpp"

#include "report/xml_text.hpp"

namespace lexgate::report_writers {

namespace {

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|' || c == '`' || c == '*' || c == '_' || c == '<' || c == '>' || c == '[' ||
        c == ']') {
      out += '\\';
      out += c;
    } else {
      out += c == '\n' || c == '\r' ? ' ' : c;
    }
  }
  return out;
}

std::string place(const artifact_position& p) {
  return p.file + ":" + std::to_string(p.where.line) + ":" + std::to_string(p.where.column);
}

const char* level_of(const drift_item& d) { return d.fails_gate ? "error" : "warning"; }

}  // namespace

json artifact_position_json(const artifact_position& p) {
  json e;
  e["file"] = p.file;
  e["line"] = p.where.line;
  e["column"] = p.where.column;
  e["resource"] = p.resource;
  if (!p.origin.empty()) e["template"] = p.origin;
  e["text"] = p.text;
  return e;
}

json drift_json(const std::vector<drift_item>& drift) {
  json out = json::array();
  for (const auto& d : drift) {
    json item;
    item["kind"] = to_string(d.kind);
    item["path"] = d.path;
    item["declared"] = typed(d.declared);
    item["observed"] = typed(d.observed);
    if (d.profile_at.line > 0) {
      item["profile"] = {{"line", d.profile_at.line}, {"column", d.profile_at.column}};
    } else {
      item["profile"] = nullptr;
    }
    json evidence = json::array();
    for (const auto& e : d.evidence) evidence.push_back(artifact_position_json(e));
    item["evidence"] = std::move(evidence);
    item["message"] = d.message;
    out.push_back(std::move(item));
  }
  return out;
}

void append_drift_text(const report& r, std::string& out) {
  if (!r.drift) return;
  if (r.drift->empty()) {
    out += "\ndrift: none — the artifacts show what the profile declares\n";
    return;
  }
  out += "\ndrift (the profile against the deployment artifacts):\n";
  for (const auto& d : *r.drift) {
    out += std::string("  ") + to_string(d.kind) + (d.path.empty() ? "" : "  " + d.path) + "\n";
    out += "      " + d.message + "\n";
    if (d.profile_at.line > 0) {
      out += "      profile: " + r.profile_path + ":" + std::to_string(d.profile_at.line) + ":" +
             std::to_string(d.profile_at.column) + "\n";
    }
    for (const auto& e : d.evidence) {
      out += "      at " + place(e) + (e.resource.empty() ? "" : "  " + e.resource) +
             (e.origin.empty() ? "" : "  (template " + e.origin + ")") + "  `" + e.text + "`\n";
    }
  }
}

void append_drift_markdown(const report& r, std::string& out) {
  if (!r.drift) return;
  out += "\n### Drift\n\n";
  if (r.drift->empty()) {
    out += "None: the artifacts show what the profile declares.\n";
    return;
  }
  for (const auto& d : *r.drift) {
    out += std::string("- **") + to_string(d.kind) + "** `" + markdown_cell(d.path) + "` — " +
           markdown_cell(d.message);
    for (const auto& e : d.evidence) out += " · `" + markdown_cell(place(e)) + "`";
    out += "\n";
  }
}

std::string drift_junit_suite(const report& r, std::size_t& tests, std::size_t& failures) {
  if (!r.drift) return {};
  std::string cases;
  std::size_t failed = 0;
  for (const auto& d : *r.drift) {
    std::string detail = d.message;
    for (const auto& e : d.evidence) detail += "\nat " + place(e) + " " + e.resource;
    cases += "    <testcase classname=\"drift." + std::string(to_string(d.kind)) + "\" name=\"" +
             xml_text(d.path.empty() ? d.message : d.path) + "\">\n";
    if (d.fails_gate) {
      ++failed;
      cases += "      <failure message=\"" + xml_text(d.message) + "\" type=\"drift-" +
               to_string(d.kind) + "\">" + xml_text(detail) + "</failure>\n";
    } else {
      cases += "      <system-out>" + xml_text(detail) + "</system-out>\n";
    }
    cases += "    </testcase>\n";
  }
  tests += r.drift->size();
  failures += failed;
  return "  <testsuite name=\"" + xml_text(r.profile_id + " · drift") + "\" tests=\"" +
         std::to_string(r.drift->size()) + "\" failures=\"" + std::to_string(failed) +
         "\" errors=\"0\" skipped=\"0\">\n" + cases + "  </testsuite>\n";
}

void append_drift_oscal(const report& r, json& observations,
                        const std::function<std::string(const std::string&)>& uuid,
                        const std::function<json(const std::string&, const std::string&)>& prop,
                        const std::string& collected) {
  if (!r.drift) return;
  for (const auto& d : *r.drift) {
    json evidence = json::array();
    for (const auto& e : d.evidence) {
      json item;
      item["description"] = "`" + e.text + "` at " + place(e) +
                            (e.resource.empty() ? "" : " (" + e.resource + ")");
      item["props"] = json::array({prop("location", place(e))});
      evidence.push_back(std::move(item));
    }
    json o;
    const std::string key = r.profile_path + "|" + to_string(d.kind) + "|" + d.path + "|" +
                            d.message;
    o["uuid"] = uuid("drift|" + key);
    o["title"] = std::string("Drift (") + to_string(d.kind) + ")" +
                 (d.path.empty() ? "" : ": " + d.path);
    o["description"] = d.message;
    o["props"] = json::array({prop("drift-kind", to_string(d.kind)),
                              prop("profile", r.profile_id)});
    o["methods"] = json::array({"EXAMINE"});
    o["types"] = json::array({"finding"});
    if (!evidence.empty()) o["relevant-evidence"] = std::move(evidence);
    o["collected"] = collected;
    observations.push_back(std::move(o));
  }
}

void append_drift_sarif(const report& r, json& rules, json& results) {
  if (!r.drift || r.drift->empty()) return;
  static constexpr drift_kind kinds[] = {drift_kind::undeclared, drift_kind::contradicts,
                                         drift_kind::unobserved, drift_kind::unresolved};
  std::size_t first = rules.size();
  bool present = false;
  for (const auto& rule : rules) present = present || rule["id"] == "lexgate.drift.undeclared";
  if (present) {
    for (std::size_t i = 0; i < rules.size(); ++i) {
      if (rules[i]["id"] == "lexgate.drift.undeclared") first = i;
    }
  } else {
    for (auto k : kinds) {
      json entry;
      entry["id"] = std::string("lexgate.drift.") + to_string(k);
      entry["name"] = std::string("drift-") + to_string(k);
      entry["shortDescription"] = {
          {"text", std::string("The profile and the deployment artifacts differ: ") +
                       to_string(k)}};
      // The default is `--drift fail`'s; each result says what this run's mode made of it.
      entry["defaultConfiguration"] = {{"level", drift_fails(k) ? "error" : "warning"}};
      rules.push_back(std::move(entry));
    }
  }
  for (const auto& d : *r.drift) {
    json result;
    result["ruleId"] = std::string("lexgate.drift.") + to_string(d.kind);
    result["ruleIndex"] = first + static_cast<std::size_t>(d.kind);
    result["level"] = level_of(d);
    result["message"] = {{"text", d.message}};
    json locations = json::array();
    for (const auto& e : d.evidence) {
      json artifact = {{"uri", e.file}};
      if (!e.file.empty() && e.file.front() != '/') artifact["uriBaseId"] = "%SRCROOT%";
      locations.push_back(
          {{"physicalLocation",
            {{"artifactLocation", artifact},
             {"region", {{"startLine", std::max<std::uint32_t>(e.where.line, 1)},
                         {"startColumn", std::max<std::uint32_t>(e.where.column, 1)}}}}}});
    }
    if (locations.empty()) {
      json artifact = {{"uri", r.profile_path}};
      if (!r.profile_path.empty() && r.profile_path.front() != '/') {
        artifact["uriBaseId"] = "%SRCROOT%";
      }
      locations.push_back(
          {{"physicalLocation",
            {{"artifactLocation", artifact},
             {"region", {{"startLine", std::max<std::uint32_t>(d.profile_at.line, 1)},
                         {"startColumn", std::max<std::uint32_t>(d.profile_at.column, 1)}}}}}});
    }
    result["locations"] = std::move(locations);
    result["properties"] = {{"kind", to_string(d.kind)}, {"path", d.path}};
    results.push_back(std::move(result));
  }
}

}  // namespace lexgate::report_writers
