// One JSON reader given a schema, then another made after the first was destroyed, which may
// take the first one's address. What the reader remembers of a schema (valid market codes,
// where the fields sit, the companies its registry named, the values its containers gave up)
// must not answer for the other: each line must type exactly as the full typer types it against
// the schema given.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/profile_reader.hpp"
#include "io/schema_memory.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"
#include "support/profile_compare.hpp"

namespace {

using lexgate::schema;
using lexgate::schema_type;
using lexgate::type_kind;

// A profile whose vendor is named "Acme", of tier `tier`, sold in `market`.
std::string line(const char* tier, const char* market) {
  return std::string(R"({"profile":1,"product":{"id":"p","tier":")") + tier +
         R"(","vendor":{"name":"Acme"}},"deployment":{"markets":[")" + market + R"("]}})";
}

const std::vector<std::string>& lines() {
  static const std::vector<std::string> all = {
      line("basic", "CN"), line("premium", "IT"), line("premium", "CN"), line("basic", "IT"),
      line("free", "FR"), line("premium", "IT")};
  return all;
}

// Reads every line with `reader` into `reused` and holds each result to the full typer's.
void holds_to_full_path(lexgate::json_profile_reader& reader, lexgate::profile& reused,
                        const schema& s, const char* which) {
  const auto file = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  std::uint32_t number = 0;
  for (const std::string& text : lines()) {
    ++number;
    lexgate::diagnostic_bag reused_bag;
    lexgate::diagnostic_bag full_bag;
    const bool accepted = reader.load_into(text, number, file, s, reused_bag, reused);
    const auto full = lexgate::detail::load_json_profile_full(text, number, file, s, full_bag);
    INFO(which << " schema, line " << number << ": " << text);
    REQUIRE(accepted == full.has_value());
    CHECK(lexgate::testing::diagnostics_text(reused_bag) ==
          lexgate::testing::diagnostics_text(full_bag));
    if (!accepted) continue;
    CHECK(lexgate::testing::value_difference(reused.root, full->root).empty());
    CHECK(reused.id == full->id);
    REQUIRE(reused.resolutions.size() == full->resolutions.size());
    for (std::size_t i = 0; i < full->resolutions.size(); ++i) {
      CHECK(reused.resolutions[i].path == full->resolutions[i].path);
      CHECK(reused.resolutions[i].entity == full->resolutions[i].entity);
      CHECK(reused.resolutions[i].country == full->resolutions[i].country);
    }
  }
}

// --- Schemas built in place, at one address ------------------------------------------------

struct variant {
  std::vector<std::string> tiers;
  std::vector<const char*> codes;  // declared jurisdictions
  const char* acme_name;           // the display name of the entity `Acme` resolves to
  const char* acme_country;
  bool vendor_first;  // product's fields: vendor before tier
};

schema_type record(std::string name, std::vector<lexgate::schema_field> fields) {
  schema_type t;
  t.kind = type_kind::record;
  t.name = std::move(name);
  t.fields = std::move(fields);
  return t;
}

// Fills a new schema (one default-made) with `v`'s types, codes and company.
void build(schema& s, const variant& v) {
  for (const char* code : v.codes) s.jurisdictions.declare(code);
  REQUIRE(s.jurisdictions.close());
  lexgate::entity_info acme;
  acme.id = "acme";
  acme.name = v.acme_name;
  acme.country = v.acme_country;
  acme.names = {"Acme"};
  s.entities.add(std::move(acme));
  s.entities.index();

  schema_type tier;
  tier.kind = type_kind::enumeration;
  tier.name = "tier";
  tier.enum_values = v.tiers;
  const schema_type* tier_type = s.add(std::move(tier));
  const schema_type* vendor = s.add(record(
      "product.vendor", {{"name", s.company()}, {"country", s.scalar(type_kind::jurisdiction)}}));
  std::vector<lexgate::schema_field> product_fields = {
      {"id", s.scalar(type_kind::string), true}, {"tier", tier_type}, {"vendor", vendor}};
  if (v.vendor_first) std::swap(product_fields[1], product_fields[2]);
  const schema_type* product = s.add(record("product", std::move(product_fields)));
  schema_type markets;
  markets.kind = type_kind::list;
  markets.name = "list of jurisdiction";
  markets.element = s.scalar(type_kind::jurisdiction);
  const schema_type* deployment =
      s.add(record("deployment", {{"markets", s.add(std::move(markets)), true}}));
  s.root = s.add(record("", {{"profile", s.scalar(type_kind::integer), true},
                             {"product", product},
                             {"deployment", deployment}}));
}

