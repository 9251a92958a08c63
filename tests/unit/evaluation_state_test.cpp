// The evaluator's working memory belongs to the caller (evaluation_state): evaluations with
// different states, interleaved or on different threads, give exactly the reports of fresh
// evaluations.
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "generator/profile_generator.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "report/reports.hpp"
#include "support/catch.hpp"

namespace {

std::vector<lexgate::profile> generated_profiles(const lexgate::library& lib, std::uint64_t n) {
  std::vector<lexgate::profile> out;
  for (std::uint64_t i = 0; i < n; ++i) {
    auto source = std::make_shared<const lexgate::source_file>(
        "generated-" + std::to_string(i) + ".yaml",
        lexgate::bench::to_yaml(lexgate::bench::generate_profile(5, i)));
    lexgate::diagnostic_bag bag;
    auto p = lexgate::load_profile(source, lib.profile_schema(), bag);
    REQUIRE(p);
    out.push_back(std::move(*p));
  }
  return out;
}

std::string json_of(const lexgate::report& r) {
  return lexgate::report_writers::render_json(std::vector<lexgate::report>{r});
}

}  // namespace

TEST_CASE("interleaved evaluations with their own states match fresh ones", "[eval][state]") {
  lexgate::diagnostic_bag bag;
  const auto lib = lexgate::load_standard_library(bag);
  REQUIRE(lib);
  const auto profiles = generated_profiles(*lib, 60);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  lexgate::evaluation_state first_state;
  lexgate::evaluation_state second_state;
  lexgate::report first;
  lexgate::report second;
  for (std::size_t i = 0; i + 1 < profiles.size(); i += 2) {
    lexgate::evaluate(*lib, profiles[i], options, first_state, first);
    lexgate::evaluate(*lib, profiles[i + 1], options, second_state, second);
    CHECK(json_of(first) == json_of(lexgate::evaluate(*lib, profiles[i], options)));
    CHECK(json_of(second) == json_of(lexgate::evaluate(*lib, profiles[i + 1], options)));
  }
}

TEST_CASE("two threads with their own states give the reports of one", "[eval][state]") {
  lexgate::diagnostic_bag bag;
  const auto lib = lexgate::load_standard_library(bag);
  REQUIRE(lib);
  const auto profiles = generated_profiles(*lib, 80);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-06-01");
  std::vector<std::string> expected;
  for (const auto& p : profiles) expected.push_back(json_of(lexgate::evaluate(*lib, p, options)));
  std::vector<std::string> got(profiles.size());
  auto worker = [&](std::size_t start) {
    lexgate::evaluation_state state;
    lexgate::report r;
    for (std::size_t i = start; i < profiles.size(); i += 2) {
      lexgate::evaluate(*lib, profiles[i], options, state, r);
      got[i] = json_of(r);
    }
  };
  std::thread a(worker, 0);
  std::thread b(worker, 1);
  a.join();
  b.join();
  for (std::size_t i = 0; i < profiles.size(); ++i) {
    INFO("profile " << i);
    CHECK(got[i] == expected[i]);
  }
}

TEST_CASE("a report keeps the rule ids of its library after the library is gone", "[eval][state]") {
  lexgate::report r;
  std::string expected;
  {
    lexgate::diagnostic_bag bag;
    auto lib = lexgate::load_standard_library(bag);
    REQUIRE(lib);
    const auto profiles = generated_profiles(*lib, 8);
    lexgate::evaluate_options options;
    options.as_of = lexgate::date::parse("2026-06-01").value();
    for (const auto& p : profiles) {
      r = lexgate::evaluate(*lib, p, options);
      if (!r.markets.empty() && !r.markets.front().evaluated.empty()) break;
    }
    REQUIRE(!r.markets.empty());
    REQUIRE(!r.markets.front().evaluated.empty());
    expected = json_of(r);
  }  // the caller's library goes; `evaluated[].rule` points into the program the report shares
  CHECK(json_of(r) == expected);
  CHECK(r.markets.front().evaluated.front().rule.find('.') != std::string_view::npos);
}
