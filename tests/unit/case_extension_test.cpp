// Rule-test cases under both YAML extensions, through `lexgate test`: a `.yml` case in a folder
// is run like a `.yaml` one, so a failing case cannot pass unseen for its file name.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kBlockedProfile =
    "  profile: 1\n  product: { id: p }\n  deployment: { markets: [CN] }\n"
    "  compliance: { filing: none }\n";

std::string case_text(const std::string& name, const std::string& verdict) {
  return "case: " + name + "\nas_of: 2025-01-01\nprofile:\n" + kBlockedProfile +
         "expect:\n  verdict: " + verdict + "\n";
}

// A folder of two cases on the same blocked profile: `as-yaml` expects blocked; `as-yml`, in a
// `.yml` file, expects `yml_verdict`.
run_result run_two_cases(const std::string& yml_verdict) {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules());
  dir.write("cases/a.yaml", case_text("as-yaml", "blocked"));
  dir.write("cases/b.yml", case_text("as-yml", yml_verdict));
  return run_lexgate({"test", dir.path() + "/cases", "--rules", dir.path() + "/rules"});
}

}  // namespace

TEST_CASE("lexgate test runs .yml cases in a folder beside .yaml ones", "[cases]") {
  auto r = run_two_cases("blocked");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("ok    as-yaml") != std::string::npos);
  CHECK(r.out.find("ok    as-yml") != std::string::npos);
  CHECK(r.out.find("2 passed, 0 failed") != std::string::npos);
}

TEST_CASE("a failing .yml case fails the run", "[cases]") {
  // The profile is blocked; the .yml case wrongly expects clear, and must fail the run.
  auto r = run_two_cases("clear");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("1 passed, 1 failed") != std::string::npos);
}
