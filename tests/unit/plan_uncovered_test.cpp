// `lexgate plan` on a market no regime covers: nothing to change is not compliance there, so
// the plan says nothing was checked and exits 1, as `check` does, unless --allow-uncovered.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// Taiwan's government under ISO 3166-2:CN's code, which no regime covers.
constexpr const char* kUncovered = R"yaml(profile: 1
product:
  id: x
  vendor: { name: Acme Corp, country: US }
  models:
    - { name: deepseek-chat, hosting: provider-api }
deployment:
  markets: [CN-TW]
  audiences: [government]
  device_classes: [government]
)yaml";

}  // namespace

TEST_CASE("plan fails on an uncovered market unless --allow-uncovered, and says why") {
  scratch_dir dir;
  const std::string path = dir.write("p.yaml", kUncovered);
  const auto text = run_lexgate({"plan", path, "--as-of", "2026-11-30"});
  INFO(text.err);
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("(as of 2026-11-30, 1 market, verdict now uncovered)") != std::string::npos);
  CHECK(text.out.find("no regime of it is in force for CN-TW: nothing was checked there.") !=
        std::string::npos);
  CHECK(text.out.find("compliant") == std::string::npos);

  const auto blocked = run_lexgate({"plan", path, "--as-of", "2026-11-30", "--format", "json"});
  CHECK(blocked.exit_code == 1);
  const json report = json::parse(blocked.out);
  CHECK(report["gate"]["passed"] == false);
  CHECK(report["plan"]["deployments"][0]["changes"].empty());

  const auto allowed =
      run_lexgate({"plan", path, "--as-of", "2026-11-30", "--format", "json", "--allow-uncovered"});
  CHECK(allowed.exit_code == 0);
  const json passed = json::parse(allowed.out);
  CHECK(passed["gate"]["allow_uncovered"] == true);
  CHECK(passed["gate"]["passed"] == true);

  const auto markdown =
      run_lexgate({"plan", path, "--as-of", "2026-11-30", "--format", "markdown"});
  CHECK(markdown.exit_code == 1);
  CHECK(markdown.out.find("nothing was checked there") != std::string::npos);
}
