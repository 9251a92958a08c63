// `lexgate scan`: many profiles, both cores, one JSON line each, past broken files.
#include <nlohmann/json.hpp>

#include <sstream>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

// A deterministic mix of profiles: blocked, clear and indeterminate ones.
std::string generated(int i) {
  const char* devices[] = {"consumer", "government", "consumer, government"};
  std::string p = "profile: 1\nproduct:\n  id: p" + std::to_string(i) +
                  "\n  vendor: { name: Acme, country: AU }\n  models:\n"
                  "    - { name: m, provider: " +
                  std::string(i % 2 == 0 ? "DeepSeek" : "Acme") +
                  ", hosting: provider-api }\ndeployment:\n  markets: [AU]\n  device_classes: [" +
                  devices[i % 3] + "]\n";
  if (i % 5 != 0) p += "compliance: { au_exemption_approved: false }\n";
  return p;
}

}  // namespace

TEST_CASE("scan reports every profile of a folder, in order, and keeps going past a broken one",
          "[scan]") {
  scratch_dir dir;
  for (int i = 0; i < 1000; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "p%04d.yaml", i);
    dir.write(name, generated(i));
  }
  dir.write("p0500-broken.yaml", "profile: 1\nproduct: { id: x }\ndeployment: { markts: [AU] }\n");
  auto r = run_lexgate({"scan", dir.path(), "--threads", "2", "--as-of", "2025-03-01"});
  CHECK(r.exit_code == 2);
  std::istringstream lines(r.out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  REQUIRE(rows.size() == 1001);
  // Output follows the sorted input, whatever thread finished first.
  CHECK(rows[0]["id"] == "p0");
  // `p0500-broken.yaml` sorts before `p0500.yaml` ('-' < '.').
  CHECK(rows[500]["profile"].get<std::string>().find("p0500-broken.yaml") != std::string::npos);
  CHECK(rows[500]["error"][0]["code"] == "profile.unknown_key");
  CHECK(rows[500]["error"][0]["line"] == 3);
  CHECK(rows[501]["id"] == "p500");
  CHECK(rows[1000]["id"] == "p999");
  // p1: Acme's model on government devices: clear. p2: DeepSeek on consumer and government.
  CHECK(rows[1]["verdict"] == "clear");
  CHECK(rows[2]["verdict"] == "blocked");
  // DeepSeek, government, exemption not stated: an unclaimed exemption does not hold.
  CHECK(rows[10]["verdict"] == "blocked");
  CHECK(r.err.find("1001 profiles on 2 threads") != std::string::npos);
  CHECK(r.err.find("1 with errors") != std::string::npos);
}

TEST_CASE("scan reads profile paths from standard input", "[scan]") {
  auto r = run_lexgate({"scan", "-", "--as-of", "2025-03-01"},
                       "fixtures/profiles/deepseek-gov-au.yaml\n"
                       "fixtures/profiles/consumer-deepseek-au.yaml\n");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"id\":\"agency-assistant\",\"verdict\":\"blocked\"") != std::string::npos);
  // No AU rule binds a consumer app: uncovered, not clear.
  CHECK(r.out.find("\"id\":\"consumer-chat\",\"verdict\":\"uncovered\"") != std::string::npos);
  CHECK(run_lexgate({"scan", "no/such/dir"}).exit_code == 2);
}

TEST_CASE("scan's summary counts one profile on one thread in the singular", "[scan]") {
  const auto r = run_lexgate({"scan", source_path("fixtures/profiles/helpdesk-multi-market.yaml"),
                              "--threads", "1", "--as-of", "2025-03-01"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("lexgate scan: 1 profile on 1 thread: 1 blocked,") != std::string::npos);
}
