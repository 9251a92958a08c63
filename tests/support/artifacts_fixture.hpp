// What the deployment-artifact tests share: the profiles they check artifacts against, and the
// lookup of one fact, and of the model names, in `lexgate derive --format json` output.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace lexgate::testing {

/// A product that declares one self-hosted Llama model, shipped to the US.
inline constexpr const char* kUsLlamaProfile = R"yaml(profile: 1
product:
  id: helper
  models:
    - { name: meta-llama/Llama-3.1-8B-Instruct, provider: Meta, provider_country: US, hosting: self-hosted }
deployment:
  markets: [US]
)yaml";

/// A product that declares no model, shipped to the US: every model an artifact runs is drift.
inline constexpr const char* kUsNoModelProfile = R"yaml(profile: 1
product:
  id: helper
  models: []
deployment:
  markets: [US]
)yaml";

/// Llama on Australian Government devices, self-hosted, as a profile declares it: clear under
/// every rule, so what the artifacts add decides the gate.
inline constexpr const char* kAuGovLlamaProfile = R"yaml(profile: 1
product:
  id: agency-assistant
  vendor: { name: Acme Corp, country: AU }
  models:
    - { name: meta-llama/Llama-3.1-8B-Instruct, provider: Meta, provider_country: US, hosting: self-hosted }
deployment:
  markets: [AU]
  audiences: [government]
  device_classes: [government]
compliance:
  au_exemption_approved: false
)yaml";

/// The fact at `path` in derive's JSON output, or nullptr.
inline const nlohmann::json* fact_at(const nlohmann::json& derived, std::string_view path) {
  for (const auto& f : derived["facts"]) {
    if (f["path"] == path) return &f;
  }
  return nullptr;
}

/// The names of every model in derive's JSON output, in order.
inline std::vector<std::string> derived_models(const nlohmann::json& derived) {
  std::vector<std::string> out;
  for (const auto& f : derived["facts"]) {
    const std::string path = f["path"];
    if (path.starts_with("product.models[") && path.ends_with("].name")) out.push_back(f["value"]);
  }
  return out;
}

}  // namespace lexgate::testing
