// Strings a profile or a rule file holds, through every writer: what a loader accepts every
// writer can express, and nothing a file holds can forge a terminal title, a CI annotation or
// a log line.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

bool has(const run_result& r, const std::string& text) {
  return r.err.find(text) != std::string::npos || r.out.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("profile strings that would forge or break output are refused", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules("file it"));
  const std::string rules = dir.path() + "/rules";
  const auto check = [&](const std::string& id, const std::string& format) {
    const std::string p = dir.write(
        "p.yaml", "profile: 1\nproduct: { id: \"" + id +
                      "\" }\ndeployment: { markets: [CN] }\ncompliance: { filing: none }\n");
    return run_lexgate({"check", p, "--rules", rules, "--as-of", "2025-01-01", "--format", format});
  };
  CHECK(check("plain", "text").exit_code == 1);
  for (const std::string& id :
       {std::string("\\e]0;owned\\a"), std::string("x\\n::error file=x::forged"),
        std::string("a\\rb"), std::string("nel\\N"), std::string("sep\\L"), std::string("\\ud800"),
        std::string("del\\x7f")}) {
    for (const char* format : {"text", "json", "sarif", "junit", "markdown"}) {
      INFO(id << " as " << format);
      auto r = check(id, format);
      CHECK(r.exit_code == 2);
      // yaml-cpp refuses a lone surrogate escape itself, as a syntax error.
      CHECK((has(r, "error[profile.control_character]") || has(r, "error[profile.syntax]")));
      CHECK(r.err.find('\x1b') == std::string::npos);
      CHECK(r.err.find("\n::error") == std::string::npos);
    }
  }
  // The same through a JSON line.
  auto j = run_lexgate({"scan", "-", "--jsonl", "--rules", rules, "--as-of", "2025-01-01"},
                       "{\"profile\":1,\"product\":{\"id\":\"a\\u2028b\"},"
                       "\"deployment\":{\"markets\":[\"CN\"]}}\n");
  CHECK(j.exit_code == 2);
  CHECK(has(j, "profile.control_character"));
  CHECK(nlohmann::json::parse(j.out.substr(0, j.out.find('\n')))["error"].is_array());
}

TEST_CASE("a diagnostic never copies control characters to the log", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules("file it"));
  // An error on a line that holds ESC sequences: the quoted line shows U+FFFD instead.
  const std::string p = dir.write("p.yaml",
                                  "profile: 1\nproduct: { id: p, unknown\x1b]0;owned\x07: 1 "
                                  "}\ndeployment: { markets: [CN] }\n");
  auto r = run_lexgate({"check", p, "--rules", dir.path() + "/rules", "--as-of", "2025-01-01"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find('\x1b') == std::string::npos);
  CHECK(r.err.find('\x07') == std::string::npos);
}

TEST_CASE("rule strings are UTF-8 without controls or separators", "[hardening]") {
  scratch_dir dir;
  const auto lint = [&](const std::string& rules) {
    dir.write("rules/a.rules", rules);
    return run_lexgate({"lint", "--rules", dir.path() + "/rules"});
  };
  CHECK(lint(gate_rules("file it\\n(twice)")).exit_code == 0);
  for (const std::string& message : {std::string("\\u{1b}]0;owned\\u{7}"),
                                    std::string("nel \\u{85}"), std::string("sep \\u{2028}")}) {
    INFO(message);
    auto r = lint(gate_rules(message));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[parse.bad_string]"));
  }
  // An encoded surrogate (CESU-8) written straight into the file is not UTF-8.
  auto r = lint(gate_rules("bad \xED\xA0\x80 bytes"));
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[parse.bad_encoding]"));
}
