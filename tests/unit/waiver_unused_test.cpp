// A waiver that names no finding of the run accepts nothing: `check` says so, at the waiver,
// so a stale or misspelt entry is not trusted in review. The gate is unchanged by it.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("check warns about a waiver that names no finding, at its line", "[waivers][cli]") {
  scratch_dir dir;
  const std::string profile = dir.write("it.yaml", R"yaml(profile: 1
product:
  id: it-app
  vendor: { name: Acme, country: US }
  capabilities: [chat]
  models:
    - { name: deepseek-chat, hosting: provider-api }
deployment:
  markets: [IT]
  audiences: [public]
data:
  personal_data: true
  transfers: []
)yaml");
  const std::string waivers = dir.write("waivers.yaml", R"yaml(- rule: it.garante_deepseek_2025.limit_processing
  market: IT
  justification: DPA agreement pending
  approver: Jane Doe (DPO)
  expires: 2027-01-31
- rule: it.garante_deepseek_2025.limit_processing
  market: FR
  justification: a market the rule never reaches
  approver: Jane Doe (DPO)
  expires: 2027-01-31
)yaml");
  const auto r = run_lexgate({"check", profile, "--waivers", waivers, "--as-of", "2026-11-30"});
  INFO(r.err);
  CHECK(r.exit_code == 1);  // other findings in IT still fail the gate
  CHECK(r.err.find(waivers + ":6:3: warning[waiver.unused]: the waiver for "
                             "it.garante_deepseek_2025.limit_processing in FR names no finding "
                             "of this run") != std::string::npos);
  CHECK(r.err.find(waivers + ":1:") == std::string::npos);  // the IT waiver is used
}

TEST_CASE("scan warns about a waiver no profile of the fleet uses, whatever the threads",
          "[waivers][cli]") {
  // Each waiver is named by one profile only: with two threads, what one worker saw must still
  // count for the whole run.
  scratch_dir dir;
  const std::string line =
      R"({"profile":1,"product":{"id":"ID","vendor":{"name":"Acme","country":"US"},)"
      R"("capabilities":["chat"],"models":[{"name":"deepseek-chat","hosting":"provider-api"}]},)"
      R"("deployment":{"markets":["IT"],"audiences":["public"]},)"
      R"("data":{"personal_data":true,"transfers":[]}})";
  std::string fleet;
  for (int i = 0; i < 300; ++i) {
    std::string l = line;
    l.replace(l.find("ID"), 2, "app-" + std::to_string(i));
    fleet += l + "\n";
  }
  const std::string lines = dir.write("fleet.jsonl", fleet);
  const std::string waivers = dir.write("waivers.yaml", R"yaml(- rule: it.garante_deepseek_2025.limit_processing
  market: IT
  profile: app-299
  justification: DPA agreement pending
  approver: Jane Doe (DPO)
  expires: 2027-01-31
- rule: it.garante_deepseek_2025.limit_processing
  market: IT
  profile: app-300
  justification: a profile the fleet does not have
  approver: Jane Doe (DPO)
  expires: 2027-01-31
)yaml");
  for (const char* threads : {"1", "2"}) {
    INFO(threads);
    const auto r = run_lexgate({"scan", lines, "--waivers", waivers, "--threads", threads,
                                "--as-of", "2026-11-30"});
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.err.find(waivers + ":7:3: warning[waiver.unused]: the waiver for "
                               "it.garante_deepseek_2025.limit_processing in IT (profile "
                               "app-300) names no finding of this run") != std::string::npos);
    CHECK(r.err.find(waivers + ":1:") == std::string::npos);  // app-299 uses the first
  }
}
