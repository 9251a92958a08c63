// Positions in artifacts written on one line — what `terraform show -json` prints: every value
// is on line 1, so the column must point at the value itself, in derive's JSON and draft, in
// drift's text, SARIF and scan lines.
#include <nlohmann/json.hpp>

#include "support/catch.hpp"
#include "support/artifacts_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// A plan as `terraform show -json` writes it: one line, no spaces. The description before the
// values holds non-ASCII text, so a byte count and a character count differ.
const std::string kPlan =
    R"({"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[)"
    R"({"address":"azurerm_cognitive_account.oai","type":"azurerm_cognitive_account","values":{"custom_subdomain_name":"agency","kind":"OpenAI","location":"australiaeast","tags":{"note":"政府用"}}},)"
    R"({"address":"azurerm_cognitive_deployment.chat","type":"azurerm_cognitive_deployment","values":{"model":[{"format":"OpenAI","name":"gpt-4o","version":"2024-08-06"}],"sku":[{"name":"Standard"}]}},)"
    R"({"address":"aws_bedrockagent_agent.a","type":"aws_bedrockagent_agent","values":{"foundation_model":"arn:aws:bedrock:ap-southeast-2::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"}}]}}})"
    "\n";

// The 1-based column (in characters) of the first `needle` on line 1 of `text`.
std::uint32_t column_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  REQUIRE(at != std::string::npos);
  std::uint32_t column = 1;
  for (std::size_t i = 0; i < at; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

const json* fact(const json& derived, const std::string& path) {
  for (const auto& f : derived["facts"]) {
    if (f["path"] == path) return &f;
  }
  return nullptr;
}

const json* evidence_with(const json& evidence, const std::string& text) {
  for (const auto& e : evidence) {
    if (e["text"] == text) return &e;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a one-line Terraform plan's evidence is on line 1 at the value's own column") {
  scratch_dir dir;
  const std::string plan = dir.write("plan.json", kPlan);
  const std::uint32_t gpt = column_of(kPlan, "gpt-4o");
  const std::uint32_t region = column_of(kPlan, "australiaeast");
  const std::uint32_t claude = column_of(kPlan, "anthropic.claude");
  // The character columns after the non-ASCII tag are smaller than the byte offsets.
  CHECK(gpt < kPlan.find("gpt-4o") + 1);

  auto r = run_lexgate({"derive", plan, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json d = json::parse(r.out);
  const json* azure = nullptr;
  const json* bedrock = nullptr;
  for (int i = 0; i < 4; ++i) {
    const json* f = fact(d, "product.models[" + std::to_string(i) + "].name");
    if (f != nullptr && (*f)["value"] == "gpt-4o") azure = f;
    if (f != nullptr && (*f)["value"] == "anthropic.claude-3-5-sonnet-20240620-v1:0") bedrock = f;
  }
  REQUIRE(azure != nullptr);
  REQUIRE(bedrock != nullptr);
  const json* name = evidence_with((*azure)["evidence"], "gpt-4o");
  REQUIRE(name != nullptr);
  CHECK((*name)["line"] == 1);
  CHECK((*name)["column"] == gpt);
  const json* location = evidence_with((*azure)["evidence"], "australiaeast");
  REQUIRE(location != nullptr);
  CHECK((*location)["line"] == 1);
  CHECK((*location)["column"] == region);
  // A model inside an ARN: the column of the id within the string.
  const json& arn = (*bedrock)["evidence"][0];
  CHECK(arn["line"] == 1);
  CHECK(arn["column"] == claude);

  // The draft profile's comments name line and column.
  auto draft = run_lexgate({"derive", plan});
  REQUIRE(draft.exit_code == 0);
  CHECK(draft.out.find("name: \"gpt-4o\"  # " + plan + ":1:" + std::to_string(gpt)) !=
        std::string::npos);
}

TEST_CASE("drift from a one-line plan points at the value in text, SARIF and scan lines") {
  scratch_dir dir;
  const std::string plan = dir.write("plan.json", kPlan);
  const std::string profile = dir.write("profiles/p.yaml", kUsNoModelProfile);
  const std::string gpt = std::to_string(column_of(kPlan, "gpt-4o"));
  auto text = run_lexgate({"check", profile, "--artifacts", plan, "--fail-on", "never"});
  CHECK(text.exit_code == 1);
  CHECK(text.out.find("at " + plan + ":1:" + gpt + "  azurerm_cognitive_deployment.chat") !=
        std::string::npos);

  auto sarif = run_lexgate({"check", profile, "--artifacts", plan, "--fail-on", "never",
                            "--format", "sarif"});
  CHECK(sarif.exit_code == 1);
  const json log = json::parse(sarif.out);
  const json& run = log["runs"][0];
  CHECK(run["columnKind"] == "unicodeCodePoints");
  bool located = false;
  for (const auto& result : run["results"]) {
    if (result["ruleId"] != "lexgate.drift.undeclared") continue;
    for (const auto& l : result["locations"]) {
      const json& region = l["physicalLocation"]["region"];
      located = located || (l["physicalLocation"]["artifactLocation"]["uri"] == plan &&
                            region["startLine"] == 1 && region["startColumn"] == std::stoi(gpt));
    }
  }
  CHECK(located);

  auto scan = run_lexgate({"scan", dir.path() + "/profiles", "--artifacts", plan, "--fail-on",
                           "never"});
  CHECK(scan.exit_code == 1);
  const json line = json::parse(scan.out.substr(0, scan.out.find('\n')));
  bool scanned = false;
  for (const auto& d : line["drift"]) {
    scanned = scanned || (d["file"] == plan && d["line"] == 1 && d["column"] == std::stoi(gpt));
  }
  CHECK(scanned);
}
