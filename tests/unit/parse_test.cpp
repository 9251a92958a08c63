// The rule-language parser: constructs land in the AST with their spans; syntax errors are
// reported at the exact line and column with a clear message; hostile input is refused cleanly.
#include <cstdint>
#include <limits>
#include <memory>
#include <sstream>
#include <string>

#include "lexgate/parse.hpp"
#include "support/catch.hpp"

using namespace lexgate;

namespace {

struct parsed {
  source_ptr source;
  diagnostic_bag bag;
  std::optional<ast::rule_file> file;
};

std::unique_ptr<parsed> parse(const std::string& text, parse_limits limits = {}) {
  auto p = std::make_unique<parsed>();
  p->source = std::make_shared<const source_file>("t.rules", text);
  p->file = parse_rules(p->source, p->bag, limits);
  return p;
}

diagnostic only_error(const std::string& text) {
  auto p = parse(text);
  CHECK_FALSE(p->file.has_value());
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->bag.items().size() == 1);
  return p->bag.items().front();
}

std::string text_of(const parsed& p, span s) {
  return p.source->text().substr(s.begin, s.end - s.begin);
}

const char* const kRegime = R"lg(# a comment
regime au.pspf_direction_001_2025 {
  title        "PSPF Direction 001-2025 \u{2014} DeepSeek"
  authority    "Home \"Affairs\""
  jurisdiction AU
  instrument   directive
  reach        government
  effective    2025-02-05
  until        2030-01-01
  source       "https://a.example"
  source       "https://b.example"
  applies when "government" in deployment.device_classes

  rule no_deepseek {
    cite     "para 1"
    severity block
    when     whenever
    forbid   any m in product.models: m.provider == "DeepSeek" and not exists m.x
    unless   a.b[market] contains "CN" or (x subset of [1, -2, 3,]) and y within "EU"
    message  "line\tone\n"
    remedy   "r"
    effective 2025-03-01
  }
}
define storage = data.storage[market]
enum hosting { provider-api, self-hosted, }
schema {
  profile: integer required
  product: { id: string required changeable  models: list of { name: string } }
  data: { storage: map of list of jurisdiction }
}
jurisdictions {
  CN, TW
  AT, BE in EU
  US-TX in US
}
)lg";

}  // namespace

TEST_CASE("every construct lands in the AST", "[parse]") {
  auto p = parse(kRegime);
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& f = *p->file;
  REQUIRE(f.regimes.size() == 1);
  const auto& r = f.regimes[0];
  CHECK(r.id.value == "au.pspf_direction_001_2025");
  CHECK(text_of(*p, r.id.where) == "au.pspf_direction_001_2025");
  CHECK(r.title->value == "PSPF Direction 001-2025 \xE2\x80\x94 DeepSeek");
  CHECK(r.authority->value == "Home \"Affairs\"");
  CHECK(r.jurisdiction->value == "AU");
  CHECK(r.instrument->value == "directive");
  CHECK(r.reach->value == "government");
  CHECK(r.effective->value.year == 2025);
  CHECK(r.effective->value.month == 2);
  CHECK(r.effective->value.day == 5);
  CHECK(r.until->value.year == 2030);
  REQUIRE(r.sources.size() == 2);
  CHECK(r.sources[1].value == "https://b.example");
  REQUIRE(r.applies_when.has_value());
  CHECK(text_of(*p, r.applies_when->where) == "\"government\" in deployment.device_classes");
  REQUIRE(r.rules.size() == 1);
  const auto& rule = r.rules[0];
  CHECK(rule.id.value == "no_deepseek");
  CHECK(rule.severity_level->value == ast::severity::block);
  CHECK(rule.assertion_keyword->value == ast::assertion_kind::forbid);
  CHECK(rule.message->value == "line\tone\n");
  CHECK(rule.effective->value.month == 3);
  // `whenever` is an identifier, not the keyword `when`.
  REQUIRE(rule.when.has_value());
  CHECK(std::get<ast::name_ref>(rule.when->node).name == "whenever");
  const auto& q = std::get<ast::quantified>(rule.assertion->node);
  CHECK(q.kind == ast::quantifier_kind::any);
  CHECK(q.variable.value == "m");
  const auto& body = std::get<ast::binary>(q.body->node);
  CHECK(body.op == ast::binary_op::logical_and);
  CHECK(std::get<ast::unary>(body.rhs->node).op == ast::unary_op::logical_not);
  // `or` binds looser than `and`.
  const auto& unless = std::get<ast::binary>(rule.unless->node);
  CHECK(unless.op == ast::binary_op::logical_or);
  const auto& contains = std::get<ast::binary>(unless.lhs->node);
  CHECK(contains.op == ast::binary_op::contains);
  CHECK(std::holds_alternative<ast::index>(contains.lhs->node));
  const auto& right = std::get<ast::binary>(unless.rhs->node);
  CHECK(right.op == ast::binary_op::logical_and);
  const auto& subset = std::get<ast::binary>(right.lhs->node);
  CHECK(subset.op == ast::binary_op::subset_of);
  const auto& list = std::get<ast::list_literal>(subset.rhs->node);
  REQUIRE(list.items.size() == 3);
  CHECK(std::get<std::int64_t>(std::get<ast::literal>(list.items[1].node).value) == -2);
  CHECK(std::get<ast::binary>(right.rhs->node).op == ast::binary_op::within);

  REQUIRE(f.definitions.size() == 1);
  CHECK(f.definitions[0].name.value == "storage");
  REQUIRE(f.enums.size() == 1);
  CHECK(f.enums[0].values.size() == 2);
  CHECK(f.enums[0].values[1].value == "self-hosted");
  REQUIRE(f.schemas.size() == 1);
  const auto& fields = f.schemas[0].fields;
  REQUIRE(fields.size() == 3);
  CHECK(fields[0].name.value == "profile");
  CHECK(fields[0].flags[0].value == "required");
  const auto& product = fields[1].type;
  CHECK(product.form == ast::type_expr::kind::record);
  REQUIRE(product.fields.size() == 2);
  CHECK(product.fields[0].flags.size() == 2);
  CHECK(product.fields[1].type.form == ast::type_expr::kind::list_of);
  const auto& storage = fields[2].type.fields[0].type;
  CHECK(storage.form == ast::type_expr::kind::map_of);
  CHECK(storage.element->form == ast::type_expr::kind::list_of);
  CHECK(storage.element->element->name == "jurisdiction");
  REQUIRE(f.jurisdictions.size() == 1);
  const auto& entries = f.jurisdictions[0].entries;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].codes.size() == 2);
  CHECK_FALSE(entries[0].parent.has_value());
  CHECK(entries[1].parent->value == "EU");
  CHECK(entries[2].codes[0].value == "US-TX");
}

