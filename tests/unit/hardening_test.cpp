// Hostile inputs through the real command line: each must end in a clean error (exit 2) or a
// true verdict, never a pass, a crash or a write where none belongs.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const std::string kRules = gate_rules();

const char* const kGood =
    "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: completed }\n";
const char* const kBlocked =
    "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: none }\n";

struct sandbox {
  scratch_dir dir;
  std::string rules_file = dir.write("rules/test.rules", kRules);
  std::string rules = dir.path() + "/rules";

  std::vector<std::string> with_rules(std::vector<std::string> args) const {
    args.push_back("--rules");
    args.push_back(rules);
    return args;
  }
  run_result check(const std::string& profile_text, std::vector<std::string> extra = {}) const {
    const std::string path = dir.write("profile.yaml", profile_text);
    std::vector<std::string> args = {"check", path, "--as-of", "2025-01-01"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_lexgate(with_rules(args));
  }
};

bool has(const run_result& r, const std::string& text) {
  return r.err.find(text) != std::string::npos || r.out.find(text) != std::string::npos;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `lexgate ARGS` through the shell with `redirect` appended (e.g. `> /dev/full`); the exit
// code, or -1 when a signal ended it.
int run_shell(const std::vector<std::string>& args, const std::string& redirect) {
  std::string command =
      "cd " + shell_quote(LEXGATE_SOURCE_DIR) + " && " + shell_quote(LEXGATE_BINARY);
  for (const auto& a : args) command += " " + shell_quote(a);
  command += " " + redirect + " 2>/dev/null";
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("required keys are required even when their section is left out", "[hardening]") {
  sandbox s;
  CHECK(s.check(kGood).exit_code == 0);  // the baseline passes
  for (const char* text : {"profile: 1\n", "profile: 1\nproduct: { id: p }\ndeployment: ~\n",
                           "profile: 1\nproduct: ~\ndeployment: { markets: [CN] }\n"}) {
    INFO(text);
    auto r = s.check(text);
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[profile.required]"));
  }
  auto r = s.check("profile: 1\n");
  CHECK(has(r, "`product.id`"));
  CHECK(has(r, "`deployment.markets`"));
}

TEST_CASE("only profile version 1 is read", "[hardening]") {
  sandbox s;
  for (const char* version : {"99", "0", "-0", "2"}) {
    INFO(version);
    auto r = s.check(std::string("profile: ") + version +
                     "\nproduct: { id: p }\ndeployment: { markets: [CN] }\n");
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[profile.version]"));
  }
}

TEST_CASE("a JSON line missing required sections is an error, on either typing path",
          "[hardening]") {
  sandbox s;
  const std::string good = R"({"profile":1,"product":{"id":"p"},"deployment":{"markets":["CN"]},)"
                           R"("compliance":{"filing":"completed"}})";
  CHECK(run_lexgate(s.with_rules({"scan", "-", "--jsonl", "--as-of", "2025-01-01"}), good + "\n")
            .exit_code == 0);
  for (const std::string& line :
       {std::string(R"({"profile":-0})"), std::string(R"({"profile":1})"),
        std::string(R"({"profile":1,"product":{"id":"p"},"deployment":null})"),
        std::string(R"({"profile":7,"product":{"id":"p"},"deployment":{"markets":["CN"]}})")}) {
    INFO(line);
    auto r =
        run_lexgate(s.with_rules({"scan", "-", "--jsonl", "--as-of", "2025-01-01"}), line + "\n");
    CHECK(r.exit_code == 2);
    CHECK((has(r, "profile.required") || has(r, "profile.version")));
  }
}

TEST_CASE("a rule file that cannot be read fails every command", "[hardening]") {
  namespace fs = std::filesystem;
  enum class kind { dangling, loop, fifo };
  for (kind k : {kind::dangling, kind::loop, kind::fifo}) {
    sandbox s;
    const std::string bad = s.rules + "/extra.rules";
    if (k == kind::dangling) fs::create_symlink(s.dir.path() + "/nowhere.rules", bad);
    if (k == kind::loop) fs::create_symlink("extra.rules", bad);
    if (k == kind::fifo) REQUIRE(::mkfifo(bad.c_str(), 0600) == 0);
    const std::string profile = s.dir.write("p.yaml", kGood);
    const std::string cases = s.dir.write("cases/c.yaml",
                                          "case: c\nas_of: 2025-01-01\nprofile: ../p.yaml\n"
                                          "expect: { verdict: clear }\n");
    for (const auto& args : std::vector<std::vector<std::string>>{{"lint"},
                                                                  {"list"},
                                                                  {"check", profile},
                                                                  {"test", cases},
                                                                  {"scan", profile},
                                                                  {"plan", profile},
                                                                  {"explain", "t.gate.filed"}}) {
      INFO(args[0] << " with a rule file of kind " << static_cast<int>(k));
      auto r = run_lexgate(s.with_rules(args));
      CHECK(r.exit_code == 2);
      CHECK(has(r, "extra.rules: error[io.read]"));
    }
  }
}

TEST_CASE("waivers are read strictly", "[hardening]") {
  sandbox s;
  const auto waiver = [&](const std::string& extra) {
    return s.dir.write("waivers.yaml",
                       "- rule: t.gate.filed\n  justification: j\n  approver: a\n"
                       "  expires: 2030-01-01\n" +
                           extra);
  };
  // The baseline: a waiver for CN waives the block.
  CHECK(s.check(kBlocked, {"--waivers", waiver("  market: CN\n")}).exit_code == 0);
  const std::pair<const char*, const char*> bad[] = {
      {"  market: [AU]\n", "waiver.type"},         {"  market: { CN: 1 }\n", "waiver.type"},
      {"  profile: [p]\n", "waiver.type"},         {"  market: ''\n", "waiver.type"},
      {"  market: XX\n", "waiver.unknown_market"}, {"  markets: CN\n", "waiver.unknown_key"},
      // Reports and CI annotations quote waivers: a control character would forge them.
      {"  profile: \"p\\e]0;owned\\a\"\n", "waiver.control_character"},
      {"  market: \"CN\\r\"\n", "waiver.control_character"},
  };
  for (const auto& [extra, code] : bad) {
    INFO(extra);
    auto r = s.check(kBlocked, {"--waivers", waiver(extra)});
    CHECK(r.exit_code == 2);
    CHECK(has(r, code));
  }
  // A justification may run over lines; its other control characters are refused, at the value.
  const std::string lines = s.dir.write(
      "lines.yaml",
      "- rule: t.gate.filed\n  market: CN\n  approver: a\n  expires: 2030-01-01\n"
      "  justification: |\n    first line\n    second line\n");
  CHECK(s.check(kBlocked, {"--waivers", lines}).exit_code == 0);
  const std::string bell = s.dir.write(
      "bell.yaml",
      "- rule: t.gate.filed\n  market: CN\n  approver: a\n  expires: 2030-01-01\n"
      "  justification: \"ok\\x1b[2J\"\n");
  auto r = s.check(kBlocked, {"--waivers", bell});
  CHECK(r.exit_code == 2);
  CHECK(has(r, "bell.yaml:5:18: error[waiver.control_character]"));
}

TEST_CASE("a scan of nothing is not a pass", "[hardening]") {
  sandbox s;
  std::filesystem::create_directories(s.dir.path() + "/empty");
  s.dir.write("notes/README.md", "no profiles here\n");
  for (const auto& input : {s.dir.path() + "/empty", s.dir.path() + "/notes"}) {
    auto r = run_lexgate(s.with_rules({"scan", input}));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[scan.empty]"));
  }
  CHECK(run_lexgate(s.with_rules({"scan", "-"}), "").exit_code == 2);
  CHECK(run_lexgate(s.with_rules({"scan", "-", "--jsonl"}), "").exit_code == 2);
  CHECK(run_lexgate(s.with_rules({"scan", "-", "--jsonl"}), "\n\n").exit_code == 2);
}

TEST_CASE("every command checks that its output was written", "[hardening]") {
  sandbox s;
  const std::string profile = s.dir.write("p.yaml", kGood);
  // The same commands succeed when their output has somewhere to go.
  CHECK(run_shell(s.with_rules({"list"}), "> /dev/null") == 0);
  for (const auto& args :
       std::vector<std::vector<std::string>>{{"list"},
                                             {"lint"},
                                             {"explain", "t.gate.filed"},
                                             {"scan", profile},
                                             {"check", profile},
                                             {"check", profile, "--format", "json"}}) {
    INFO(args[0]);
    CHECK(run_shell(s.with_rules(args), "> /dev/full") == 2);
  }
}

TEST_CASE("rule-test cases that test nothing are errors", "[hardening]") {
  sandbox s;
  s.dir.write("p.yaml", kBlocked);
  const auto run = [&](const std::string& name, const std::string& text) {
    return run_lexgate(s.with_rules({"test", s.dir.write(name, text)}));
  };
  const std::string head = "as_of: 2025-01-01\nprofile: p.yaml\n";
  CHECK(run("ok.yaml", "case: ok\n" + head + "expect: { verdict: blocked }\n").exit_code == 0);
  auto empty = run("empty.yaml", "case: empty\n" + head + "expect: {}\n");
  CHECK(empty.exit_code == 2);
  CHECK(has(empty, "`expect` states nothing"));
  auto unknown = run("unknown.yaml", "case: unknown\n" + head +
                                         "expect:\n  no_findings: [{ rule: t.gate.filed, "
                                         "market: XX }]\n");
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown, "`XX` is not a known jurisdiction"));
  // AU is known, but the profile ships only to CN: no finding there proves nothing.
  auto elsewhere = run("elsewhere.yaml", "case: elsewhere\n" + head +
                                             "expect:\n  no_findings: [{ rule: t.gate.filed, "
                                             "market: AU }]\n");
  CHECK(elsewhere.exit_code != 0);
  CHECK(has(elsewhere, "not in the profile's markets"));

  s.dir.write("dup/a.yaml",
              "case: same\nas_of: 2025-01-01\nprofile: ../p.yaml\n"
              "expect: { verdict: blocked }\n");
  s.dir.write("dup/b.yaml",
              "case: same\nas_of: 2025-01-01\nprofile: ../p.yaml\n"
              "expect: { verdict: blocked }\n");
  auto dup = run_lexgate(s.with_rules({"test", s.dir.path() + "/dup"}));
  CHECK(dup.exit_code == 2);
  CHECK(has(dup, "error[case.duplicate_name]"));
}

namespace {

std::string profile_with_id(const std::string& id) {
  return "profile: 1\nproduct: { id: \"" + id +
         "\" }\ndeployment: { markets: [CN] }\ncompliance: { filing: none }\n";
}

}  // namespace

TEST_CASE("plan --emit-profile never writes outside its folder", "[hardening]") {
  namespace fs = std::filesystem;
  for (const std::string& id :
       std::vector<std::string>{"../../escaped", "/tmp/lexgate-absolute-escape", "a/../../b", "..",
                                "", "line\nbreak", std::string(400, 'x')}) {
    sandbox s;
    fs::create_directories(s.dir.path() + "/deep/er");
    const std::string out = s.dir.path() + "/deep/er/out";
    const std::string profile = s.dir.write("p.yaml", profile_with_id(id));
    auto r = run_lexgate(
        s.with_rules({"plan", profile, "--as-of", "2025-01-01", "--emit-profile", out}));
    INFO(id << "\n" << r.err);
    if (id.empty()) {
      CHECK(r.exit_code == 2);  // an empty required key is no id at all
      CHECK(has(r, "error[profile.required]"));
      continue;
    }
    CHECK(r.exit_code == 1);
    std::size_t written = 0;
    for (const auto& e : fs::recursive_directory_iterator(s.dir.path())) {
      if (!e.is_regular_file()) continue;
      const std::string path = e.path().string();
      if (path.find("/deep/er/out/") != std::string::npos) {
        ++written;
        CHECK(e.path().parent_path() == fs::path(out));
        CHECK(e.path().filename().string().front() != '.');
      } else {
        CHECK((path == profile || path == s.rules_file));
      }
    }
    CHECK(written == 1);
    CHECK_FALSE(fs::exists("/tmp/lexgate-absolute-escape.cn.yaml"));
  }
}

TEST_CASE("the report output never destroys an input and keeps what it writes over",
          "[hardening]") {
  namespace fs = std::filesystem;
  sandbox s;
  const std::string profile = s.dir.write("p.yaml", kBlocked);
  const std::string waivers = s.dir.write("w.yaml", "[]\n");
  SECTION("an output that is an input is refused") {
    for (const auto& out : {profile, waivers, s.rules_file, s.rules + "/new.json"}) {
      INFO(out);
      auto r = run_lexgate(s.with_rules({"check", profile, "--waivers", waivers, "-o", out}));
      CHECK(r.exit_code == 2);
      CHECK(has(r, "error[io.output_is_input]"));
      CHECK(slurp(profile) == kBlocked);
    }
    fs::create_symlink(profile, s.dir.path() + "/alias.yaml");
    auto r = run_lexgate(s.with_rules({"plan", profile, "-o", s.dir.path() + "/alias.yaml"}));
    CHECK(r.exit_code == 2);
    CHECK(slurp(profile) == kBlocked);
  }
  SECTION("an existing file keeps its mode, a link stays a link") {
    const std::string out = s.dir.write("out.txt", "old");
    ::chmod(out.c_str(), 0600);
    fs::create_symlink(out, s.dir.path() + "/link.txt");
    CHECK(
        run_lexgate(s.with_rules({"check", profile, "-o", s.dir.path() + "/link.txt"})).exit_code ==
        1);
    CHECK(fs::is_symlink(s.dir.path() + "/link.txt"));
    CHECK(slurp(out).find("t.gate.filed") != std::string::npos);
    struct stat st {};
    REQUIRE(::stat(out.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  SECTION("a FIFO is written in place, not replaced") {
    const std::string fifo = s.dir.path() + "/fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string got = s.dir.path() + "/got";
    const std::string command = "cat " + shell_quote(fifo) + " > " + shell_quote(got) + " & " +
                                shell_quote(LEXGATE_BINARY) + " check " + shell_quote(profile) +
                                " --rules " + shell_quote(s.rules) + " -o " + shell_quote(fifo) +
                                " 2>/dev/null; code=$?; wait; exit $code";
    const int status = std::system(command.c_str());
    CHECK(WEXITSTATUS(status) == 1);
    struct stat st {};
    REQUIRE(::lstat(fifo.c_str(), &st) == 0);
    CHECK(S_ISFIFO(st.st_mode));
    CHECK(slurp(got).find("t.gate.filed") != std::string::npos);
  }
}

TEST_CASE("a report stopped by SIGTERM leaves no temporary file", "[hardening]") {
  namespace fs = std::filesystem;
  sandbox s;
  const std::string profile = s.dir.write("p.yaml", kBlocked);
  fs::create_directories(s.dir.path() + "/out");
  // Stopped at different moments; whatever the moment, the folder holds the report or nothing.
  for (const char* delay : {"0", "0.01", "0.03", "0.06", "0.1", "0.2"}) {
    const std::string command = "( " + shell_quote(LEXGATE_BINARY) + " plan " +
                                shell_quote(profile) + " --rules " + shell_quote(s.rules) + " -o " +
                                shell_quote(s.dir.path() + "/out/report.txt") +
                                " 2>/dev/null & pid=$!; sleep " + delay +
                                "; kill -TERM $pid 2>/dev/null; wait $pid ) 2>/dev/null; true";
    REQUIRE(std::system(command.c_str()) == 0);
    for (const auto& e : fs::directory_iterator(s.dir.path() + "/out")) {
      INFO(delay);
      CHECK(e.path().filename() == "report.txt");
    }
  }
}

TEST_CASE("an empty as-of date is a usage error, not today", "[hardening]") {
  sandbox s;
  const std::string profile = s.dir.write("p.yaml", kGood);
  CHECK(run_lexgate(s.with_rules({"check", profile, "--as-of", "2025-01-01"})).exit_code == 0);
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"check", profile}, {"scan", profile}, {"plan", profile}, {"list"}}) {
    std::vector<std::string> with_date = args;
    with_date.push_back("--as-of");
    with_date.push_back("");
    INFO(args[0]);
    auto r = run_lexgate(s.with_rules(with_date));
    CHECK(r.exit_code == 2);
    CHECK(has(r, "empty date"));
  }
}

TEST_CASE("a byte order mark is accepted in rule files as in profiles", "[hardening]") {
  sandbox s;
  s.dir.write("rules/test.rules", std::string("\xEF\xBB\xBF") + kRules);
  const std::string profile = s.dir.write("p.yaml", std::string("\xEF\xBB\xBF") + kBlocked);
  CHECK(run_lexgate(s.with_rules({"lint"})).exit_code == 0);
  CHECK(run_lexgate(s.with_rules({"check", profile, "--as-of", "2025-01-01"})).exit_code == 1);
  // Positions in a file with a mark still point at the right place.
  s.dir.write("rules/test.rules", std::string("\xEF\xBB\xBF") + "regime {\n");
  auto r = run_lexgate(s.with_rules({"lint"}));
  CHECK(r.exit_code == 2);
  CHECK(has(r, "test.rules:1:"));
}
