// `lexgate scan` over JSON Lines: one profile per line, parsed with simdjson into the same typed
// values as YAML, with the same validation; errors and evidence located by line and JSON pointer.
#include <nlohmann/json.hpp>

#include <sstream>

#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

// DeepSeek's API on Australian government devices; the exemption stated or not.
std::string deepseek_gov_au(const std::string& id, const std::string& compliance) {
  return R"({"profile": 1, "product": {"id": ")" + id +
         R"(", "models": [{"name": "r1", "provider": "DeepSeek", "hosting": "provider-api"}]},)"
         R"( "deployment": {"markets": ["AU"], "device_classes": ["government"]})" +
         compliance + "}";
}

// Acme's own product on Australian Government devices: the direction applies and is met.
const std::string kClear =
    R"({"profile": 1, "product": {"id": "acme", "vendor": {"name": "Acme", "country": "AU"},)"
    R"( "models": []}, "deployment": {"markets": ["AU"], "device_classes": ["government"],)"
    R"( "audiences": ["government"]}})";

std::vector<nlohmann::json> rows_of(const std::string& out) {
  std::istringstream lines(out);
  std::vector<nlohmann::json> rows;
  for (std::string line; std::getline(lines, line);) rows.push_back(nlohmann::json::parse(line));
  return rows;
}

lexgate::library standard() {
  lexgate::diagnostic_bag bag;
  return *lexgate::load_standard_library(bag);
}

}  // namespace

TEST_CASE("scan --jsonl judges each line, in order, with evidence located by JSON pointer",
          "[scan][jsonl]") {
  scratch_dir dir;
  const std::string file =
      dir.write("fleet.jsonl",
                deepseek_gov_au("blocked", R"(, "compliance": {"au_exemption_approved": false})") +
                    "\n" + kClear + "\n\n" + deepseek_gov_au("unknown", "") + "\n");
  auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01", "--threads", "2"});
  CHECK(r.exit_code == 1);
  const auto rows = rows_of(r.out);
  REQUIRE(rows.size() == 3);  // the blank line is skipped
  CHECK(rows[0]["line"] == 1);
  CHECK(rows[0]["id"] == "blocked");
  CHECK(rows[0]["verdict"] == "blocked");
  CHECK(rows[1]["line"] == 2);
  CHECK(rows[1]["verdict"] == "clear");
  CHECK(rows[2]["line"] == 4);
  CHECK(rows[2]["verdict"] == "blocked");  // an exemption nobody stated does not hold
  const auto& finding = rows[0]["findings"][0];
  CHECK(finding["rule"] == "au.pspf_direction_001_2025.deepseek_on_government_systems");
  bool provider_found = false;
  for (const auto& e : finding["evidence"]) {
    CHECK(!e.contains("column"));
    if (e["path"] == "product.models[0].provider") {
      provider_found = true;
      CHECK(e["pointer"] == "/product/models/0/provider");
    }
  }
  CHECK(provider_found);
}

TEST_CASE("scan exits 0 on clear JSON lines and reads them from standard input", "[scan][jsonl]") {
  auto r = run_lexgate({"scan", "-", "--jsonl", "--as-of", "2025-06-01"}, kClear + "\n" + kClear);
  CHECK(r.exit_code == 0);
  const auto rows = rows_of(r.out);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["profile"] == "-");
  CHECK(rows[1]["line"] == 2);
  CHECK(r.err.find("2 profiles on") != std::string::npos);
}

TEST_CASE("a bad JSON line is an error naming its line and JSON pointer, the others are judged",
          "[scan][jsonl]") {
  scratch_dir dir;
  const std::string file = dir.write(
      "fleet.jsonl",
      kClear + "\n" +
          R"({"profile": 1, "product": {"id": "x"}, "deployment": {"markts": ["AU"]}})" + "\n" +
          R"({"profile": 1, "product": {"id": "x"}, "deployment": {"markets": ["XX"]}})" + "\n" +
          "{not json\n" + kClear + "\n");
  auto r = run_lexgate({"scan", file, "--jsonl", "--as-of", "2025-06-01"});
  CHECK(r.exit_code == 2);
  const auto rows = rows_of(r.out);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0]["verdict"] == "clear");
  // `markts` is unknown; `markets`, required, is then counted as given (one error, not two).
  CHECK(rows[1]["error"][0]["code"] == "profile.unknown_key");
  CHECK(rows[1]["error"][0]["line"] == 2);
  CHECK(rows[1]["error"][0]["pointer"] == "/deployment/markts");
  CHECK(rows[2]["error"][0]["code"] == "profile.jurisdiction");
  CHECK(rows[2]["error"][0]["pointer"] == "/deployment/markets/0");
  CHECK(rows[3]["error"][0]["code"] == "profile.syntax");
  CHECK(rows[3]["error"][0]["line"] == 4);
  CHECK(rows[4]["verdict"] == "clear");
  CHECK(r.err.find("3 with errors") != std::string::npos);
}

