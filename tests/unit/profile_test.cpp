// Profiles: typed values with positions, every error code with its place, hostile YAML refused
// cleanly within the documented limits.
#include <memory>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate;
using namespace lexgate::testing;

namespace {

std::vector<diagnostic> errors_of(const std::string& yaml, profile_limits limits = {}) {
  static const library lib = library_with("");
  diagnostic_bag bag;
  auto source = std::make_shared<const source_file>("p.yaml", yaml);
  auto p = load_profile(source, lib.profile_schema(), bag, limits);
  CHECK_FALSE(p.has_value());
  return bag.sorted();
}

diagnostic first_error(const std::string& yaml, profile_limits limits = {}) {
  auto ds = errors_of(yaml, limits);
  for (const auto& d : ds) INFO(render_diagnostic(d));
  REQUIRE_FALSE(ds.empty());
  return ds.front();
}

const char* const kGood = R"lg(profile: 1
product:
  id: "ünï"
  vendor: { name: Acme, country: US }
  models:
    - name: r1
      provider: DeepSeek
      provider_country: CN
      open_weights: true
deployment:
  markets: [CN, IT, US-TX]
  audiences: [public]
data:
  storage: { default: [US], CN: [CN] }
  retention_days: 30
compliance:
  filing: pending
  approved_on: 2025-02-04
  labeling: ~
)lg";

}  // namespace

TEST_CASE("a good profile becomes typed values with paths and positions", "[profile]") {
  const library lib = library_with("");
  const profile p = profile_from(lib, kGood);
  CHECK(p.id == "ünï");
  const auto& schema = *lib.profile_schema().root;
  const value& product = p.root.items[schema.field_index("product")];
  const int models = schema.fields[schema.field_index("product")].type->field_index("models");
  const value& model = product.items[models].items[0];
  CHECK(model.path == "product.models[0]");
  const value& provider = model.items[1];
  CHECK(provider.text == "DeepSeek");
  CHECK(provider.path == "product.models[0].provider");
  CHECK(provider.where.line == 7);
  CHECK(provider.where.column == 17);
  CHECK(model.items[3].boolean);
  const value& data = p.root.items[schema.field_index("data")];
  CHECK(render_value(data.items[0]) == "{default: [\"US\"], CN: [\"CN\"]}");
  CHECK(data.items[1].integer == 30);
  const value& compliance = p.root.items[schema.field_index("compliance")];
  CHECK(compliance.items[0].text == "pending");
  CHECK(render_value(compliance.items[3]) == "2025-02-04");
  // An explicit null is a missing fact, not false.
  CHECK_FALSE(compliance.items[1].present());
  CHECK(compliance.items[1].path == "compliance.labeling");
}

TEST_CASE("a misspelt key is an error with the nearest key", "[profile]") {
  const auto d = first_error("profile: 1\nproduct: { id: p }\ndeployment:\n  markts: [CN]\n");
  CHECK(d.code == "profile.unknown_key");
  CHECK(d.where.line == 4);
  CHECK(d.where.column == 3);
  CHECK(d.message == "unknown key `markts` in `deployment`");
  CHECK(d.help == "did you mean `markets`?");
}

TEST_CASE("values outside an enumeration, bad codes and wrong types are errors", "[profile]") {
  const std::string head = "profile: 1\nproduct: { id: p }\n";
  const auto e = first_error(head + "deployment: { markets: [CN], audiences: [goverment] }\n");
  CHECK(e.code == "profile.enum");
  CHECK(e.message == "`goverment` is not a valid `audience`");
  CHECK(e.help == "did you mean `government`?");
  CHECK(e.where.line == 3);
  CHECK(e.where.column == 42);
  const auto j = first_error(head + "deployment: { markets: [CN, UST] }\n");
  CHECK(j.code == "profile.jurisdiction");
  const auto t = first_error(head + "deployment: { markets: CN }\n");
  CHECK(t.code == "profile.type");
  CHECK(t.message == "expected a `list of jurisdiction`, found a single value");
  const auto b =
      first_error(head + "deployment: { markets: [CN] }\ncompliance: { labeling: yes }\n");
  CHECK(b.message == "`yes` is not a boolean");
  const auto d = first_error(
      head + "deployment: { markets: [CN] }\ncompliance: { approved_on: 2025-02-30 }\n");
  CHECK(d.message == "`2025-02-30` is not a valid date");
  const auto i =
      first_error(head + "deployment: { markets: [CN] }\ndata: { retention_days: \"30\" }\n");
  CHECK(i.message == "`30` is not a whole number");
}

