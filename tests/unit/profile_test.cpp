// Profiles: typed values with paths and positions, every error code at its line and column, and
// hostile YAML refused cleanly within the documented limits (layer: profile).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/date.hpp"
#include "lexgate/profile.hpp"
#include "support/catch.hpp"

using namespace lexgate;

namespace {

// A schema shaped like design §3, built by hand so these tests do not depend on the rule parser.
const schema& test_schema() {
  static const schema built = [] {
    schema s;
    for (const char* code : {"EU", "CN", "IT", "AU", "US", "US-TX", "TW", "KR"}) {
      s.jurisdictions.declare(code);
    }
    s.jurisdictions.add_containment("IT", "EU");
    s.jurisdictions.add_containment("US-TX", "US");
    s.jurisdictions.close();

    const schema_type* boolean = s.scalar(type_kind::boolean);
    const schema_type* integer = s.scalar(type_kind::integer);
    const schema_type* string = s.scalar(type_kind::string);
    const schema_type* day = s.scalar(type_kind::date);
    const schema_type* code = s.scalar(type_kind::jurisdiction);
    const auto enumeration = [&](std::string name, std::vector<std::string> values) {
      schema_type t;
      t.kind = type_kind::enumeration;
      t.name = std::move(name);
      t.enum_values = std::move(values);
      return s.add(std::move(t));
    };
    const auto container = [&](type_kind kind, const schema_type* element) {
      schema_type t;
      t.kind = kind;
      t.name = (kind == type_kind::list ? "list of " : "map of ") + element->name;
      t.element = element;
      return s.add(std::move(t));
    };
    const auto record = [&](std::string name, std::vector<schema_field> fields) {
      schema_type t;
      t.kind = type_kind::record;
      t.name = std::move(name);
      t.fields = std::move(fields);
      return s.add(std::move(t));
    };
    const schema_type* hosting = enumeration("hosting", {"provider-api", "self-hosted"});
    const schema_type* audience =
        enumeration("audience", {"public", "enterprise", "government", "minors"});
    const schema_type* vendor =
        record("product.vendor", {{"name", string, false, false}, {"country", code, false, false}});
    const schema_type* model = record("product.models", {{"name", string, false, false},
                                                         {"provider", string, false, false},
                                                         {"provider_country", code, false, false},
                                                         {"hosting", hosting, false, true},
                                                         {"open_weights", boolean, false, false}});
    const schema_type* product =
        record("product", {{"id", string, true, false},
                           {"name", string, false, false},
                           {"vendor", vendor, false, false},
                           {"models", container(type_kind::list, model), false, true}});
    const schema_type* deployment =
        record("deployment", {{"markets", container(type_kind::list, code), false, true},
                              {"audiences", container(type_kind::list, audience), false, true}});
    const schema_type* data = record(
        "data",
        {{"storage", container(type_kind::map, container(type_kind::list, code)), false, true},
         {"retention_days", integer, false, true}});
    const schema_type* compliance = record("compliance", {{"content_labeling", boolean, false, true},
                                                          {"privacy_notice", boolean, false, true},
                                                          {"approved_on", day, false, false}});
    s.root = record("profile", {{"profile", integer, true, false},
                                {"product", product, true, false},
                                {"deployment", deployment, false, false},
                                {"data", data, false, false},
                                {"compliance", compliance, false, false}});
    return s;
  }();
  return built;
}

struct outcome {
  std::optional<profile> loaded;
  std::vector<diagnostic> errors;
};

outcome load(const std::string& yaml, const profile_limits& limits = {}) {
  diagnostic_bag bag;
  auto source = std::make_shared<const source_file>("p.yaml", yaml);
  outcome out;
  out.loaded = load_profile(source, test_schema(), bag, limits);
  out.errors = bag.sorted();
  for (const auto& d : out.errors) UNSCOPED_INFO(render_diagnostic(d));
  return out;
}

profile good(const std::string& yaml) {
  auto out = load(yaml);
  REQUIRE(out.errors.empty());
  REQUIRE(out.loaded.has_value());
  return std::move(*out.loaded);
}

// The one error a file produces.
diagnostic error_of(const std::string& yaml, const profile_limits& limits = {}) {
  auto out = load(yaml, limits);
  CHECK_FALSE(out.loaded.has_value());
  REQUIRE(out.errors.size() == 1);
  CHECK(out.errors[0].severity == diagnostic_severity::error);
  return out.errors[0];
}

void check_at(const diagnostic& d, const char* code, std::uint32_t line, std::uint32_t column) {
  INFO(render_diagnostic(d));
  CHECK(d.code == code);
  CHECK(d.file == "p.yaml");
  CHECK(d.where.line == line);
  CHECK(d.where.column == column);
}

const schema_type& root_type() {
  return *test_schema().root;
}

const value& field(const value& record, const schema_type& type, const char* name) {
  const int index = type.field_index(name);
  REQUIRE(index >= 0);
  REQUIRE(record.items.size() == type.fields.size());
  return record.items[static_cast<std::size_t>(index)];
}

const schema_type& field_type(const schema_type& type, const char* name) {
  return *type.fields[static_cast<std::size_t>(type.field_index(name))].type;
}

// Two lines every error example starts with, so only the error under test is reported.
const std::string kHead = "profile: 1\nproduct: { id: p }\n";

const char* const kGood = R"(profile: 1
product:
  id: helpdesk
  name: "Help Désk"
  vendor: { name: Acme, country: US }
  models:
    - name: deepseek-r1
      provider: DeepSeek
      provider_country: CN
      hosting: provider-api
      open_weights: true
deployment:
  markets: [CN, IT, US-TX]
  audiences: [public, minors]
data:
  storage:
    default: [US]
    CN: [CN]
  retention_days: 365
compliance:
  content_labeling: TRUE
  privacy_notice: ~
  approved_on: 2025-02-04
)";

}  // namespace