TEST_CASE("spans are byte offsets of the construct, without leading space", "[parse]") {
  auto p = parse("define   x =\n   a.b   and c\n");
  REQUIRE(p->file.has_value());
  const auto& d = p->file->definitions[0];
  CHECK(text_of(*p, d.name.where) == "x");
  CHECK(text_of(*p, d.body.where) == "a.b   and c");
  const auto& member = std::get<ast::member>(std::get<ast::binary>(d.body.node).lhs->node);
  CHECK(text_of(*p, member.field.where) == "b");
}

TEST_CASE("a misspelt clause is reported where it stands", "[parse]") {
  const auto d =
      only_error("regime a.b {\n  rule r {\n    cite \"c\"\n    requires true\n  }\n}\n");
  CHECK(d.code == "parse.expected");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 5);
  CHECK(d.message ==
        "expected rule clause (cite, severity, when, require, forbid, unless, message, remedy, "
        "effective, until) or `}`, found `requires`");
  CHECK(d.line_text == "    requires true");
}

TEST_CASE("a missing expression after a keyword is an error at the next token", "[parse]") {
  const auto d = only_error("define x =\n  # nothing here\n  )\n");
  CHECK(d.code == "parse.expected");
  CHECK(d.where.line == 3);
  CHECK(d.where.column == 3);
  CHECK(d.message == "expected expression, found `)`");
}

TEST_CASE("an unclosed parenthesis names what was expected", "[parse]") {
  const auto d = only_error("define x = (a and b\ndefine y = c\n");
  CHECK(d.where.line == 2);
  CHECK(d.where.column == 1);
  CHECK(d.message == "expected `)`, found `define`");
}

TEST_CASE("leftover text at the top level is unexpected", "[parse]") {
  const auto d = only_error("define x = a\n  rule y {}\n");
  CHECK(d.code == "parse.unexpected");
  CHECK(d.where.line == 2);
  CHECK(d.where.column == 3);
  CHECK(d.message ==
        "unexpected `rule`, expected `regime`, `invariant`, `entity`, `define`, `enum`, `schema`, "
        "`jurisdictions` or end of file");
}

TEST_CASE("columns count code points, and tabs count one", "[parse]") {
  const auto d = only_error("define x = \"é—ü\" ==\t)\n");
  CHECK(d.where.line == 1);
  CHECK(d.where.column == 21);  // 16 code points, a space, `==`, a tab
}

TEST_CASE("a reserved word is not a name", "[parse]") {
  const auto d = only_error("define and = 1\n");
  CHECK(d.code == "parse.expected");
  CHECK(d.message == "expected name, found `and`");
}

