// `lexgate plan` for a union of states: the planner judges the rules `check` judges for `EU`,
// its member states' own included, so the plan it proposes passes `check`'s recheck and names
// the member states' rules it satisfies.
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string helpdesk_in(const std::string& markets) {
  std::ifstream in(source_path("fixtures/profiles/helpdesk-multi-market.yaml"));
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const std::string listed = "markets: [CN, AU, IT, US-TX]";
  const auto at = text.find(listed);
  REQUIRE(at != std::string::npos);
  return text.replace(at, listed.size(), "markets: [" + markets + "]");
}

}  // namespace

TEST_CASE("a plan for EU covers its member states' rules and passes check", "[plan]") {
  scratch_dir dir;
  const std::string path = dir.write("eu.yaml", helpdesk_in("EU"));
  const auto r = run_lexgate({"plan", path, "--as-of", "2026-06-01", "--format", "json"});
  INFO(r.err);
  // Blocked as it stands, and a plan found: every plan is rechecked by the evaluator, and one
  // that still failed a rule the planner did not see would be refused (exit 2).
  REQUIRE(r.exit_code == 1);
  CHECK(r.err.find("plan.internal") == std::string::npos);
  const json j = json::parse(r.out);
  const json& deployments = j["plan"]["deployments"];
  REQUIRE(deployments.size() == 1);
  std::set<std::string> satisfied;
  for (const auto& change : deployments[0]["changes"]) {
    for (const auto& rule : change["satisfies"]) satisfied.insert(rule.get<std::string>());
  }
  // Italy's law on AI binds a deployment to EU: `check` judges it there, and so does the plan.
  CHECK(satisfied.count("it.law_132_2025.parental_consent_under_14") == 1);
}