TEST_CASE("a good profile becomes typed values with paths and positions", "[profile]") {
  const profile p = good(kGood);
  CHECK(p.id == "helpdesk");
  CHECK(p.source->name() == "p.yaml");
  const schema_type& root = root_type();
  CHECK(p.root.k == value::kind::record);
  CHECK(field(p.root, root, "profile").integer == 1);

  const schema_type& product_type = field_type(root, "product");
  const value& product = field(p.root, root, "product");
  CHECK(product.k == value::kind::record);
  CHECK(product.path == "product");
  CHECK(product.where.line == 3);
  CHECK(product.where.column == 3);
  CHECK(render_value(field(product, product_type, "name")) == "\"Help Désk\"");
  CHECK(render_value(field(product, product_type, "vendor")) == "{name: \"Acme\", country: US}");

  const value& models = field(product, product_type, "models");
  REQUIRE(models.k == value::kind::list);
  REQUIRE(models.items.size() == 1);
  const value& model = models.items[0];
  const schema_type& model_type = *field_type(product_type, "models").element;
  CHECK(model.k == value::kind::record);
  CHECK(model.path == "product.models[0]");
  const value& provider = field(model, model_type, "provider");
  CHECK(provider.k == value::kind::string);
  CHECK(provider.text == "DeepSeek");
  CHECK(provider.path == "product.models[0].provider");
  CHECK(provider.where.line == 8);
  CHECK(provider.where.column == 17);
  CHECK(render_value(provider) == "\"DeepSeek\"");
  CHECK(render_value(field(model, model_type, "provider_country")) == "CN");
  CHECK(render_value(field(model, model_type, "hosting")) == "provider-api");
  const value& open_weights = field(model, model_type, "open_weights");
  CHECK(open_weights.k == value::kind::boolean);
  CHECK(open_weights.boolean);
  CHECK(render_value(model) ==
        "{name: \"deepseek-r1\", provider: \"DeepSeek\", provider_country: CN, "
        "hosting: provider-api, open_weights: true}");

  const schema_type& deployment_type = field_type(root, "deployment");
  const value& deployment = field(p.root, root, "deployment");
  const value& markets = field(deployment, deployment_type, "markets");
  CHECK(render_value(markets) == "[CN, IT, US-TX]");
  CHECK(markets.items[2].path == "deployment.markets[2]");
  CHECK(markets.items[2].where.line == 13);
  CHECK(markets.items[2].where.column == 20);
  CHECK(render_value(field(deployment, deployment_type, "audiences")) == "[public, minors]");

  const schema_type& data_type = field_type(root, "data");
  const value& data = field(p.root, root, "data");
  const value& storage = field(data, data_type, "storage");
  REQUIRE(storage.k == value::kind::map);
  CHECK(storage.keys == std::vector<std::string>{"default", "CN"});
  CHECK(render_value(storage) == "{default: [US], CN: [CN]}");
  CHECK(storage.items[1].path == "data.storage.CN");
  CHECK(storage.items[1].where.line == 18);
  CHECK(storage.items[1].where.column == 9);
  const value& retention = field(data, data_type, "retention_days");
  CHECK(retention.k == value::kind::integer);
  CHECK(retention.integer == 365);
  CHECK(render_value(retention) == "365");

  const schema_type& compliance_type = field_type(root, "compliance");
  const value& compliance = field(p.root, root, "compliance");
  CHECK(field(compliance, compliance_type, "content_labeling").boolean);
  const value& approved = field(compliance, compliance_type, "approved_on");
  CHECK(approved.k == value::kind::date);
  CHECK(approved.integer == date::from_ymd(2025, 2, 4)->days);
  CHECK(render_value(approved) == "2025-02-04");
}

