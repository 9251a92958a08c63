// Checking: names, types, enum values, jurisdictions, dates, ids and clauses, with positions.
#include <algorithm>

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

namespace {

// An invariant with every clause; `clauses` replaces or adds to the defaults.
std::string invariant_with(const std::string& clauses, const std::string& id = "t.inv") {
  return "invariant " + id +
         " {\n"
         "  title \"T\" cite \"Practice\" source \"https://example.org\" message \"m\"\n" +
         clauses + "\n}\n";
}

}  // namespace

TEST_CASE("an invariant checks and is listed with its metadata", "[check][invariant]") {
  const library lib = library_with(
      "define chinese_model = any n in product.models: n.provider_country == \"CN\"\n"
      "invariant t.filed_models {\n"
      "  title \"Filings cover domestic models\"\n"
      "  cite  \"Practice (reported)\"\n"
      "  source \"https://a.example\" source \"https://b.example\"\n"
      "  when  compliance.filing == \"completed\" and chinese_model\n"
      "  require all m in product.models:\n"
      "            (m.provider_country == \"CN\" or \"IT\" within \"EU\")\n"
      "  message \"A filing covers domestic models only\"\n"
      "  effective 2023-08-15\n"
      "}\n" +
      regime_with("    require true"));
  REQUIRE(lib.invariants().size() == 1);
  const invariant_info& v = lib.invariants()[0];
  CHECK(v.id == "t.filed_models");
  CHECK(v.title == "Filings cover domestic models");
  CHECK(v.cite == "Practice (reported)");
  CHECK(v.sources == std::vector<std::string>{"https://a.example", "https://b.example"});
  CHECK(v.message == "A filing covers domestic models only");
  REQUIRE(v.effective.has_value());
  CHECK(v.effective->to_string() == "2023-08-15");
  CHECK_FALSE(v.until.has_value());
  CHECK(v.file == "test.rules");
  CHECK(v.where.line == 2);
  CHECK(v.where.column == 1);
  CHECK(lib.find_invariant("t.filed_models") == &v);
  CHECK(lib.find_invariant("t.r") == nullptr);
  CHECK(lib.find_invariant("t.r.x") == nullptr);
  const invariant_conditions* text = lib.find_invariant_conditions("t.filed_models");
  REQUIRE(text != nullptr);
  CHECK(text->when == "compliance.filing == \"completed\" and chinese_model");
  CHECK(text->require ==
        "all m in product.models:\n(m.provider_country == \"CN\" or \"IT\" within \"EU\")");
  // Invariants are not rules: nothing about them changes the rule count or ids.
  CHECK(lib.rule_count() == 1);
  CHECK(lib.rule_ids() == std::vector<std::string>{"t.r.x"});
}

TEST_CASE("invariants come out in id order, whatever the file order", "[check][invariant]") {
  const library lib = library_with(invariant_with("  require true", "t.b") +
                                   invariant_with("  require true", "t.a"));
  REQUIRE(lib.invariants().size() == 2);
  CHECK(lib.invariants()[0].id == "t.a");
  CHECK(lib.invariants()[1].id == "t.b");
  CHECK(lib.find_invariant_conditions("t.a")->when.empty());
  CHECK(lib.find_invariant_conditions("t.b")->require == "true");
}

TEST_CASE("check reports a profile that breaks an invariant, citing it", "[check][invariant][eval]") {
  const library lib = library_with(
      invariant_with("  when compliance.filing == \"completed\"\n"
                     "  require all m in product.models: m.provider_country == \"CN\"") +
      regime_with("    require compliance.labeling"));
  const report r = check(lib, R"lg(profile: 1
product:
  id: p
  models: [ { name: a, provider_country: US } ]
deployment: { markets: [CN] }
compliance: { filing: completed, labeling: true }
)lg",
                         "2025-01-01");
  // A completed filing for a US model is what the invariant rules out: `check` and `plan` agree.
  CHECK(r.overall == verdict::blocked);
  const market_report* cn = market(r, "CN");
  REQUIRE(cn != nullptr);
  REQUIRE(cn->findings.size() == 1);
  CHECK(cn->findings[0].rule == "t.inv");
  CHECK(cn->findings[0].status == finding_status::violation);
  CHECK(cn->findings[0].cite == "Practice");
  CHECK(cn->evaluated.size() == 2);
  CHECK(r.summary.rules_evaluated == 2);
}

TEST_CASE("an invariant without `require` is an error at its id", "[check][invariant]") {
  const auto d = only(library_errors(invariant_with("  when compliance.labeling")));
  CHECK(d.code == "check.missing_clause");
  CHECK(d.message == "invariant `t.inv` has no `require`");
  CHECK(d.help == "an invariant states what holds (`require E`)");
  CHECK(d.file == "test.rules");
  CHECK(d.where.line == 1);
  CHECK(d.where.column == 11);
}

