// A linked folder under a folder given to `scan`: one that leads out of it is an error, never a
// folder of profiles left out in silence while the rest pass; one inside is scanned where it
// lies, once.
#include <filesystem>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
namespace fs = std::filesystem;

namespace {

const std::string kRules = gate_rules();

std::string profile(const std::string& id, const std::string& filing) {
  return "profile: 1\nproduct: { id: " + id + " }\ndeployment: { markets: [CN] }\n"
         "compliance: { filing: " + filing + " }\n";
}

}  // namespace

TEST_CASE("a linked folder that leaves a scanned folder is an error", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", kRules);
  dir.write("scan/good.yaml", profile("good", "completed"));
  dir.write("elsewhere/blocked.yaml", profile("blocked", "none"));
  const std::vector<std::string> args = {"scan", dir.path() + "/scan", "--rules",
                                         dir.path() + "/rules", "--as-of", "2025-01-01"};
  // The baseline: what lies in the folder passes.
  CHECK(run_lexgate(args).exit_code == 0);

  fs::create_symlink("../elsewhere", dir.path() + "/scan/linked");
  auto r = run_lexgate(args);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[io.scan_symlink]") != std::string::npos);
  CHECK(r.err.find("scan/linked") != std::string::npos);
}

TEST_CASE("a linked folder inside a scanned folder is scanned where it lies", "[hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", kRules);
  dir.write("scan/good.yaml", profile("good", "completed"));
  dir.write("scan/team/blocked.yaml", profile("blocked", "none"));
  fs::create_symlink("team", dir.path() + "/scan/alias");
  auto r = run_lexgate({"scan", dir.path() + "/scan", "--rules", dir.path() + "/rules",
                        "--as-of", "2025-01-01"});
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("io.scan_symlink") == std::string::npos);
  CHECK(r.err.find("2 profiles") != std::string::npos);
}