TEST_CASE("an explicit null or an omitted key is a missing fact", "[profile]") {
  const profile p = good(kHead +
                         "compliance:\n  content_labeling:\n  privacy_notice: null\n"
                         "  approved_on: ~\ndata:\n  storage: { default: [US], CN: ~ }\n");
  const schema_type& compliance_type = field_type(root_type(), "compliance");
  const value& compliance = field(p.root, root_type(), "compliance");
  for (const char* name : {"content_labeling", "privacy_notice", "approved_on"}) {
    const value& v = field(compliance, compliance_type, name);
    CHECK_FALSE(v.present());
    CHECK(v.path == std::string("compliance.") + name);
    CHECK(v.where.line == 0);
    CHECK(render_value(v) == "missing");
  }
  const value& deployment = field(p.root, root_type(), "deployment");
  CHECK_FALSE(deployment.present());
  CHECK(deployment.path == "deployment");
  // A null map entry stays, absent, so it does not silently fall back to `default`.
  const value& storage = field(field(p.root, root_type(), "data"), field_type(root_type(), "data"),
                               "storage");
  CHECK(render_value(storage) == "{default: [US], CN: missing}");
  CHECK(storage.items[1].path == "data.storage.CN");
}

TEST_CASE("quoted strings, the `!` tag and aliases give ordinary values", "[profile]") {
  const profile p = good(
      "profile: 1\nproduct:\n  id: 'it''s'\n  name: ! plain\n  vendor: &v { name: \"A\\\"B\" }\n"
      "data:\n  storage: { default: &m [US], CN: *m }\n");
  const schema_type& product_type = field_type(root_type(), "product");
  const value& product = field(p.root, root_type(), "product");
  CHECK(p.id == "it's");
  CHECK(field(product, product_type, "name").text == "plain");
  CHECK(render_value(field(product, product_type, "vendor")) == "{name: \"A\\\"B\"}");
  const value& storage = field(field(p.root, root_type(), "data"), field_type(root_type(), "data"),
                               "storage");
  CHECK(render_value(storage) == "{default: [US], CN: [US]}");
  // A value reached through an alias sits where the alias is.
  CHECK(storage.items[1].where.line == 7);
  CHECK(storage.items[1].where.column == 35);
}

