// A model's display name separates words with spaces where its id has hyphens. `DeepSeek R1
// Distill Llama 70B` (DeepSeek's distillation, as catalogues show it) resolved to Meta by the
// `llama` further on, and DeepSeek's API on Australian government devices came out CLEAR.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kAsOf = "2025-06-01";

std::string australian_government_profile(const std::string& model) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: AU }\n"
         "  models:\n"
         "    - { name: \"" +
         model +
         "\", hosting: provider-api }\n"
         "deployment:\n"
         "  markets: [AU]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

// The entity and the way the provider was resolved, from the report's `names`.
std::pair<std::string, std::string> provider_of(const nlohmann::json& report) {
  for (const auto& n : report["names"]) {
    if (n["path"] == "product.models[0].provider") {
      return {n["entity"].get<std::string>(), n["by"].get<std::string>()};
    }
  }
  return {};
}

}  // namespace

TEST_CASE("a model name written with spaces or underscores resolves by its family",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* model : {"DeepSeek R1 Distill Llama 70B", "DeepSeek R1 0528 Qwen3 8B",
                            "DeepSeek R1 Distill Qwen 32B", "deepseek_r1_distill_llama_70b",
                            "DeepSeek-R1-Distill-Llama-70B"}) {
    INFO(model);
    const auto report = check_json(dir.write("p.yaml", australian_government_profile(model)), kAsOf);
    CHECK(market_verdicts(report).at("AU") == "blocked");
    CHECK(provider_of(report) == std::pair<std::string, std::string>{"DeepSeek", "model family"});
  }
}

TEST_CASE("other developers' display names resolve by their families too", "[entities][cli]") {
  scratch_dir dir;
  struct expected {
    const char* model;
    const char* entity;
  };
  for (const expected& e : {expected{"Qwen 2.5 72B Instruct", "Alibaba"},
                            expected{"Llama 3.3 70B Instruct", "Meta"},
                            expected{"Mistral Large 2411", "Mistral AI"}}) {
    INFO(e.model);
    const auto report =
        check_json(dir.write("p.yaml", australian_government_profile(e.model)), kAsOf);
    CHECK(provider_of(report) == std::pair<std::string, std::string>{e.entity, "model family"});
  }
}

TEST_CASE("a company's name followed by a space is not its family `deepseek-`", "[entities][cli]") {
  // `deepseek-` is DeepSeek's name as the start of an id: with a space it is only the name, a
  // guess that lends no country, and a different provider stated beside it is a warning.
  scratch_dir dir;
  const auto report =
      check_json(dir.write("p.yaml", australian_government_profile("R1 from DeepSeek on Azure")),
                 kAsOf);
  CHECK(provider_of(report) == std::pair<std::string, std::string>{"DeepSeek", "a known name within it (a guess)"});
  CHECK(market_verdicts(report).at("AU") != "clear");
}