TEST_CASE("a folder's .jsonl files are scanned beside its YAML files", "[scan][jsonl]") {
  scratch_dir dir;
  dir.write("a.yaml",
            "profile: 1\nproduct: { id: yaml-one }\ndeployment: { markets: [AU], device_classes: "
            "[consumer] }\n");
  dir.write("b.jsonl", kClear + "\n" + deepseek_gov_au("json-two", "") + "\n");
  auto r = run_lexgate({"scan", dir.path(), "--as-of", "2025-06-01"});
  CHECK(r.exit_code == 1);
  const auto rows = rows_of(r.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["id"] == "yaml-one");
  CHECK(rows[0]["findings"].is_array());
  CHECK(!rows[0].contains("line"));
  CHECK(rows[1]["id"] == "acme");
  CHECK(rows[2]["id"] == "json-two");
  CHECK(rows[2]["verdict"] == "blocked");  // an exemption nobody stated does not hold
}

TEST_CASE("JSON profiles get the YAML loader's validation: types, enums, required, duplicates",
          "[profile][jsonl]") {
  const auto lib = standard();
  lexgate::json_profile_reader reader;
  const auto file = std::make_shared<const lexgate::source_file>("fleet.jsonl", "");
  auto errors = [&](const std::string& json) {
    lexgate::diagnostic_bag bag;
    CHECK(!reader.load(json, 7, file, lib.profile_schema(), bag));
    return bag.sorted();
  };

  auto e = errors(R"({"profile": 1, "product": {"id": "x"}, "deployment": {"markts": ["AU"]}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.unknown_key");
  CHECK(e[0].help == "did you mean `markets`?");
  CHECK(e[0].file == "fleet.jsonl");
  CHECK(e[0].where.line == 7);
  CHECK(e[0].pointer == "/deployment/markts");
  CHECK(lexgate::render_diagnostic(e[0]).find("fleet.jsonl:7: error[profile.unknown_key]") == 0);

  e = errors(R"({"profile": 1, "product": {"id": "x"}, "deployment": {"markets": "AU"}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.type");
  CHECK(e[0].pointer == "/deployment/markets");

  e = errors(R"({"profile": 1, "product": {"id": "x", "models": [{"hosting": "cloud"}]},)"
             R"( "deployment": {"markets": ["AU"]}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.enum");
  CHECK(e[0].pointer == "/product/models/0/hosting");

  e = errors(R"({"profile": 1, "product": {"name": "x"}, "deployment": {"markets": ["AU"]}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.required");
  CHECK(e[0].pointer == "/product");

  e = errors(
      R"({"profile": 1, "profile": 1, "product": {"id": "x"}, "deployment": {"markets": []}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.duplicate_key");
  CHECK(e[0].pointer == "/profile");

  e = errors(R"({"profile": true, "product": {"id": "x"}, "deployment": {"markets": ["AU"]}})");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.type");

  e = errors(R"([1, 2])");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.type");
  CHECK(e[0].pointer == "/");

  e = errors(std::string(100000, '[') + std::string(100000, ']'));
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.limit");
  e = errors("{\"profile\": 1, \"product\": {\"id\": \"\xff\"}}");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == "profile.utf8");

  lexgate::profile_limits tight;
  tight.max_depth = 3;
  lexgate::diagnostic_bag bag;
  CHECK(
      !reader.load(R"({"a": {"b": {"c": {"d": {}}}}})", 1, file, lib.profile_schema(), bag, tight));
  REQUIRE(bag.items().size() == 1);
  CHECK(bag.items()[0].code == "profile.limit");
}

TEST_CASE("a JSON profile loads into the same values as its YAML twin", "[profile][jsonl]") {
  const auto lib = standard();
  lexgate::json_profile_reader reader;
  const auto file = std::make_shared<const lexgate::source_file>("one.jsonl", "");
  lexgate::diagnostic_bag bag;
  auto json = reader.load(deepseek_gov_au("p", R"(, "data": {"retention_days": 30})"), 3, file,
                          lib.profile_schema(), bag);
  REQUIRE(json);
  const auto yaml = profile_from(lib,
                                 "profile: 1\nproduct:\n  id: p\n  models:\n    - { name: r1, "
                                 "provider: DeepSeek, hosting: provider-api }\ndeployment:\n  "
                                 "markets: [AU]\n  device_classes: [government]\ndata:\n  "
                                 "retention_days: 30\n");
  CHECK(json->id == "p");
  CHECK(lexgate::render_value(json->root.items[1]) == lexgate::render_value(yaml.root.items[1]));
  const auto& models =
      json->root.items[1].items[lib.profile_schema().root->fields[1].type->field_index("models")];
  REQUIRE(models.items.size() == 1);
  CHECK(models.items[0].path == "product.models[0]");
  CHECK(models.where.line == 3);
  CHECK(lexgate::json_pointer("product.models[0].provider") == "/product/models/0/provider");
  CHECK(lexgate::json_pointer("data.storage.CN") == "/data/storage/CN");
  CHECK(lexgate::json_pointer("") == "/");
}
