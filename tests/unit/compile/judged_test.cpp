// What is judged for a market on a date (compile/judged.hpp), the one definition the evaluator
// and the planner share: the rules it lists are exactly, and in the same order, the rules
// `evaluate` reports as evaluated, for a union of states, its members, a declared and an
// undeclared subdivision alike.
#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "compile/judged.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

namespace {

using lexgate::date;
using lexgate::detail::program;

lexgate::library standard() {
  lexgate::diagnostic_bag bag;
  auto rules = lexgate::load_library(lexgate::standard_library_sources(), bag, "standard");
  REQUIRE(rules);
  return *rules;
}

std::string helpdesk_with_markets(const std::string& markets) {
  std::ifstream in(lexgate::testing::source_path("fixtures/profiles/helpdesk-multi-market.yaml"));
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  const std::string listed = "markets: [CN, AU, IT, US-TX]";
  const auto at = text.find(listed);
  REQUIRE(at != std::string::npos);
  return text.replace(at, listed.size(), "markets: [" + markets + "]");
}

std::vector<std::string> judged_rules(const program& p, const std::string& market, date as_of) {
  std::vector<std::string> out;
  lexgate::detail::for_each_judged_rule(
      p, market, as_of,
      [&](const auto&, const lexgate::detail::compiled_rule& rule, const std::string&,
          const std::string&) { out.emplace_back(rule.info.id); });
  return out;
}

}  // namespace

TEST_CASE("the rules judged for a market are those the evaluator reports, in its order",
          "[judged]") {
  const lexgate::library rules = standard();
  const program& p = rules.program();
  const auto& table = p.schema.jurisdictions;
  // An ISO 3166-2 code the table does not list, of a country it does.
  const std::string undeclared = "IT-RM";
  REQUIRE(!table.index_of(undeclared));
  REQUIRE(table.declared_for(undeclared));
  std::set<std::string, std::less<>> invariants;
  for (const auto& inv : p.invariants) invariants.insert(inv.info.id);

  const std::string as_of = "2026-06-01";
  const lexgate::profile facts = lexgate::testing::profile_from(
      rules, helpdesk_with_markets("EU, IT, CN, AU, US-TX, JP-13, " + undeclared));
  lexgate::evaluate_options options;
  options.as_of = *date::parse(as_of);
  options.upcoming_days = 0;
  const lexgate::report r = lexgate::evaluate(rules, facts, options);
  REQUIRE(r.markets.size() == 7);
  std::size_t judged_anywhere = 0;
  for (const auto& m : r.markets) {
    std::vector<std::string> evaluated;
    for (const auto& e : m.evaluated) {
      if (invariants.count(e.rule) == 0) evaluated.emplace_back(e.rule);
    }
    INFO(m.market);
    CHECK(judged_rules(p, m.market, options.as_of) == evaluated);
    judged_anywhere += evaluated.size();
  }
  CHECK(judged_anywhere > 0);
  CHECK(judged_rules(p, "ZZ", options.as_of).empty());
}

TEST_CASE("EU stands for its member states, each regime judged once per market", "[judged]") {
  const lexgate::library rules = standard();
  const program& p = rules.program();
  const auto& table = p.schema.jurisdictions;
  std::vector<std::string> groups;
  std::vector<std::uint32_t> visited;
  lexgate::detail::for_each_judged_regime(
      p, "EU",
      [&](const std::string& code, const std::string& member) {
        CHECK((member.empty() ? code == "EU" : member == code));
        groups.push_back(code);
      },
      [&](std::uint32_t r) { visited.push_back(r); });
  REQUIRE(groups.size() > 1);
  CHECK(groups.front() == "EU");
  for (std::size_t i = 1; i < groups.size(); ++i) {
    CHECK(groups[i].size() == 2);
    CHECK(table.covers("EU", groups[i]));
  }
  CHECK(std::find(groups.begin(), groups.end(), "IT") != groups.end());
  std::vector<std::uint32_t> sorted = visited;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  // A member state's own regimes are among them (Italy's law on AI).
  bool italian = false;
  for (const std::uint32_t r : visited) italian = italian || p.regimes[r].info.jurisdiction == "IT";
  CHECK(italian);
}

TEST_CASE("an undeclared subdivision is bound by its country's laws, not its government's",
          "[judged]") {
  const lexgate::library rules = standard();
  const program& p = rules.program();
  std::vector<std::uint32_t> country;
  lexgate::detail::for_each_judged_regime(
      p, "JP", [](const std::string&, const std::string&) {},
      [&](std::uint32_t r) { country.push_back(r); });
  std::vector<std::uint32_t> subdivision;
  lexgate::detail::for_each_judged_regime(
      p, "JP-99", [&](const std::string& code, const std::string&) { CHECK(code == "JP-99"); },
      [&](std::uint32_t r) { subdivision.push_back(r); });
  std::vector<std::uint32_t> expected;
  for (const std::uint32_t r : country) {
    if (p.regimes[r].info.reach != lexgate::regime_reach::government) expected.push_back(r);
  }
  CHECK(subdivision == expected);
  CHECK(subdivision.size() < country.size());  // Japan's government guidance stays its own
}
