// A company's name as it looks. `ＤｅｅｐＳｅｅｋ` (full-width, from an East Asian keyboard),
// `DееpSeek` (two Cyrillic `е`) and `Hangzhou Deep Seek AI` matched no company, so DeepSeek's
// API on Australian government devices came out CLEAR, exit 0.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kAsOf = "2025-06-01";

// `model` is the inside of the model's flow mapping.
std::string australian_government_profile(const std::string& model) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: AU }\n"
         "  models:\n"
         "    - { " +
         model +
         ", hosting: provider-api }\n"
         "deployment:\n"
         "  markets: [AU]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

std::string resolved_entity(const nlohmann::json& report, const std::string& path) {
  for (const auto& n : report["names"]) {
    if (n["path"] == path && n.contains("entity")) return n["entity"].get<std::string>();
  }
  return "";
}

}  // namespace

TEST_CASE("a provider written with look-alike characters is the company it looks like",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* provider :
       {"ＤｅｅｐＳｅｅｋ",              // full-width Latin letters
        "D\xD0\xB5\xD0\xB5pSeek",        // Cyrillic е (U+0435) twice
        "\xCE\x91" "cme DeepSeek Labs",  // a Greek Α in a word before: read, and passed over
        "Hangzhou Deep Seek AI",         // the name's one word written as two
        "DeepSeek\xE3\x80\x80" "AI"}) {  // an ideographic space
    INFO(provider);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile(
                                "name: my-assistant, provider: \"" + std::string(provider) +
                                "\", provider_country: CN")),
        kAsOf);
    CHECK(resolved_entity(report, "product.models[0].provider") == "DeepSeek");
    CHECK(market_verdicts(report).at("AU") == "blocked");
  }
}

TEST_CASE("a model name written with look-alike characters resolves by its family",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* model : {"ＤｅｅｐＳｅｅｋ-Ｒ１", "D\xD0\xB5\xD0\xB5pSeek-R1"}) {
    INFO(model);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile("name: \"" + std::string(model) + "\"")),
        kAsOf);
    CHECK(resolved_entity(report, "product.models[0].provider") == "DeepSeek");
    CHECK(market_verdicts(report).at("AU") == "blocked");
  }
}

TEST_CASE("names in another script, and other words, are not read as a Latin name",
          "[entities][cli]") {
  scratch_dir dir;
  // A word wholly in Cyrillic stays Cyrillic (`ОАО` is not `OAO`); `Deep Seeker` is not
  // `DeepSeek` written apart.
  for (const char* provider : {"\xD0\x9E\xD0\x90\xD0\x9E Acme", "Deep Seeker Labs"}) {
    INFO(provider);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile(
                                "name: my-assistant, provider: \"" + std::string(provider) +
                                "\", provider_country: CN")),
        kAsOf);
    CHECK(resolved_entity(report, "product.models[0].provider").empty());
  }
}