TEST_CASE("strings: unterminated, bad escapes, unicode escapes", "[parse]") {
  const auto open = only_error("define x = \"abc\ndefine y = 1\n");
  CHECK(open.code == "parse.bad_string");
  CHECK(open.where.line == 1);
  CHECK(open.where.column == 16);
  const auto escape = only_error("define x = \"a\\qb\"\n");
  CHECK(escape.code == "parse.bad_string");
  CHECK(escape.message == "unknown escape `\\q`");
  CHECK(escape.where.column == 14);
  CHECK(only_error("define x = \"\\u{110000}\"\n").code == "parse.bad_string");
}

TEST_CASE("clauses given twice are errors naming the first", "[parse]") {
  const auto d =
      only_error("regime a.b {\n  rule r {\n    cite \"a\"\n    require x\n    forbid y\n  }\n}\n");
  CHECK(d.code == "parse.duplicate_clause");
  CHECK(d.where.line == 5);
  CHECK(d.message == "a rule has exactly one `require` or `forbid`");
  CHECK(d.help == "first `require` at line 4");
  const auto title = only_error("regime a.b {\n  title \"x\"\n  title \"y\"\n}\n");
  CHECK(title.message == "`title` is given twice");
}

TEST_CASE("an integer that does not fit is an error", "[parse]") {
  const auto d = only_error("define x = 99999999999999999999\n");
  CHECK(d.code == "parse.bad_integer");
  CHECK(d.where.column == 12);
}

TEST_CASE("deep nesting is refused before it can exhaust the stack", "[parse]") {
  const std::string parens =
      "define x = " + std::string(100000, '(') + "a" + std::string(100000, ')');
  CHECK(only_error(parens).code == "parse.too_deep");
  std::string nots = "define x = ";
  for (int i = 0; i < 100000; ++i) nots += "not ";
  nots += "a\n";
  const auto d = only_error(nots);
  CHECK(d.code == "parse.too_deep");
  CHECK(d.where.line == 1);
  // Clause words used as names inside a condition do not restart the count.
  std::string names = "define x = ";
  for (int i = 0; i < 20000; ++i) names += "any a in when: ";
  names += "true\n";
  CHECK(only_error(names).code == "parse.too_deep");
  std::string fields = "define x = ";
  for (int i = 0; i < 20000; ++i) fields += "not a.require and ";
  fields += "true\n";
  CHECK(only_error(fields).code == "parse.too_deep");
  // Within the limit, nesting parses.
  auto ok = parse("define x = " + std::string(30, '(') + "a" + std::string(30, ')') + "\n");
  CHECK(ok->file.has_value());
}

TEST_CASE("invalid UTF-8, NUL bytes and oversized files are refused", "[parse]") {
  const auto bad = only_error(std::string("define x = \"a\xff\"\n"));
  CHECK(bad.code == "parse.bad_encoding");
  CHECK(bad.message == "invalid UTF-8 at byte offset 13");
  CHECK(only_error(std::string("define x = a\0", 13)).code == "parse.bad_encoding");
  parse_limits small;
  small.max_file_bytes = 10;
  auto big = parse("define x = a and b\n", small);
  REQUIRE(big->bag.items().size() == 1);
  CHECK(big->bag.items()[0].code == "parse.too_large");
}

TEST_CASE("the rendering shows the line and a caret under the offending text", "[parse]") {
  const auto d = only_error("define x = a ==\n");
  CHECK(render_diagnostic(d) ==
        "t.rules:2:1: error[parse.expected]: expected expression, found end of file\n"
        " 2 | \n"
        "   | ^\n");
}

namespace {

// The one error of `text`, checked field by field so a failure shows which one differs.
void expect_error(const std::string& text, const std::string& code, std::uint32_t line,
                  std::uint32_t column, const std::string& message) {
  INFO(text);
  const auto d = only_error(text);
  CHECK(d.code == code);
  CHECK(d.where.line == line);
  CHECK(d.where.column == column);
  CHECK(d.message == message);
}

const char* const kReference = R"lg(# rules/au/pspf-direction-001-2025.rules
regime au.pspf_direction_001_2025 {
  title        "PSPF Direction 001-2025 — DeepSeek products, applications and web services"
  authority    "Department of Home Affairs"
  jurisdiction AU
  instrument   directive
  reach        government
  effective    2025-02-05
  source       "https://protectivesecurity.gov.au/protective-security-directions-under-pspf"
  source       "https://www.innovationaus.com/deepseek-banned-from-australian-government-devices/"
  applies when "government" in deployment.device_classes

  rule deepseek_on_government_devices {
    cite     "Direction 001-2025, para 1"
    severity block
    forbid   uses_deepseek
    unless   compliance.au_exemption_approved == true and exists compliance.au_exemption_function
    message  "DeepSeek products must not be used on Australian Government systems or devices ({market})"
    remedy   "Replace the DeepSeek model, or remove government devices from this deployment"
  }
}
define uses_deepseek =
  product.vendor.name == "DeepSeek" or any m in product.models: m.provider == "DeepSeek"
define storage_of_market = data.storage[market]
enum hosting { provider-api, self-hosted }
schema {
  profile: integer required
  product: {
    id: string required
    models: list of {
      name: string
      hosting: hosting changeable
    }
  }
  data: { storage: map of list of jurisdiction }
}
jurisdictions {
  CN, TW, KR, AU, US
  AT, BE in EU
  US-TX, US-VA in US
}
)lg";

}  // namespace

