// The jurisdiction table (lexgate/schema.hpp): what a regime's jurisdiction covers, through
// containment declared in any order and at any depth, each code's parents as declared, and a
// cycle refused.
#include <cstdint>
#include <vector>

#include "lexgate/schema.hpp"
#include "support/catch.hpp"

using lexgate::jurisdiction_table;

namespace {

std::vector<std::uint32_t> parents_of(const jurisdiction_table& t, const char* code) {
  const auto p = t.parents(*t.index_of(code));
  return {p.begin(), p.end()};
}

}  // namespace

TEST_CASE("a code covers what lies inside it, transitively, and nothing else",
          "[schema][jurisdiction]") {
  jurisdiction_table t;
  // Recorded out of code order, one of them twice: a table compiled from rule files.
  t.add_containment("US-TX", "US");
  t.add_containment("DE", "EU");
  t.add_containment("EU", "EEA");
  t.add_containment("NO", "EEA");
  t.add_containment("DE", "EU");
  t.declare("CN");
  REQUIRE(t.close());

  CHECK(t.covers("EU", "DE"));
  CHECK(t.covers("EEA", "DE"));  // through EU
  CHECK(t.covers("EEA", "NO"));
  CHECK_FALSE(t.covers("EU", "NO"));
  CHECK_FALSE(t.covers("DE", "EU"));
  CHECK(t.covers("US", "US-TX"));
  CHECK(t.covers("US", "US-CA"));  // an undeclared subdivision lies inside its country
  CHECK_FALSE(t.covers("CN", "DE"));
  CHECK(t.covers("CN", "CN"));
  CHECK_FALSE(t.covers("XX", "XX"));  // not a valid code
  const auto de = *t.index_of("DE");
  const auto eea = *t.index_of("EEA");
  CHECK(t.covers(eea, de));
  CHECK_FALSE(t.covers(de, eea));
  CHECK_FALSE(t.covers(de, static_cast<std::uint32_t>(t.size())));  // no such code

  CHECK(parents_of(t, "DE") == std::vector<std::uint32_t>{*t.index_of("EU")});  // once
  CHECK(parents_of(t, "EU") == std::vector<std::uint32_t>{eea});
  CHECK(parents_of(t, "CN").empty());
}

TEST_CASE("a code's parents keep the order they were declared in", "[schema][jurisdiction]") {
  jurisdiction_table t;
  t.add_containment("FR", "EU");
  t.add_containment("FR", "SCHENGEN");
  t.add_containment("FR", "EEA");
  REQUIRE(t.close());
  CHECK(parents_of(t, "FR") == std::vector<std::uint32_t>{*t.index_of("EU"),
                                                          *t.index_of("SCHENGEN"),
                                                          *t.index_of("EEA")});
}

TEST_CASE("containment that goes round in a circle is refused", "[schema][jurisdiction]") {
  jurisdiction_table t;
  t.add_containment("AA", "BB");
  t.add_containment("BB", "CC");
  t.add_containment("CC", "AA");
  CHECK_FALSE(t.close());

  jurisdiction_table itself;
  itself.add_containment("AA", "AA");
  CHECK_FALSE(itself.close());
}
