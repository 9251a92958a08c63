// Entities through the `lexgate` command line: one company under all its names, the developer
// apart from the operator, the registry checked at load and shown with its sources.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "lexgate/entities.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

const char* const kAsOf = "2025-06-01";

// A model reached through its developer's API on the government systems of AU, TW and US-TX.
std::string government_profile(const std::string& provider_line) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: US }\n"
         "  models:\n" +
         provider_line +
         "deployment:\n"
         "  markets: [AU, TW, US-TX]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

json check_json(const std::string& path) { return lexgate::testing::check_json(path, kAsOf); }

bool has_finding(const json& report, const std::string& market, const std::string& rule) {
  for (const auto& m : report["markets"]) {
    if (m["market"] != market) continue;
    for (const auto& f : m["findings"]) {
      if (f["rule"] == rule) return true;
    }
  }
  return false;
}

std::string read(const std::string& path) {
  std::ifstream in(std::string(LEXGATE_SOURCE_DIR) + "/" + path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("every spelling of DeepSeek is blocked where DeepSeek is", "[entities][cli]") {
  scratch_dir dir;
  const auto reference = check_json(dir.write(
      "reference.yaml",
      government_profile("    - { name: m, provider: DeepSeek, hosting: provider-api }\n")));
  const auto expected = market_verdicts(reference);
  REQUIRE(expected.size() == 3);
  for (const auto& [market, verdict] : expected) {
    INFO(market);
    CHECK(verdict != "clear");
  }
  CHECK(expected.at("TW") == "blocked");
  CHECK(expected.at("US-TX") == "blocked");
  for (const std::string spelling :
       {"deepseek-ai", "DeepSeek AI", "deepseek", "Hangzhou DeepSeek Artificial Intelligence Co., Ltd.",
        "深度求索"}) {
    INFO(spelling);
    const auto report = check_json(dir.write(
        "spelled.yaml", government_profile("    - { name: m, provider: " + quoted(spelling) +
                                           ", hosting: provider-api }\n")));
    CHECK(market_verdicts(report) == expected);
    CHECK(has_finding(report, "AU", "au.pspf_direction_001_2025.deepseek_on_government_systems"));
    CHECK(has_finding(report, "TW", "tw.moda_deepseek_2025.no_deepseek_in_government"));
    CHECK(has_finding(report, "US-TX",
                      "us_tx.prohibited_technologies_2025.listed_apps_on_state_devices"));
  }
  // A model named only by its Hugging Face id resolves to its developer the same way.
  const auto by_id = check_json(dir.write(
      "by-id.yaml", government_profile("    - { name: deepseek-ai/DeepSeek-R1-Distill-Qwen-14B, "
                                       "hosting: provider-api }\n")));
  CHECK(market_verdicts(by_id) == expected);
}

TEST_CASE("the operator, not the developer, decides DeepSeek's processing, data follows the "
          "operator's country",
          "[entities][cli]") {
  scratch_dir dir;
  const std::string italy =
      "profile: 1\n"
      "product:\n"
      "  id: it\n"
      "  vendor: { name: Acme, country: US }\n"
      "  models:\n"
      "    - { name: deepseek-ai/DeepSeek-V3, operator: Volcengine, hosting: provider-api }\n"
      "deployment: { markets: [IT] }\n"
      "data: { personal_data: true, transfers: [] }\n";
  const auto report = check_json(dir.write("italy.yaml", italy));
  CHECK(market_verdicts(report).at("IT") == "blocked");
  CHECK_FALSE(has_finding(report, "IT", "it.garante_deepseek_2025.limit_processing"));
  CHECK(has_finding(report, "IT", "eu.gdpr_transfers.operator_outside_eu_without_mechanism"));

  // DeepSeek's own API for the same users: the Garante's order applies.
  const auto own = check_json(dir.write(
      "own.yaml", "profile: 1\nproduct:\n  id: it\n  models:\n"
                  "    - { name: deepseek-chat, hosting: provider-api }\n"
                  "deployment: { markets: [IT] }\ndata: { personal_data: true }\n"));
  CHECK(has_finding(own, "IT", "it.garante_deepseek_2025.limit_processing"));

  // A stated transfer with standard contractual clauses settles the operator's country.
  const auto with_scc = check_json(dir.write(
      "scc.yaml", "profile: 1\nproduct:\n  id: it\n  models:\n"
                  "    - { name: deepseek-ai/DeepSeek-V3, operator: ByteDance, hosting: "
                  "provider-api }\n"
                  "deployment: { markets: [IT] }\n"
                  "data: { personal_data: true, transfers: [{ from: IT, to: CN, mechanism: scc }] }\n"));
  CHECK_FALSE(
      has_finding(with_scc, "IT", "eu.gdpr_transfers.operator_outside_eu_without_mechanism"));
}

TEST_CASE("a ByteDance model on Texas state devices is not clear, Llama on Australian Government "
          "systems is",
          "[entities][cli]") {
  scratch_dir dir;
  const auto texas = check_json(dir.write(
      "texas.yaml", "profile: 1\nproduct:\n  id: tx\n  vendor: { name: Acme, country: US }\n"
                    "  models:\n    - { name: doubao-1.5-pro-32k, hosting: provider-api }\n"
                    "deployment: { markets: [US-TX], device_classes: [government] }\n"));
  CHECK(market_verdicts(texas).at("US-TX") != "clear");
  CHECK(has_finding(texas, "US-TX",
                    "us_tx.prohibited_technologies_2025.listed_developers_reported"));

  const auto australia = check_json(dir.write(
      "au.yaml", "profile: 1\nproduct:\n  id: au\n  vendor: { name: Acme, country: US }\n"
                 "  models:\n    - { name: meta-llama/Llama-3.1-8B-Instruct, hosting: self-hosted }\n"
                 "deployment: { markets: [AU], device_classes: [government] }\n"));
  CHECK(market_verdicts(australia).at("AU") == "clear");
}

TEST_CASE("a re-upload resolves by the model's name, and the evidence says so", "[entities][cli]") {
  scratch_dir dir;
  const auto report = check_json(
      dir.write("reupload.yaml",
                "profile: 1\nproduct:\n  id: r\n  vendor: { name: Acme, country: US }\n"
                "  models:\n    - { name: bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF, hosting: "
                "self-hosted }\n"
                "deployment: { markets: [TW], device_classes: [government] }\n"));
  bool said = false;
  for (const auto& m : report["markets"]) {
    for (const auto& f : m["findings"]) {
      for (const auto& e : f["evidence"]) {
        if (e["path"] == "product.models[0].provider" && e.contains("resolved")) {
          CHECK(e["value"] == "DeepSeek");
          CHECK(e["line"] == 6);
          said = e["resolved"].get<std::string>().find("re-upload") != std::string::npos;
        }
      }
    }
  }
  CHECK(said);
  bool listed = false;
  for (const auto& n : report["names"]) {
    if (n["path"] == "product.models[0].provider") {
      listed = n["by"] == "model name only (a re-upload)" && n["entity"] == "DeepSeek";
    }
  }
  CHECK(listed);
}

TEST_CASE("check --explain shows how each name resolved", "[entities][cli]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "p.yaml", government_profile("    - { name: m, provider: deepseek-ai, hosting: provider-api }\n"));
  const auto r = run_lexgate({"check", path, "--as-of", kAsOf, "--explain"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("deepseek-ai → DeepSeek (CN), by its Hugging Face organisation") !=
        std::string::npos);
  CHECK(r.out.find("Acme: not in the entity registry (its country is not assumed)") !=
        std::string::npos);
  CHECK(r.out.find("product.models[0].operator: DeepSeek, the provider") != std::string::npos);
}

TEST_CASE("an unknown company stays as written and its country is missing, never assumed",
          "[entities][cli]") {
  scratch_dir dir;
  const auto report = check_json(dir.write(
      "unknown.yaml", "profile: 1\nproduct:\n  id: u\n  models:\n"
                      "    - { name: m, provider: Example Labs, hosting: provider-api }\n"
                      "deployment: { markets: [TW], device_classes: [government] }\n"));
  CHECK(market_verdicts(report).at("TW") == "indeterminate");
  bool missing_country = false;
  for (const auto& f : report["markets"][0]["findings"]) {
    for (const auto& m : f["missing"]) {
      missing_country = missing_country || m == "product.models[0].provider_country";
    }
  }
  CHECK(missing_country);
}

TEST_CASE("a stated country that contradicts the registry is an error with both positions",
          "[entities][cli]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "wrong.yaml", "profile: 1\nproduct:\n  id: w\n  models:\n"
                    "    - { name: m, provider: deepseek-ai, provider_country: US }\n"
                    "deployment: { markets: [IT] }\n");
  const auto r = run_lexgate({"check", path, "--as-of", kAsOf});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("wrong.yaml:5:59: error[profile.entity_country]") != std::string::npos);
  CHECK(r.err.find("`product.models[0].provider` (5:28) names DeepSeek, established in CN") !=
        std::string::npos);
  CHECK(r.err.find("rules/entities.rules:") != std::string::npos);
}

TEST_CASE("entity references in rules and entity names are checked when the library loads",
          "[entities][cli]") {
  scratch_dir dir;
  const std::filesystem::path rules = std::filesystem::path(dir.path()) / "rules";
  std::filesystem::create_directories(rules);
  for (const char* f : {"schema.rules", "jurisdictions.rules", "entities.rules"}) {
    std::ofstream(rules / f) << read(std::string("rules/") + f);
  }
  std::ofstream(rules / "typo.rules")
      << "regime x.y {\n  title \"t\"\n  authority \"a\"\n  jurisdiction AU\n"
         "  instrument directive\n  effective 2025-01-01\n  source \"s\"\n"
         "  rule r {\n    cite \"c\"\n    severity block\n"
         "    forbid any m in product.models: m.provider == \"Deepseek\"\n"
         "    message \"m\"\n    remedy \"r\"\n  }\n}\n";
  auto r = run_lexgate({"lint", "--rules", rules.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("typo.rules:11:51: error[check.unknown_entity]: `Deepseek` is not a declared "
                   "entity") != std::string::npos);
  CHECK(r.err.find("did you mean `DeepSeek`?") != std::string::npos);

  std::filesystem::remove(rules / "typo.rules");
  std::ofstream(rules / "clash.rules")
      << "entity deep_copy {\n  name \"Deep Copy\"\n  country US\n  brand \"DEEPSEEK, Inc.\"\n"
         "  source \"s\"\n}\n";
  r = run_lexgate({"lint", "--rules", rules.string()});
  CHECK(r.exit_code == 2);
  // Files load in path order: the registry's own entry is the second claim of the name.
  CHECK(r.err.find("entities.rules:11:16: error[check.duplicate]: name `DeepSeek` of entity "
                   "`deepseek` already names entity `deep_copy`") != std::string::npos);
  CHECK(r.err.find("declared for `deep_copy` at " + (rules / "clash.rules").string() + ":4:9") !=
        std::string::npos);
}

TEST_CASE("explain ENTITY and list --entities show the registry with its sources",
          "[entities][cli]") {
  auto r = run_lexgate({"explain", "deepseek"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("entity deepseek") != std::string::npos);
  CHECK(r.out.find("country:      CN") != std::string::npos);
  CHECK(r.out.find("Hugging Face: deepseek-ai") != std::string::npos);
  CHECK(r.out.find("source:") != std::string::npos);

  r = run_lexgate({"explain", "深度求索"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("`深度求索` → DeepSeek, by name") != std::string::npos);

  r = run_lexgate({"explain", "deepseak"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("did you mean `deepseek`?") != std::string::npos);

  r = run_lexgate({"list", "--entities", "--format", "json"});
  CHECK(r.exit_code == 0);
  const auto listed = json::parse(r.out);
  bool bytedance = false;
  for (const auto& e : listed["entities"]) {
    CHECK(!e["sources"].empty());
    if (e["id"] == "bytedance") {
      bytedance = e["country"] == "CN" &&
                  std::find(e["names"].begin(), e["names"].end(), "Volcengine") != e["names"].end();
    }
  }
  CHECK(bytedance);
}

TEST_CASE("the public lookups resolve model ids, hosts and company names", "[entities]") {
  diagnostic_bag bag;
  const auto lib = load_standard_library(bag);
  REQUIRE(lib);
  auto m = resolve_model(*lib, "deepseek-ai/DeepSeek-R1");
  REQUIRE(m);
  CHECK(m->entity->id == "deepseek");
  CHECK(m->how == match_kind::hugging_face_org);
  m = resolve_model(*lib, "bartowski/Meta-Llama-3.1-8B-Instruct-GGUF");
  REQUIRE(m);
  CHECK(m->entity->id == "meta");
  CHECK(m->how == match_kind::reupload_by_name);
  m = resolve_model(*lib, "/models/DeepSeek-V3");
  REQUIRE(m);
  CHECK(m->how == match_kind::file_name_guess);
  m = resolve_model(*lib, "Qwen/Qwen2.5-7B-Instruct");
  REQUIRE(m);
  CHECK(m->entity->id == "alibaba");
  CHECK_FALSE(resolve_model(*lib, "my-own-model"));
  // deepseek-ai names every model deepseek-*: the older families resolve too, a look-alike not.
  for (const char* id : {"deepseek-coder-v2-instruct", "deepseek-llm-67b-chat", "DeepSeek-V2.5"}) {
    INFO(id);
    m = resolve_model(*lib, id);
    REQUIRE(m);
    CHECK(m->entity->id == "deepseek");
    CHECK(m->how == match_kind::model_family);
  }
  CHECK_FALSE(resolve_model(*lib, "deepseekish-model"));

  auto h = resolve_api_host(*lib, "https://ark.cn-beijing.volces.com/api/v3");
  REQUIRE(h);
  CHECK(h->entity->id == "bytedance");
  h = resolve_api_host(*lib, "bedrock-runtime.eu-west-1.amazonaws.com");
  REQUIRE(h);
  CHECK(h->entity->id == "amazon");
  h = resolve_api_host(*lib, "myaccount.openai.azure.com");
  REQUIRE(h);
  CHECK(h->entity->id == "microsoft");
  CHECK_FALSE(resolve_api_host(*lib, "api.example.com"));

  for (const char* name : {"deepseek-ai", "DeepSeek AI", "deepseek", "DEEPSEEK",
                           "Beijing DeepSeek Artificial Intelligence Co., Ltd.", "深度求索"}) {
    INFO(name);
    auto c = resolve_company(*lib, name);
    REQUIRE(c);
    CHECK(c->entity->name == "DeepSeek");
  }
  CHECK_FALSE(resolve_company(*lib, "Acme Corp"));
  CHECK(entities(*lib).size() >= 20);
}
