// Control characters in deployment artifacts: a value lexgate would report (a model id, an API
// address, a region, a resource name) that holds ESC, a line break or another control
// character is refused where it is read, with its file:line:col, as profiles refuse theirs:
// it never reaches a terminal, a CI annotation or a report.
#include <nlohmann/json.hpp>

#include "support/catch.hpp"
#include "support/artifacts_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

// Runs derive and check --artifacts on `file` and expects both to refuse it at `where`.
void expect_refused(const scratch_dir& dir, const std::string& name, const std::string& text,
                    const std::string& where) {
  CAPTURE(name, where);
  const std::string file = dir.write(name, text);
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  for (const auto& format : {"yaml", "json"}) {
    auto derive = run_lexgate({"derive", file, "--format", format});
    CHECK(derive.exit_code == 2);
    CHECK(derive.out.empty());
    CHECK(derive.err.find(file + ":" + where + ": error[artifact.control_character]") !=
          std::string::npos);
    // The diagnostic shows the line with the character escaped, never raw.
    CHECK(derive.err.find('\x1b') == std::string::npos);
    CHECK(derive.err.find("\n::error") == std::string::npos);
  }
  auto check = run_lexgate({"check", profile, "--artifacts", file, "--fail-on", "never"});
  CHECK(check.exit_code == 2);
  CHECK(check.out.empty());
  CHECK(check.err.find("error[artifact.control_character]") != std::string::npos);
  auto scan = run_lexgate({"scan", profile, "--artifacts", file, "--fail-on", "never"});
  CHECK(scan.exit_code == 2);
}

}  // namespace

TEST_CASE("an ESC in a .env value is refused at its position") {
  scratch_dir dir;
  expect_refused(dir, ".env",
                 "LLM_BASE_URL=https://api.deepseek.com\nLLM_MODEL=deepseek-chat\x1b]0;owned\x07\n",
                 "2:11");
}

TEST_CASE("a line break in a compose environment address is refused, not silently skipped") {
  scratch_dir dir;
  expect_refused(dir, "docker-compose.yml", R"yaml(services:
  app:
    image: ghcr.io/example/app
    environment:
      DEEPSEEK_BASE_URL: "https://api.deepseek.com\n::error file=x::forged"
)yaml",
                 "5:27");
}

TEST_CASE("Kubernetes: a control character in a model taken from $(MODEL_ID) or from args") {
  scratch_dir dir;
  expect_refused(dir, "vllm.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: vllm, namespace: ai }
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai
          args: ["--model", "$(MODEL_ID)"]
          env:
            - { name: MODEL_ID, value: "Qwen/Qwen3-8B\e]0;title\a" }
)yaml",
                 "12:41");
  expect_refused(dir, "args.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - { name: c, image: vllm/vllm-openai, args: ["--model", "Qwen/Qwen3-8B\r::error::x"] }
)yaml",
                 "6:62");
}

TEST_CASE("Kubernetes: an ESC in a ConfigMap value read through envFrom, in another file") {
  scratch_dir dir;
  dir.write("a/config.yaml", R"yaml(apiVersion: v1
kind: ConfigMap
metadata: { name: upstream, namespace: ai }
data:
  LLM_BASE_URL: "https://api.deepseek.com\e[2J"
)yaml");
  const std::string workload = dir.write("a/workload.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: app, namespace: ai }
spec:
  template:
    spec:
      containers:
        - { name: app, image: example/app, envFrom: [{ configMapRef: { name: upstream } }] }
)yaml");
  auto r = run_lexgate({"derive", dir.path() + "/a", "--format", "json"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  // Located in the ConfigMap's own file, not in the workload that reads it.
  CHECK(r.err.find(dir.path() + "/a/config.yaml:5:18: error[artifact.control_character]") !=
        std::string::npos);
}

TEST_CASE("a control character in a resource name or a Helm template name is refused") {
  scratch_dir dir;
  expect_refused(dir, "named.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata: { name: "p\e]8;;https://x\a" }
spec:
  containers:
    - { name: c, image: vllm/vllm-openai, args: [--model, Qwen/Qwen3-8B] }
)yaml",
                 "3:19");
  expect_refused(dir, "rendered.yaml",
                 "---\n# Source: chart/templates/x.yaml\x1b[31m\napiVersion: v1\nkind: Pod\n"
                 "metadata: { name: p }\nspec:\n  containers:\n"
                 "    - { name: c, image: vllm/vllm-openai, args: [--model, Qwen/Qwen3-8B] }\n",
                 "2:11");
}

TEST_CASE("LiteLLM: an api_base with a forged annotation line, also inside a ConfigMap") {
  scratch_dir dir;
  expect_refused(dir, "litellm.yaml", R"yaml(model_list:
  - model_name: chat
    litellm_params:
      model: openai/deepseek-ai/DeepSeek-V3
      api_base: "https://api.siliconflow.cn/v1\n::error file=x::forged"
)yaml",
                 "5:18");
  expect_refused(dir, "gateway.yaml", R"yaml(apiVersion: v1
kind: ConfigMap
metadata: { name: litellm, namespace: ai }
data:
  config.yaml: "model_list:\n  - model_name: chat\n    litellm_params:\n      model: \"deepseek/deepseek-chat\e]0;x\a\"\n"
)yaml",
                 "5:17");
  expect_refused(dir, "named-route.yaml", R"yaml(model_list:
  - model_name: "chat\e[8m"
    litellm_params: { model: deepseek/deepseek-chat }
)yaml",
                 "2:18");
}

TEST_CASE("Terraform: a control character in a location or a subdomain is refused") {
  scratch_dir dir;
  expect_refused(dir, "plan.json",
                 R"({"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[)"
                 R"({"address":"azurerm_cognitive_account.a","type":"azurerm_cognitive_account","values":{"location":"australiaeast\u001b]0;x\u0007","custom_subdomain_name":"a"}}]}}})",
                 "1:197");
  expect_refused(dir, "plan2.json",
                 R"({"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[)"
                 R"({"address":"azurerm_cognitive_account.a","type":"azurerm_cognitive_account","values":{"location":"australiaeast","custom_subdomain_name":"a\n::error::x"}},)"
                 R"({"address":"azurerm_cognitive_deployment.d","type":"azurerm_cognitive_deployment","values":{"model":[{"name":"gpt-4o"}],"sku":[{"name":"Standard"}]}}]}}})",
                 "1:237");
}

TEST_CASE("multi-line scripts and tabs are plain text, not refused") {
  scratch_dir dir;
  const std::string file = dir.write("job.yaml", "apiVersion: batch/v1\nkind: Job\n"
      "metadata: { name: j }\nspec:\n  template:\n    spec:\n      containers:\n"
      "        - name: c\n          image: vllm/vllm-openai\n          command: [sh, -c]\n"
      "          args:\n            - |\n              echo \"start\tnow\"\n"
      "              vllm serve Qwen/Qwen3-8B --port 8000\n");
  auto r = run_lexgate({"derive", file, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out)["facts"][0]["value"] == "Qwen/Qwen3-8B");
}
