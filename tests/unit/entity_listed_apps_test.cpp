// Texas's prohibited technologies list names ByteDance and Tencent with their apps (TikTok,
// WeChat, QQ): a product whose vendor is written as the app passed the list's rule, which
// compares the vendor with the companies' names.
#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("a vendor written as a listed company's app is that company on Texas's list",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* vendor : {"TikTok", "TikTok Pte. Ltd.", "WeChat", "QQ"}) {
    INFO(vendor);
    const std::string path = dir.write(
        "app.yaml", std::string("profile: 1\nproduct:\n  id: app\n  vendor: { name: \"") +
                        vendor +
                        "\" }\n  models: []\ndeployment:\n  markets: [US-TX]\n"
                        "  audiences: [government]\n  device_classes: [government]\n"
                        "compliance:\n  government_exception_approved: false\n");
    const auto report = check_json(path, "2026-11-30");
    CHECK(market_verdicts(report).at("US-TX") == "attention");
    bool listed = false;
    for (const auto& f : report["markets"][0]["findings"]) {
      listed = listed || f["rule"] == "us_tx.prohibited_technologies_2025.listed_developers_reported";
    }
    CHECK(listed);
  }
}
