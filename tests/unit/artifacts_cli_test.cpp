// `lexgate derive` and `lexgate check|scan --artifacts` as a user runs them: the facts of the
// example artifacts, drift located in the chart, the drift gate, and errors.
#include <nlohmann/json.hpp>

#include <map>

#include "support/catch.hpp"
#include "support/artifacts_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// The index of the derived model named `name`, or -1.
int model_index(const json& derived, const std::string& name) {
  for (int i = 0; i < 64; ++i) {
    const json* f = fact_at(derived, "product.models[" + std::to_string(i) + "].name");
    if (f != nullptr && (*f)["value"] == name) return i;
  }
  return -1;
}

std::string field(const json& derived, int model, const std::string& name) {
  const json* f = fact_at(derived, "product.models[" + std::to_string(model) + "]." + name);
  return f == nullptr ? std::string() : (*f)["value"].get<std::string>();
}

const char* const kLlamaChart = R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: llama, namespace: ai }
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai
          args: [--model, meta-llama/Llama-3.1-8B-Instruct]
)yaml";

}  // namespace

TEST_CASE("derive finds every example artifact's models with file:line evidence") {
  auto r = run_lexgate({"derive", "fixtures/artifacts/chart", "fixtures/artifacts/gateway",
                        "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json d = json::parse(r.out);
  CHECK(d["schema_version"] == 1);
  std::map<std::string, std::string> kinds;
  for (const auto& a : d["artifacts"]) kinds[a["file"]] = a["kind"];
  CHECK(kinds["fixtures/artifacts/chart/rendered.yaml"] == "kubernetes");
  CHECK(kinds["fixtures/artifacts/gateway/litellm-config.yaml"] == "litellm");
  CHECK(kinds["fixtures/artifacts/gateway/docker-compose.yml"] == "compose");
  CHECK(kinds["fixtures/artifacts/gateway/.env"] == "dotenv");
  CHECK(kinds["fixtures/artifacts/gateway/terraform-plan.json"] == "terraform-plan");
  CHECK(kinds["fixtures/artifacts/gateway/README.md"] == "ignored");

  const int llama = model_index(d, "meta-llama/Llama-3.1-8B-Instruct");
  REQUIRE(llama >= 0);
  CHECK(field(d, llama, "hosting") == "self-hosted");
  const json& ev = (*fact_at(d, "product.models[" + std::to_string(llama) + "].name"))["evidence"];
  CHECK(ev[0]["file"] == "fixtures/artifacts/chart/rendered.yaml");
  CHECK(ev[0]["line"] == 54);
  CHECK(ev[0]["template"] == "assistant/templates/llama.yaml");
  CHECK(ev[1]["text"] == "$(MODEL_ID)");

  const int qwen = model_index(d, "Qwen/Qwen2.5-7B-Instruct");
  REQUIRE(qwen >= 0);
  CHECK((*fact_at(d, "product.models[" + std::to_string(qwen) + "].name"))["evidence"][0]["line"] == 90);
  for (const char* api : {"deepseek-ai/DeepSeek-V3", "Qwen/Qwen2.5-72B-Instruct", "glm-4-plus",
                          "deepseek-chat", "deepseek-reasoner", "gpt-4o"}) {
    INFO(api);
    const int i = model_index(d, api);
    REQUIRE(i >= 0);
    CHECK(field(d, i, "hosting") == "provider-api");
  }
  const int mistral = model_index(d, "mistralai/Mistral-7B-Instruct-v0.3");
  REQUIRE(mistral >= 0);
  CHECK(field(d, mistral, "hosting") == "self-hosted");

  // Developer and operator through the entity registry: the model names its developer, the API
  // host its operator (a self-hosted model's operator is the deployer, which no artifact names).
  struct expected {
    const char* model;
    const char* provider;
    const char* provider_country;
    const char* op;
    const char* operator_country;
  };
  for (const expected& e : {expected{"deepseek-reasoner", "DeepSeek", "CN", "DeepSeek", "CN"},
                            expected{"deepseek-ai/DeepSeek-V3", "DeepSeek", "CN", "SiliconFlow", "CN"},
                            expected{"Qwen/Qwen2.5-72B-Instruct", "Alibaba", "CN", "SiliconFlow", "CN"},
                            expected{"glm-4-plus", "Zhipu AI", "CN", "Zhipu AI", "CN"},
                            expected{"gpt-4o", "OpenAI", "US", "Microsoft", "US"},
                            expected{"mistralai/Mistral-7B-Instruct-v0.3", "Mistral AI", "FR", "", ""},
                            expected{"meta-llama/Llama-3.1-8B-Instruct", "Meta", "US", "", ""}}) {
    INFO(e.model);
    const int i = model_index(d, e.model);
    REQUIRE(i >= 0);
    CHECK(field(d, i, "provider") == e.provider);
    CHECK(field(d, i, "provider_country") == e.provider_country);
    CHECK(field(d, i, "operator") == e.op);
    CHECK(field(d, i, "operator_country") == e.operator_country);
    const json* provider = fact_at(d, "product.models[" + std::to_string(i) + "].provider");
    REQUIRE(provider != nullptr);
    CHECK((*provider)["confidence"] == "registry");
  }
  REQUIRE(fact_at(d, "data.storage.default") != nullptr);
  CHECK((*fact_at(d, "data.storage.default"))["value"] == json::array({"AU"}));
}

TEST_CASE("derive's default is a draft profile with each value's evidence in a comment") {
  auto r = run_lexgate({"derive", "fixtures/artifacts/chart"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("profile: 1\n") != std::string::npos);
  CHECK(r.out.find("- name: \"meta-llama/Llama-3.1-8B-Instruct\"  # "
                   "fixtures/artifacts/chart/rendered.yaml:54") != std::string::npos);
  CHECK(r.out.find("hosting: \"self-hosted\"") != std::string::npos);
}

TEST_CASE("a self-hosted Llama profile checked against a chart that also runs Qwen and calls "
          "DeepSeek is blocked, with drift at the chart's lines") {
  auto r = run_lexgate({"check", "fixtures/artifacts/profile-au-gov-llama.yaml", "--artifacts",
                        "fixtures/artifacts/chart", "--format", "json", "--as-of", "2026-11-29"});
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  // DeepSeek's API, reached through the chart's ConfigMap, is DeepSeek's web service on
  // Australian Government systems: the direction blocks it.
  CHECK(report["verdict"] == "blocked");
  bool pspf = false;
  for (const auto& f : report["markets"][0]["findings"]) {
    pspf = pspf || (f["rule"] == "au.pspf_direction_001_2025.deepseek_on_government_systems" &&
                    f["status"] == "violation");
  }
  CHECK(pspf);
  REQUIRE(report.contains("drift"));
  std::map<std::string, json> undeclared;
  for (const auto& d : report["drift"]) {
    if (d["kind"] == "undeclared") undeclared[d["observed"].dump()] = d;
  }
  REQUIRE(undeclared.count("\"Qwen/Qwen2.5-7B-Instruct\"") == 1);
  const json& qwen = undeclared["\"Qwen/Qwen2.5-7B-Instruct\""];
  CHECK(qwen["path"] == "product.models[1]");
  CHECK(qwen["evidence"][0]["file"] == "fixtures/artifacts/chart/rendered.yaml");
  CHECK(qwen["evidence"][0]["line"] == 90);
  CHECK(qwen["evidence"][0]["column"] == 31);
  REQUIRE(undeclared.count("\"deepseek-chat\"") == 1);
  const json& ds = undeclared["\"deepseek-chat\""];
  CHECK(ds["evidence"][0]["line"] == 10);
  CHECK(ds["evidence"][1]["text"] == "api.deepseek.com");

  // The same in SARIF: results located in the chart.
  auto sarif = run_lexgate({"check", "fixtures/artifacts/profile-au-gov-llama.yaml",
                            "--artifacts", "fixtures/artifacts/chart", "--format", "sarif",
                            "--as-of", "2026-11-29"});
  CHECK(sarif.exit_code == 1);
  bool located = false;
  const json log = json::parse(sarif.out);
  for (const auto& result : log["runs"][0]["results"]) {
    if (result["ruleId"] != "lexgate.drift.undeclared") continue;
    const auto& loc = result["locations"][0]["physicalLocation"];
    located = located || (loc["artifactLocation"]["uri"] ==
                               "fixtures/artifacts/chart/rendered.yaml" &&
                           loc["region"]["startLine"] == 90);
  }
  CHECK(located);
}

TEST_CASE("undeclared drift fails the gate under --drift fail, not under warn or ignore") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  const std::string chart = dir.write("chart/llama.yaml", kLlamaChart);
  // The profile's model is deployed: no drift.
  auto same = run_lexgate({"check", profile, "--artifacts", chart, "--fail-on", "never",
                           "--format", "json"});
  CHECK(same.exit_code == 0);
  CHECK(json::parse(same.out)["drift"].empty());

  dir.write("chart/qwen.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: qwen, namespace: ai }
spec:
  template:
    spec:
      containers:
        - { name: s, image: lmsysorg/sglang, command: [python3, -m, sglang.launch_server, --model-path, Qwen/Qwen3-8B] }
)yaml");
  const std::string folder = dir.path() + "/chart";
  auto failing = run_lexgate({"check", profile, "--artifacts", folder, "--fail-on", "never"});
  CHECK(failing.exit_code == 1);
  CHECK(failing.out.find("undeclared  product.models[1]") != std::string::npos);
  CHECK(failing.out.find("qwen.yaml:8:") != std::string::npos);
  auto warned = run_lexgate({"check", profile, "--artifacts", folder, "--fail-on", "never",
                             "--drift", "warn"});
  CHECK(warned.exit_code == 0);
  CHECK(warned.out.find("undeclared") != std::string::npos);
  auto ignored = run_lexgate({"check", profile, "--artifacts", folder, "--fail-on", "never",
                              "--drift", "ignore", "--format", "json"});
  CHECK(ignored.exit_code == 0);
  CHECK_FALSE(json::parse(ignored.out).contains("drift"));
  // Without --artifacts the report has no drift at all.
  auto plain = run_lexgate({"check", profile, "--fail-on", "never", "--format", "json"});
  CHECK_FALSE(json::parse(plain.out).contains("drift"));
}

TEST_CASE("a declared value the artifacts contradict is drift, and the observed one is judged") {
  scratch_dir dir;
  std::string text = kUsLlamaProfile;
  text.replace(text.find("self-hosted"), 11, "provider-api");
  const std::string profile = dir.write("profile.yaml", text);
  const std::string chart = dir.write("llama.yaml", kLlamaChart);
  auto r = run_lexgate({"check", profile, "--artifacts", chart, "--fail-on", "never",
                        "--format", "json"});
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  REQUIRE(report["drift"].size() == 1);
  const json& d = report["drift"][0];
  CHECK(d["kind"] == "contradicts");
  CHECK(d["path"] == "product.models[0].hosting");
  CHECK(d["declared"] == "provider-api");
  CHECK(d["observed"] == "self-hosted");
  CHECK(d["profile"]["line"] == 5);
  CHECK(d["evidence"][0]["line"] == 10);
}

TEST_CASE("a declared model no artifact deploys is unobserved: a warning") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  const std::string empty = dir.write("svc.yaml", "apiVersion: v1\nkind: Service\nmetadata: { name: s }\n");
  auto r = run_lexgate({"check", profile, "--artifacts", empty, "--fail-on", "never",
                        "--format", "json"});
  CHECK(r.exit_code == 0);
  const json report = json::parse(r.out);
  REQUIRE(report["drift"].size() == 1);
  CHECK(report["drift"][0]["kind"] == "unobserved");
  CHECK(report["drift"][0]["profile"]["line"] == 5);
}

TEST_CASE("drift shows in markdown and JUnit too") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  const std::string chart = dir.write("chart.yaml", std::string(kLlamaChart) +
      "---\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n"
      "    - { name: c, image: ollama/ollama, command: [ollama, run, qwen3:8b] }\n");
  auto md = run_lexgate({"check", profile, "--artifacts", chart, "--fail-on", "never",
                         "--format", "markdown"});
  CHECK(md.exit_code == 1);
  CHECK(md.out.find("### Drift") != std::string::npos);
  auto junit = run_lexgate({"check", profile, "--artifacts", chart, "--fail-on", "never",
                            "--format", "junit"});
  CHECK(junit.exit_code == 1);
  CHECK(junit.out.find("type=\"drift-undeclared\"") != std::string::npos);
}