TEST_CASE("an unknown key names the nearest valid key", "[profile]") {
  auto d = error_of(kHead + "deployment:\n  markts: [CN]\n");
  check_at(d, "profile.unknown_key", 4, 3);
  CHECK(d.message == "unknown key `markts` in `deployment`");
  CHECK(d.help == "did you mean `markets`?");
  CHECK(d.end.column == 9);

  d = error_of(kHead + "deployment:\n  zones: [CN]\n");
  check_at(d, "profile.unknown_key", 4, 3);
  CHECK(d.help == "the keys of `deployment` are `markets`, `audiences`");

  d = error_of(kHead + "complience: {}\n");
  check_at(d, "profile.unknown_key", 3, 1);
  CHECK(d.message == "unknown key `complience`");
  CHECK(d.help == "did you mean `compliance`?");
}

TEST_CASE("required keys must be given and not null", "[profile]") {
  auto d = error_of("profile: 1\nproduct:\n  name: x\n");
  check_at(d, "profile.required", 3, 3);
  CHECK(d.message == "missing required key `id` in `product`");

  d = error_of("product: { id: p }\n");
  check_at(d, "profile.required", 1, 1);
  CHECK(d.message == "missing required key `profile`");

  d = error_of("profile: 1\nproduct:\n  id: ~\n");
  check_at(d, "profile.required", 3, 3);
  CHECK(d.message == "required key `id` in `product` has no value");

  // A misspelt required key is one error, not two.
  d = error_of("profile: 1\nproduct: { idd: p }\n");
  check_at(d, "profile.unknown_key", 2, 12);
  CHECK(d.help == "did you mean `id`?");
}

TEST_CASE("a value of the wrong shape names the expected type", "[profile]") {
  auto d = error_of(kHead + "deployment:\n  audiences: public\n");
  check_at(d, "profile.type", 4, 14);
  CHECK(d.message == "expected a list of audience, found a scalar");

  d = error_of(kHead + "data:\n  storage: [US]\n");
  check_at(d, "profile.type", 4, 12);
  CHECK(d.message == "expected a map of list of jurisdiction, found a list");

  d = error_of("profile: 1\nproduct: [p]\n");
  check_at(d, "profile.type", 2, 10);
  CHECK(d.message == "expected a record, found a list");

  d = error_of(kHead + "deployment: { markets: [CN, ~] }\n");
  CHECK(d.code == "profile.type");
  CHECK(d.message == "expected a jurisdiction, found nothing");

  d = error_of("- profile\n");
  check_at(d, "profile.type", 1, 1);
  CHECK(d.message == "expected a mapping of profile keys, found a list");
  CHECK(d.help == "a profile starts with `profile: 1`");
}

TEST_CASE("scalars are checked against their type", "[profile]") {
  auto d = error_of(kHead + "compliance: { content_labeling: yes }\n");
  check_at(d, "profile.type", 3, 33);
  CHECK(d.message == "`yes` is not a boolean");
  CHECK(d.help == "write `true` or `false`");

  d = error_of(kHead + "compliance: { content_labeling: \"true\" }\n");
  check_at(d, "profile.type", 3, 33);
  CHECK(d.message == "expected a boolean, found the string `\"true\"`");
  CHECK(d.help == "remove the quotes");
  CHECK(d.end.column == 39);

  d = error_of(kHead + "data: { retention_days: 30d }\n");
  check_at(d, "profile.type", 3, 25);
  CHECK(d.message == "`30d` is not an integer");

  d = error_of(kHead + "data: { retention_days: 99999999999999999999 }\n");
  CHECK(d.message == "`99999999999999999999` does not fit in a 64-bit integer");

  d = error_of(kHead + "compliance:\n  approved_on: 2025-02-30\n");
  check_at(d, "profile.type", 4, 16);
  CHECK(d.message == "`2025-02-30` is not a valid date");
  CHECK(d.help == "write a day that exists, as YYYY-MM-DD");

  CHECK(good(kHead + "data: { retention_days: -5 }\n").root.items[3].items[1].integer == -5);
  CHECK_FALSE(good(kHead + "compliance: { privacy_notice: False }\n").root.items[4].items[1].boolean);
}

