// How company names resolved, in every report format, through the `lexgate` command line: a
// reader of the SARIF, JUnit or Markdown report sees what each name became and which findings
// rest on a model's name alone (a re-upload, a local path), as the text and JSON reports show.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

const char* const kAsOf = "2025-03-01";
// A re-upload (`bartowski/…-GGUF`) of DeepSeek's model on Taiwan's government systems.
const char* const kReupload = "fixtures/names/reupload-gov-tw.yaml";
const char* const kPspfRule = "au.pspf_direction_001_2025.deepseek_on_government_systems";

// DeepSeek's API, its provider written as its Hugging Face organisation, on Australian
// Government systems.
std::string hugging_face_profile() {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: US }\n"
         "  models:\n"
         "    - { name: m, provider: deepseek-ai, hosting: provider-api }\n"
         "deployment:\n"
         "  markets: [AU]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

run_result check(const std::string& path, const std::string& format) {
  const auto r = run_lexgate({"check", path, "--as-of", kAsOf, "--format", format});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);  // both profiles are blocked
  return r;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

const json* sarif_result(const json& sarif, const std::string& rule) {
  for (const auto& r : sarif["runs"][0]["results"]) {
    if (r["ruleId"] == rule) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("SARIF carries the resolutions on the run and on the results that rest on them",
          "[names][report][cli]") {
  scratch_dir dir;
  const std::string path = dir.write("p.yaml", hugging_face_profile());
  const json sarif = json::parse(check(path, "sarif").out);
  const json& names = sarif["runs"][0]["properties"]["lexgate"]["profiles"][0]["names"];
  bool listed = false;
  for (const auto& n : names) {
    if (n["path"] == "product.models[0].provider") {
      CHECK(n["written"] == "deepseek-ai");
      CHECK(n["entity"] == "DeepSeek");
      CHECK(n["country"] == "CN");
      CHECK(n["by"] == "Hugging Face organisation");
      CHECK(n["name_only"] == false);
      CHECK(n["line"] == 6);
      listed = true;
    }
  }
  CHECK(listed);
  const json* result = sarif_result(sarif, kPspfRule);
  REQUIRE(result != nullptr);
  REQUIRE((*result)["properties"].contains("resolved"));
  bool resolved = false;
  for (const auto& n : (*result)["properties"]["resolved"]) {
    resolved = resolved || contains(n["explanation"].get<std::string>(),
                                     "deepseek-ai → DeepSeek (CN), by its Hugging Face organisation");
  }
  CHECK(resolved);
  // An exact organisation is no name match: the message does not flag it.
  CHECK_FALSE(contains((*result)["message"]["text"].get<std::string>(), "Name match"));
}

TEST_CASE("SARIF flags a finding that rests on a model's name alone", "[names][report][cli]") {
  const json sarif = json::parse(check(kReupload, "sarif").out);
  const json* weights = sarif_result(sarif, "tw.moda_deepseek_2025.self_hosted_deepseek_weights");
  REQUIRE(weights != nullptr);
  const std::string text = (*weights)["message"]["text"];
  CHECK(contains(text, "Name match: product.models[0].provider: "
                       "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF → DeepSeek (CN), by the "
                       "model's name only"));
  REQUIRE((*weights)["properties"]["resolved"].size() == 1);
  CHECK((*weights)["properties"]["resolved"][0]["name_only"] == true);
  // The block finding rests on the country the registry gives for that guessed developer.
  const json* origin =
      sarif_result(sarif, "tw.moda_deepseek_2025.prc_origin_models_in_government");
  REQUIRE(origin != nullptr);
  CHECK((*origin)["level"] == "error");
  CHECK(contains((*origin)["message"]["text"].get<std::string>(),
                 "Name match: product.models[0].provider_country: CN, the entity registry's "
                 "country for DeepSeek; DeepSeek itself from the model's name only"));
}

TEST_CASE("JUnit lists the resolutions as properties of each suite", "[names][report][cli]") {
  scratch_dir dir;
  const std::string path = dir.write("p.yaml", hugging_face_profile());
  const std::string xml = check(path, "junit").out;
  CHECK(contains(xml, "<property name=\"resolution\" value=\"product.models[0].provider: "
                      "deepseek-ai → DeepSeek (CN), by its Hugging Face organisation "
                      "`deepseek-ai` (" + path + ":6:"));
  // The failure shows what the finding's evidence owes to a resolution.
  CHECK(contains(xml, "\nresolved: product.models[0].provider: deepseek-ai → DeepSeek (CN)"));

  const std::string reupload = check(kReupload, "junit").out;
  CHECK(contains(reupload, "<property name=\"resolution\" value=\"product.models[0].provider: "
                           "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF → DeepSeek (CN), by the "
                           "model&apos;s name only"));
  CHECK(contains(reupload, "\nname match: product.models[0].provider_country: CN"));
}

TEST_CASE("Markdown has a Names resolved section and flags name matches beside findings",
          "[names][report][cli]") {
  scratch_dir dir;
  const std::string path = dir.write("p.yaml", hugging_face_profile());
  const std::string md = check(path, "markdown").out;
  CHECK(contains(md, "\n### Names resolved\n\n"));
  CHECK(contains(md, "- product.models[0].provider: deepseek-ai → DeepSeek (CN), by its Hugging "
                     "Face organisation `deepseek-ai`"));
  CHECK_FALSE(contains(md, "name match"));
  CHECK_FALSE(contains(md, "Name match"));

  const std::string reupload = check(kReupload, "markdown").out;
  CHECK(contains(reupload, "- **name match** product.models[0].provider: "
                           "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF → DeepSeek (CN)"));
  // Beside the finding, before its remedy.
  const auto finding = reupload.find("`tw.moda_deepseek_2025.self_hosted_deepseek_weights`");
  REQUIRE(finding != std::string::npos);
  const auto note = reupload.find("  Name match: product.models[0].provider: ", finding);
  const auto remedy = reupload.find("  Remedy: ", finding);
  CHECK(note != std::string::npos);
  CHECK(note < remedy);
}

TEST_CASE("JSON marks name matches in its names list", "[names][report][cli]") {
  const json report = json::parse(check(kReupload, "json").out);
  bool provider = false;
  bool country = false;
  for (const auto& n : report["names"]) {
    if (n["path"] == "product.models[0].provider") provider = n["name_only"] == true;
    if (n["path"] == "product.models[0].provider_country") country = n["name_only"] == true;
    if (n["path"] == "product.vendor.name") CHECK(n["name_only"] == false);
  }
  CHECK(provider);
  CHECK(country);
}

TEST_CASE("the text report flags a name match beside the finding, with or without --explain",
          "[names][report][cli]") {
  const std::string text = check(kReupload, "text").out;
  const auto finding = text.find("tw.moda_deepseek_2025.self_hosted_deepseek_weights");
  REQUIRE(finding != std::string::npos);
  CHECK(text.find("      name match: product.models[0].provider: "
                  "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF → DeepSeek (CN)",
                  finding) != std::string::npos);
  // An exact Hugging Face organisation is no name match.
  scratch_dir dir;
  const std::string exact = check(dir.write("p.yaml", hugging_face_profile()), "text").out;
  CHECK_FALSE(contains(exact, "name match"));
  // With --explain the evidence says it, under the value it produced.
  const auto r = run_lexgate({"check", kReupload, "--as-of", kAsOf, "--explain"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "        resolved: bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF → DeepSeek "
                        "(CN), by the model's name only"));
}
