// `lexgate scan DIR` of a repository: what it reads, what it leaves out, its report formats,
// waivers, and the typed evidence and missing facts of its JSON lines. Through the real CLI.
#include <nlohmann/json.hpp>

#include <fstream>
#include <set>
#include <sstream>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream in(source_path("fixtures/profiles/" + name));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<json> json_lines(const std::string& out) {
  std::vector<json> rows;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) rows.push_back(json::parse(line));
  return rows;
}

// A checkout: profiles in deploy/, a CI workflow, Helm values, a vendored copy, a hidden folder.
struct repository {
  scratch_dir dir;
  repository() {
    dir.write(".github/workflows/ci.yml", "name: ci\non: [push]\njobs: {}\n");
    dir.write(".hidden/au.yaml", fixture("deepseek-gov-au.yaml"));
    dir.write("charts/values.yaml", "replicaCount: 2\nimage: { repository: vllm }\n");
    dir.write("deploy/au.yaml", fixture("deepseek-gov-au.yaml"));
    dir.write("deploy/kustomization.yaml", "resources: [au.yaml]\n# profile: not a key here\n");
    dir.write("deploy/helpdesk.yml", fixture("helpdesk-multi-market.yaml"));
    dir.write("vendor/lib/helpdesk.yaml", fixture("helpdesk-multi-market.yaml"));
  }
  run_result scan(std::vector<std::string> extra) {
    std::vector<std::string> args = {"scan", dir.path(), "--as-of", "2025-03-01"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_lexgate(args);
  }
};

std::vector<std::string> profile_files(const std::vector<json>& rows, const std::string& root) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r["profile"].get<std::string>().substr(root.size() + 1));
  return out;
}

}  // namespace

TEST_CASE("scan of a repository skips hidden folders and YAML that is not a profile",
          "[scan][repository]") {
  repository repo;
  auto r = repo.scan({});
  CHECK(r.exit_code == 1);  // blocked profiles, no error for ci.yml or values.yaml
  const auto rows = json_lines(r.out);
  CHECK(profile_files(rows, repo.dir.path()) ==
        std::vector<std::string>{"deploy/au.yaml", "deploy/helpdesk.yml",
                                 "vendor/lib/helpdesk.yaml"});
  CHECK(r.err.find("2 YAML files skipped (no top-level `profile:`)") != std::string::npos);
  CHECK(r.err.find("0 with errors") != std::string::npos);
}

TEST_CASE("scan --exclude and --include take globs relative to the directory",
          "[scan][repository]") {
  repository repo;
  auto excluded = repo.scan({"--exclude", "vendor"});
  CHECK(profile_files(json_lines(excluded.out), repo.dir.path()) ==
        std::vector<std::string>{"deploy/au.yaml", "deploy/helpdesk.yml"});
  auto included = repo.scan({"--include", "deploy/*.yml"});
  CHECK(profile_files(json_lines(included.out), repo.dir.path()) ==
        std::vector<std::string>{"deploy/helpdesk.yml"});
  auto both = repo.scan({"--include", "**/helpdesk.y*ml", "--exclude", "vendor/*"});
  CHECK(profile_files(json_lines(both.out), repo.dir.path()) ==
        std::vector<std::string>{"deploy/helpdesk.yml"});
}

TEST_CASE("scan JSON lines carry typed evidence values and missing facts", "[scan][repository]") {
  repository repo;
  const auto rows = json_lines(repo.scan({"--exclude", "vendor"}).out);
  REQUIRE(rows.size() == 2);
  const json& au = rows[0]["findings"][0];
  CHECK(au["rule"] == "au.pspf_direction_001_2025.deepseek_on_government_systems");
  CHECK(au["missing"] == json::array());
  bool saw_string = false;
  bool saw_boolean = false;
  bool saw_list = false;
  for (const auto& e : au["evidence"]) {
    if (e["path"] == "product.models[0].provider") saw_string = e["value"] == "DeepSeek";
    if (e["path"] == "compliance.au_exemption_approved") saw_boolean = e["value"] == false;
    if (e["path"] == "deployment.device_classes") saw_list = e["value"].is_array();
  }
  CHECK(saw_string);
  CHECK(saw_boolean);
  CHECK(saw_list);
  // The helpdesk profile does not state China's filing: its CN findings name the missing fact.
  bool missing_named = false;
  for (const auto& f : rows[1]["findings"]) {
    if (f["market"] == "CN" && f["status"] == "indeterminate") {
      missing_named = missing_named || !f["missing"].empty();
    }
  }
  CHECK(missing_named);
}

TEST_CASE("scan --format sarif and junit cover every profile", "[scan][repository]") {
  repository repo;
  auto sarif = repo.scan({"--format", "sarif"});
  CHECK(sarif.exit_code == 1);
  const auto doc = json::parse(sarif.out);
  std::set<std::string> uris;
  for (const auto& result : doc["runs"][0]["results"]) {
    uris.insert(result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]);
  }
  CHECK(uris.size() == 3);
  auto junit = repo.scan({"--format", "junit", "--exclude", "vendor"});
  CHECK(junit.out.rfind("<?xml", 0) == 0);
  CHECK(junit.out.find("agency-assistant · AU") != std::string::npos);
  CHECK(junit.out.find("helpdesk-assistant · CN") != std::string::npos);
}

TEST_CASE("scan --waivers waives findings across the repository", "[scan][repository]") {
  repository repo;
  const std::string waivers = repo.dir.write(
      "waivers.yaml",
      "- rule: au.pspf_direction_001_2025.deepseek_on_government_systems\n"
      "  profile: agency-assistant\n  justification: exemption requested\n"
      "  approver: CISO\n  expires: 2099-12-31\n");
  // AU-NSW, the profile's other market, has no regime: allowed here, this test is of waivers.
  auto r = repo.scan({"--include", "deploy/au.yaml", "--waivers", waivers, "--allow-uncovered"});
  CHECK(r.exit_code == 0);
  const auto rows = json_lines(r.out);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0]["findings"][0]["status"] == "waived");
  CHECK(rows[0]["findings"][0]["waiver"]["approver"] == "CISO");
  auto bad = repo.scan({"--waivers", repo.dir.write("bad.yaml", "- rule: no.such_rule\n")});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("scan warns about a profile id used twice", "[scan][repository]") {
  repository repo;
  repo.dir.write("deploy/au-copy.yaml", fixture("deepseek-gov-au.yaml"));
  auto r = repo.scan({"--exclude", "vendor"});
  CHECK(r.err.find("warning[scan.duplicate-id]: profile id `agency-assistant` is used by 2 "
                   "profiles") != std::string::npos);
  repository clean;
  CHECK(clean.scan({"--exclude", "vendor"}).err.find("duplicate-id") == std::string::npos);
}

TEST_CASE("a named YAML file is always read as a profile", "[scan][repository]") {
  repository repo;
  auto r = run_lexgate({"scan", repo.dir.path() + "/charts/values.yaml", "--as-of", "2025-03-01"});
  CHECK(r.exit_code == 2);
}
