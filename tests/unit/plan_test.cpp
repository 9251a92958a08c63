// `lexgate plan`: conflicts between markets, the split, and remediation that `check` accepts.
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "lexgate/plan.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

const char* const kConflictProfile = "fixtures/profiles/plan-cn-tw-one-model.yaml";
const char* const kStorageProfile = "fixtures/profiles/plan-cn-it-storage.yaml";
const char* const kAsOf = "2025-06-01";

json plan_json(const std::string& profile, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"plan", profile, "--as-of", kAsOf, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_lexgate(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  return json::parse(r.out);
}

std::vector<std::string> strings(const json& j) {
  return j.get<std::vector<std::string>>();
}

bool has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("one model cannot be CAC-filed for CN and free of PRC origin for TW's government",
          "[plan]") {
  const json j = plan_json(kConflictProfile);
  const json& plan = j["plan"];
  REQUIRE(plan["conflicts"].size() >= 1);
  bool named_both = false;
  for (const auto& c : plan["conflicts"]) {
    const auto rules = strings(c["rules"]);
    CHECK(strings(c["markets"]) == std::vector<std::string>{"CN", "TW"});
    CHECK(has(strings(c["invariants"]), "cn.cac_filings_domestic_models"));
    CHECK(!c["explanation"].get<std::string>().empty());
    named_both =
        named_both || (has(rules, "tw.moda_deepseek_2025.prc_origin_models_in_government") &&
                       has(rules, "cn.genai_interim_measures.art17_algorithm_filing"));
  }
  CHECK(named_both);
  CHECK(has(strings(plan["conflicts"][0]["attributes"]), "product.models[0].provider_country"));

  // Two deployments: CN as it is, TW with a model of a provider outside the PRC.
  REQUIRE(plan["deployments"].size() == 2);
  CHECK(plan["split"] == "exact");
  const json* tw = nullptr;
  for (const auto& d : plan["deployments"]) {
    if (strings(d["markets"]) == std::vector<std::string>{"TW"}) tw = &d;
  }
  REQUIRE(tw != nullptr);
  bool changes_country = false;
  for (const auto& c : (*tw)["changes"]) {
    CHECK(!c["satisfies"].empty());
    if (c["path"] == "product.models[0].provider_country") {
      changes_country = true;
      CHECK(c["from"] == "CN");
      CHECK(c["to"] != "CN");
    }
  }
  CHECK(changes_country);
  // The §5 fields are there too, with the conflicts.
  CHECK(j["verdict"] == "blocked");
  CHECK(j["conflicts"].size() == plan["conflicts"].size());
}

TEST_CASE("every emitted deployment passes lexgate check in its markets", "[plan]") {
  scratch_dir dir;
  for (const char* profile : {kConflictProfile, kStorageProfile}) {
    INFO(profile);
    auto r = run_lexgate({"plan", profile, "--as-of", kAsOf, "--emit-profile", dir.path()});
    INFO(r.err);
    REQUIRE(r.exit_code == 1);
  }
  for (const char* name :
       {"civic-assistant.cn.yaml", "civic-assistant.tw.yaml", "grid-assistant.cn-it.yaml"}) {
    const std::string path = dir.path() + "/" + name;
    INFO(path << "\n" << read(path));
    auto check = run_lexgate({"check", path, "--as-of", kAsOf, "--format", "json"});
    CHECK(check.exit_code == 0);
    const json report = json::parse(check.out);
    CHECK(report["summary"]["violations"] == 0);
  }
  // The TW profile keeps only its market and says which value to fill in.
  const std::string tw = read(dir.path() + "/civic-assistant.tw.yaml");
  CHECK(tw.find("markets: [TW]") != std::string::npos);
  CHECK(tw.find("stands for any value the rules do not name") != std::string::npos);
}

TEST_CASE("per-market storage differences are no conflict: one deployment, one change", "[plan]") {
  const json plan = plan_json(kStorageProfile)["plan"];
  CHECK(plan["conflicts"].empty());
  REQUIRE(plan["deployments"].size() == 1);
  CHECK(strings(plan["deployments"][0]["markets"]) == std::vector<std::string>{"CN", "IT"});
  const json& changes = plan["deployments"][0]["changes"];
  REQUIRE(changes.size() == 1);
  CHECK(changes[0]["path"] == "data.storage.CN");
  CHECK(strings(changes[0]["from"]) == std::vector<std::string>{"IT"});
  CHECK(strings(changes[0]["to"]) == std::vector<std::string>{"CN"});
  CHECK(strings(changes[0]["satisfies"]) == std::vector<std::string>{"cn.pipl.art40_localisation"});
}

TEST_CASE("a compliant deployment plans to change nothing and exits 0", "[plan]") {
  auto r =
      run_lexgate({"plan", "fixtures/profiles/cn-public-chatbot-filed.yaml", "--as-of", kAsOf});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("compliant as it stands") != std::string::npos);
}

