// Checking: names, types, enum values, jurisdictions, dates, ids and clauses, with positions.
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

// A regime around one rule body, so each test states only what it is about.
std::string regime_with(const std::string& rule_body, const std::string& extra = "") {
  return "regime t.r {\n"
         "  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
         "  effective 2024-01-01 source \"https://example.org\"\n" +
         extra +
         "  rule x {\n"
         "    cite \"Art. 1\" severity block message \"m\" remedy \"r\"\n" +
         rule_body + "\n  }\n}\n";
}

diagnostic only(const std::vector<diagnostic>& ds) {
  for (const auto& d : ds) INFO(render_diagnostic(d));
  REQUIRE(ds.size() == 1);
  return ds.front();
}

}  // namespace

TEST_CASE("an unknown attribute is an error at its position with a suggestion", "[check]") {
  const auto d = only(library_errors(regime_with("    require deployment.markts == []")));
  CHECK(d.code == "check.unknown_attribute");
  CHECK(d.file == "test.rules");
  CHECK(d.where.line == 6);
  CHECK(d.where.column == 24);
  CHECK(d.message == "unknown attribute `markts` in `deployment`");
  CHECK(d.help == "did you mean `markets`?");
}

TEST_CASE("an unknown name is an error with a suggestion", "[check]") {
  const auto d = only(library_errors(regime_with("    require complience.labeling")));
  CHECK(d.code == "check.unknown_name");
  CHECK(d.where.line == 6);
  CHECK(d.where.column == 13);
  CHECK(d.help == "did you mean `compliance`?");
}

TEST_CASE("a string that is not a value of the enum is an error", "[check]") {
  const auto& d =
      only(library_errors(regime_with("    require \"goverment\" in deployment.device_classes")));
  CHECK(d.code == "check.unknown_value");
  CHECK(d.message == "`goverment` is not a value of `device_class`");
  CHECK(d.help == "did you mean `government`?");
  CHECK(d.where.line == 6);
  CHECK(d.where.column == 13);
}

TEST_CASE("an undeclared jurisdiction literal is an error", "[check]") {
  const auto d = only(library_errors(regime_with("    require \"CX\" in deployment.markets")));
  CHECK(d.code == "check.unknown_jurisdiction");
  CHECK(d.help == "did you mean `CN`?");
}

TEST_CASE("type mismatches are errors", "[check]") {
  CHECK(only(library_errors(regime_with("    require data.retention_days == \"long\""))).code ==
        "check.type");
  CHECK(only(library_errors(regime_with("    require deployment.markets"))).message ==
        "a condition must be a boolean, not `list of jurisdiction`");
  CHECK(only(library_errors(regime_with("    require compliance.approved_on < 5"))).code ==
        "check.type");
  CHECK(only(library_errors(regime_with("    require product.id.length == 1"))).code ==
        "check.type");
}

TEST_CASE("well-typed conditions check", "[check]") {
  library_with(regime_with(
      "    when \"IT\" within \"EU\" and market within \"EU\"\n"
      "    require data.retention_days <= 30 and compliance.approved_on >= 2024-01-01\n"
      "      and all m in product.models: (m.open_weights or m.provider_country != \"CN\")\n"
      "      and deployment.audiences subset of [\"public\", \"enterprise\"]\n"
      "      and not (deployment.markets intersects [\"CN\", \"US-TX\"])\n"
      "      and exists product.vendor.name and compliance.filing in [\"pending\", \"completed\"]\n"
      "      and data.storage[market] contains \"CN\" and as_of > 2024-01-01"));
}

TEST_CASE("missing clauses are errors naming the clause", "[check]") {
  const auto ds = library_errors(
      "regime t.r {\n  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
      "  effective 2024-01-01 source \"https://example.org\"\n"
      "  rule x { severity block require true message \"m\" remedy \"r\" }\n}\n");
  const auto d = only(ds);
  CHECK(d.code == "check.missing_clause");
  CHECK(d.message == "rule `x` has no `cite`");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 8);
}

TEST_CASE("dates: impossible days and until before effective are errors", "[check]") {
  auto bad = library_errors(
      "regime t.r {\n  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
      "  effective 2025-02-30 source \"https://example.org\"\n"
      "  rule x { cite \"c\" severity block require true message \"m\" remedy \"r\" }\n}\n");
  CHECK(only(bad).code == "check.bad_date");
  CHECK(only(bad).where.line == 3);
  CHECK(only(bad).where.column == 13);
  auto order = library_errors(
      "regime t.r {\n  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
      "  effective 2025-02-01 until 2025-01-01 source \"https://example.org\"\n"
      "  rule x { cite \"c\" severity block require true message \"m\" remedy \"r\" }\n}\n");
  CHECK(only(order).code == "check.bad_dates");
  CHECK(only(order).message == "`until` 2025-01-01 is not after `effective` 2025-02-01");
}

TEST_CASE("duplicate rule and regime ids are errors", "[check]") {
  const std::string regime =
      "regime t.r {\n  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
      "  effective 2024-01-01 source \"https://example.org\"\n"
      "  rule x { cite \"c\" severity block require true message \"m\" remedy \"r\" }\n"
      "  rule x { cite \"c\" severity block require true message \"m\" remedy \"r\" }\n}\n";
  const auto d = only(library_errors(regime));
  CHECK(d.code == "check.duplicate");
  CHECK(d.where.line == 5);
  CHECK(d.help == "first declared at line 4");
}

TEST_CASE("a definition that refers to itself is an error", "[check]") {
  const auto ds = library_errors("define a = b\ndefine b = a\n" + regime_with("    require a"));
  REQUIRE_FALSE(ds.empty());
  bool cycle = false;
  for (const auto& d : ds) cycle = cycle || d.code == "check.definition_cycle";
  CHECK(cycle);
}

TEST_CASE("message placeholders must name attributes", "[check]") {
  const auto d = only(
      library_errors("regime t.r {\n  title \"T\" authority \"A\" jurisdiction CN instrument law\n"
                     "  effective 2024-01-01 source \"https://example.org\"\n"
                     "  rule x { cite \"c\" severity block require true message \"in {market} by "
                     "{product.vendr.name}\" remedy \"r\" }\n}\n"));
  CHECK(d.code == "check.unknown_attribute");
}

TEST_CASE("definitions inline with their own quantifier slots", "[check][eval]") {
  const library lib =
      library_with("define chinese = any m in product.models: m.provider_country == \"CN\"\n" +
                   regime_with("    forbid any n in product.models: (n.open_weights and chinese)"));
  const report r = check(lib, R"lg(profile: 1
product:
  id: p
  models:
    - { name: a, provider_country: US, open_weights: true }
    - { name: b, provider_country: CN, open_weights: false }
deployment: { markets: [CN] }
)lg",
                         "2025-01-01");
  CHECK(find(r, "CN", "t.r.x") != nullptr);
}
