// Cheap-to-write, expensive-to-run inputs through the real command line: each ends in a clean
// error, a budget message or an honest verdict, never a signal or an unbounded run.
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kBase = R"lg(
enum filing_status { none, pending, completed }
schema {
  profile: integer required
  product: { id: string required  name: string  models: list of { name: string } }
  deployment: { markets: list of jurisdiction required }
  compliance: { filing: filing_status }
}
jurisdictions { CN, AU }
regime t.gate {
  title "Test gate" authority "Test" jurisdiction CN instrument law
  effective 2024-01-01 source "https://example.org/gate"
  rule filed {
    cite "Art. 1" severity block
    require CONDITION
    message "file it" remedy "complete the filing"
  }
}
)lg";

const char* const kProfile =
    "profile: 1\nproduct: { id: p, name: x }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: completed }\n";

std::string library(const std::string& condition, const std::string& before = "") {
  std::string text = kBase;
  text.replace(text.find("CONDITION"), 9, condition);
  return before + text;
}

struct lab {
  scratch_dir dir;
  std::string profile = dir.write("p.yaml", kProfile);

  run_result lint(const std::string& rules) {
    dir.write("rules/a.rules", rules);
    return run_lexgate({"lint", "--rules", dir.path() + "/rules"});
  }
  run_result check(const std::string& rules, const std::string& profile_text = kProfile) {
    dir.write("rules/a.rules", rules);
    const std::string p = dir.write("p.yaml", profile_text);
    return run_lexgate(
        {"check", p, "--rules", dir.path() + "/rules", "--as-of", "2025-01-01", "--no-conflicts"});
  }
};

bool has(const run_result& r, const std::string& text) {
  return r.err.find(text) != std::string::npos || r.out.find(text) != std::string::npos;
}

std::string repeat(const std::string& term, const std::string& sep, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += (i == 0 ? "" : sep) + term;
  return out;
}

}  // namespace

TEST_CASE("a long chain of operators is refused before it is parsed", "[hardening][blowup]") {
  lab l;
  const std::string term = "compliance.filing == \"completed\"";
  CHECK(l.lint(library(repeat(term, " and ", 100))).exit_code == 0);
  for (const char* op : {" and ", " or "}) {
    auto r = l.lint(library(repeat(term, op, 5000)));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[parse.too_deep]"));
    CHECK(has(r, "more than 1024 operators"));
  }
  // 800,000 names joined by `or` fit in the file limit; freeing their tree once crashed.
  auto r =
      l.lint("define x = compliance.filing == \"none\"\n" + library(repeat("x", " or ", 800000)));
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[parse.too_deep]"));
}

TEST_CASE("depth and size are bounded after definitions are inlined", "[hardening][blowup]") {
  lab l;
  SECTION("a chain of definitions") {
    std::string defs = "define d0 = compliance.filing == \"completed\"\n";
    for (int i = 1; i < 400; ++i) {
      defs += "define d" + std::to_string(i) + " = d" + std::to_string(i - 1) +
              " and compliance.filing != \"none\"\n";
    }
    auto r = l.lint(library("d399", defs));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[check.too_deep]"));
    CHECK(has(r, "once its definitions are inlined"));
    CHECK(l.lint(library("d100", defs.substr(0, defs.find("define d101")))).exit_code == 0);
  }
  SECTION("definitions that double") {
    std::string defs = "define d0 = compliance.filing == \"completed\"\n";
    for (int i = 1; i < 24; ++i) {
      defs += "define d" + std::to_string(i) + " = d" + std::to_string(i - 1) + " and d" +
              std::to_string(i - 1) + "\n";
    }
    auto r = l.lint(library("d23", defs));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[check.too_large]"));
  }
  SECTION("a huge list literal") {
    std::string list;
    for (int i = 0; i < 20000; ++i) list += (i == 0 ? "\"s" : ", \"s") + std::to_string(i) + "\"";
    auto r = l.lint(library("product.name in [" + list + "]"));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[check.too_large]"));
  }
}

TEST_CASE("nested quantifiers over long lists end indeterminate, not never",
          "[hardening][blowup]") {
  lab l;
  std::string condition;
  for (int i = 0; i < 8; ++i) condition += "any m" + std::to_string(i) + " in product.models: (";
  condition += "m0.name == \"nope\" and m7.name == \"nope\"" + std::string(8, ')');
  std::string models;
  for (int i = 0; i < 12; ++i)
    models += (i == 0 ? "{ name: m" : ", { name: m") + std::to_string(i) + " }";
  const std::string profile =
      "profile: 1\nproduct: { id: p, models: [" + models + "] }\ndeployment: { markets: [CN] }\n";
  auto r = l.check(library(condition), profile);
  CHECK(r.exit_code == 1);  // 12^8 bindings: past the budget, the rule is indeterminate
  CHECK(has(r, "INDETERMINATE"));
}

