// The verdict model through the `lexgate` binary: coverage and uncovered markets, defeasible
// exceptions, attention, invariants in `check`, `EU` as its member states, the EEA, and the
// agreement of the verdict, the exit code and every report format under every gate option.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// A library of its own for the gate table: one block and one warn rule in CN; JP is declared
// but no regime covers it.
const std::string kRules = block_and_warn_rules();

// One profile per market verdict, and what it holds open.
struct situation {
  const char* verdict;
  const char* market;
  const char* filing;    // empty: not stated
  const char* labeling;  // empty: not stated
  bool block_violation = false;
  bool block_unknown = false;
  bool uncovered = false;
  bool warn_violation = false;
  bool warn_unknown = false;
};

const situation kSituations[] = {
    {"blocked", "CN", "pending", "true", true, false, false, false, false},
    {"indeterminate", "CN", "", "true", false, true, false, false, false},
    {"uncovered", "JP", "completed", "true", false, false, true, false, false},
    {"attention", "CN", "completed", "false", false, false, false, true, false},
    {"attention", "CN", "completed", "", false, false, false, false, true},
    {"clear", "CN", "completed", "true", false, false, false, false, false},
};

std::string profile_of(const situation& s) {
  std::string out = "profile: 1\nproduct: { id: p }\ndeployment: { markets: [" +
                    std::string(s.market) + "] }\n";
  std::string compliance;
  if (*s.filing != '\0') compliance += std::string("filing: ") + s.filing;
  if (*s.labeling != '\0') {
    compliance += std::string(compliance.empty() ? "" : ", ") + "labeling: " + s.labeling;
  }
  if (!compliance.empty()) out += "compliance: { " + compliance + " }\n";
  return out;
}

