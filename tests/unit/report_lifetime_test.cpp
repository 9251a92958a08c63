// A report refers to its library's text (rule ids, cites, sources, remedies, coverage) instead of
// copying it: it must stay whole after the library, the evaluation state and the report it was
// copied from are gone. Under the sanitizer build a view left dangling fails these tests.
#include <optional>
#include <string>
#include <vector>

#include "report/json_model.hpp"
#include "report/reports.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

const char* const kRules = R"lg(
invariant t.us_models {
  title "Filings cover domestic models" cite "Practice" source "https://example.org/inv"
  message "a filing covers domestic models only"
  when compliance.filing == "completed"
  require all m in product.models: m.provider_country == "CN"
}

regime au.gov {
  title "Gov devices" authority "Home Affairs" jurisdiction AU instrument directive
  reach government effective 2025-02-05 source "https://example.org/au"
  source "https://example.org/au-2"
  applies when "government" in deployment.device_classes
  rule no_deepseek {
    cite "para 1" severity block
    forbid any m in product.models: m.provider == "DeepSeek"
    message "no DeepSeek on government devices" remedy "replace it"
  }
}
)lg";

const char* const kProfile = R"lg(profile: 1
product:
  id: p
  models:
    - { name: r1, provider: DeepSeek, provider_country: US }
deployment:
  markets: [AU]
  device_classes: [government]
compliance:
  filing: completed
)lg";

}  // namespace

TEST_CASE("a report stays whole after its library and the report it was copied from go",
          "[eval][report]") {
  std::optional<library> lib = library_with(kRules);
  std::optional<report> original;
  {
    evaluation_state state;
    evaluate_options options;
    options.as_of = *date::parse("2025-03-01");
    original.emplace();
    evaluate(*lib, profile_from(*lib, kProfile), options, state, *original);
  }
  const std::string json = report_writers::report_json(*original).dump();
  const report copy = *original;
  original.reset();
  lib.reset();  // the report's own reference is now the only one to the library's text

  CHECK(report_writers::report_json(copy).dump() == json);
  const finding* rule = find(copy, "AU", "au.gov.no_deepseek");
  REQUIRE(rule != nullptr);
  CHECK(rule->regime == "au.gov");
  CHECK(rule->jurisdiction == "AU");
  CHECK(rule->cite == "para 1");
  CHECK(rule->remedy == "replace it");
  REQUIRE(rule->sources.size() == 2);
  CHECK(rule->sources[1] == "https://example.org/au-2");
  CHECK(market(copy, "AU")->coverage == std::vector<std::string_view>{"au.gov"});
  // The invariant's remedy is composed, not the library's text: the report keeps it.
  const finding* invariant = find(copy, "AU", "t.us_models");
  REQUIRE(invariant != nullptr);
  CHECK(invariant->remedy ==
        "Correct the profile: it states what invariant t.us_models rules out (Filings cover "
        "domestic models)");
  CHECK(invariant->cite == "Practice");
}

TEST_CASE("a reused report refers to the text of the library that judged it last",
          "[eval][report]") {
  const library first = library_with(kRules);
  std::optional<library> second =
      library_with(std::string(kRules).replace(std::string(kRules).find("para 1"), 6, "para 2"));
  evaluation_state state;
  evaluate_options options;
  options.as_of = *date::parse("2025-03-01");
  report r;
  evaluate(first, profile_from(first, kProfile), options, state, r);
  CHECK(find(r, "AU", "au.gov.no_deepseek")->cite == "para 1");
  evaluate(*second, profile_from(*second, kProfile), options, state, r);
  second.reset();
  CHECK(find(r, "AU", "au.gov.no_deepseek")->cite == "para 2");
  CHECK(find(r, "AU", "t.us_models")->remedy.starts_with("Correct the profile"));
}

TEST_CASE("library text a report refers to is made printable in a copy the report keeps",
          "[report]") {
  // Text with terminal controls, as a library's cite, source and remedy.
  static const std::vector<std::string_view> sources{"https://example.org/\x1b]0;title\x07"};
  std::string text;
  {
    report r;
    r.profile_id = "p";
    market_report& m = r.markets.emplace_back();
    m.market = "AU";
    m.covered = true;
    m.coverage.push_back("au.\x1b[31mgov");
    finding& f = m.findings.emplace_back();
    f.rule = "au.gov.rule";
    f.cite = "para\x1b[2J 1";
    f.remedy = "replace\x07 it";
    f.sources = sources;
    report_writers::text_options options;
    options.explain = true;
    text = report_writers::render_text({r}, options);
  }
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("cite: para\xEF\xBF\xBD[2J 1") != std::string::npos);
  CHECK(text.find("remedy: replace\xEF\xBF\xBD it") != std::string::npos);
  CHECK(text.find("coverage: au.\xEF\xBF\xBD[31mgov") != std::string::npos);
  CHECK(text.find("source: https://example.org/\xEF\xBF\xBD]0;title\xEF\xBF\xBD") !=
        std::string::npos);
}