// Span conventions: a node's span starts at its first byte (never at the whitespace or comment
// before it); strings include their quotes; rules and regimes run from the keyword to the
// closing brace; a parenthesised expression is the inner node, with the inner node's span.
TEST_CASE("the reference rule file parses, every span on its construct", "[parse]") {
  auto p = parse(kReference);
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& f = *p->file;
  CHECK(f.source == p->source);
  REQUIRE(f.regimes.size() == 1);
  const auto& r = f.regimes[0];
  const std::string regime_text = text_of(*p, r.where);
  CHECK(regime_text.rfind("regime au.pspf_direction_001_2025 {", 0) == 0);
  CHECK(regime_text.back() == '}');
  CHECK(p->source->locate(r.where.begin).line == 2);
  CHECK(p->source->locate(r.where.end).line == 21);
  CHECK(text_of(*p, r.title->where) ==
        "\"PSPF Direction 001-2025 — DeepSeek products, applications and web services\"");
  CHECK(r.title->value ==
        "PSPF Direction 001-2025 — DeepSeek products, applications and web services");
  CHECK(text_of(*p, r.jurisdiction->where) == "AU");
  CHECK(text_of(*p, r.instrument->where) == "directive");
  CHECK(text_of(*p, r.reach->where) == "government");
  CHECK(text_of(*p, r.effective->where) == "2025-02-05");
  CHECK_FALSE(r.until.has_value());
  REQUIRE(r.sources.size() == 2);
  CHECK(r.sources[0].value ==
        "https://protectivesecurity.gov.au/protective-security-directions-under-pspf");
  CHECK(p->source->locate(r.sources[1].where.begin).line == 10);
  const auto& applies = std::get<ast::binary>(r.applies_when->node);
  CHECK(applies.op == ast::binary_op::in);
  CHECK(std::get<std::string>(std::get<ast::literal>(applies.lhs->node).value) == "government");

  REQUIRE(r.rules.size() == 1);
  const auto& rule = r.rules[0];
  CHECK(text_of(*p, rule.id.where) == "deepseek_on_government_devices");
  const std::string rule_text = text_of(*p, rule.where);
  CHECK(rule_text.rfind("rule deepseek_on_government_devices {", 0) == 0);
  CHECK(rule_text.substr(rule_text.size() - 4) == "\n  }");
  CHECK(text_of(*p, rule.cite->where) == "\"Direction 001-2025, para 1\"");
  CHECK(rule.severity_level->value == ast::severity::block);
  CHECK(text_of(*p, rule.severity_level->where) == "block");
  CHECK(rule.assertion_keyword->value == ast::assertion_kind::forbid);
  CHECK(std::get<ast::name_ref>(rule.assertion->node).name == "uses_deepseek");
  CHECK(text_of(*p, rule.assertion->where) == "uses_deepseek");
  CHECK_FALSE(rule.when.has_value());
  const auto& unless = std::get<ast::binary>(rule.unless->node);
  CHECK(unless.op == ast::binary_op::logical_and);
  CHECK(text_of(*p, rule.unless->where) ==
        "compliance.au_exemption_approved == true and exists compliance.au_exemption_function");
  const auto& eq = std::get<ast::binary>(unless.lhs->node);
  CHECK(eq.op == ast::binary_op::eq);
  CHECK(std::get<bool>(std::get<ast::literal>(eq.rhs->node).value));
  const auto& member = std::get<ast::member>(eq.lhs->node);
  CHECK(member.field.value == "au_exemption_approved");
  CHECK(std::get<ast::name_ref>(member.object->node).name == "compliance");
  const auto& exists = std::get<ast::unary>(unless.rhs->node);
  CHECK(exists.op == ast::unary_op::exists);
  CHECK(text_of(*p, unless.rhs->where) == "exists compliance.au_exemption_function");
  CHECK(text_of(*p, exists.operand->where) == "compliance.au_exemption_function");
  CHECK(rule.message->value ==
        "DeepSeek products must not be used on Australian Government systems or devices "
        "({market})");
  CHECK(rule.remedy.has_value());

  REQUIRE(f.definitions.size() == 2);
  const auto& uses = f.definitions[0];
  CHECK(text_of(*p, uses.name.where) == "uses_deepseek");
  CHECK(text_of(*p, uses.where).rfind("define uses_deepseek =", 0) == 0);
  const auto& either = std::get<ast::binary>(uses.body.node);
  CHECK(either.op == ast::binary_op::logical_or);
  CHECK(text_of(*p, either.lhs->where) == "product.vendor.name == \"DeepSeek\"");
  const auto& any = std::get<ast::quantified>(either.rhs->node);
  CHECK(any.kind == ast::quantifier_kind::any);
  CHECK(text_of(*p, any.variable.where) == "m");
  CHECK(text_of(*p, any.list->where) == "product.models");
  CHECK(text_of(*p, any.body->where) == "m.provider == \"DeepSeek\"");
  CHECK(text_of(*p, either.rhs->where) == "any m in product.models: m.provider == \"DeepSeek\"");
  const auto& storage = f.definitions[1].body;
  CHECK(text_of(*p, storage.where) == "data.storage[market]");
  const auto& index = std::get<ast::index>(storage.node);
  CHECK(text_of(*p, index.object->where) == "data.storage");
  CHECK(std::get<ast::name_ref>(index.key->node).name == "market");

  REQUIRE(f.enums.size() == 1);
  CHECK(text_of(*p, f.enums[0].where) == "enum hosting { provider-api, self-hosted }");
  REQUIRE(f.enums[0].values.size() == 2);
  CHECK(text_of(*p, f.enums[0].values[0].where) == "provider-api");

  REQUIRE(f.schemas.size() == 1);
  const auto& fields = f.schemas[0].fields;
  REQUIRE(fields.size() == 3);
  CHECK(text_of(*p, fields[0].where) == "profile: integer required");
  CHECK(fields[0].type.form == ast::type_expr::kind::named);
  CHECK(fields[0].type.name == "integer");
  CHECK(text_of(*p, fields[0].type.where) == "integer");
  REQUIRE(fields[0].flags.size() == 1);
  CHECK(text_of(*p, fields[0].flags[0].where) == "required");
  const auto& models = fields[1].type.fields[1];
  CHECK(models.name.value == "models");
  CHECK(models.type.form == ast::type_expr::kind::list_of);
  const auto& model = *models.type.element;
  CHECK(model.form == ast::type_expr::kind::record);
  REQUIRE(model.fields.size() == 2);
  CHECK(model.fields[0].flags.empty());  // `hosting` on the next line is a field, not a flag
  CHECK(model.fields[1].type.name == "hosting");
  CHECK(model.fields[1].flags[0].value == "changeable");
  CHECK(text_of(*p, fields[2].type.fields[0].type.where) == "map of list of jurisdiction");

  REQUIRE(f.jurisdictions.size() == 1);
  const auto& entries = f.jurisdictions[0].entries;
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].codes.size() == 5);
  CHECK_FALSE(entries[0].parent.has_value());
  CHECK(text_of(*p, entries[1].parent->where) == "EU");
  CHECK(entries[2].codes[1].value == "US-VA");
  CHECK(text_of(*p, entries[2].codes[0].where) == "US-TX");
  CHECK(entries[2].parent->value == "US");
}

