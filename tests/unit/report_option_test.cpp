// `lexgate check --report FORMAT=FILE`: several reports from one evaluation, through the CLI.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;


TEST_CASE("check --report writes every format from one run and keeps the gate", "[cli][report]") {
  scratch_dir dir;
  const std::string sarif = dir.path() + "/out.sarif";
  const std::string md = dir.path() + "/out.md";
  const std::string js = dir.path() + "/out.json";
  auto r = run_lexgate({"check", source_path("fixtures/profiles/deepseek-gov-au.yaml"), "--as-of",
                        "2025-03-01", "--report", "sarif=" + sarif, "--report", "markdown=" + md,
                        "--report", "json=" + js});
  // The gate is the same as without --report: the blocked profile exits 1.
  CHECK(r.exit_code == 1);
  // Standard output keeps the --format report (text by default).
  CHECK(r.out.find("AU") != std::string::npos);
  CHECK(json::parse(slurp(sarif))["version"] == "2.1.0");
  CHECK(slurp(md).find("| AU |") != std::string::npos);
  const auto report = json::parse(slurp(js));
  CHECK(report["verdict"] == "blocked");
  // No temporary file is left beside the reports.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 3);
}

TEST_CASE("check --report and --output together, and the same report as --format gives", "[cli][report]") {
  scratch_dir dir;
  const std::string a = dir.path() + "/a.json";
  const std::string b = dir.path() + "/b.junit.xml";
  auto r = run_lexgate({"check", source_path("fixtures/profiles/helpdesk-multi-market.yaml"),
                        "--as-of", "2025-03-01", "--format", "json", "--output", a, "--report",
                        "junit=" + b, "--fail-on", "never"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  auto junit = run_lexgate({"check", source_path("fixtures/profiles/helpdesk-multi-market.yaml"),
                            "--as-of", "2025-03-01", "--format", "junit", "--fail-on", "never"});
  CHECK(slurp(b) == junit.out);
  CHECK(json::parse(slurp(a))["profile"]["id"].is_string());
}

TEST_CASE("a malformed --report is a usage error and writes nothing", "[cli][report]") {
  scratch_dir dir;
  for (const std::string bad : {"sarif", "pdf=x.pdf", "=x", "json="}) {
    INFO(bad);
    auto r = run_lexgate({"check", source_path("fixtures/profiles/deepseek-gov-au.yaml"),
                          "--report", bad, "--report", "json=" + dir.path() + "/x.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("FORMAT=FILE") != std::string::npos);
    CHECK(r.out.empty());
    CHECK_FALSE(std::filesystem::exists(dir.path() + "/x.json"));
  }
}

TEST_CASE("a --report that cannot be written fails closed", "[cli][report]") {
  scratch_dir dir;
  auto r = run_lexgate({"check", source_path("fixtures/profiles/helpdesk-multi-market.yaml"),
                        "--as-of", "2025-03-01", "--fail-on", "never", "--report",
                        "json=" + dir.path() + "/missing-dir/x.json"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[io.write]") != std::string::npos);
}
