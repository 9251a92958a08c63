// `--add-rules DIR`: company rules and `extend schema` on top of the standard library or of
// `--rules`, through the real CLI.
#include <nlohmann/json.hpp>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

const std::string kOverlay = "fixtures/overlay/rules";
const std::string kProfile = "fixtures/overlay/profiles/acme-chatbot-br.yaml";

std::string digest_of_lint(const run_result& r) {
  const auto at = r.out.find("sha256 ");
  return at == std::string::npos ? "" : r.out.substr(at + 7, 64);
}

}  // namespace

TEST_CASE("check --add-rules judges company rules on top of the standard library",
          "[overlay]") {
  // Without the conflict analysis: this run (one market, an overlay compiled from text, the
  // solver module loaded) ends in a crash of LeakSanitizer's own tracer at exit under the
  // sanitizer build; the overlay's verdict is what this test is about.
  auto r = run_lexgate({"check", kProfile, "--add-rules", kOverlay, "--as-of", "2025-03-01",
                        "--format", "json", "--no-conflicts"});
  CHECK(r.exit_code == 1);
  const auto report = json::parse(r.out);
  CHECK(report["verdict"] == "blocked");
  CHECK(report["markets"][0]["market"] == "BR");
  CHECK(report["markets"][0]["findings"][0]["rule"] ==
        "acme.ai_policy.review_before_public_launch");
  // The digest covers the overlay: it is the lint digest of the same library, not the standard's.
  const auto standard = digest_of_lint(run_lexgate({"lint"}));
  const auto overlaid = digest_of_lint(run_lexgate({"lint", "--add-rules", kOverlay}));
  CHECK(report["rules"]["sha256"] == overlaid);
  CHECK(overlaid != standard);
  CHECK(report["rules"]["library"] == "standard+overlay");
  // Without the overlay, the profile's company attribute is unknown: an error, not a pass.
  auto plain = run_lexgate({"check", kProfile, "--as-of", "2025-03-01"});
  CHECK(plain.exit_code == 2);
  CHECK(plain.err.find("acme_ai_review") != std::string::npos);
}

TEST_CASE("a satisfied company rule clears, and standard rules still run beside it",
          "[overlay]") {
  scratch_dir dir;
  const std::string reviewed = dir.write(
      "reviewed.yaml",
      "profile: 1\nproduct:\n  id: acme-chatbot\n  models:\n"
      "    - { name: m, provider: DeepSeek, provider_country: CN, hosting: provider-api }\n"
      "deployment: { markets: [BR, AU], audiences: [public], device_classes: [government] }\n"
      "compliance: { acme_ai_review: completed, au_exemption_approved: false }\n");
  auto r = run_lexgate({"check", reviewed, "--add-rules", kOverlay, "--as-of", "2025-03-01",
                        "--format", "json"});
  const auto report = json::parse(r.out);
  for (const auto& m : report["markets"]) {
    if (m["market"] == "BR") CHECK(m["verdict"] == "clear");
    if (m["market"] == "AU") CHECK(m["verdict"] == "blocked");  // the PSPF direction
  }
}

TEST_CASE("every command that loads rules takes --add-rules", "[overlay]") {
  CHECK(run_lexgate({"lint", "--add-rules", kOverlay}).exit_code == 0);
  auto list = run_lexgate({"list", "--add-rules", kOverlay, "--all"});
  CHECK(list.out.find("acme.ai_policy") != std::string::npos);
  auto explain = run_lexgate({"explain", "acme.ai_policy.review_before_public_launch",
                              "--add-rules", kOverlay});
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("Acme AI policy, section 3") != std::string::npos);
  auto test = run_lexgate({"test", "fixtures/overlay/cases", "--add-rules", kOverlay});
  CHECK(test.exit_code == 0);
  auto scan = run_lexgate({"scan", kProfile, "--add-rules", kOverlay, "--as-of", "2025-03-01"});
  CHECK(scan.exit_code == 1);
  CHECK(json::parse(scan.out)["verdict"] == "blocked");
  auto plan = run_lexgate({"plan", kProfile, "--add-rules", kOverlay, "--as-of", "2025-03-01",
                           "--format", "json"});
  CHECK(plan.exit_code != 2);
  CHECK(plan.out.find("acme_ai_review") != std::string::npos);
}

TEST_CASE("extend schema cannot redefine an attribute, and says where both are", "[overlay]") {
  scratch_dir dir;
  dir.write("mine/bad.rules",
            "extend schema {\n  compliance: { acme_new: boolean }\n  product: { id: integer }\n}\n");
  auto r = run_lexgate({"lint", "--add-rules", dir.path() + "/mine"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.rules:3:14: error[check.redefined]: attribute `product.id` is already "
                   "declared") != std::string::npos);
  CHECK(r.err.find("first declared at rules/schema.rules:") != std::string::npos);
  // Two overlays adding the same attribute: the second is the error, pointing at the first.
  dir.write("twice/a.rules", "extend schema { compliance: { acme_x: boolean } }\n");
  dir.write("twice/b.rules", "extend schema { compliance: { acme_x: boolean } }\n");
  auto twice = run_lexgate({"lint", "--add-rules", dir.path() + "/twice"});
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("b.rules:1:31: error[check.redefined]") != std::string::npos);
  CHECK(twice.err.find("first declared at " + dir.path() + "/twice/a.rules:1") !=
        std::string::npos);
}

TEST_CASE("overlays stack on --rules, and a missing overlay folder is an error",
          "[overlay]") {
  scratch_dir dir;
  dir.write("base/base.rules",
            "schema {\n  profile: integer required\n  product: { id: string required }\n"
            "  deployment: { markets: list of jurisdiction required }\n}\n"
            "jurisdictions { NZ }\n");
  dir.write("mine/mine.rules",
            "extend schema { product: { reviewed: boolean } }\n"
            "regime acme.nz {\n  title \"Acme NZ\" authority \"Acme\" jurisdiction NZ\n"
            "  instrument company-policy effective 2025-01-01 source \"https://example.org/nz\"\n"
            "  rule reviewed { cite \"s. 1\" severity block require product.reviewed\n"
            "    message \"review it\" remedy \"review it\" }\n}\n");
  const std::string profile =
      dir.write("p.yaml", "profile: 1\nproduct: { id: p, reviewed: false }\n"
                          "deployment: { markets: [NZ] }\n");
  auto r = run_lexgate({"check", profile, "--rules", dir.path() + "/base", "--add-rules",
                        dir.path() + "/mine", "--as-of", "2025-03-01"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("acme.nz.reviewed") != std::string::npos);
  auto missing = run_lexgate({"lint", "--add-rules", dir.path() + "/nowhere"});
  CHECK(missing.exit_code == 2);
  // Company rules given with --rules, in place of the standard library: the hint says how.
  auto replaced = run_lexgate({"lint", "--rules", dir.path() + "/mine"});
  CHECK(replaced.exit_code == 2);
  CHECK(replaced.err.find("--add-rules DIR") != std::string::npos);
}