TEST_CASE("keywords are whole words: a keyword's prefix starts a name", "[parse]") {
  auto p = parse(
      "define notable_x = notable and anything in allowed or exists_flag == true_value and "
      "orca within ruleset\n"
      "define clause_words = when or title or require or until\n"
      "define regime_like = regimes and defined\n");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& defs = p->file->definitions;
  REQUIRE(defs.size() == 3);
  const auto& top = std::get<ast::binary>(defs[0].body.node);
  CHECK(top.op == ast::binary_op::logical_or);
  const auto& left = std::get<ast::binary>(top.lhs->node);
  CHECK(std::get<ast::name_ref>(left.lhs->node).name == "notable");
  const auto& in = std::get<ast::binary>(left.rhs->node);
  CHECK(in.op == ast::binary_op::in);
  CHECK(std::get<ast::name_ref>(in.lhs->node).name == "anything");
  const auto& right = std::get<ast::binary>(top.rhs->node);
  const auto& eq = std::get<ast::binary>(right.lhs->node);
  CHECK(std::get<ast::name_ref>(eq.lhs->node).name == "exists_flag");
  CHECK(std::get<ast::name_ref>(eq.rhs->node).name == "true_value");
  CHECK(std::get<ast::binary>(right.rhs->node).op == ast::binary_op::within);
  CHECK(std::get<ast::binary>(defs[1].body.node).op == ast::binary_op::logical_or);
  CHECK(defs[2].name.value == "regime_like");
}

TEST_CASE("clause words are names inside conditions", "[parse]") {
  auto p = parse("regime a.b {\n  rule r {\n    when when == until\n    require title\n  }\n}\n");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& rule = p->file->regimes[0].rules[0];
  const auto& when = std::get<ast::binary>(rule.when->node);
  CHECK(std::get<ast::name_ref>(when.lhs->node).name == "when");
  CHECK(std::get<ast::name_ref>(when.rhs->node).name == "until");
  CHECK(std::get<ast::name_ref>(rule.assertion->node).name == "title");
  CHECK(rule.assertion_keyword->value == ast::assertion_kind::require);
}

