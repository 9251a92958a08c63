// A model's display name separates words with spaces where its id has hyphens. `DeepSeek R1
// Distill Llama 70B` (DeepSeek's distillation, as catalogues show it) resolved to Meta by the
// `llama` further on, and DeepSeek's API on Australian government devices came out CLEAR.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/entity_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kAsOf = "2025-06-01";

// A model of that name, quoted.
std::string named(const std::string& model) {
  return "name: \"" + model + "\"";
}

// The entity the model's provider resolved to, and how.
std::pair<std::string, std::string> provider_of(const nlohmann::json& report) {
  return resolved(report, "product.models[0].provider");
}

}  // namespace

TEST_CASE("a model name written with spaces or underscores resolves by its family",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* model : {"DeepSeek R1 Distill Llama 70B", "DeepSeek R1 0528 Qwen3 8B",
                            "DeepSeek R1 Distill Qwen 32B", "deepseek_r1_distill_llama_70b",
                            "DeepSeek-R1-Distill-Llama-70B"}) {
    INFO(model);
    const auto report =
        check_json(dir.write("p.yaml", australian_government_profile(named(model))), kAsOf);
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
  for (const expected& e :
       {expected{"Qwen 2.5 72B Instruct", "Alibaba"}, expected{"Llama 3.3 70B Instruct", "Meta"},
        expected{"Mistral Large 2411", "Mistral AI"}}) {
    INFO(e.model);
    const auto report =
        check_json(dir.write("p.yaml", australian_government_profile(named(e.model))), kAsOf);
    CHECK(provider_of(report) == std::pair<std::string, std::string>{e.entity, "model family"});
  }
}

TEST_CASE("a company's name followed by a space is not its family `deepseek-`", "[entities][cli]") {
  // `deepseek-` is DeepSeek's name as the start of an id: with a space it is only the name, a
  // guess that lends no country, and a different provider stated beside it is a warning.
  scratch_dir dir;
  const auto report = check_json(
      dir.write("p.yaml", australian_government_profile(named("R1 from DeepSeek on Azure"))),
      kAsOf);
  CHECK(provider_of(report) ==
        std::pair<std::string, std::string>{"DeepSeek", "a known name within it (a guess)"});
  CHECK(market_verdicts(report).at("AU") != "clear");
}
