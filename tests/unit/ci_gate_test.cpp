// The CI gate: waivers, JUnit and Markdown reports, through the command line.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kRule = "au.pspf_direction_001_2025.deepseek_on_government_systems";

std::string waiver_file(const scratch_dir& dir, const std::string& rule, const std::string& expires) {
  return dir.write("waivers.yaml", "- rule: " + rule +
                                       "\n  market: AU\n  justification: exemption filed\n"
                                       "  approver: CISO\n  expires: " + expires + "\n");
}

run_result check_with(const std::string& waivers, const std::string& as_of,
                      std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"check", "fixtures/profiles/deepseek-gov-au.yaml", "--as-of",
                                   as_of, "--waivers", waivers};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_lexgate(args);
}

}  // namespace

TEST_CASE("an active waiver turns a failing gate green", "[ci]") {
  scratch_dir dir;
  CHECK(run_lexgate({"check", "fixtures/profiles/deepseek-gov-au.yaml", "--as-of", "2025-03-01"})
            .exit_code == 1);
  // AU-NSW has no regime of its own (the direction binds the Commonwealth only): allowed here.
  auto r = check_with(waiver_file(dir, kRule, "2025-06-30"), "2025-03-01",
                      {"--format", "json", "--allow-uncovered"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("\"status\": \"waived\"") != std::string::npos);
  CHECK(r.out.find("\"verdict\": \"clear\"") != std::string::npos);
  // The waiver holds through its expiry date.
  CHECK(check_with(waiver_file(dir, kRule, "2025-06-30"), "2025-06-30", {"--allow-uncovered"})
            .exit_code == 0);
}

TEST_CASE("an expired waiver turns the gate red again and says when it lapsed", "[ci]") {
  scratch_dir dir;
  auto r = check_with(waiver_file(dir, kRule, "2025-06-30"), "2025-07-01");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("expired on 2025-06-30") != std::string::npos);
  CHECK(r.out.find("waiver EXPIRED on 2025-06-30") != std::string::npos);
}

TEST_CASE("a waiver for an unknown rule, or without its fields, is an error", "[ci]") {
  scratch_dir dir;
  auto unknown = check_with(waiver_file(dir, "au.pspf_direction_001_2025.deepseek", "2025-06-30"),
                            "2025-03-01");
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("waivers.yaml:1:9: error[waiver.unknown_rule]") != std::string::npos);
  const std::string incomplete = dir.write("w2.yaml", std::string("- rule: ") + kRule + "\n  expires: 2025-06-30\n");
  auto missing = check_with(incomplete, "2025-03-01");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("a waiver needs `justification`") != std::string::npos);
  CHECK(missing.err.find("a waiver needs `approver`") != std::string::npos);
}

TEST_CASE("the JUnit report has a suite per market and a case per rule", "[ci]") {
  auto r = run_lexgate({"check", "fixtures/profiles/deepseek-gov-au.yaml", "--as-of",
                        "2025-03-01", "--format", "junit"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites", 0) == 0);
  CHECK(r.out.find("<testsuite name=\"agency-assistant · AU\"") != std::string::npos);
  CHECK(r.out.find("<testsuite name=\"agency-assistant · AU-NSW\"") != std::string::npos);
  CHECK(r.out.find(std::string("name=\"") + kRule + "\">\n      <failure") != std::string::npos);
  CHECK(r.out.find("type=\"violation-block\"") != std::string::npos);
  CHECK(r.out.find("<skipped message=\"not applicable\"/>") != std::string::npos);
  // A standard XML reader accepts it.
  scratch_dir dir;
  const std::string path = dir.write("report.xml", r.out);
  CHECK(std::system(("python3 -c \"import xml.etree.ElementTree as E; E.parse('" + path +
                     "')\"").c_str()) == 0);
}

TEST_CASE("the Markdown report has a verdict table and the findings", "[ci]") {
  auto r = run_lexgate({"check", "fixtures/profiles/deepseek-gov-au.yaml", "--as-of",
                        "2025-03-01", "--format", "markdown"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("| market | verdict | violations | indeterminate | waived | upcoming | "
                   "coverage |") != std::string::npos);
  CHECK(r.out.find("| AU | ⛔ blocked | 1 | 0 | 0 | 0 | `au.pspf_direction_001_2025` |") !=
        std::string::npos);
  CHECK(r.out.find("| AU-NSW | 🚫 uncovered | 0 | 0 | 0 | 0 | none: nothing checked |") !=
        std::string::npos);
  CHECK(r.out.find(std::string("`") + kRule + "`") != std::string::npos);
}

TEST_CASE("SARIF results point at the profile line that decided them", "[ci]") {
  auto r = run_lexgate({"check", "fixtures/profiles/deepseek-gov-au.yaml", "--as-of",
                        "2025-03-01", "--format", "sarif"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"version\": \"2.1.0\"") != std::string::npos);
  CHECK(r.out.find(std::string("\"ruleId\": \"") + kRule + "\"") != std::string::npos);
  // Line 8, column 40 of the profile holds `provider: DeepSeek`, the value the rule forbids.
  CHECK(r.out.find("\"startLine\": 8,\n                  \"startColumn\": 40") != std::string::npos);
  CHECK(r.out.find("\"uriBaseId\": \"%SRCROOT%\"") != std::string::npos);
}

TEST_CASE("several profiles in one check: one report each, the worst decides the exit", "[ci]") {
  auto text = run_lexgate({"check", "fixtures/profiles/consumer-deepseek-au.yaml",
                           "fixtures/profiles/deepseek-gov-au.yaml", "--as-of", "2025-03-01"});
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("profile consumer-chat") != std::string::npos);
  CHECK(text.out.find("profile agency-assistant") != std::string::npos);
  auto json = run_lexgate({"check", "fixtures/profiles/consumer-deepseek-au.yaml",
                           "fixtures/profiles/deepseek-gov-au-exempt.yaml", "--as-of",
                           "2025-03-01", "--format", "json"});
  CHECK(json.exit_code == 0);
  CHECK(json.out.rfind("[\n", 0) == 0);
}