TEST_CASE("literals: dates before integers, 64-bit bounds, parentheses keep the inner node",
          "[parse]") {
  auto p = parse(
      "define d = 2025-02-05\n"
      "define n = 20250205\n"
      "define low = -9223372036854775808\n"
      "define p = ( a or b )\n"
      "define l = []\n");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& defs = p->file->definitions;
  const auto& date = std::get<ast::date_literal>(std::get<ast::literal>(defs[0].body.node).value);
  CHECK(date.year == 2025);
  CHECK(date.month == 2);
  CHECK(date.day == 5);
  CHECK(std::get<std::int64_t>(std::get<ast::literal>(defs[1].body.node).value) == 20250205);
  CHECK(std::get<std::int64_t>(std::get<ast::literal>(defs[2].body.node).value) ==
        std::numeric_limits<std::int64_t>::min());
  CHECK(std::get<ast::binary>(defs[3].body.node).op == ast::binary_op::logical_or);
  CHECK(text_of(*p, defs[3].body.where) == "a or b");
  CHECK(std::get<ast::list_literal>(defs[4].body.node).items.empty());
}

TEST_CASE("comments and tabs are skipped between tokens, not inside strings", "[parse]") {
  auto p = parse(
      "regime a.b {\t# a comment with \"quote and { brace\n"
      "\ttitle\t\"x # not a comment\"  # but this is\n"
      "  # } a whole-line comment\n"
      "}# no newline at the end");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  CHECK(p->file->regimes[0].title->value == "x # not a comment");
  expect_error("\tdefine\tx\t=\t)", "parse.expected", 1, 13, "expected expression, found `)`");
}

TEST_CASE("string escapes decode to UTF-8", "[parse]") {
  auto p = parse(R"(define x = "q\"b\\n\n\t\u{41}\u{e9}\u{1F600}")"
                 "\n");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  CHECK(std::get<std::string>(std::get<ast::literal>(p->file->definitions[0].body.node).value) ==
        "q\"b\\n\n\tA\xC3\xA9\xF0\x9F\x98\x80");
  expect_error("define x = \"ab", "parse.bad_string", 1, 15, "unterminated string");
  expect_error("define x = \"\\u{}\"", "parse.bad_string", 1, 13, "bad unicode escape");
  expect_error("define x = \"\\u{D800}\"", "parse.bad_string", 1, 13, "bad unicode escape");
}

TEST_CASE("each expectation names what belongs there", "[parse]") {
  expect_error("regime a.b title \"x\" }", "parse.expected", 1, 12, "expected `{`, found `title`");
  expect_error("regime a.b {\n  title x\n}", "parse.expected", 2, 9, "expected string, found `x`");
  expect_error("regime a.b {\n  effective 2025-2-1\n}", "parse.expected", 2, 13,
               "expected date (YYYY-MM-DD), found `2025-2-1`");
  expect_error("regime a.b { jurisdiction cn }", "parse.expected", 1, 27,
               "expected jurisdiction code such as `CN` or `US-TX`, found `cn`");
  expect_error("regime a.b { jurisdiction USA }", "parse.expected", 1, 27,
               "expected jurisdiction code such as `CN` or `US-TX`, found `USA`");
  expect_error("jurisdictions { CN in }", "parse.expected", 1, 23,
               "expected jurisdiction code such as `CN` or `US-TX`, found `}`");
  expect_error("jurisdictions {\n  cn\n}", "parse.expected", 2, 3,
               "expected jurisdiction code or `}`, found `cn`");
  expect_error("regime A.b {}", "parse.expected", 1, 8,
               "expected regime id such as `cn.genai_interim_measures`, found `A.b`");
  expect_error("regime a.b {\n  titel \"x\"\n}", "parse.expected", 2, 3,
               "expected regime clause (title, authority, jurisdiction, instrument, reach, "
               "effective, until, source, applies when, rule) or `}`, found `titel`");
  expect_error("regime a.b {\n  rule r { severity blocker }\n}", "parse.expected", 2, 21,
               "expected severity `block`, `warn` or `info`");
  expect_error("schema { a }", "parse.expected", 1, 10,
               "expected attribute (`name: type`) or `}`, found `a`");
  expect_error("define 1 = x", "parse.expected", 1, 8, "expected name, found `1`");
  expect_error("define true = 1", "parse.expected", 1, 8, "expected name, found `true`");
  expect_error("define x = [1, 2", "parse.expected", 1, 17,
               "expected `,` or `]`, found end of file");
  expect_error("define x = a[1", "parse.expected", 1, 15, "expected `]`, found end of file");
  expect_error("define x = any m in l m", "parse.expected", 1, 23,
               "expected `:` before the quantifier's condition, found `m`");
  expect_error("define x = not", "parse.expected", 1, 15, "expected expression, found end of file");
  // Keywords an expectation requires are named as written, never as the parser's C++ type.
  expect_error("define x = a subset b", "parse.expected", 1, 21, "expected `of`, found `b`");
  expect_error("define x = any m x", "parse.expected", 1, 18, "expected `in`, found `x`");
  expect_error("regime a.b {\n  applies x\n}", "parse.expected", 2, 11,
               "expected `when`, found `x`");
  expect_error("enum e { A }", "parse.expected", 1, 10,
               "expected word (lowercase letters, digits and `-`), found `A`");
  expect_error("schema { a: map }", "parse.expected", 1, 17, "expected `of`, found `}`");
}