TEST_CASE("an invariant's required clauses are each named when missing", "[check][invariant]") {
  const auto ds = library_errors("invariant t.bare {\n  require true\n}\n");
  std::vector<std::string> messages;
  for (const auto& d : ds) {
    CHECK(d.code == "check.missing_clause");
    CHECK(d.where.line == 1);
    messages.push_back(d.message);
  }
  std::sort(messages.begin(), messages.end());
  CHECK(messages == std::vector<std::string>{
                        "invariant `t.bare` has no `cite`", "invariant `t.bare` has no `message`",
                        "invariant `t.bare` has no `source`", "invariant `t.bare` has no `title`"});
  const auto empty = only(library_errors(
      "invariant t.e {\n  title \"\" cite \"c\" source \"s\" message \"m\" require true\n}\n"));
  CHECK(empty.code == "check.empty");
  CHECK(empty.message == "`title` must not be empty");
  CHECK(empty.where.line == 2);
}

TEST_CASE("a type error in an invariant's require is reported at file:line:col",
          "[check][invariant]") {
  const auto d = only(library_errors(invariant_with("  require product.models")));
  CHECK(d.code == "check.type");
  CHECK(d.message == "a condition must be a boolean, not `list of product.models`");
  CHECK(d.where.line == 3);
  CHECK(d.where.column == 11);
  CHECK(render_diagnostic(d).rfind("test.rules:3:11: error[check.type]: ", 0) == 0);
  const auto compare = only(library_errors(
      invariant_with("  when compliance.labeling\n  require data.retention_days == \"long\"")));
  CHECK(compare.code == "check.type");
  CHECK(compare.where.line == 4);
  const auto when =
      only(library_errors(invariant_with("  when data.retention_days\n  require true")));
  CHECK(when.code == "check.type");
  CHECK(when.message == "a condition must be a boolean, not `integer`");
  CHECK(when.where.line == 3);
  CHECK(when.where.column == 8);
}

TEST_CASE("an invariant's names resolve against the schema, with hints", "[check][invariant]") {
  const auto attribute = only(library_errors(
      invariant_with("  require all m in product.models: m.provider_contry == \"CN\"")));
  CHECK(attribute.code == "check.unknown_attribute");
  CHECK(attribute.message == "unknown attribute `provider_contry` in `product.models`");
  CHECK(attribute.help == "did you mean `provider_country`?");
  CHECK(attribute.where.line == 3);
  CHECK(attribute.where.column == 38);
  const auto name =
      only(library_errors(invariant_with("  when complience.labeling\n  require true")));
  CHECK(name.code == "check.unknown_name");
  CHECK(name.help == "did you mean `compliance`?");
  const auto value =
      only(library_errors(invariant_with("  require compliance.filing == \"complete\"")));
  CHECK(value.code == "check.unknown_value");
  CHECK(value.help == "did you mean `completed`?");
  const auto code = only(library_errors(
      invariant_with("  require all m in product.models: m.provider_country == \"CX\"")));
  CHECK(code.code == "check.unknown_jurisdiction");
}

TEST_CASE("duplicate invariant ids, and ids of regimes or rules, are errors",
          "[check][invariant]") {
  const auto twice = only(
      library_errors(invariant_with("  require true") + "\n" + invariant_with("  require false")));
  CHECK(twice.code == "check.duplicate");
  CHECK(twice.message == "invariant `t.inv` is declared twice");
  CHECK(twice.where.line == 6);
  CHECK(twice.where.column == 11);
  CHECK(twice.help == "first declared at test.rules:1");
  const auto regime = only(
      library_errors(regime_with("    require true") + invariant_with("  require true", "t.r")));
  CHECK(regime.code == "check.duplicate");
  CHECK(regime.message == "invariant `t.r` has the id of a regime");
  CHECK(regime.help == "the regime is declared at test.rules:1");
  const auto rule = only(
      library_errors(regime_with("    require true") + invariant_with("  require true", "t.r.x")));
  CHECK(rule.code == "check.duplicate");
  CHECK(rule.message == "invariant `t.r.x` has the id of a rule");
  CHECK(rule.help == "the rule is declared at test.rules:4");
}

TEST_CASE("an invariant's dates are checked", "[check][invariant]") {
  const auto bad = only(library_errors(invariant_with("  require true effective 2025-02-30")));
  CHECK(bad.code == "check.bad_date");
  CHECK(bad.where.line == 3);
  CHECK(bad.where.column == 26);
  const auto order =
      only(library_errors(invariant_with("  require true effective 2025-02-01 until 2025-01-01")));
  CHECK(order.code == "check.bad_dates");
  CHECK(order.message == "`until` 2025-01-01 is not after `effective` 2025-02-01");
  const library until_only = library_with(invariant_with("  require true until 2026-01-01"));
  CHECK_FALSE(until_only.invariants()[0].effective.has_value());
  CHECK(until_only.invariants()[0].until->to_string() == "2026-01-01");
}

TEST_CASE("an invariant's message has no placeholders", "[check][invariant]") {
  const auto d =
      only(library_errors("invariant t.m {\n  title \"T\" cite \"c\" source \"s\" require true\n"
                          "  message \"in {market}\"\n}\n"));
  CHECK(d.code == "check.bad_message");
  CHECK(d.where.line == 3);
  CHECK(d.help == "it is shown as written; `{...}` is for rule messages");
}
