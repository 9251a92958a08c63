// A waiver for Italy (`market: IT`) did not hold for the Garante's order found under the market
// `EU`, whose findings name the member state: the DPO's waiver was ignored.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string garante_status(const std::string& profile, const std::string& waivers) {
  const auto r = run_lexgate({"check", profile, "--waivers", waivers, "--as-of", "2026-11-30",
                              "--format", "json"});
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 1));
  const json report = json::parse(r.out);
  for (const auto& m : report["markets"]) {
    for (const auto& f : m["findings"]) {
      if (f["rule"] == "it.garante_deepseek_2025.limit_processing") return f["status"];
    }
  }
  return "absent";
}

}  // namespace

TEST_CASE("a member state's waiver holds for its finding under the market EU, not another's",
          "[waivers][cli]") {
  scratch_dir dir;
  const std::string profile = dir.write("eu.yaml", R"yaml(profile: 1
product:
  id: eu-app
  vendor: { name: Acme, country: US }
  capabilities: [chat]
  models:
    - { name: deepseek-chat, hosting: provider-api }
deployment:
  markets: [EU]
  audiences: [public]
data:
  personal_data: true
  transfers: []
)yaml");
  auto waiver = [&](const std::string& market) {
    return dir.write("waivers-" + market + ".yaml",
                     "- rule: it.garante_deepseek_2025.limit_processing\n  market: " + market +
                         "\n  justification: DPA agreement pending\n  approver: Jane Doe (DPO)\n"
                         "  expires: 2027-01-31\n");
  };
  CHECK(garante_status(profile, waiver("IT")) == "waived");
  CHECK(garante_status(profile, waiver("EU")) == "waived");
  CHECK(garante_status(profile, waiver("FR")) == "violation");
}