TEST_CASE("text after the last item is unexpected", "[parse]") {
  expect_error("regime a.b {}\n}", "parse.unexpected", 2, 1,
               "unexpected `}`, expected `regime`, `invariant`, `entity`, `define`, `enum`, `schema`, "
               "`jurisdictions` or end of file");
  expect_error("define x = a b", "parse.unexpected", 1, 14,
               "unexpected `b`, expected `regime`, `invariant`, `entity`, `define`, `enum`, `schema`, "
               "`jurisdictions` or end of file");
  expect_error("define x = a.B", "parse.unexpected", 1, 13,
               "unexpected `.B`, expected `regime`, `invariant`, `entity`, `define`, `enum`, `schema`, "
               "`jurisdictions` or end of file");
}

TEST_CASE("a clause given twice is reported at the second, naming the first's line", "[parse]") {
  const auto cite = only_error(
      "regime a.b {\n  rule r {\n    cite \"a\"\n    message \"m\"\n    cite \"b\"\n  }\n}\n");
  CHECK(cite.code == "parse.duplicate_clause");
  CHECK(cite.where.line == 5);
  CHECK(cite.where.column == 5);
  CHECK(cite.message == "`cite` is given twice");
  CHECK(cite.help == "first `cite` at line 3");
  // Sources and rules repeat freely.
  auto ok = parse("regime a.b {\n  source \"x\"\n  source \"y\"\n  rule r {}\n  rule s {}\n}\n");
  REQUIRE(ok->file.has_value());
  CHECK(ok->file->regimes[0].rules.size() == 2);
}

namespace {

const char* const kInvariant = R"lg(# Only models of providers established in China have filed.
invariant cn.cac_filings_domestic_models {
  title    "CAC generative-AI filings have been completed only for models of providers established in China"
  cite     "Interim Measures Art. 17 filing practice (reported)"
  source   "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm"
  source   "https://b.example"
  when     (compliance.cn_algorithm_filing == "completed")
  require  all m in product.models:
             m.provider_country == "CN"
  message  "A completed CAC filing covers only models of providers established in China"
  effective 2023-08-15
  until     2030-01-01
}
define invariant = invariant_x and invariant  # a keyword only where an item starts
)lg";

}  // namespace

TEST_CASE("an invariant lands in the AST, every span on its construct", "[parse][invariant]") {
  auto p = parse(kInvariant);
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  const auto& f = *p->file;
  CHECK(f.regimes.empty());
  REQUIRE(f.invariants.size() == 1);
  const auto& v = f.invariants[0];
  CHECK(v.id.value == "cn.cac_filings_domestic_models");
  CHECK(text_of(*p, v.id.where) == "cn.cac_filings_domestic_models");
  const std::string whole = text_of(*p, v.where);
  CHECK(whole.rfind("invariant cn.cac_filings_domestic_models {", 0) == 0);
  CHECK(whole.back() == '}');
  CHECK(p->source->locate(v.where.begin).line == 2);
  CHECK(p->source->locate(v.where.end).line == 13);
  CHECK(v.title->value ==
        "CAC generative-AI filings have been completed only for models of providers established "
        "in China");
  CHECK(text_of(*p, v.cite->where) == "\"Interim Measures Art. 17 filing practice (reported)\"");
  REQUIRE(v.sources.size() == 2);
  CHECK(v.sources[0].value == "https://www.cac.gov.cn/2023-07/13/c_1690898327029107.htm");
  CHECK(p->source->locate(v.sources[1].where.begin).line == 6);
  // The stated text keeps the parentheses that the expression's own span leaves out.
  REQUIRE(v.when.has_value());
  CHECK(text_of(*p, v.when->text) == "(compliance.cn_algorithm_filing == \"completed\")");
  CHECK(text_of(*p, v.when->condition.where) == "compliance.cn_algorithm_filing == \"completed\"");
  CHECK(std::get<ast::binary>(v.when->condition.node).op == ast::binary_op::eq);
  REQUIRE(v.requirement.has_value());
  CHECK(text_of(*p, v.requirement->text) ==
        "all m in product.models:\n             m.provider_country == \"CN\"");
  const auto& all = std::get<ast::quantified>(v.requirement->condition.node);
  CHECK(all.kind == ast::quantifier_kind::all);
  CHECK(text_of(*p, all.variable.where) == "m");
  CHECK(text_of(*p, all.body->where) == "m.provider_country == \"CN\"");
  CHECK(v.message->value ==
        "A completed CAC filing covers only models of providers established in China");
  CHECK(p->source->locate(v.message->where.begin).line == 10);
  CHECK(text_of(*p, v.effective->where) == "2023-08-15");
  CHECK(v.effective->value.month == 8);
  CHECK(v.until->value.year == 2030);
  // Elsewhere `invariant` is an ordinary name.
  REQUIRE(f.definitions.size() == 1);
  CHECK(f.definitions[0].name.value == "invariant");
  const auto& body = std::get<ast::binary>(f.definitions[0].body.node);
  CHECK(std::get<ast::name_ref>(body.lhs->node).name == "invariant_x");
  CHECK(std::get<ast::name_ref>(body.rhs->node).name == "invariant");
}

