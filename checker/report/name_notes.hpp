// How a profile's company names resolved, in words, for the text and JSON reports
// (layer: report).
#pragma once

#include <string>

#include "lexgate/evaluate.hpp"

namespace lexgate::report_writers {

/// `deepseek-ai → DeepSeek (CN), by its Hugging Face organisation`;
/// `Acme Corp: not in the entity registry (its country is not assumed)`;
/// `DeepSeek, the provider (the operator's default for provider-api hosting)`.
std::string describe(const name_resolution& n);

/// The resolution that produced the value at `path`, or nullptr.
const name_resolution* resolution_at(const report& r, const std::string& path);

}  // namespace lexgate::report_writers
