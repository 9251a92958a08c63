// `lexgate check --artifacts … -o FILE` and `lexgate derive … -o FILE`: the report may not
// replace an artifact it reads, whether named, found in an artifact folder or reached through a
// link, and may be written into a folder of artifacts (reports are often kept beside the
// manifests), also over an earlier report.
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

TEST_CASE("check refuses an output that is a file read from an artifact folder, or a link to it",
          "[artifacts][hardening]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules());
  const std::string profile = dir.write("p.yaml", kProfile);
  const std::string compose = dir.write("deploy/docker-compose.yml", kCompose);
  const std::string link = dir.path() + "/report.json";
  fs::create_symlink(compose, link);
  for (const std::string& out : {compose, link}) {
    for (const std::string& how : {std::string("-o"), std::string("--report")}) {
      const std::string target = how == "-o" ? out : "json=" + out;
      auto r = run_lexgate({"check", profile, "--rules", dir.path() + "/rules", "--artifacts",
                            dir.path() + "/deploy", how, target});
      INFO(how << " " << target << "\n" << r.out << r.err);
      CHECK(r.exit_code == 2);
      CHECK(r.err.find("error[io.output_is_input]") != std::string::npos);
      CHECK(slurp(compose) == kCompose);
    }
  }
}

TEST_CASE("derive refuses an output that is a file of its artifact folder", "[artifacts][hardening]") {
  scratch_dir dir;
  const std::string compose = dir.write("deploy/docker-compose.yml", kCompose);
  const std::string env = dir.write("deploy/.env", "LLM_MODEL=deepseek-chat\n");
  for (const std::string& out : {compose, env}) {
    auto r = run_lexgate({"derive", dir.path() + "/deploy", "-o", out});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("error[io.output_is_input]") != std::string::npos);
  }
  CHECK(slurp(compose) == kCompose);
  CHECK(slurp(env) == "LLM_MODEL=deepseek-chat\n");
}

TEST_CASE("check writes over its earlier report in a folder of artifacts", "[artifacts]") {
  scratch_dir dir;
  dir.write("rules/a.rules", gate_rules());
  const std::string profile = dir.write("p.yaml", kProfile);
  dir.write("deploy/docker-compose.yml", kCompose);
  const std::string out = dir.path() + "/deploy/report.json";
  for (int run = 0; run < 2; ++run) {
    auto r = run_lexgate({"check", profile, "--rules", dir.path() + "/rules", "--artifacts",
                          dir.path() + "/deploy", "--format", "json", "-o", out});
    INFO(run << r.out << r.err);
    CHECK(r.exit_code != 2);
  }
  CHECK(slurp(out).find("\"verdict\"") != std::string::npos);
}