TEST_CASE("an invariant's clauses are optional to the parser, in any order", "[parse][invariant]") {
  auto p = parse("invariant a {}\nregime b.c {}\ninvariant d.e { require x title \"t\" }\n");
  for (const auto& d : p->bag.items()) INFO(render_diagnostic(d));
  REQUIRE(p->file.has_value());
  REQUIRE(p->file->invariants.size() == 2);
  CHECK(p->file->invariants[0].id.value == "a");
  CHECK_FALSE(p->file->invariants[0].requirement.has_value());
  CHECK(p->file->invariants[1].title->value == "t");
  CHECK(p->file->regimes.size() == 1);
}

TEST_CASE("invariant syntax errors name what belongs there", "[parse][invariant]") {
  expect_error("invariant a.b {\n  title \"t\"\n  forbid x\n}", "parse.expected", 3, 3,
               "expected invariant clause (title, cite, source, when, require, message, "
               "effective, until) or `}`, found `forbid`");
  expect_error("invariant a.b {\n  severity block\n}", "parse.expected", 2, 3,
               "expected invariant clause (title, cite, source, when, require, message, "
               "effective, until) or `}`, found `severity`");
  expect_error("invariant Cn.x {}", "parse.expected", 1, 11,
               "expected invariant id such as `cn.cac_filings_domestic_models`, found `Cn.x`");
  expect_error("invariant a.b\n  title \"t\"\n}", "parse.expected", 2, 3,
               "expected `{`, found `title`");
  expect_error("invariant a.b {\n  require\n}", "parse.expected", 3, 1,
               "expected expression, found `}`");
  expect_error("invariant a.b {\n  effective 2023-8-15\n}", "parse.expected", 2, 13,
               "expected date (YYYY-MM-DD), found `2023-8-15`");
  expect_error("invariant a.b {\n  message \"m\"\n", "parse.expected", 3, 1,
               "expected invariant clause (title, cite, source, when, require, message, "
               "effective, until) or `}`, found end of file");
}

TEST_CASE("an invariant's clause given twice is reported at the second", "[parse][invariant]") {
  const auto d = only_error("invariant a.b {\n  require x\n  message \"m\"\n  require y\n}\n");
  CHECK(d.code == "parse.duplicate_clause");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 3);
  CHECK(d.message == "`require` is given twice");
  CHECK(d.help == "first `require` at line 2");
  const auto when = only_error("invariant a.b {\n  when x\n  when y\n}\n");
  CHECK(when.message == "`when` is given twice");
  CHECK(when.where.line == 3);
  // Sources repeat freely.
  auto ok = parse("invariant a.b {\n  source \"x\"\n  source \"y\"\n}\n");
  REQUIRE(ok->file.has_value());
  CHECK(ok->file->invariants[0].sources.size() == 2);
}

TEST_CASE("a long line is shown as a window around the column, caret on the offending text",
          "[parse]") {
  lexgate::diagnostic d;
  d.file = "wide.rules";
  d.code = "parse.expected";
  d.message = "m";
  d.where = {1, 1001};
  d.end = {1, 1004};
  d.line_text = std::string(1000, 'a') + "XYZ" + std::string(1000, 'b');
  const std::string r = lexgate::render_diagnostic(d);
  std::istringstream lines(r);
  std::string header, shown, caret;
  std::getline(lines, header);
  std::getline(lines, shown);
  std::getline(lines, caret);
  CHECK(shown.size() < 130);
  CHECK(shown.find("…") != std::string::npos);
  // The caret's column in the caret line is the column of `X` in the shown line, counted in
  // code points (the ellipsis is one).
  const auto x = shown.find('X');
  REQUIRE(x != std::string::npos);
  const std::size_t ellipsis_bytes = std::string("…").size() - 1;
  CHECK(caret.find("^~~") == x - ellipsis_bytes);
}
