// Hong Kong, Macao and Taiwan under their ISO 3166-2:CN codes (CN-HK, CN-MO, CN-TW): mainland
// China's rules do not bind there by containment, so such a market is uncovered (the gate fails
// unless --allow-uncovered), never judged under CN's rules nor taken for clear.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

TEST_CASE("CN-HK, CN-MO and CN-TW are uncovered, a mainland province is judged under CN",
          "[jurisdiction][cli]") {
  scratch_dir dir;
  const std::string path = dir.write("p.yaml",
                                     "profile: 1\n"
                                     "product:\n"
                                     "  id: gov\n"
                                     "  vendor: { name: Acme, country: US }\n"
                                     "  models:\n"
                                     "    - { name: deepseek-chat, hosting: provider-api }\n"
                                     "deployment:\n"
                                     "  markets: [CN-HK, CN-MO, CN-TW, CN-BJ, TW]\n"
                                     "  audiences: [government]\n"
                                     "  device_classes: [government]\n");
  const auto r = run_lexgate({"check", path, "--as-of", "2025-06-01", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  const json report = json::parse(r.out);
  std::map<std::string, json> markets;
  for (const auto& m : report["markets"]) markets[m["market"]] = m;
  for (const char* apart : {"CN-HK", "CN-MO", "CN-TW"}) {
    INFO(apart);
    CHECK(markets.at(apart)["verdict"] == "uncovered");
    CHECK(markets.at(apart)["coverage"]["regimes"].empty());
  }
  const auto& beijing = markets.at("CN-BJ")["coverage"]["regimes"];
  CHECK(std::find(beijing.begin(), beijing.end(), "cn.pipl") != beijing.end());
  CHECK(markets.at("TW")["verdict"] == "blocked");
}
