// The interpreter against the standard library's rules hand-written in C++
// (tests/bench/handwritten_rules.cpp), on generated profiles of every shape the library reads:
// the same outcome for every rule in every market, at dates before, inside and after the
// library's time windows. A change to evaluation that alters a decision fails here. Rules
// without a hand-written copy are skipped, and the test says how many.
#include "bench/handwritten_rules.hpp"
#include "generator/profile_generator.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "support/catch.hpp"

TEST_CASE("the interpreter decides every rule as the hand-written predicates do",
          "[eval][differential]") {
  lexgate::diagnostic_bag bag;
  const auto lib = lexgate::load_standard_library(bag);
  REQUIRE(lib);
  const lexgate::bench::handwritten_rules hw(*lib);
  // The comparison means something only while most of the library has a copy.
  REQUIRE(hw.rule_count() > 0);
  if (!hw.skipped().empty()) {
    std::string ids;
    for (const auto& id : hw.skipped()) ids += " " + id;
    WARN("compared " << hw.rule_count() << " rules; skipped " << hw.skipped().size()
                     << " without a hand-written copy:" << ids);
  }
  std::vector<lexgate::bench::handwritten_result> results;
  for (const char* day : {"2023-04-01", "2025-06-01", "2026-09-01", "2026-11-29"}) {
    lexgate::evaluate_options options;
    options.as_of = *lexgate::date::parse(day);
    std::size_t differences = 0;
    for (std::uint64_t i = 0; i < 400; ++i) {
      const auto json = lexgate::bench::generate_profile(5, i);
      auto source = std::make_shared<const lexgate::source_file>(
          "generated-" + std::to_string(i) + ".yaml", lexgate::bench::to_yaml(json));
      lexgate::diagnostic_bag profile_bag;
      const auto p = lexgate::load_profile(source, lib->profile_schema(), profile_bag);
      REQUIRE(p);
      hw.evaluate(p->root, options.as_of, results);
      const std::string diff =
          lexgate::bench::compare_with_report(hw, results, lexgate::evaluate(*lib, *p, options));
      if (!diff.empty() && ++differences <= 3) {
        INFO(day << " " << source->name() << ": " << diff);
        CHECK(diff.empty());
      }
    }
    CHECK(differences == 0);
  }
}

TEST_CASE("a rule without a hand-written copy is skipped and named, the others still compared",
          "[eval][differential]") {
  // A rule file added to the library, as a new regime would be: no C++ beside it.
  auto files = lexgate::standard_library_sources();
  files.push_back(std::make_shared<const lexgate::source_file>("test/extra.rules", R"lg(
regime test.rule_file_only {
  title        "A regime that exists only as a rule file"
  authority    "lexgate's test suite"
  jurisdiction AU
  instrument   directive
  effective    2020-01-01
  source       "https://example.org/test"

  rule no_deepseek_service {
    cite     "test"
    severity warn
    forbid   uses_deepseek_service
    message  "test"
    remedy   "test"
  }
}
)lg"));
  lexgate::diagnostic_bag bag;
  const auto lib = lexgate::load_library(files, bag);
  for (const auto& d : bag.items()) INFO(lexgate::render_diagnostic(d));
  REQUIRE(lib);
  const lexgate::bench::handwritten_rules hw(*lib);
  REQUIRE(hw.skipped() == std::vector<std::string>{"test.rule_file_only.no_deepseek_service"});
  CHECK_FALSE(hw.covers("test.rule_file_only.no_deepseek_service"));
  CHECK(hw.rule_count() + 1 == lib->rule_count());

  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  std::vector<lexgate::bench::handwritten_result> results;
  std::size_t judged_by_the_new_rule = 0;
  for (std::uint64_t i = 0; i < 50; ++i) {
    auto source = std::make_shared<const lexgate::source_file>(
        "generated.yaml", lexgate::bench::to_yaml(lexgate::bench::generate_profile(5, i)));
    lexgate::diagnostic_bag profile_bag;
    const auto p = lexgate::load_profile(source, lib->profile_schema(), profile_bag);
    REQUIRE(p);
    hw.evaluate(p->root, options.as_of, results);
    const auto r = lexgate::evaluate(*lib, *p, options);
    for (const auto& m : r.markets) {
      for (const auto& e : m.evaluated) {
        judged_by_the_new_rule += e.rule == "test.rule_file_only.no_deepseek_service";
      }
    }
    CHECK(lexgate::bench::compare_with_report(hw, results, r).empty());
  }
  // The interpreter did judge the new rule; the comparison left it out.
  CHECK(judged_by_the_new_rule > 0);
}
