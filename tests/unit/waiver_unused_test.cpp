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
