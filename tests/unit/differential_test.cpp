// The interpreter against the standard library's rules hand-written in C++
// (tests/bench/handwritten_rules.cpp), on generated profiles of every shape the library reads:
// the same outcome for every rule in every market, at dates before, inside and after the
// library's time windows. A change to evaluation that alters a decision fails here.
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