TEST_CASE("a malformed artifact fails closed with its position") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  const std::string bad = dir.write("bad.yaml", "apiVersion: v1\nkind: Pod\nspec: {containers: [\n");
  auto r = run_lexgate({"check", profile, "--artifacts", bad});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.yaml:") != std::string::npos);
  CHECK(r.err.find("error[artifact.syntax]") != std::string::npos);
  CHECK(r.out.empty());
  auto derive = run_lexgate({"derive", bad});
  CHECK(derive.exit_code == 2);
  auto missing = run_lexgate({"derive", dir.path() + "/nothing.yaml"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("io.read") != std::string::npos);
}

TEST_CASE("scan --artifacts judges every profile with the artifacts and lists the drift") {
  scratch_dir dir;
  dir.write("profiles/a.yaml", kUsLlamaProfile);
  const std::string chart = dir.write("chart.yaml", std::string(kLlamaChart) +
      "---\napiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers:\n"
      "    - { name: c, image: ollama/ollama, command: [ollama, run, qwen3:8b] }\n");
  auto r = run_lexgate({"scan", dir.path() + "/profiles", "--artifacts", chart, "--fail-on",
                        "never"});
  CHECK(r.exit_code == 1);
  const json line = json::parse(r.out.substr(0, r.out.find('\n')));
  REQUIRE(line.contains("drift"));
  CHECK(line["drift"][0]["kind"] == "undeclared");
  CHECK(line["drift"][0]["line"] == 17);
}
