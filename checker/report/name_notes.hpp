// How a profile's company names resolved, in words, for the text and JSON reports
// (layer: report).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "lexgate/evaluate.hpp"

namespace lexgate::report_writers {

/// `deepseek-ai → DeepSeek (CN), by its Hugging Face organisation`;
/// `Acme Corp: not in the entity registry (its country is not assumed)`;
/// `DeepSeek, the provider (the operator's default for provider-api hosting)`.
std::string describe(const name_resolution& n);

/// The resolution that produced the value at `path`, or nullptr.
const name_resolution* resolution_at(const report& r, const std::string& path);

/// The same lookup, indexed once per report: a writer that looks up every evidence item of a
/// profile with thousands of models would otherwise compare every pair.
class resolution_index {
 public:
  explicit resolution_index(const report& r) {
    for (const auto& n : r.names) by_path_[n.path] = &n;  // the last step that wrote it
  }
  const name_resolution* at(const std::string& path) const {
    const auto it = by_path_.find(path);
    return it == by_path_.end() ? nullptr : it->second;
  }

 private:
  std::unordered_map<std::string_view, const name_resolution*> by_path_;
};

}  // namespace lexgate::report_writers
