// A company's name as it looks. `ＤｅｅｐＳｅｅｋ` (full-width, from an East Asian keyboard),
// `DееpSeek` (two Cyrillic `е`) and `Hangzhou Deep Seek AI` matched no company, so DeepSeek's
// API on Australian government devices came out CLEAR, exit 0.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/entity_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kAsOf = "2025-06-01";

std::string resolved_entity(const nlohmann::json& report, const std::string& path) {
  return resolved(report, path).first;
}

}  // namespace

TEST_CASE("a provider written with look-alike characters is the company it looks like",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* provider :
       {"ＤｅｅｐＳｅｅｋ",         // full-width Latin letters
        "D\u0435\u0435pSeek",       // Cyrillic е twice
        "\u0391cme DeepSeek Labs",  // a Greek Α in a word before: read, and passed over
        "Hangzhou Deep Seek AI",    // the name's one word written as two
        "DeepSeek\u3000AI"}) {      // an ideographic space
    INFO(provider);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile("name: my-assistant, provider: \"" +
                                                          std::string(provider) +
                                                          "\", provider_country: CN")),
        kAsOf);
    CHECK(resolved_entity(report, "product.models[0].provider") == "DeepSeek");
    CHECK(market_verdicts(report).at("AU") == "blocked");
  }
}

TEST_CASE("a model name written with look-alike characters resolves by its family",
          "[entities][cli]") {
  scratch_dir dir;
  for (const char* model : {"ＤｅｅｐＳｅｅｋ-Ｒ１", "D\u0435\u0435pSeek-R1"}) {
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
  for (const char* provider : {"\u041E\u0410\u041E Acme", "Deep Seeker Labs"}) {
    INFO(provider);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile("name: my-assistant, provider: \"" +
                                                          std::string(provider) +
                                                          "\", provider_country: CN")),
        kAsOf);
    CHECK(resolved_entity(report, "product.models[0].provider").empty());
  }
}