TEST_CASE("a missing required key is an error at its mapping", "[profile]") {
  const auto d = first_error("profile: 1\nproduct: { name: x }\ndeployment: { markets: [CN] }\n");
  CHECK(d.code == "profile.required");
  CHECK(d.message == "missing required key `id` in `product`");
  CHECK(d.where.line == 2);
}

TEST_CASE("duplicate keys are an error naming the first", "[profile]") {
  const auto d = first_error("profile: 1\nproduct: { id: p }\nprofile: 2\n");
  CHECK(d.code == "profile.duplicate_key");
  CHECK(d.where.line == 3);
  CHECK(d.help == "first given at line 1");
}

TEST_CASE("empty, comment-only and multi-document files are refused", "[profile]") {
  CHECK(first_error("").code == "profile.empty");
  CHECK(first_error("# nothing\n").code == "profile.empty");
  CHECK(first_error("~\n").code == "profile.empty");
  const auto m = first_error("profile: 1\n---\nprofile: 2\n");
  CHECK(m.code == "profile.multiple_documents");
  CHECK(m.where.line == 2);
  CHECK(first_error("[1, 2]\n").code == "profile.type");
}

TEST_CASE("tags are refused", "[profile]") {
  const auto d = first_error("profile: !!str 1\n");
  CHECK(d.code == "profile.tag");
  CHECK(first_error("profile: !custom 1\n").code == "profile.tag");
}

TEST_CASE("YAML syntax errors keep yaml-cpp's position", "[profile]") {
  const auto d = first_error("profile: 1\nproduct: [a, b\n");
  CHECK(d.code == "profile.syntax");
  CHECK(d.where.line >= 2);
}

TEST_CASE("invalid UTF-8 is an error with its byte offset", "[profile]") {
  const auto d = first_error(std::string("profile: 1\nproduct: { id: \"\xc3\x28\" }\n"));
  CHECK(d.code == "profile.utf8");
  CHECK(d.message == "invalid UTF-8 at byte offset 27");
  CHECK(d.where.line == 2);
  CHECK(first_error(std::string("profile: 1\0", 11)).code == "profile.utf8");
}

TEST_CASE("a byte-order mark is accepted", "[profile]") {
  const library lib = library_with("");
  const profile p = profile_from(
      lib, "\xEF\xBB\xBFprofile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n");
  CHECK(p.id == "p");
}

TEST_CASE("deep nesting is refused cleanly, flow and block alike", "[profile]") {
  CHECK(first_error(std::string(100000, '[')).code == "profile.limit");
  std::string block;
  for (int i = 0; i < 2000; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "- \n";
  const auto d = first_error(block);
  CHECK((d.code == "profile.limit" || d.code == "profile.syntax"));
  std::string maps;
  for (int i = 0; i < 200; ++i) maps += std::string(static_cast<std::size_t>(i) * 2, ' ') + "k:\n";
  CHECK(first_error(maps).code == "profile.limit");
}

TEST_CASE("alias bombs are refused", "[profile]") {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'j'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 10; ++i) bomb += std::string(i ? ", *" : "*") + prev;
    bomb += "]\n";
    prev = c;
  }
  const auto d = first_error(bomb);
  CHECK(d.code == "profile.limit");
}

TEST_CASE("size, list and string limits are enforced", "[profile]") {
  profile_limits limits;
  limits.max_file_bytes = 16;
  CHECK(first_error("profile: 1\nproduct: { id: p }\n", limits).code == "profile.limit");
  limits = {};
  limits.max_list_items = 2;
  CHECK(
      first_error("profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN, IT, TW] }\n", limits)
          .code == "profile.limit");
  limits = {};
  limits.max_string_bytes = 4;
  CHECK(first_error("profile: 1\nproduct: { id: abcdefgh }\n", limits).code == "profile.limit");
}

TEST_CASE("a required key stated as null is an error", "[profile]") {
  const auto d = first_error("profile: 1\nproduct: { id: ~ }\ndeployment: { markets: [CN] }\n");
  CHECK(d.code == "profile.required");
  CHECK(d.message == "required key `id` has no value");
}
