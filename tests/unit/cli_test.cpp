// The `lexgate` command line as a user runs it: exit codes, reports, errors on stderr.
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// A small rule library of its own, so the exit-code tests do not depend on real regimes.
const std::string kRules = block_and_warn_rules();

std::string profile(const std::string& filing, const std::string& labeling) {
  std::string out = "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN, AU] }\n";
  std::string compliance;
  if (!filing.empty()) compliance += "filing: " + filing;
  if (!labeling.empty())
    compliance += std::string(compliance.empty() ? "" : ", ") + "labeling: " + labeling;
  if (!compliance.empty()) out += "compliance: { " + compliance + " }\n";
  return out;
}

struct gate {
  scratch_dir dir;
  std::string rules = dir.write("rules/test.rules", kRules);
  std::string rules_dir = dir.path() + "/rules";

  run_result check(const std::string& profile_text, std::vector<std::string> extra = {}) {
    const std::string path = dir.write("profile.yaml", profile_text);
    // No regime of this library covers AU: these tests are about findings, so the uncovered
    // market is allowed here (uncovered markets are tested in verdict_model_test.cpp).
    std::vector<std::string> args = {"check",      path,         "--rules",          rules_dir,
                                     "--as-of",    "2025-01-01", "--allow-uncovered"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_lexgate(args);
  }
};

}  // namespace

TEST_CASE("the version and help options exit 0", "[cli]") {
  auto v = run_lexgate({"--version"});
  CHECK(v.exit_code == 0);
  CHECK(v.out.rfind("lexgate ", 0) == 0);
  for (const char* command : {"check", "lint", "list", "explain", "test", "scan", "plan"}) {
    auto h = run_lexgate({command, "--help"});
    INFO(command);
    CHECK(h.exit_code == 0);
    CHECK(h.out.find("Usage") != std::string::npos);
  }
}

TEST_CASE("usage errors exit 2", "[cli]") {
  CHECK(run_lexgate({}).exit_code == 2);
  CHECK(run_lexgate({"frobnicate"}).exit_code == 2);
  CHECK(run_lexgate({"check"}).exit_code == 2);
  gate g;
  CHECK(g.check(profile("completed", "true"), {"--format", "yaml"}).exit_code == 2);
  const std::string path = g.dir.write("dated.yaml", profile("completed", "true"));
  auto bad_date = run_lexgate({"check", path, "--rules", g.rules_dir, "--as-of", "2025-02-30"});
  CHECK(bad_date.exit_code == 2);
  CHECK(bad_date.err.find("`--as-of 2025-02-30` is not a date") != std::string::npos);
}

TEST_CASE("exit codes follow --fail-on and --allow-indeterminate", "[cli]") {
  gate g;
  CHECK(g.check(profile("completed", "true")).exit_code == 0);
  // A warn violation passes the default gate but not --fail-on warn.
  CHECK(g.check(profile("completed", "false")).exit_code == 0);
  CHECK(g.check(profile("completed", "false"), {"--fail-on", "warn"}).exit_code == 1);
  // A block violation fails unless the gate never fails.
  CHECK(g.check(profile("pending", "true")).exit_code == 1);
  CHECK(g.check(profile("pending", "true"), {"--fail-on", "never"}).exit_code == 0);
  // A missing fact is never a pass, unless explicitly allowed.
  CHECK(g.check(profile("", "true")).exit_code == 1);
  CHECK(g.check(profile("", "true"), {"--allow-indeterminate"}).exit_code == 0);
}

