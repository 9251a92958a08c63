// Resolved company names in the machine-readable reports: the JSON report's `names` list, which
// SARIF carries too, and what each finding's evidence owes to a resolution (layer: report).
#pragma once

#include <string>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "report/json_model.hpp"

namespace lexgate::report_writers {

/// True for a resolution that rests on a model's name alone: a re-upload (`bartowski/…-GGUF`)
/// or a local path. Reports flag these, since the name could be anyone's.
bool name_only(const name_resolution& n);

/// `product.models[0].provider: deepseek-ai → DeepSeek (CN), by its Hugging Face organisation
/// \`deepseek-ai\` (profile.yaml:12:17)`: one resolution on one line.
std::string resolution_line(const report& r, const name_resolution& n);

/// The resolutions that produced values in a finding's evidence, each once, in evidence order.
std::vector<const name_resolution*> finding_resolutions(const report& r, const finding& f);

/// The report's `names` list: each resolution with its path, what the profile wrote, where it
/// came from, its position, the entity, how it matched, the country and the explanation.
json names_json(const report& r);

/// A finding's `resolved` list: `{path, by, name_only, explanation}` per resolution behind its
/// evidence (SARIF result properties).
json finding_resolutions_json(const report& r, const finding& f);

}  // namespace lexgate::report_writers