TEST_CASE("unknown names by the thousand are reported quickly and capped", "[hardening][blowup]") {
  lab l;
  std::string defs;
  for (int i = 0; i < 5000; ++i)
    defs += "define dd" + std::to_string(i) + " = compliance.filing == \"none\"\n";
  std::string condition = repeat("unknown_name_here == 1", " or ", 200);
  auto r = l.lint(library(condition, defs));
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[check.unknown_name]"));
}

TEST_CASE("a huge literal is not echoed whole, and a cycle is said once", "[hardening][blowup]") {
  lab l;
  auto r = l.lint(library("profile == " + std::string(100000, '9')));
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[parse.bad_integer]"));
  CHECK(r.err.size() < 2000);
  auto c = l.lint(library("a", "define a = b\ndefine b = a\n"));
  CHECK(c.exit_code == 2);
  std::size_t cycles = 0;
  for (std::size_t at = c.err.find("error[check.definition_cycle]"); at != std::string::npos;
       at = c.err.find("error[check.definition_cycle]", at + 1)) {
    ++cycles;
  }
  CHECK(cycles == 2);  // one per place on the cycle, not one per path that reaches it
}

TEST_CASE("inputs that never end are read only up to the limit", "[hardening][blowup]") {
  const auto shell = [](const std::string& args) {
    const std::string command = "cd '" LEXGATE_SOURCE_DIR "' && '" LEXGATE_BINARY "' " + args +
                                " >/dev/null 2>/tmp/lexgate-blowup-err";
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  };
  CHECK(shell("check /dev/zero") == 2);
  CHECK(
      shell("check fixtures/profiles/helpdesk-multi-market.yaml --waivers /dev/stdin </dev/zero") ==
      2);
  CHECK(shell("scan - --jsonl </dev/zero") == 2);
  CHECK(shell("scan fixtures/profiles --threads 40000") == 2);
  CHECK(shell("scan fixtures/profiles --threads 1024 --as-of 2025-06-01") != -1);
}

TEST_CASE("the analysis timeout bounds the whole conflict analysis, check keeps its verdict",
          "[hardening][blowup]") {
  scratch_dir dir;
  // Every market code the standard library declares: the analysis of this profile is far
  // longer than a second.
  std::ifstream in(source_path("rules/jurisdictions.rules"));
  std::set<std::string> codes;
  for (std::string line; std::getline(in, line);) {
    line = line.substr(0, line.find('#'));
    for (std::size_t i = 0; i + 1 < line.size(); ++i) {
      const auto upper = [&](std::size_t k) {
        return k < line.size() && line[k] >= 'A' && line[k] <= 'Z';
      };
      if ((i > 0 && (upper(i - 1) || line[i - 1] == '-')) || !upper(i) || !upper(i + 1)) continue;
      std::size_t end = i + 2;
      if (end < line.size() && line[end] == '-') {
        ++end;
        while (end < line.size() &&
               ((line[end] >= 'A' && line[end] <= 'Z') || (line[end] >= '0' && line[end] <= '9')))
          ++end;
      }
      if (end < line.size() && (upper(end) || (line[end] >= 'a' && line[end] <= 'z'))) continue;
      codes.insert(line.substr(i, end - i));
      i = end;
    }
  }
  std::string markets;
  for (const auto& c : codes) markets += (markets.empty() ? "" : ", ") + c;
  REQUIRE(markets.size() > 300);
  // And a hundred models of six providers on government devices, still within the 500 list
  // items the analysis takes on: its full analysis took 19 s on a development machine, where
  // one model on public devices had come down to under a second, too close to the timeout for
  // the test to mean anything.
  const char* const providers[][2] = {{"DeepSeek", "CN"}, {"Alibaba", "CN"},
                                      {"Moonshot AI", "CN"}, {"Zhipu AI", "CN"},
                                      {"Meta", "US"},        {"Mistral AI", "FR"}};
  std::string models;
  for (int i = 0; i < 100; ++i) {
    models += "    - { name: model-" + std::to_string(i) + ", provider: " + providers[i % 6][0] +
              ", provider_country: " + providers[i % 6][1] +
              ", hosting: " + (i % 2 == 0 ? "provider-api" : "self-hosted") + " }\n";
  }
  const std::string profile =
      dir.write("all.yaml", "profile: 1\nproduct:\n  id: all\n  capabilities: [chat]\n  models:\n" +
                                models + "deployment:\n  markets: [" + markets +
                                "]\n  audiences: [public, government]\n"
                                "  device_classes: [government]\n"
                                "data: { personal_data: true }\n");
  auto plan = run_lexgate({"plan", profile, "--as-of", "2025-06-01", "--timeout", "1"});
  CHECK(plan.exit_code == 2);
  CHECK(has(plan, "error[plan.budget]"));
  auto check = run_lexgate(
      {"check", profile, "--as-of", "2025-06-01", "--timeout", "1", "--format", "json"});
  CHECK(check.exit_code == 1);
  CHECK(check.out.find("\"conflicts_not_analysed\"") != std::string::npos);
}
