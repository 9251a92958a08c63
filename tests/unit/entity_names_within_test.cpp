// A company under a spelling the registry lacks: a known name inside the written one, as whole
// words, resolves to that company as a guess. Rules about it apply (the gate does not pass an
// unseen DeepSeek), every report flags the guess, and the guess lends no country.
#include <nlohmann/json.hpp>

#include <map>
#include <string>

#include "lexgate/entities.hpp"
#include "lexgate/library.hpp"
#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

const char* const kAsOf = "2025-06-01";

// A model reached through its developer's API on the government systems of AU, TW and US-TX.
std::string government_profile(const std::string& provider) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: US }\n"
         "  models:\n"
         "    - { name: m, provider: \"" +
         provider +
         "\", hosting: provider-api }\n"
         "deployment:\n"
         "  markets: [AU, TW, US-TX]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

json check_json(const std::string& path) {
  return lexgate::testing::check_json(path, kAsOf);
}

const json* name_step(const json& report, const std::string& path) {
  const json* found = nullptr;
  for (const auto& n : report["names"]) {
    if (n["path"] == path) found = &n;
  }
  return found;
}

}  // namespace

TEST_CASE("a known name inside an unknown one resolves as a guess, short or partial words do not",
          "[entities]") {
  diagnostic_bag bag;
  const auto lib = load_standard_library(bag);
  REQUIRE(lib);
  struct guess {
    const char* written;
    const char* entity;
    const char* matched;
  };
  for (const guess& g : {guess{"DeepSeek Research Lab (Hangzhou)", "deepseek", "DeepSeek"},
                         guess{"Zhipu Labs", "zhipu_ai", "Zhipu"},
                         guess{"北京深度求索分公司", "deepseek", "深度求索"},
                         guess{"Moonshot AI Singapore branch", "moonshot_ai", "Moonshot"}}) {
    INFO(g.written);
    const auto m = resolve_company(*lib, g.written);
    REQUIRE(m);
    CHECK(m->entity->id == g.entity);
    CHECK(m->how == match_kind::name_within);
    CHECK(m->matched == g.matched);
    CHECK(by_name_only(m->how));
  }
  // Whole words only, and not the names too short to tell companies apart (`Z.ai`, `01.AI`).
  for (const char* unknown :
       {"Acme Corp", "Example Labs", "Metadata Corp", "Z Labs", "01 Labs", "DeepSeekers Club"}) {
    INFO(unknown);
    CHECK_FALSE(resolve_company(*lib, unknown));
  }
  // Only a name's first 256 bytes are searched, so a 64 KB value costs what a name does.
  std::string words;
  while (words.size() < 300) words += "Holdings ";
  const auto early = resolve_company(*lib, "DeepSeek " + words);
  REQUIRE(early);
  CHECK(early->how == match_kind::name_within);
  CHECK_FALSE(resolve_company(*lib, words + "DeepSeek"));
  // The legal names the registry lists match as names, not guesses.
  for (const char* legal : {"Hangzhou DeepSeek Artificial Intelligence Basic Technology Research "
                            "Co., Ltd.",
                            "杭州深度求索人工智能基础技术研究有限公司"}) {
    INFO(legal);
    const auto m = resolve_company(*lib, legal);
    REQUIRE(m);
    CHECK(m->entity->id == "deepseek");
    CHECK(m->how == match_kind::name);
  }
}

TEST_CASE("DeepSeek under its full legal names is blocked where DeepSeek is", "[entities][cli]") {
  scratch_dir dir;
  const auto expected =
      market_verdicts(check_json(dir.write("ref.yaml", government_profile("DeepSeek"))));
  REQUIRE(expected.size() == 3);
  CHECK(expected.at("TW") == "blocked");
  for (const char* legal : {"Hangzhou DeepSeek Artificial Intelligence Basic Technology Research "
                            "Co., Ltd.",
                            "杭州深度求索人工智能基础技术研究有限公司"}) {
    INFO(legal);
    const auto report = check_json(dir.write("legal.yaml", government_profile(legal)));
    CHECK(market_verdicts(report) == expected);
    const json* step = name_step(report, "product.models[0].provider");
    REQUIRE(step != nullptr);
    CHECK((*step)["by"] == "name");
    CHECK((*step)["name_only"] == false);
  }
}

