// Rule-test cases and symbolic links, through `lexgate test`: a case's profile named by a plain
// `../profiles/x.yaml` path is read; a link (the case file, a folder of cases, or the profile a
// case names) that leads out of where its path reaches is an error, never followed silently; a
// case entry that cannot be read is an error, never a case less.
#include <sys/stat.h>

#include <filesystem>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
namespace fs = std::filesystem;

namespace {

const std::string kRules = gate_rules();

const char* const kBlocked =
    "profile: 1\nproduct: { id: SECRET-TOKEN }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: none }\n";

std::string case_text(const std::string& name, const std::string& profile) {
  return "case: " + name + "\nas_of: 2025-01-01\nprofile: " + profile +
         "\nexpect:\n  verdict: blocked\n";
}

struct tree {
  scratch_dir dir;
  std::string rules = (dir.write("rules/a.rules", kRules), dir.path() + "/rules");
  std::string root = dir.path() + "/suite";
  std::string cases = root + "/cases";

  tree() {
    dir.write("suite/profiles/real.yaml", kBlocked);
    dir.write("outside/secret.yaml", kBlocked);
    dir.write("suite/cases/plain.yaml", case_text("plain", "../profiles/real.yaml"));
  }
  run_result test() const { return run_lexgate({"test", cases, "--rules", rules}); }
};

bool has(const run_result& r, const std::string& text) {
  return r.err.find(text) != std::string::npos || r.out.find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("a case's plain ../ profile path and links within reach are read", "[hardening]") {
  tree t;
  fs::create_symlink("real.yaml", t.root + "/profiles/linked.yaml");
  t.dir.write("suite/cases/linked.yaml", case_text("linked", "../profiles/linked.yaml"));
  auto r = t.test();
  CHECK(r.exit_code == 0);
  CHECK(has(r, "ok    plain"));
  CHECK(has(r, "ok    linked"));
  CHECK(has(r, "2 passed, 0 failed"));
}

TEST_CASE("a case's profile reached through a link out of its reach is an error",
          "[hardening]") {
  tree t;
  // The link sits where a plain path may go (../profiles), but leads outside the suite.
  fs::create_symlink("../../outside/secret.yaml", t.root + "/profiles/evil.yaml");
  t.dir.write("suite/cases/evil.yaml", case_text("evil", "../profiles/evil.yaml"));
  auto r = t.test();
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[io.case_symlink]"));
  CHECK(has(r, "evil.yaml:3:10"));
  CHECK_FALSE(has(r, "SECRET-TOKEN"));  // nothing of the file outside is read or quoted
  CHECK(has(r, "ok    plain"));
}

TEST_CASE("a case file or a case folder linked from outside is an error", "[hardening]") {
  SECTION("a case file") {
    tree t;
    t.dir.write("outside/case.yaml", case_text("foreign", "secret.yaml"));
    fs::create_symlink("../../outside/case.yaml", t.cases + "/foreign.yaml");
    auto r = t.test();
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[io.case_symlink]"));
    CHECK_FALSE(has(r, "foreign\n"));
  }
  SECTION("a folder of cases") {
    tree t;
    fs::create_symlink("../../outside", t.cases + "/more");
    auto r = t.test();
    CHECK(r.exit_code == 2);
    CHECK(has(r, "error[io.case_symlink]"));
  }
  SECTION("a link inside the folder to a case in it") {
    tree t;
    fs::create_symlink("plain.yaml", t.cases + "/again.yaml");
    auto r = t.test();
    // Followed: the same case twice is the duplicate-name error, not a link error.
    CHECK(r.exit_code == 2);
    CHECK(has(r, "case.duplicate_name"));
    CHECK_FALSE(has(r, "io.case_symlink"));
  }
}

TEST_CASE("a case entry that cannot be read is an error", "[hardening]") {
  tree t;
  SECTION("a dangling link") {
    fs::create_symlink("gone.yaml", t.cases + "/dangling.yaml");
  }
  SECTION("a FIFO") {
    REQUIRE(::mkfifo((t.cases + "/fifo.yaml").c_str(), 0600) == 0);
  }
  auto r = t.test();
  CHECK(r.exit_code == 2);
  CHECK(has(r, "error[io.read]: cannot read case"));
}