TEST_CASE("enumerations and jurisdictions accept only declared words", "[profile]") {
  auto d = error_of(kHead + "deployment:\n  audiences: [public, goverment]\n");
  check_at(d, "profile.enum", 4, 23);
  CHECK(d.message == "`goverment` is not a valid `audience`");
  CHECK(d.help == "did you mean `government`?");

  d = error_of(kHead + "deployment:\n  audiences: [everyone]\n");
  CHECK(d.code == "profile.enum");
  CHECK(d.help == "the allowed values are `public`, `enterprise`, `government`, `minors`");

  d = error_of(kHead + "deployment:\n  markets: [CN, US-TZ]\n");
  check_at(d, "profile.jurisdiction", 4, 18);
  CHECK(d.message == "`US-TZ` is not a known jurisdiction");
  CHECK(d.help == "did you mean `US-TX`?");

  d = error_of(kHead + "deployment:\n  markets: [cn]\n");
  CHECK(d.code == "profile.jurisdiction");
  CHECK(d.help == "did you mean `CN`?");

  d = error_of(kHead + "deployment:\n  markets: [ZZZZ]\n");
  CHECK(d.help == "the declared jurisdictions are `EU`, `CN`, `IT`, `AU`, `US`, `US-TX`, `TW`, `KR`");

  // Map keys are jurisdiction codes or `default`.
  d = error_of(kHead + "data:\n  storage:\n    defualt: [US]\n");
  check_at(d, "profile.jurisdiction", 5, 5);
  CHECK(d.message == "`defualt` is not a known jurisdiction");
  CHECK(d.help == "did you mean `default`?");

  d = error_of(kHead + "data:\n  storage: { ZZZZ: [US] }\n");
  CHECK(d.code == "profile.jurisdiction");
  CHECK(d.help == "a key of `data.storage` is `default` or a declared jurisdiction code");
}

TEST_CASE("columns count code points, not bytes", "[profile]") {
  const auto d = error_of("profile: 1\nproduct:\n  id: \"Ünïcødé\"\n"
                          "  vendor: { name: \"ü\", country: XX }\n");
  check_at(d, "profile.jurisdiction", 4, 33);
}

TEST_CASE("several errors in one file are all reported", "[profile]") {
  const auto out = load(
      "profile: 1\nproduct:\n  idd: p\ndeployment:\n  markets: [CN, XX]\n"
      "  audiences: [publik]\ncompliance: { privacy_notice: maybe }\n");
  CHECK_FALSE(out.loaded.has_value());
  REQUIRE(out.errors.size() == 4);
  check_at(out.errors[0], "profile.unknown_key", 3, 3);
  check_at(out.errors[1], "profile.jurisdiction", 5, 18);
  check_at(out.errors[2], "profile.enum", 6, 15);
  check_at(out.errors[3], "profile.type", 7, 31);

  diagnostic_bag small(2);
  auto source = std::make_shared<const source_file>(
      "p.yaml", kHead + "deployment: { markets: [XA, XB, XC, XD, XE, XF] }\n");
  CHECK_FALSE(load_profile(source, test_schema(), small).has_value());
  CHECK(small.items().size() == 2);
}

TEST_CASE("YAML syntax errors carry yaml-cpp's message and position", "[profile]") {
  auto d = error_of("profile: 1\nproduct: [a, b\ndata: 1\n");
  CHECK(d.code == "profile.syntax");
  CHECK(d.message == "end of sequence flow not found");
  CHECK(d.where.line == 3);

  d = error_of("profile: 1\nproduct: *nowhere\n");
  check_at(d, "profile.syntax", 2, 10);
  CHECK(d.message == "the referenced anchor is not defined");

  d = error_of("profile: 1\nproduct: &p [1, *p]\n");
  check_at(d, "profile.syntax", 2, 17);
  CHECK(d.message == "the alias `*p` is used inside its own anchor");
}

