// `lexgate check --artifacts … -o FILE`: the report may not replace an artifact it reads, and may
// be written into a folder of artifacts (reports are often kept beside the manifests).
#include <filesystem>
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
namespace fs = std::filesystem;

namespace {

const char* const kProfile =
    "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n"
    "compliance: { filing: completed }\n";
const char* const kCompose =
    "services:\n  gateway:\n    image: ghcr.io/example/gateway:1\n"
    "    environment:\n      MODEL: deepseek-chat\n";

}  // namespace

TEST_CASE("check refuses an output that is one of its artifact files, and leaves it whole",
          "[artifacts][hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules());
  const std::string profile = dir.write("p.yaml", kProfile);
  const std::string compose = dir.write("deploy/docker-compose.yml", kCompose);
  auto r = run_lexgate({"check", profile, "--rules", dir.path() + "/rules", "--artifacts",
                        dir.path() + "/deploy", compose, "-o", compose});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[io.output_is_input]") != std::string::npos);
  CHECK(slurp(compose) == kCompose);
}

TEST_CASE("check writes its report into a folder of artifacts it reads", "[artifacts]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules());
  const std::string profile = dir.write("p.yaml", kProfile);
  dir.write("deploy/docker-compose.yml", kCompose);
  const std::string out = dir.path() + "/deploy/report.json";
  auto r = run_lexgate({"check", profile, "--rules", dir.path() + "/rules", "--artifacts",
                        dir.path() + "/deploy", "--format", "json", "-o", out});
  INFO(r.out << r.err);
  CHECK(r.exit_code != 2);
  CHECK(fs::exists(out));
  CHECK(slurp(out).find("\"verdict\"") != std::string::npos);
}
