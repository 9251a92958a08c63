// The standard library's documentation and cases stay true to the library itself.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json all_regimes() {
  auto r = run_lexgate({"list", "--all", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out)["regimes"];
}

}  // namespace

TEST_CASE("docs/regimes.md lists every regime with its dates and rule count", "[library]") {
  const std::string doc = read(source_path("docs/regimes.md"));
  std::set<std::string> rows;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("## Invariants", 0) == 0) break;  // the regimes' table comes first
    if (line.rfind("| `", 0) == 0) rows.insert(line);
  }
  const json regimes = all_regimes();
  CHECK(rows.size() == regimes.size());
  for (const auto& r : regimes) {
    const std::string until = r["until"].is_null() ? "—" : r["until"].get<std::string>();
    const std::string prefix =
        "| `" + r["id"].get<std::string>() + "` | " + r["jurisdiction"].get<std::string>() + " | " +
        r["instrument"].get<std::string>() + " | " + r["effective"].get<std::string>() + " | " +
        until + " | " + std::to_string(r["rules"].size()) + " | ";
    bool found = false;
    for (const auto& row : rows) found = found || row.rfind(prefix, 0) == 0;
    INFO(prefix);
    CHECK(found);
  }
}

TEST_CASE("every regime of the standard library has rule-test cases", "[library]") {
  std::string cases;
  for (const auto& entry : std::filesystem::directory_iterator(source_path("fixtures/cases"))) {
    cases += read(entry.path().string());
  }
  for (const auto& r : all_regimes()) {
    INFO(r["id"].get<std::string>());
    CHECK(cases.find("rule: " + r["id"].get<std::string>() + ".") != std::string::npos);
  }
}

TEST_CASE("every rule cites its article and every regime names a source", "[library]") {
  for (const auto& r : all_regimes()) {
    auto explained = run_lexgate({"explain", r["id"].get<std::string>()});
    CHECK(explained.exit_code == 0);
    CHECK(explained.out.find("source:       http") != std::string::npos);
    for (const auto& rule : r["rules"]) {
      INFO(rule["id"].get<std::string>());
      CHECK_FALSE(rule["cite"].get<std::string>().empty());
    }
  }
}

TEST_CASE("docs/regimes.md lists every invariant of the standard library", "[library]") {
  const std::string doc = read(source_path("docs/regimes.md"));
  const auto section = doc.find("## Invariants");
  REQUIRE(section != std::string::npos);
  lexgate::diagnostic_bag bag;
  const auto rules = lexgate::load_standard_library(bag);
  REQUIRE(rules);
  REQUIRE(!rules->invariants().empty());
  for (const auto& inv : rules->invariants()) {
    INFO(inv.id);
    CHECK(doc.find("| `" + inv.id + "` |", section) != std::string::npos);
  }
}
