// The rule-language parser: constructs land in the AST with their spans; syntax errors are
// reported at the exact line and column with a clear message; hostile input is refused cleanly.
#include <memory>

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
        "unexpected `rule`, expected `regime`, `define`, `enum`, `schema`, `jurisdictions` or end "
        "of file");
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