TEST_CASE("the JSON report has every field of the contract", "[cli]") {
  gate g;
  auto r = g.check(profile("pending", ""), {"--format", "json"});
  REQUIRE(r.exit_code == 1);
  const json report = json::parse(r.out);
  CHECK(report["schema_version"] == 1);
  CHECK(report["tool"]["name"] == "lexgate");
  CHECK(report["as_of"] == "2025-01-01");
  CHECK(report["rules"]["library"] == "custom");
  CHECK(report["rules"]["sha256"].get<std::string>().size() == 64);
  CHECK(report["profile"]["id"] == "p");
  CHECK(report["verdict"] == "blocked");
  REQUIRE(report["markets"].size() == 2);
  const json& cn = report["markets"][0];
  CHECK(cn["market"] == "CN");
  CHECK(cn["verdict"] == "blocked");
  REQUIRE(cn["findings"].size() == 2);
  const json& violation = cn["findings"][0];
  CHECK(violation["rule"] == "t.gate.filed");
  CHECK(violation["regime"] == "t.gate");
  CHECK(violation["jurisdiction"] == "CN");
  CHECK(violation["severity"] == "block");
  CHECK(violation["status"] == "violation");
  CHECK(violation["message"] == "file it");
  CHECK(violation["cite"] == "Art. 1");
  CHECK(violation["sources"][0] == "https://example.org/gate");
  CHECK(violation["remedy"] == "complete the filing");
  CHECK(violation["missing"].empty());
  REQUIRE(violation["evidence"].size() == 1);
  CHECK(violation["evidence"][0]["path"] == "compliance.filing");
  CHECK(violation["evidence"][0]["value"] == "pending");
  CHECK(violation["evidence"][0]["line"] == 4);
  CHECK(violation["evidence"][0]["column"] == 23);
  const json& unknown = cn["findings"][1];
  CHECK(unknown["status"] == "indeterminate");
  CHECK(unknown["missing"][0] == "compliance.labeling");
  CHECK(report["markets"][1]["market"] == "AU");
  CHECK(report["markets"][1]["verdict"] == "uncovered");
  CHECK(report["conflicts"].is_array());
  CHECK(report["summary"]["rules_evaluated"] == 2);
  CHECK(report["summary"]["violations"] == 1);
  CHECK(report["summary"]["indeterminate"] == 1);
  CHECK(report["summary"]["waived"] == 0);
}

TEST_CASE("a misspelt profile key exits 2 with its position and a suggestion", "[cli]") {
  gate g;
  auto r = g.check("profile: 1\nproduct: { id: p }\ndeployment:\n  markts: [CN]\n");
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("profile.yaml:4:3: error[profile.unknown_key]") != std::string::npos);
  CHECK(r.err.find("did you mean `markets`?") != std::string::npos);
}

TEST_CASE("a broken rule file exits 2 with its position", "[cli]") {
  scratch_dir dir;
  dir.write("rules/schema.rules", "schema { deployment: { markets: list of jurisdiction } }\n");
  dir.write("rules/bad.rules",
            "regime a.b {\n  title \"x\"\n  rule r { cite \"c\" severity block\n"
            "    requires true }\n}\n");
  const std::string p = dir.write("p.yaml", "deployment: { markets: [] }\n");
  auto r = run_lexgate({"check", p, "--rules", dir.path() + "/rules"});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/rules/bad.rules:4:5: error[parse.expected]") != std::string::npos);
  auto lint = run_lexgate({"lint", "--rules", dir.path() + "/rules"});
  CHECK(lint.exit_code == 2);
}

TEST_CASE("unreadable profiles fail closed", "[cli]") {
  gate g;
  auto missing = run_lexgate({"check", g.dir.path() + "/nope.yaml", "--rules", g.rules_dir});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nope.yaml: error[io.read]: cannot read profile: no such file") !=
        std::string::npos);
  auto directory = run_lexgate({"check", g.dir.path(), "--rules", g.rules_dir});
  CHECK(directory.exit_code == 2);
  CHECK(directory.err.find("is a directory") != std::string::npos);
  CHECK(g.check("").exit_code == 2);
  CHECK(g.check("# only a comment\n").exit_code == 2);
}