// The gate as design §5 and §7 define it, written out independently of the program.
bool should_fail(const situation& s, const std::string& fail_on, bool allow_indeterminate,
                 bool allow_uncovered) {
  if (fail_on == "never") return false;
  if (s.block_violation) return true;
  if (s.block_unknown && !allow_indeterminate) return true;
  if (s.uncovered && !allow_uncovered) return true;
  if (fail_on == "warn") {
    if (s.warn_violation) return true;
    if (s.warn_unknown && !allow_indeterminate) return true;
  }
  return false;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

json check_json(const std::string& profile_path, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"check", profile_path, "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const auto r = run_lexgate(args);
  INFO(r.err);
  REQUIRE(!r.out.empty());
  return json::parse(r.out);
}

const json* market_of(const json& report, const std::string& code) {
  for (const auto& m : report["markets"]) {
    if (m["market"] == code) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("verdict, exit code and every format agree under every gate option", "[verdict][gate]") {
  scratch_dir dir;
  dir.write("rules/test.rules", kRules);
  const std::string rules = dir.path() + "/rules";
  for (const situation& s : kSituations) {
    const std::string path = dir.write("profile.yaml", profile_of(s));
    for (const std::string fail_on : {"block", "warn", "never"}) {
      for (const bool allow_indeterminate : {false, true}) {
        for (const bool allow_uncovered : {false, true}) {
          const bool fails = should_fail(s, fail_on, allow_indeterminate, allow_uncovered);
          const int expected_exit = fails ? 1 : 0;
          INFO(s.verdict << " (" << profile_of(s) << ") --fail-on " << fail_on
                         << (allow_indeterminate ? " --allow-indeterminate" : "")
                         << (allow_uncovered ? " --allow-uncovered" : ""));
          auto run = [&](const std::string& format) {
            std::vector<std::string> args = {"check",    path,     "--rules",  rules, "--as-of",
                                             "2025-01-01", "--format", format, "--fail-on",
                                             fail_on};
            if (allow_indeterminate) args.push_back("--allow-indeterminate");
            if (allow_uncovered) args.push_back("--allow-uncovered");
            auto r = run_lexgate(args);
            INFO(format << ": " << r.err);
            CHECK(r.exit_code == expected_exit);
            return r.out;
          };
          const json report = json::parse(run("json"));
          CHECK(report["verdict"] == s.verdict);
          CHECK(report["markets"][0]["verdict"] == s.verdict);
          CHECK(report["gate"]["passed"] == !fails);
          CHECK(report["gate"]["fail_on"] == fail_on);
          CHECK(report["markets"][0]["fails_gate"] == fails);
          CHECK(report["summary"]["uncovered"] == (s.uncovered ? 1 : 0));

          const std::string text = run("text");
          CHECK(text.find(std::string("verdict: ") +
                          (s.verdict == std::string("blocked")         ? "BLOCKED"
                           : s.verdict == std::string("indeterminate") ? "INDETERMINATE"
                           : s.verdict == std::string("uncovered")     ? "UNCOVERED"
                           : s.verdict == std::string("attention")     ? "ATTENTION"
                                                                        : "CLEAR")) !=
                std::string::npos);
          CHECK(text.find(fails ? "gate: FAIL" : "gate: pass") != std::string::npos);

          const std::string markdown = run("markdown");
          CHECK(markdown.find(std::string(" ") + s.verdict + "\n") != std::string::npos);
          CHECK(markdown.find(fails ? "Gate: **fail**" : "Gate: **pass**") != std::string::npos);

          const std::string junit = run("junit");
          const bool junit_failed = junit.find("<testsuites name=\"lexgate\" tests=\"") !=
                                        std::string::npos &&
                                    junit.find(" failures=\"0\"") == std::string::npos;
          CHECK(junit_failed == fails);
          CHECK(junit.find("<property name=\"verdict\" value=\"" + std::string(s.verdict) +
                           "\"/>") != std::string::npos);

          const json sarif = json::parse(run("sarif"));
          bool error_result = false;
          for (const auto& result : sarif["runs"][0]["results"]) {
            error_result = error_result || result["level"] == "error";
          }
          CHECK(error_result == fails);
          const json& summary = sarif["runs"][0]["properties"]["lexgate"]["profiles"][0];
          CHECK(summary["verdict"] == s.verdict);
          CHECK(summary["gate"]["passed"] == !fails);
        }
      }
    }
  }
}

TEST_CASE("markets no regime covers are uncovered, never clear, in every format",
          "[verdict][coverage]") {
  scratch_dir dir;
  // JP-13 (Tokyo) is a valid ISO 3166-2 code the library does not list.
  const std::string path = dir.write(
      "intl.yaml",
      "profile: 1\nproduct: { id: intl, vendor: { name: Acme, country: US } }\n"
      "deployment: { markets: [ZA, BR, SG, GB, JP-13] }\n");
  auto r = run_lexgate({"check", path, "--as-of", "2026-11-29"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("CLEAR") == std::string::npos);
  CHECK(count(r.out, "UNCOVERED") == 6);  // five markets and the deployment
  CHECK(r.out.find("in 5 markets, 5 uncovered") != std::string::npos);
  CHECK(run_lexgate({"check", path, "--as-of", "2026-11-29", "--allow-uncovered"}).exit_code ==
        0);
  const json report = check_json(path, {"--as-of", "2026-11-29"});
  CHECK(report["verdict"] == "uncovered");
  CHECK(report["summary"]["uncovered"] == 5);
  for (const auto& m : report["markets"]) {
    CHECK(m["verdict"] == "uncovered");
    CHECK(m["coverage"]["regimes"].empty());
  }
  const auto sarif = run_lexgate({"check", path, "--as-of", "2026-11-29", "--format", "sarif"});
  CHECK(count(sarif.out, "\"ruleId\": \"lexgate.uncovered_market\"") == 5);
  const auto junit = run_lexgate({"check", path, "--as-of", "2026-11-29", "--format", "junit"});
  CHECK(count(junit.out, "type=\"uncovered\"") == 5);
  const auto markdown =
      run_lexgate({"check", path, "--as-of", "2026-11-29", "--format", "markdown"});
  CHECK(count(markdown.out, "🚫 uncovered") == 6);
}

TEST_CASE("a covered market lists the regimes in force that reach it", "[verdict][coverage]") {
  const json report = check_json("fixtures/profiles/deepseek-gov-au.yaml", {"--as-of", "2025-03-01"});
  const json* au = market_of(report, "AU");
  REQUIRE(au != nullptr);
  CHECK(au->at("coverage")["regimes"] == json::array({"au.pspf_direction_001_2025"}));
  // The direction binds the Commonwealth's own systems only: nothing reaches AU-NSW.
  const json* nsw = market_of(report, "AU-NSW");
  REQUIRE(nsw != nullptr);
  CHECK(nsw->at("verdict") == "uncovered");
}

TEST_CASE("a date before every regime is uncovered, not clear", "[verdict][coverage]") {
  auto r = run_lexgate(
      {"check", "fixtures/profiles/helpdesk-multi-market.yaml", "--as-of", "1900-01-01"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("verdict: UNCOVERED") != std::string::npos);
}

TEST_CASE("a profile with no market, or an invalid code, is an error with its position",
          "[verdict][coverage]") {
  scratch_dir dir;
  const std::string empty =
      dir.write("empty.yaml", "profile: 1\nproduct: { id: p }\ndeployment:\n  markets: []\n");
  auto r = run_lexgate({"check", empty});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("empty.yaml:4:12: error[profile.no_markets]") != std::string::npos);
  const std::string none = dir.write("none.yaml", "profile: 1\nproduct: { id: p }\n");
  auto n = run_lexgate({"check", none});
  CHECK(n.exit_code == 2);
  CHECK(n.err.find("none.yaml:1:1: error[profile.") != std::string::npos);
  CHECK(n.err.find("markets") != std::string::npos);
  const std::string bad =
      dir.write("bad.yaml", "profile: 1\nproduct: { id: p }\ndeployment: { markets: [ZZ-1234] }\n");
  auto b = run_lexgate({"check", bad});
  CHECK(b.exit_code == 2);
  CHECK(b.err.find("error[profile.jurisdiction]") != std::string::npos);
}

TEST_CASE("list --jurisdiction shows the regimes reaching a code through containment",
          "[verdict][coverage]") {
  auto it = run_lexgate({"list", "--jurisdiction", "IT", "--as-of", "2025-06-01"});
  CHECK(it.exit_code == 0);
  CHECK(it.out.find("eu.gdpr_transfers  [EU]") != std::string::npos);
  CHECK(it.out.find("eu.ai_act  [EU]") != std::string::npos);
  CHECK(it.out.find("it.garante_deepseek_2025  [IT]") != std::string::npos);
  // A government's own rules do not reach its subdivisions.
  auto nsw = run_lexgate({"list", "--jurisdiction", "AU-NSW", "--as-of", "2025-06-01"});
  CHECK(nsw.out.find("au.pspf_direction_001_2025") == std::string::npos);
}

TEST_CASE("an exemption nobody stated does not hold: the ban applies and says so",
          "[verdict][defeasible]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "gov.yaml",
      "profile: 1\nproduct:\n  id: agency\n  models:\n"
      "    - { name: deepseek-chat, provider: DeepSeek, hosting: provider-api }\n"
      "deployment: { markets: [AU], device_classes: [government] }\n");
  const json report = check_json(path, {"--as-of", "2025-03-01"});
  CHECK(report["verdict"] == "blocked");
  const json& f = report["markets"][0]["findings"][0];
  CHECK(f["rule"] == "au.pspf_direction_001_2025.deepseek_on_government_systems");
  CHECK(f["status"] == "violation");
  CHECK(f["missing"].empty());
  CHECK(f["unstated_exceptions"] == json::array({"compliance.au_exemption_approved",
                                                  "compliance.au_exemption_function"}));
  CHECK(f["message"].get<std::string>().find(
            "(no exemption stated: compliance.au_exemption_approved, "
            "compliance.au_exemption_function)") != std::string::npos);
  // A stated exemption still clears it.
  const std::string exempt = dir.write(
      "exempt.yaml",
      "profile: 1\nproduct:\n  id: agency\n  models:\n"
      "    - { name: deepseek-chat, provider: DeepSeek, hosting: provider-api }\n"
      "deployment: { markets: [AU], device_classes: [government] }\n"
      "compliance: { au_exemption_approved: true, au_exemption_function: national-security }\n");
  CHECK(check_json(exempt, {"--as-of", "2025-03-01"})["verdict"] == "clear");
}

TEST_CASE("an indeterminate finding says what is unknown", "[verdict][messages]") {
  scratch_dir dir;
  dir.write("rules/test.rules", kRules);
  const std::string path =
      dir.write("p.yaml", "profile: 1\nproduct: { id: p }\ndeployment: { markets: [CN] }\n");
  const json report = check_json(path, {"--rules", dir.path() + "/rules", "--as-of", "2025-01-01"});
  for (const auto& f : report["markets"][0]["findings"]) {
    CHECK(f["status"] == "indeterminate");
    CHECK(f["message"].get<std::string>().rfind("Undecided: the profile does not state compliance.",
                                                0) == 0);
  }
}

TEST_CASE("a profile contradicting an invariant gets a finding citing it", "[verdict][invariant]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "adequacy.yaml",
      "profile: 1\nproduct: { id: p }\ndeployment: { markets: [DE] }\n"
      "data:\n  personal_data: true\n  transfers:\n"
      "    - { from: DE, to: CN, mechanism: adequacy }\n");
  auto r = run_lexgate({"check", path, "--as-of", "2025-06-01", "--format", "json"});
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  CHECK(report["verdict"] == "blocked");
  bool cited = false;
  for (const auto& f : report["markets"][0]["findings"]) {
    if (f["rule"] != "eu.no_adequacy_decision_for_china") continue;
    cited = true;
    CHECK(f["status"] == "violation");
    CHECK(f["severity"] == "block");
    CHECK(f["cite"].get<std::string>().find("GDPR Art. 45") != std::string::npos);
  }
  CHECK(cited);
}

TEST_CASE("EU as a market judges each member state's own rules and names the state",
          "[verdict][eu]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "eu.yaml",
      "profile: 1\nproduct:\n  id: api\n  models:\n"
      "    - { name: deepseek-chat, provider: DeepSeek, provider_country: CN, hosting: "
      "provider-api }\n"
      "deployment: { markets: [EU] }\ndata: { personal_data: true, transfers: [] }\n");
  const json report = check_json(path, {"--as-of", "2025-06-01"});
  const json& eu = report["markets"][0];
  CHECK(eu["market"] == "EU");
  CHECK(eu["verdict"] == "blocked");
  CHECK(eu["coverage"]["member_states"].size() == 27);
  bool garante = false;
  for (const auto& f : eu["findings"]) {
    if (f["rule"] == "it.garante_deepseek_2025.limit_processing") {
      garante = true;
      CHECK(f["status"] == "violation");
      CHECK(f["member_state"] == "IT");
    }
  }
  CHECK(garante);
}

TEST_CASE("EEA states are no third countries for the GDPR transfer rule", "[verdict][eea]") {
  scratch_dir dir;
  auto transfer = [&](const std::string& from, const std::string& market, const std::string& to) {
    const std::string path = dir.write(
        "t.yaml", "profile: 1\nproduct: { id: p }\ndeployment: { markets: [" + market +
                      "] }\ndata:\n  personal_data: true\n  transfers:\n    - { from: " + from +
                      ", to: " + to + ", mechanism: none }\n");
    const json report = check_json(path, {"--as-of", "2025-06-01"});
    for (const auto& f : report["markets"][0]["findings"]) {
      if (f["rule"] == "eu.gdpr_transfers.transfer_without_mechanism") return f["status"];
    }
    return json("none");
  };
  for (const char* eea : {"NO", "IS", "LI", "FR"}) CHECK(transfer("DE", "DE", eea) == "none");
  CHECK(transfer("DE", "DE", "US") == "violation");
  CHECK(transfer("DE", "DE", "CN") == "violation");
  // From a member state of the `EU` market.
  CHECK(transfer("DE", "EU", "US") == "violation");
}

TEST_CASE("plan replaces a model instead of moving its provider to another country",
          "[verdict][plan]") {
  const std::string profile = "fixtures/profiles/plan-cn-tw-one-model.yaml";
  auto r = run_lexgate({"plan", profile, "--as-of", "2025-06-01", "--format", "json"});
  REQUIRE(r.exit_code == 1);
  const json plan = json::parse(r.out)["plan"];
  std::size_t countries = 0;
  for (const auto& d : plan["deployments"]) {
    std::vector<std::string> paths;
    for (const auto& c : d["changes"]) paths.push_back(c["path"]);
    for (const auto& path : paths) {
      const std::string suffix = ".provider_country";
      if (path.size() <= suffix.size() ||
          path.compare(path.size() - suffix.size(), suffix.size(), suffix) != 0) {
        continue;
      }
      ++countries;
      const std::string provider = path.substr(0, path.size() - suffix.size()) + ".provider";
      INFO(path);
      CHECK(std::find(paths.begin(), paths.end(), provider) != paths.end());
    }
  }
  CHECK(countries >= 1);
  auto text = run_lexgate({"plan", profile, "--as-of", "2025-06-01"});
  CHECK(text.out.find("replace the model at product.models[0] (now \"DeepSeek\", established in "
                      "\"CN\") with another provider's model") != std::string::npos);
}
