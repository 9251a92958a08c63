// A company name that holds two companies' names. `provider: Azure AI Foundry (DeepSeek)` was
// taken as Microsoft (the first name in it, `Azure`), and DeepSeek's model on Australian
// government devices came out CLEAR, exit 0.
#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/entity_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

std::string with_provider(const std::string& provider) {
  return "name: assistant, provider: \"" + provider + "\"";
}

}  // namespace

TEST_CASE("a provider naming two companies is an error at the provider", "[entities][cli]") {
  scratch_dir dir;
  struct ambiguous {
    const char* provider;
    const char* says;
  };
  for (const ambiguous& a :
       {ambiguous{"Azure AI Foundry (DeepSeek)",
                  "names two companies, Microsoft (`Azure`) and DeepSeek (`DeepSeek`)"},
        ambiguous{"DeepSeek via Azure",
                  "names two companies, DeepSeek (`DeepSeek`) and Microsoft (`Azure`)"}}) {
    INFO(a.provider);
    const auto r = run_lexgate(
        {"check", dir.write("p.yaml", australian_government_profile(with_provider(a.provider))),
         "--as-of", "2025-06-01"});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("p.yaml:6:36: error[profile.entity_ambiguous]: "
                     "`product.models[0].provider` `" +
                     std::string(a.provider) + "` " + a.says +
                     ": lexgate cannot tell which it is") != std::string::npos);
    CHECK(r.err.find("goes in `operator`") != std::string::npos);
  }
}

TEST_CASE("one company's names, however many, are not two companies", "[entities][cli]") {
  scratch_dir dir;
  for (const char* provider :
       {"DeepSeek (Hangzhou DeepSeek AI)", "Hangzhou DeepSeek Artificial Intelligence"}) {
    INFO(provider);
    const auto report = check_json(
        dir.write("p.yaml", australian_government_profile(with_provider(provider))), "2025-06-01");
    CHECK(market_verdicts(report).at("AU") == "blocked");
  }
}