TEST_CASE("plan.fixed pins attributes, what then cannot be fixed is reported as such", "[plan]") {
  scratch_dir dir;
  std::string text = read(source_path(kConflictProfile));
  text += "plan:\n  fixed: [product.models]\n";
  const std::string path = dir.write("pinned.yaml", text);
  const json plan = plan_json(path)["plan"];
  CHECK(!has(strings(plan["free_attributes"]), "product.models[0].provider_country"));
  for (const auto& d : plan["deployments"]) {
    for (const auto& c : d["changes"]) {
      CHECK(c["path"].get<std::string>().rfind("product.models", 0) != 0);
    }
  }
  bool tw_unresolvable = false;
  for (const auto& u : plan["unresolvable"]) {
    tw_unresolvable =
        tw_unresolvable || (u["market"] == "TW" &&
                            u["rule"] == "tw.moda_deepseek_2025.prc_origin_models_in_government");
  }
  CHECK(tw_unresolvable);
}

TEST_CASE("a plan.fixed path that names no attribute is an error at its line", "[plan]") {
  scratch_dir dir;
  std::string text = read(source_path(kStorageProfile));
  text += "plan:\n  fixed: [data.storage, product.modles]\n";
  const std::string path = dir.write("typo.yaml", text);
  auto r = run_lexgate({"plan", path, "--as-of", kAsOf});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  const auto line = std::count(text.begin(), text.end(), '\n');
  CHECK(r.err.find("typo.yaml:" + std::to_string(line) + ":") != std::string::npos);
  CHECK(r.err.find("error[plan.fixed]: `product.modles` names no attribute") != std::string::npos);
}

TEST_CASE("check fills conflicts when a deployment is not clear, and only then", "[plan]") {
  auto blocked = run_lexgate({"check", kConflictProfile, "--as-of", kAsOf, "--format", "json"});
  CHECK(blocked.exit_code == 1);
  const json b = json::parse(blocked.out);
  REQUIRE(!b["conflicts"].empty());
  CHECK(strings(b["conflicts"][0]["markets"]) == std::vector<std::string>{"CN", "TW"});

  auto skipped = run_lexgate(
      {"check", kConflictProfile, "--as-of", kAsOf, "--format", "json", "--no-conflicts"});
  CHECK(json::parse(skipped.out)["conflicts"].empty());

  auto text = run_lexgate({"check", kConflictProfile, "--as-of", kAsOf});
  CHECK(text.out.find("conflicts (no single deployment satisfies these") != std::string::npos);

  // A clear deployment never needs the solver: with no module to load it still passes.
  auto clear = run_lexgate({"check", "fixtures/profiles/cn-public-chatbot-filed.yaml", "--as-of",
                            kAsOf, "--format", "json"},
                           "", {{"LEXGATE_ANALYSE_MODULE", "/nonexistent/module.so"}});
  CHECK(clear.exit_code == 0);
  CHECK(json::parse(clear.out)["conflicts"].empty());
}