TEST_CASE("the output option writes the report to a file, and a failed write exits 2", "[cli]") {
  gate g;
  const std::string out = g.dir.path() + "/report.json";
  auto r = g.check(profile("completed", "true"), {"--format", "json", "--output", out});
  CHECK(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(std::filesystem::exists(out));
  auto failed = g.check(profile("completed", "true"),
                        {"--output", g.dir.path() + "/no/such/dir/report.json"});
  CHECK(failed.exit_code == 2);
  CHECK(failed.err.find("error[io.write]") != std::string::npos);
}

TEST_CASE("the standard library is built in and lints clean", "[cli]") {
  auto lint = run_lexgate({"lint"});
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.rfind("ok: ", 0) == 0);
  auto list = run_lexgate({"list", "--as-of", "2025-03-01"});
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("au.pspf_direction_001_2025") != std::string::npos);
  CHECK(list.out.find("cn.genai_interim_measures") != std::string::npos);
  auto before = run_lexgate({"list", "--as-of", "2023-01-01"});
  CHECK(before.out.find("au.pspf_direction_001_2025") == std::string::npos);
  auto only_au = run_lexgate({"list", "--jurisdiction", "AU", "--as-of", "2025-03-01"});
  CHECK(only_au.out.find("cn.genai_interim_measures") == std::string::npos);
}

