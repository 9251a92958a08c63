// What the company-name tests share: a product on Australian government devices (the PSPF
// direction blocks DeepSeek's products there, so a missed spelling shows as CLEAR), and the
// company a report's `names` resolved a value to.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <utility>

namespace lexgate::testing {

/// One model, `model` being the inside of its flow mapping (`name: x, provider: "y"`), called
/// through its provider's API.
inline std::string australian_government_profile(const std::string& model) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: AU }\n"
         "  models:\n"
         "    - { " +
         model +
         ", hosting: provider-api }\n"
         "deployment:\n"
         "  markets: [AU]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

/// The entity `path` resolved to, and how (`model family`, `name`...); empty when none.
inline std::pair<std::string, std::string> resolved(const nlohmann::json& report,
                                                    const std::string& path) {
  for (const auto& n : report["names"]) {
    if (n["path"] == path && n.contains("entity")) {
      return {n["entity"].get<std::string>(), n["by"].get<std::string>()};
    }
  }
  return {};
}

}  // namespace lexgate::testing