const variant kFirst{{"basic", "premium"}, {"CN", "IT", "FR"}, "Acme", "CN", false};
// No `basic` and no CN; Acme is another company, elsewhere; product's fields in another order.
const variant kSecond{{"free", "premium"}, {"IT", "FR"}, "Acme Italia", "IT", true};

}  // namespace

TEST_CASE("a schema made where a destroyed one was is another schema to the memory",
          "[profile][json]") {
  std::optional<schema> slot;
  lexgate::detail::remembered_schema memory;
  const schema* first = &slot.emplace();
  CHECK_FALSE(memory.same(*slot));  // never seen
  CHECK(memory.same(*slot));
  CHECK(memory.same(*slot));
  slot.reset();
  const schema* second = &slot.emplace();
  REQUIRE(first == second);
  CHECK_FALSE(memory.same(*slot));
  CHECK(memory.same(*slot));

  // A copy or a moved-to schema is another object with its own identity; a schema moved from
  // or assigned to holds other content than the memory saw, so it is another schema too.
  schema copy(*slot);
  CHECK_FALSE(memory.same(copy));
  CHECK_FALSE(memory.same(*slot));
  schema moved(std::move(*slot));
  CHECK_FALSE(memory.same(moved));
  CHECK_FALSE(memory.same(*slot));
  CHECK(memory.same(*slot));
  *slot = copy;
  CHECK_FALSE(memory.same(*slot));
  CHECK(memory.same(*slot));
  *slot = std::move(moved);
  CHECK_FALSE(memory.same(*slot));
}

TEST_CASE("one JSON reader given a schema made where a destroyed one was types against the new one",
          "[profile][json]") {
  lexgate::json_profile_reader reader;
  lexgate::profile reused;
  std::optional<schema> slot;
  build(slot.emplace(), kFirst);
  const schema* first = &*slot;
  holds_to_full_path(reader, reused, *slot, "the first");
  slot.reset();
  build(slot.emplace(), kSecond);
  REQUIRE(&*slot == first);  // the very address the reader met the first schema at
  holds_to_full_path(reader, reused, *slot, "the second");
  // And back: the first schema's content once more, at the same address.
  slot.reset();
  build(slot.emplace(), kFirst);
  holds_to_full_path(reader, reused, *slot, "the first, again,");
}

namespace {

// The same two schemas written as rule libraries.
const char* const kFirstRules = R"lg(
enum tier { basic, premium }
schema {
  profile: integer required
  product: { id: string required  tier: tier  vendor: { name: company  country: jurisdiction } }
  deployment: { markets: list of jurisdiction required }
}
jurisdictions { CN, IT, FR }
entity acme {
  name "Acme"
  country CN
  brand "Acme"
  source "a test company"
}
)lg";

const char* const kSecondRules = R"lg(
enum tier { free, premium }
schema {
  profile: integer required
  product: { id: string required  vendor: { name: company  country: jurisdiction }  tier: tier }
  deployment: { markets: list of jurisdiction required }
}
jurisdictions { IT, FR }
entity acme {
  name "Acme Italia"
  country IT
  brand "Acme"
  source "a test company"
}
)lg";

std::optional<lexgate::library> library_of(const char* text) {
  lexgate::diagnostic_bag bag;
  auto lib = lexgate::testing::library_from({{"lib.rules", text}}, bag);
  for (const auto& d : bag.items()) INFO(lexgate::render_diagnostic(d));
  REQUIRE(lib.has_value());
  return lib;
}

}  // namespace

TEST_CASE("one JSON reader used with a library, then another loaded after it was freed",
          "[profile][json]") {
  lexgate::json_profile_reader reader;
  lexgate::profile reused;
  auto lib = library_of(kFirstRules);
  const schema* first = &lib->profile_schema();
  holds_to_full_path(reader, reused, lib->profile_schema(), "the first library's");
  lib.reset();  // the library, and its schema, freed
  lib = library_of(kSecondRules);
  // The allocator decides whether the second schema takes the first one's place: either way the
  // reader must type against it.
  UNSCOPED_INFO("the second schema " << (&lib->profile_schema() == first ? "took" : "did not take")
                                     << " the first one's address");
  holds_to_full_path(reader, reused, lib->profile_schema(), "the second library's");
}
