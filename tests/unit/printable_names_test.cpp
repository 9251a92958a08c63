// File names and rule strings through the outputs people and CI logs read: a profile, a rule
// file or a case named with a line break and `::error file=x::`, an escape sequence or a bell
// forges no annotation or terminal title; a name that is not UTF-8 is refused, never an
// internal error or a malformed JSON line; Markdown code spans hold whatever a name holds.
#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const std::string kRules = gate_rules("file it\\n::error file=rule::forged by a message");

const char* const kBlocked =
    "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: none }\n";

// A name that would write a GitHub annotation and a terminal title if printed raw.
const std::string kHostile = "p\n::error file=x::forged\x1b]0;owned\x07";

// Nothing in `text` acts on a terminal or a CI log: no ESC, BEL or CR, and no line (leading
// blanks aside, as GitHub reads them) that starts a workflow command.
bool inert(const std::string& text) {
  if (text.find_first_of("\x1b\x07\r") != std::string::npos) return false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line.compare(first, 2, "::") == 0) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("file names and rule strings reach no terminal or CI log raw", "[hardening]") {
  scratch_dir dir;
  const std::string rules_dir = dir.path() + "/rules";
  dir.write("rules/" + kHostile + ".rules", kRules);
  const std::string profile = dir.write(kHostile + ".yaml", kBlocked);
  const std::vector<std::string> rules = {"--rules", rules_dir};
  const auto run = [&](std::vector<std::string> args) {
    args.insert(args.end(), rules.begin(), rules.end());
    return run_lexgate(args);
  };

  for (const char* format : {"text", "markdown"}) {
    INFO(format);
    auto r = run({"-v", "check", profile, "--as-of", "2025-01-01", "--format", format, "--explain"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.find("owned") != std::string::npos);  // the name is there, made harmless
    CHECK(inert(r.out));
    CHECK(inert(r.err));
  }
  // A report written to a file so named: the log line naming it.
  auto written =
      run({"-v", "check", profile, "--as-of", "2025-01-01", "-o", dir.path() + "/" + kHostile + ".txt"});
  CHECK(written.exit_code == 1);
  CHECK(inert(written.err));
  // A bad profile so named: the diagnostic on standard error.
  const std::string broken = dir.write(kHostile + "-broken.yaml", "profile: 1\nproduct: [\n");
  auto bad = run({"check", broken, "--as-of", "2025-01-01"});
  CHECK(bad.exit_code == 2);
  CHECK(inert(bad.err));

  auto plan = run({"plan", profile, "--as-of", "2025-01-01"});
  CHECK(inert(plan.out));
  CHECK(inert(plan.err));
  auto plan_md = run({"plan", profile, "--as-of", "2025-01-01", "--format", "markdown"});
  CHECK(inert(plan_md.out));

  // The rule file's name in `explain` and the message's line break in `explain` and `list`.
  auto explain = run({"explain", "t.gate.filed"});
  CHECK(explain.exit_code == 0);
  CHECK(explain.out.find("defined at:") != std::string::npos);
  CHECK(inert(explain.out));
  auto regime = run({"explain", "t.gate"});
  CHECK(inert(regime.out));
  auto list = run({"list", "--all"});
  CHECK(inert(list.out));
  auto missing = run({"explain", kHostile});
  CHECK(missing.exit_code == 2);
  CHECK(inert(missing.err));
  auto as_of = run_lexgate({"check", profile, "--as-of", kHostile});
  CHECK(as_of.exit_code == 2);
  CHECK(inert(as_of.err));

  // A rule-test case so named, that fails and that errs.
  dir.write("cases/" + kHostile + ".yaml",
            "case: \"c\"\nas_of: 2025-01-01\nprofile:\n  profile: 1\n  product: { id: p }\n"
            "  deployment: { markets: [CN] }\n  compliance: { filing: none }\n"
            "expect:\n  verdict: clear\n");
  dir.write("cases/" + kHostile + "-2.yaml", "name: [\n");
  auto cases = run({"test", dir.path() + "/cases"});
  CHECK(cases.exit_code == 2);
  CHECK(cases.out.find("FAIL") != std::string::npos);
  CHECK(inert(cases.out));
  CHECK(inert(cases.err));
}

TEST_CASE("a file name that is not UTF-8 is refused by every format", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", kRules);
  const std::string rules = dir.path() + "/rules";
  const std::string profile = dir.write("scan/bad\xff\xfe.yaml", kBlocked);
  for (const char* format : {"text", "json", "sarif", "junit", "markdown", "oscal"}) {
    INFO(format);
    auto r = run_lexgate(
        {"check", profile, "--rules", rules, "--as-of", "2025-01-01", "--format", format});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error[io.read]") != std::string::npos);
    CHECK(r.err.find("not UTF-8") != std::string::npos);
    CHECK(r.err.find("internal error") == std::string::npos);
  }
  // A scan names it in a JSON line that parses, and fails closed; SARIF and JUnit too.
  auto scan = run_lexgate({"scan", dir.path() + "/scan", "--rules", rules, "--as-of", "2025-01-01"});
  CHECK(scan.exit_code == 2);
  const auto line = nlohmann::json::parse(scan.out.substr(0, scan.out.find('\n')));
  CHECK(line["error"][0]["code"] == "io.read");
  for (const char* format : {"sarif", "junit"}) {
    INFO(format);
    auto r = run_lexgate({"scan", dir.path() + "/scan", "--rules", rules, "--as-of", "2025-01-01",
                          "--format", format});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("internal error") == std::string::npos);
  }
}

TEST_CASE("Markdown code spans hold any profile id or file name", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", kRules);
  const std::string p = dir.write(
      "p`x.yaml",
      "profile: 1\nproduct: { id: \"a`<img src=x onerror=alert(1)>b\" }\n"
      "deployment: { markets: [CN] }\ncompliance: { filing: none }\n");
  auto r = run_lexgate({"check", p, "--rules", dir.path() + "/rules", "--as-of", "2025-01-01",
                        "--format", "markdown"});
  CHECK(r.exit_code == 1);
  // A fence longer than any run of backticks inside: the id stays code, the tag stays text.
  CHECK(r.out.find("## lexgate: ``a`<img src=x onerror=alert(1)>b`` is") != std::string::npos);
  CHECK(r.out.find("profile ``" + dir.path() + "/p`x.yaml``.") != std::string::npos);
}

TEST_CASE("the error for a control character in a rule string is itself free of them",
          "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules",
            "regime t.x {\n  title \"a\\u{1b}]0;t\\u{7}\" authority \"b\\u{85}\" jurisdiction CN "
            "instrument law\n  effective 2024-01-01 source \"https://example.org\"\n}\n");
  auto r = run_lexgate({"lint", "--rules", dir.path() + "/rules"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[parse.bad_string]") != std::string::npos);
  // The help names the escapes as written, not as the characters they stand for.
  CHECK(r.err.find("`\\n` and `\\t` are the only controls") != std::string::npos);
  CHECK(r.err.find('\t') == std::string::npos);
  CHECK(inert(r.err));
}

TEST_CASE("a key with a tab is a clean error, the quoted line shows the tab as space",
          "[hardening]") {
  scratch_dir dir;
  // The input fuzz_profile stopped on: tabs in a key.
  const std::string p = dir.write("tab.yaml", "pro!i\tlepro!i\tle: -.");
  auto r = run_lexgate({"check", p, "--as-of", "2025-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[profile.unknown_key]") != std::string::npos);
  CHECK(r.err.find(" 1 | pro!i lepro!i le: -.") != std::string::npos);
  CHECK(inert(r.err));
}