TEST_CASE("a key given twice is an error at the second one", "[profile]") {
  auto d = error_of("profile: 1\nproduct:\n  id: a\n  name: n\n  id: b\n");
  check_at(d, "profile.duplicate_key", 5, 3);
  CHECK(d.message == "duplicate key `id`");
  CHECK(d.help == "first given at line 3");

  const auto out = load("profile: 1\nprofile: 2\nproduct: { id: a, id: b }\n");
  REQUIRE(out.errors.size() == 2);
  check_at(out.errors[0], "profile.duplicate_key", 2, 1);
  check_at(out.errors[1], "profile.duplicate_key", 3, 20);
  CHECK(out.errors[1].help == "first given at line 3");
}

TEST_CASE("a profile is one document", "[profile]") {
  const auto d = error_of(kHead + "---\nprofile: 2\n");
  check_at(d, "profile.multiple_documents", 3, 1);
  CHECK(d.message == "more than one YAML document in the file");
  // An explicit start and end of the one document are fine.
  good("---\n" + kHead + "...\n");
}

TEST_CASE("explicit tags are refused", "[profile]") {
  auto d = error_of("profile: !!int 1\nproduct: { id: p }\n");
  check_at(d, "profile.tag", 1, 10);
  CHECK(d.message == "tags are not supported: `!!int`");
  CHECK(d.end.column == 15);

  d = error_of(kHead + "data: !custom { retention_days: 3 }\n");
  check_at(d, "profile.tag", 3, 7);
  CHECK(d.message == "tags are not supported: `!custom`");

  d = error_of(kHead + "deployment: { markets: &m !!seq [CN] }\n");
  check_at(d, "profile.tag", 3, 27);
  CHECK(d.message == "tags are not supported: `!!seq`");
}

TEST_CASE("the bytes must be UTF-8 without NULs", "[profile]") {
  auto d = error_of("profile: 1\nproduct: { id: \"a\xff\" }\n");
  check_at(d, "profile.utf8", 2, 18);
  CHECK(d.message == "invalid UTF-8 at byte offset 28");
  CHECK(d.help == "save the file as UTF-8");

  // Overlong encodings, surrogates and truncated sequences are not UTF-8 either.
  CHECK(error_of("a: \xC0\xAF\n").message == "invalid UTF-8 at byte offset 3");
  CHECK(error_of("a: \xED\xA0\x80\n").message == "invalid UTF-8 at byte offset 3");
  CHECK(error_of("a: \xE2\x82").message == "invalid UTF-8 at byte offset 3");
  CHECK(error_of("a: \xF4\x90\x80\x80").message == "invalid UTF-8 at byte offset 3");

  d = error_of(std::string("profile: 1\0\n", 12));
  check_at(d, "profile.utf8", 1, 11);
  CHECK(d.message == "NUL byte at byte offset 10");
}

TEST_CASE("a leading byte-order mark is accepted", "[profile]") {
  const profile p = good("\xEF\xBB\xBF" + kHead);
  CHECK(p.id == "p");
  // Offsets still count the mark, so positions after it stay right.
  const auto d = error_of("\xEF\xBB\xBF" + kHead + "deployment: { markts: [] }\n");
  check_at(d, "profile.unknown_key", 3, 15);
  const auto s = error_of("\xEF\xBB\xBF" "profile: 1\nproduct: [a,\n");
  CHECK(s.code == "profile.syntax");
}

TEST_CASE("an empty profile is an error", "[profile]") {
  for (const char* text : {"", "# only a comment\n\n# another\n", "~\n", "---\n", "null"}) {
    INFO("text: " << text);
    const auto d = error_of(text);
    check_at(d, "profile.empty", 1, 1);
    CHECK(d.message == "the profile is empty");
    CHECK(d.help == "a profile starts with `profile: 1`");
  }
}

