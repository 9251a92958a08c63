// Drift alone fails the gate (`--drift fail`): a profile clear under every rule whose artifacts
// deploy a model it does not list exited 1 while its JSON and SARIF said `"passed": true`, its
// text `gate: pass` and its Markdown `Gate: pass`. Every format now says what the exit code does.
#include <nlohmann/json.hpp>

#include <string>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// What is deployed: Mistral's model, which the profile does not list (clear too).
constexpr const char* kCompose = R"yaml(services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    command: --model mistralai/Mistral-7B-Instruct-v0.3
)yaml";

}  // namespace

TEST_CASE("drift that fails the gate fails it in every format, not only in the exit code",
          "[artifacts][cli]") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kAuGovLlamaProfile);
  dir.write("deploy/compose.yaml", kCompose);
  const std::string artifacts = dir.path() + "/deploy";
  auto run = [&](const std::string& format, const std::string& drift) {
    return run_lexgate({"check", profile, "--artifacts", artifacts, "--as-of", "2026-11-30",
                        "--format", format, "--drift", drift});
  };

  const auto text = run("text", "fail");
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("verdict: CLEAR") != std::string::npos);
  CHECK(text.out.find("gate: FAIL (--fail-on block); the artifacts deploy what the profile does "
                      "not say (--drift fail)") != std::string::npos);

  const auto js = run("json", "fail");
  CHECK(js.exit_code == 1);
  const json report = json::parse(js.out);
  CHECK(report["gate"]["passed"] == false);
  CHECK(report["gate"]["drift_fails"] == true);

  const auto sarif = run("sarif", "fail");
  CHECK(sarif.exit_code == 1);
  const json gate =
      json::parse(sarif.out)["runs"][0]["properties"]["lexgate"]["profiles"][0]["gate"];
  CHECK(gate["passed"] == false);
  CHECK(gate["drift_fails"] == true);

  const auto markdown = run("markdown", "fail");
  CHECK(markdown.exit_code == 1);
  CHECK(markdown.out.find("Gate: **fail**") != std::string::npos);

  // Reported, not failing: every format passes with the exit code.
  const auto warned = run("json", "warn");
  CHECK(warned.exit_code == 0);
  const json passed = json::parse(warned.out);
  CHECK(passed["gate"]["passed"] == true);
  CHECK(passed["gate"]["drift_fails"] == false);
  CHECK(run("text", "warn").out.find("gate: pass (--fail-on block)\n") != std::string::npos);
}

TEST_CASE("a model the artifacts leave unresolved fails the gate under drift mode strict",
          "[artifacts][cli]") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kAuGovLlamaProfile);
  // The declared model, and an Ollama server that pulls its model at run time: lexgate cannot
  // tell what it serves.
  dir.write("deploy/compose.yaml", R"yaml(services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    command: --model meta-llama/Llama-3.1-8B-Instruct
  side:
    image: ollama/ollama:latest
)yaml");
  const std::string artifacts = dir.path() + "/deploy";
  auto run = [&](const std::string& format, const std::string& drift) {
    return run_lexgate({"check", profile, "--artifacts", artifacts, "--as-of", "2026-11-30",
                        "--format", format, "--drift", drift});
  };
  auto unresolved_level = [](const json& sarif) {
    for (const auto& result : sarif["runs"][0]["results"]) {
      if (result["ruleId"] == "lexgate.drift.unresolved") return result["level"];
    }
    return json();
  };

  // Under `fail`, what lexgate could not read is a warning and the gate passes.
  const auto fail = run("sarif", "fail");
  CHECK(fail.exit_code == 0);
  CHECK(unresolved_level(json::parse(fail.out)) == "warning");

  const auto strict = run("sarif", "strict");
  CHECK(strict.exit_code == 1);
  const json sarif = json::parse(strict.out);
  CHECK(unresolved_level(sarif) == "error");
  CHECK(sarif["runs"][0]["properties"]["lexgate"]["profiles"][0]["gate"]["passed"] == false);
  const auto text = run("text", "strict");
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("gate: FAIL") != std::string::npos);
  const auto junit = run("junit", "strict");
  CHECK(junit.exit_code == 1);
  CHECK(junit.out.find("type=\"drift-unresolved\"") != std::string::npos);
}

TEST_CASE("drift mode warn reports drift as warnings in SARIF and JUnit, as its exit code has it",
          "[artifacts][cli]") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kAuGovLlamaProfile);
  dir.write("deploy/compose.yaml", kCompose);
  const auto r = run_lexgate({"check", profile, "--artifacts", dir.path() + "/deploy",
                              "--as-of", "2026-11-30", "--format", "sarif", "--drift", "warn"});
  CHECK(r.exit_code == 0);
  bool undeclared = false;
  const json sarif = json::parse(r.out);
  for (const auto& result : sarif["runs"][0]["results"]) {
    if (result["ruleId"] != "lexgate.drift.undeclared") continue;
    undeclared = true;
    CHECK(result["level"] == "warning");
  }
  CHECK(undeclared);
  const auto junit = run_lexgate({"check", profile, "--artifacts", dir.path() + "/deploy",
                                  "--as-of", "2026-11-30", "--format", "junit", "--drift",
                                  "warn"});
  CHECK(junit.exit_code == 0);
  CHECK(junit.out.find("<failure") == std::string::npos);
}