TEST_CASE("explain shows a regime, and suggests the nearest id for a typo", "[cli]") {
  auto r = run_lexgate({"explain", "au.pspf_direction_001_2025"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Department of Home Affairs") != std::string::npos);
  auto typo = run_lexgate({"explain", "au.pspf_direction_001_2052"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean `au.pspf_direction_001_2025`?") != std::string::npos);
}

namespace {

const char* const kInvariant = R"lg(
# Only models of providers established in China have completed filings so far.
invariant cn.filings_domestic_models {
  title    "Filings have been completed only for models of providers established in China"
  cite     "Filing practice (reported)"
  source   "https://example.org/filings"
  source   "https://example.org/filings-2"
  when     compliance.filing == "completed"
  require  all m in product.models:
             m.provider_country == "CN"
  message  "A completed filing covers only models of providers established in China"
}
invariant t.later {
  title "Not yet" cite "c" source "https://example.org/later" message "m"
  require compliance.labeling
  effective 2030-01-01
}
)lg";

// The gate's library with models in its schema, and two invariants.
struct planned {
  scratch_dir dir;
  std::string schema = dir.write(
      "rules/test.rules",
      std::string(kRules).replace(
          std::string(kRules).find("product: { id: string required }"),
          std::string("product: { id: string required }").size(),
          "product: { id: string required  models: list of { name: string  provider_country: "
          "jurisdiction } }"));
  std::string invariants = dir.write("rules/invariants.rules", kInvariant);
  std::string rules_dir = dir.path() + "/rules";
};

}  // namespace

TEST_CASE("lint accepts a library with invariants and counts them", "[cli][invariant]") {
  planned p;
  auto lint = run_lexgate({"lint", "--rules", p.rules_dir});
  INFO(lint.err);
  CHECK(lint.exit_code == 0);
  CHECK(lint.out.rfind("ok: 1 regimes, 2 rules, 2 invariants, ", 0) == 0);
  CHECK(lint.err.empty());
}

TEST_CASE("lint rejects a broken invariant with its position", "[cli][invariant]") {
  planned p;
  p.dir.write("rules/invariants.rules",
              "invariant cn.x {\n  title \"t\" cite \"c\" source \"s\" message \"m\"\n"
              "  require all m in product.models: m.provider_contry == \"CN\"\n}\n");
  auto lint = run_lexgate({"lint", "--rules", p.rules_dir});
  CHECK(lint.exit_code == 2);
  CHECK(lint.err.find("/rules/invariants.rules:3:38: error[check.unknown_attribute]") !=
        std::string::npos);
  CHECK(lint.err.find("did you mean `provider_country`?") != std::string::npos);
}

TEST_CASE("explain shows an invariant as stated", "[cli][invariant]") {
  planned p;
  auto r = run_lexgate({"explain", "cn.filings_domestic_models", "--rules", p.rules_dir});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out ==
        "invariant cn.filings_domestic_models\n"
        "  Filings have been completed only for models of providers established in China\n"
        "  cite:         Filing practice (reported)\n"
        "  when:         compliance.filing == \"completed\"\n"
        "  require:      all m in product.models:\n"
        "                m.provider_country == \"CN\"\n"
        "  message:      A completed filing covers only models of providers established in China\n"
        "  in force:     always\n"
        "  defined at:   " +
            p.invariants +
            ":3\n"
            "  source:       https://example.org/filings\n"
            "  source:       https://example.org/filings-2\n"
            "  holds when:   `when` is false or `require` is true\n"
            "  used by:      remediation planning only; `lexgate check` does not evaluate it\n");
  auto later = run_lexgate({"explain", "t.later", "--rules", p.rules_dir});
  CHECK(later.out.find("\n  when:") == std::string::npos);
  CHECK(later.out.find("  in force:     2030-01-01 –\n") != std::string::npos);
  CHECK(later.out.find("  holds when:   `require` is true\n") != std::string::npos);
  auto typo = run_lexgate({"explain", "cn.filings_domestic_model", "--rules", p.rules_dir});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("no rule, regime, invariant or entity `cn.filings_domestic_model`") !=
        std::string::npos);
  CHECK(typo.err.find("did you mean `cn.filings_domestic_models`?") != std::string::npos);
}

TEST_CASE("list shows invariants in their own section", "[cli][invariant]") {
  planned p;
  auto text = run_lexgate({"list", "--rules", p.rules_dir, "--as-of", "2025-01-01"});
  CHECK(text.exit_code == 0);
  CHECK(text.out ==
        "t.gate  [CN]  2024-01-01 –  Test gate\n"
        "    t.gate.filed  block  (Art. 1)\n"
        "    t.gate.labeled  warn  (Art. 2)\n"
        "\n"
        "Invariants\n"
        "cn.filings_domestic_models  Filings have been completed only for models of providers "
        "established in China  (Filing practice (reported))\n");
  auto all = run_lexgate({"list", "--rules", p.rules_dir, "--as-of", "2025-01-01", "--all"});
  CHECK(all.out.find("t.later  2030-01-01 –  Not yet  (c)  [not in force]\n") != std::string::npos);
  // Invariants belong to no jurisdiction: a filter on regimes leaves them listed.
  auto au = run_lexgate(
      {"list", "--rules", p.rules_dir, "--as-of", "2025-01-01", "--jurisdiction", "AU"});
  CHECK(au.out.rfind("no regime in force on 2025-01-01 matches\n\nInvariants\n", 0) == 0);

  auto j = run_lexgate(
      {"list", "--rules", p.rules_dir, "--as-of", "2025-01-01", "--all", "--format", "json"});
  CHECK(j.exit_code == 0);
  const json out = json::parse(j.out);
  CHECK(out["regimes"].size() == 1);
  REQUIRE(out["invariants"].size() == 2);
  const json& v = out["invariants"][0];
  CHECK(v["id"] == "cn.filings_domestic_models");
  CHECK(v["title"] ==
        "Filings have been completed only for models of providers established in China");
  CHECK(v["cite"] == "Filing practice (reported)");
  CHECK(v["sources"] ==
        json::array({"https://example.org/filings", "https://example.org/filings-2"}));
  CHECK(v["message"] == "A completed filing covers only models of providers established in China");
  CHECK(v["effective"].is_null());
  CHECK(v["until"].is_null());
  CHECK(v["in_force"] == true);
  CHECK(out["invariants"][1]["effective"] == "2030-01-01");
  CHECK(out["invariants"][1]["in_force"] == false);
  auto in_force =
      run_lexgate({"list", "--rules", p.rules_dir, "--as-of", "2025-01-01", "--format", "json"});
  CHECK(json::parse(in_force.out)["invariants"].size() == 1);
}

TEST_CASE("check reports a profile that breaks an invariant, as plan would",
          "[cli][invariant]") {
  planned p;
  const std::string path = p.dir.write(
      "profile.yaml",
      "profile: 1\nproduct: { id: p, models: [ { name: a, provider_country: AU } ] }\n"
      "deployment: { markets: [CN] }\ncompliance: { filing: completed, labeling: true }\n");
  auto r = run_lexgate(
      {"check", path, "--rules", p.rules_dir, "--as-of", "2025-01-01", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  CHECK(report["verdict"] == "blocked");
  CHECK(report["markets"][0]["findings"][0]["rule"] == "cn.filings_domestic_models");
  CHECK(report["summary"]["rules_evaluated"] == 3);
}
