// A big but legal profile through the real command line: 10,000 models (within the profile
// limits) keep their verdict and findings; the conflict analysis says it was not attempted,
// with its reason, and `plan` ends in its budget error, instead of minutes and gigabytes.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("10,000 models: the verdict stands and the conflicts are not analysed",
          "[hardening][blowup]") {
  scratch_dir dir;
  std::string models;
  for (int i = 0; i < 10000; ++i) {
    models += "  - {name: m" + std::to_string(i) + ", provider: " + (i % 2 ? "DeepSeek" : "P") +
              ", provider_country: " + (i % 2 ? "CN" : "US") + ", hosting: provider-api}\n";
  }
  const std::string text = "profile: 1\nproduct:\n  id: many\n  capabilities: [chat]\n  models:\n" +
                           models +
                           "deployment:\n  markets: [AU, CN, US]\n  audiences: [public]\n"
                           "  device_classes: [government]\ndata: { personal_data: true }\n";
  REQUIRE(text.size() < (1u << 20));  // within the profile size limit
  const std::string profile = dir.write("many.yaml", text);

  auto json_run = run_lexgate({"check", profile, "--as-of", "2025-06-01", "--format", "json"});
  CHECK(json_run.exit_code == 1);
  const auto report = nlohmann::json::parse(json_run.out);
  CHECK(report["verdict"] == "blocked");
  CHECK(report["conflicts"].empty());
  const std::string why = report["conflicts_not_analysed"];
  CHECK(why.find(" items, more than the 500 the analysis encodes") != std::string::npos);
  CHECK(json_run.err.find("conflicts not analysed") != std::string::npos);
  // The AU ban on DeepSeek on government devices names models from the list as its evidence.
  bool au_blocked = false;
  for (const auto& m : report["markets"]) {
    if (m["market"] == "AU") au_blocked = m["verdict"] == "blocked";
  }
  CHECK(au_blocked);

  auto text_run = run_lexgate({"check", profile, "--as-of", "2025-06-01", "--explain"});
  CHECK(text_run.exit_code == 1);
  CHECK(text_run.out.find("conflicts not analysed: the profile's lists hold") != std::string::npos);
  CHECK(text_run.out.find("verdict: BLOCKED") != std::string::npos);

  auto plan = run_lexgate({"plan", profile, "--as-of", "2025-06-01"});
  CHECK(plan.exit_code == 2);
  CHECK(plan.err.find("error[plan.budget]") != std::string::npos);
  CHECK(plan.err.find("plan fewer markets or models at once") != std::string::npos);
}