TEST_CASE("a guessed company is judged as that company, flagged as a guess, and lends no country",
          "[entities][cli]") {
  scratch_dir dir;
  const std::string path =
      dir.write("guess.yaml", government_profile("DeepSeek Research Lab (Hangzhou)"));
  const auto report = check_json(path);
  const auto v = market_verdicts(report);
  CHECK(v.at("AU") == "blocked");
  CHECK(v.at("TW") == "blocked");
  CHECK(v.at("US-TX") == "blocked");

  const json* provider = name_step(report, "product.models[0].provider");
  REQUIRE(provider != nullptr);
  CHECK((*provider)["entity"] == "DeepSeek");
  CHECK((*provider)["by"] == "a known name within it (a guess)");
  CHECK((*provider)["name_only"] == true);
  // No country from the registry: the guess might be wrong.
  CHECK(name_step(report, "product.models[0].provider_country") == nullptr);
  CHECK(name_step(report, "product.models[0].operator_country") == nullptr);

  // The text report says the finding rests on a guess, without --explain.
  const auto text = run_lexgate({"check", path, "--as-of", kAsOf});
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("name match: product.models[0].provider: DeepSeek Research Lab "
                      "(Hangzhou) → DeepSeek, by the known name `DeepSeek` within it: a guess") !=
        std::string::npos);

  // A stated country is the profile's to state: the guess does not contradict it.
  const auto stated = run_lexgate(
      {"check",
       dir.write("stated.yaml",
                 "profile: 1\nproduct:\n  id: s\n  models:\n"
                 "    - { name: m, provider: DeepSeek Research Lab, provider_country: US, "
                 "hosting: provider-api }\n"
                 "deployment: { markets: [TW], device_classes: [government] }\n"),
       "--as-of", kAsOf});
  INFO(stated.err);
  CHECK(stated.exit_code == 1);
  CHECK(stated.err.find("profile.entity_country") == std::string::npos);
}

TEST_CASE("an operator defaulted from a guessed provider takes the provider's stated country",
          "[entities][cli]") {
  scratch_dir dir;
  const auto report = check_json(
      dir.write("it.yaml",
                "profile: 1\nproduct:\n  id: it\n  vendor: { name: Acme, country: US }\n"
                "  models:\n"
                "    - { name: m, provider: DeepSeek Research Lab, provider_country: CN, "
                "hosting: provider-api }\n"
                "deployment: { markets: [IT] }\n"
                "data: { personal_data: true, transfers: [] }\n"));
  CHECK(market_verdicts(report).at("IT") == "blocked");
  bool transfer = false;
  bool garante = false;
  for (const auto& f : report["markets"][0]["findings"]) {
    transfer = transfer || f["rule"] == "eu.gdpr_transfers.operator_outside_eu_without_mechanism";
    garante = garante || f["rule"] == "it.garante_deepseek_2025.limit_processing";
  }
  CHECK(transfer);
  CHECK(garante);
}

TEST_CASE("explain takes an id before a name, and shows a guess as one", "[entities][cli]") {
  // A regime id holding a company's name as a word is the regime, not the company.
  const auto regime = run_lexgate({"explain", "it.garante_openai_limitation_2023"});
  CHECK(regime.exit_code == 0);
  CHECK(regime.out.rfind("regime it.garante_openai_limitation_2023", 0) == 0);

  const auto guess = run_lexgate({"explain", "DeepSeek Research Lab"});
  CHECK(guess.exit_code == 0);
  CHECK(guess.out.rfind("`DeepSeek Research Lab` → DeepSeek, by a known name within it (a guess) "
                        "(`DeepSeek`)",
                        0) == 0);
}