TEST_CASE("deep nesting is refused cleanly", "[profile][limits]") {
  SECTION("100000 flow sequences") {
    const auto d = error_of(std::string(100000, '['));
    check_at(d, "profile.limit", 1, 65);
    CHECK(d.message == "nesting deeper than 64 levels");
  }
  SECTION("100000 flow mappings") {
    check_at(error_of("a: " + std::string(100000, '{')), "profile.limit", 1, 68);
  }
  SECTION("flow collections behind anchors, tags and keys") {
    std::string text;
    for (int i = 0; i < 50000; ++i) text += "{a: &x [";
    check_at(error_of(text), "profile.limit", 1, 8 * 32 + 8);
  }
  SECTION("100000 nested block sequences") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "- ";
    const auto d = error_of(text + "x\n");
    check_at(d, "profile.limit", 1, 129);
    CHECK(d.message == "nesting deeper than 64 levels");
  }
  SECTION("nested block mappings") {
    std::string text;
    for (int i = 0; i < 600; ++i) text += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
    check_at(error_of(text), "profile.limit", 65, 65);
  }
  SECTION("block nesting under a lower limit") {
    profile_limits limits;
    limits.max_depth = 3;
    check_at(error_of("profile: 1\nproduct:\n  vendor:\n    name: [x]\n", limits), "profile.limit",
             4, 11);
    good(kHead + "deployment: { markets: [CN] }\n");
  }
  SECTION("brackets inside text do not count") {
    const std::string many(100, '[');
    good("profile: 1  # " + many + "\nproduct:\n  id: \"" + many + "\"\n  name: '" + many +
         "'\n  vendor:\n    name: a" + many + "\n    country: |\n      " + many + "\n      " +
         many + "\n    # " + many + "\n");
  }
}

TEST_CASE("alias bombs and oversized input are refused", "[profile][limits]") {
  SECTION("billion laughs") {
    std::string text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'i'; ++c) {
      text += std::string(1, c) + ": &" + c + " [";
      for (int i = 0; i < 10; ++i) text += std::string(i ? ", *" : "*") + static_cast<char>(c - 1);
      text += "]\n";
    }
    const auto d = error_of(text);
    CHECK(d.code == "profile.limit");
    CHECK(d.message == "the document expands to more than 1000000 values through its aliases");
  }
  SECTION("too many aliases") {
    std::string text = "a: &a x\nb: [";
    for (int i = 0; i < 101; ++i) text += i ? ", *a" : "*a";
    const auto d = error_of(text + "]\n");
    check_at(d, "profile.limit", 2, 1 + 4 + 100 * 4);
    CHECK(d.message == "more than 100 aliases");
  }
  SECTION("a file larger than the limit") {
    profile_limits limits;
    limits.max_file_bytes = 16;
    const auto d = error_of(kHead, limits);
    check_at(d, "profile.limit", 1, 1);
    CHECK(d.message == "the file is 29 bytes, more than the limit of 16");
  }
  SECTION("a list longer than the limit") {
    profile_limits limits;
    limits.max_list_items = 3;
    const auto d = error_of(kHead + "deployment:\n  markets: [CN, IT, AU, US]\n", limits);
    check_at(d, "profile.limit", 4, 12);
    CHECK(d.message == "a list of more than 3 items");
    check_at(error_of(kHead + "data: { storage: { CN: [], IT: [], AU: [], US: [] } }\n", limits),
             "profile.limit", 3, 18);
  }
  SECTION("a string longer than the limit") {
    profile_limits limits;
    limits.max_string_bytes = 4;
    const auto d = error_of("profile: 1\nproduct: { id: p, name: \"abcdef\" }\n", limits);
    check_at(d, "profile.limit", 2, 26);
    CHECK(d.message == "a string longer than 4 bytes");
  }
  SECTION("the real default limits accept a long list") {
    std::string text = kHead + "deployment:\n  markets:\n";
    for (int i = 0; i < 10000; ++i) text += "    - CN\n";
    good(text);
    CHECK(error_of(text + "    - CN\n").message == "a list of more than 10000 items");
  }
}
