// Drift between a profile and its deployment artifacts, in each report format (layer: report).
#pragma once

#include <functional>
#include <string>

#include "lexgate/artifacts.hpp"
#include "lexgate/evaluate.hpp"
#include "report/json_model.hpp"

namespace lexgate::report_writers {

/// An artifact position: `{"file", "line", "column", "resource", "template"?, "text"}`.
json artifact_position_json(const artifact_position& p);
/// The report's top-level `drift` list (design §7).
json drift_json(const std::vector<drift_item>& drift);
/// For people: a `drift` block, each item with its artifact positions.
void append_drift_text(const report& r, std::string& out);
/// For pull requests: a `### Drift` section.
void append_drift_markdown(const report& r, std::string& out);
/// JUnit: a testsuite of the drift items, failing the ones that fail the gate.
std::string drift_junit_suite(const report& r, std::size_t& tests, std::size_t& failures);
/// OSCAL: one observation per drift item, its artifact positions as relevant evidence.
/// `uuid` and `prop` are the OSCAL writer's (deterministic UUIDs, lexgate's namespace).
void append_drift_oscal(const report& r, json& observations,
                        const std::function<std::string(const std::string&)>& uuid,
                        const std::function<json(const std::string&, const std::string&)>& prop,
                        const std::string& collected);
/// SARIF: one result per drift item, located in the artifact file (or the profile line).
void append_drift_sarif(const report& r, json& rules, json& results);

}  // namespace lexgate::report_writers