TEST_CASE("plan's markdown and text say the same thing", "[plan]") {
  auto md = run_lexgate({"plan", kConflictProfile, "--as-of", kAsOf, "--format", "markdown"});
  CHECK(md.exit_code == 1);
  CHECK(md.out.find("### Conflicts") != std::string::npos);
  CHECK(md.out.find("### Deployment 2: TW") != std::string::npos);
  auto text = run_lexgate({"plan", kConflictProfile, "--as-of", kAsOf});
  CHECK(text.out.find("Deployment 2 of 2: TW") != std::string::npos);
  CHECK(text.out.find("set product.models[0].provider_country to") != std::string::npos);
}

TEST_CASE("plan refuses what it cannot read, with exit 2", "[plan]") {
  CHECK(run_lexgate({"plan"}).exit_code == 2);
  CHECK(run_lexgate({"plan", "fixtures/profiles/nope.yaml"}).exit_code == 2);
  CHECK(run_lexgate({"plan", kStorageProfile, "--format", "sarif"}).exit_code == 2);
  auto missing_module = run_lexgate({"plan", kStorageProfile, "--as-of", kAsOf}, "",
                                    {{"LEXGATE_ANALYSE_MODULE", "/nonexistent/module.so"}});
  CHECK(missing_module.exit_code == 2);
  CHECK(missing_module.err.find("error[plan.module]") != std::string::npos);
}

TEST_CASE("fixed facts that break an invariant stop the plan with exit 2", "[plan]") {
  // (A DeepSeek model said to come from the US no longer loads: the entity registry knows
  // where DeepSeek is established. An adequacy decision for China is a fact a profile can state.)
  scratch_dir dir;
  const std::string path = dir.write("moved.yaml",
                                     "profile: 1\n"
                                     "product: { id: x }\n"
                                     "deployment: { markets: [IT] }\n"
                                     "data:\n"
                                     "  personal_data: true\n"
                                     "  transfers: [{ from: IT, to: CN, mechanism: adequacy }]\n"
                                     "plan:\n"
                                     "  fixed: [data.transfers]\n");
  auto r = run_lexgate({"plan", path, "--as-of", kAsOf});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[plan.invariant]") != std::string::npos);
  CHECK(r.err.find("eu.no_adequacy_decision_for_china") != std::string::npos);
  // Unpinned, the plan changes the transfer's mechanism instead.
  const std::string free_path =
      dir.write("free.yaml",
                "profile: 1\nproduct: { id: x }\ndeployment: { markets: [IT] }\n"
                "data:\n  personal_data: true\n"
                "  transfers: [{ from: IT, to: CN, mechanism: adequacy }]\n");
  auto planned = run_lexgate({"plan", free_path, "--as-of", kAsOf, "--format", "json"});
  CHECK(planned.exit_code == 1);
  CHECK(planned.out.find("data.transfers[0].mechanism") != std::string::npos);
}

TEST_CASE("a profile with no market is an error at `markets`, for plan as for check", "[plan]") {
  scratch_dir dir;
  const std::string path =
      dir.write("none.yaml", "profile: 1\nproduct: { id: x }\ndeployment: { markets: [] }\n");
  auto r = run_lexgate({"plan", path, "--as-of", kAsOf});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("none.yaml:3:24: error[profile.no_markets]") != std::string::npos);
}

TEST_CASE("a plan mends an EU-to-China transfer without claiming an adequacy decision", "[plan]") {
  const json plan = plan_json("fixtures/profiles/helpdesk-multi-market.yaml")["plan"];
  bool mended = false;
  for (const auto& d : plan["deployments"]) {
    for (const auto& c : d["changes"]) {
      if (c["path"] != "data.transfers[0].mechanism") continue;
      mended = true;
      CHECK(c["from"] == "none");
      CHECK(c["to"] != "adequacy");
      CHECK(c["to"] != "none");
    }
  }
  CHECK(mended);
}
