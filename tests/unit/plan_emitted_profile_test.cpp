// The deployment `plan --emit-profile` writes when it replaces a model: the model's old name
// stayed under its new provider (which `check` then rejected as a contradiction), and the values
// lexgate had filled in from the old model (its operator "DeepSeek" in "CN") stayed beside
// `hosting: self-hosted`.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("a replaced model is written with neither its old name nor its old operator",
          "[plan][cli]") {
  scratch_dir dir;
  const std::string out = dir.path() + "/plans";
  const auto plan = run_lexgate({"plan", source_path("fixtures/profiles/plan-cn-tw-one-model.yaml"),
                                 "--as-of", "2025-06-01", "--emit-profile", out});
  INFO(plan.err);
  REQUIRE(plan.exit_code == 1);
  const std::string tw = out + "/civic-assistant.tw.yaml";
  REQUIRE(std::filesystem::exists(tw));
  std::stringstream text;
  text << std::ifstream(tw).rdbuf();
  const std::string written = text.str();
  INFO(written);
  CHECK(written.find("# product.models[0].name: the replacement model's; put its real name.") !=
        std::string::npos);
  CHECK(written.find("- name: \"<any other>\"") != std::string::npos);
  CHECK(written.find("deepseek") == std::string::npos);
  CHECK(written.find("operator") == std::string::npos);  // worked out afresh when checked
  const auto check = run_lexgate({"check", tw, "--as-of", "2025-06-01"});
  INFO(check.err);
  CHECK(check.exit_code == 0);
}
