// Odd but legal artifacts: merge keys, variables that refer to variables (and to themselves),
// references inside a value, lists where maps belong, empty documents, a ConfigMap reference
// without a name, an env_file that is a FIFO. None may crash, and none may pass falsely (a
// model taken literally as `$(B)`, or missed because it came through `<<: *defaults`).
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string why_of(const json& derived, const std::string& text) {
  for (const auto& u : derived["unresolved"]) {
    if (u["text"] == text) return u["why"];
  }
  return {};
}

json derive_ok(const std::string& path) {
  auto r = run_lexgate({"derive", path, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("compose merge keys: a model given through `<<: *defaults` is found") {
  scratch_dir dir;
  const std::string compose = dir.write("docker-compose.yml", R"yaml(x-env: &env
  MODEL_ID: Qwen/Qwen2.5-7B-Instruct
x-upstream: &upstream
  LLM_MODEL: merged-model
  LLM_BASE_URL: https://api.deepseek.com
x-tgi: &tgi
  image: ghcr.io/huggingface/text-generation-inference:2.4.0
services:
  tgi:
    <<: *tgi
    environment:
      <<: *env
  app:
    image: example/app
    environment:
      <<: [*upstream]
      LLM_MODEL: deepseek-chat
)yaml");
  const json d = derive_ok(compose);
  const auto names = derived_models(d);
  CHECK(std::find(names.begin(), names.end(), "Qwen/Qwen2.5-7B-Instruct") != names.end());
  // The service's own key wins over the merged one.
  CHECK(std::find(names.begin(), names.end(), "deepseek-chat") != names.end());
  CHECK(std::find(names.begin(), names.end(), "merged-model") == names.end());
}

TEST_CASE("$(VAR) that refers to variables is followed, a cycle or an undefined one is unresolved") {
  scratch_dir dir;
  const std::string pod = dir.write("pod.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata: { name: p }
spec:
  containers:
    - name: vllm
      image: vllm/vllm-openai
      args: ["--model", "$(A)", "--model=$(ORG)/Llama-3.1-8B-Instruct"]
      env:
        - { name: A, value: "$(B)" }
        - { name: B, value: "$(A)" }
        - { name: ORG, value: meta-llama }
    - name: tgi
      image: ghcr.io/huggingface/text-generation-inference:2.4.0
      env:
        - { name: ORG, value: Qwen }
        - { name: MODEL_ID, value: "$(ORG)/Qwen3-8B" }
    - name: app
      image: example/app
      command: [sh, -c, "vllm serve $1"]
      env:
        - { name: HOST, value: api.deepseek.com }
        - { name: LLM_BASE_URL, value: "https://$(HOST)/v1" }
        - { name: LLM_MODEL, value: "$(UNDEFINED)" }
)yaml");
  const json d = derive_ok(pod);
  const auto names = derived_models(d);
  CHECK(names == std::vector<std::string>{"meta-llama/Llama-3.1-8B-Instruct", "Qwen/Qwen3-8B"});
  CHECK(why_of(d, "$(A)").find("refers back to itself") != std::string::npos);
  CHECK(why_of(d, "$(UNDEFINED)") == "`UNDEFINED` in `LLM_MODEL` is not defined in the environment");
  CHECK(why_of(d, "$1").find("argument of the script") != std::string::npos);
  // The address built from $(HOST) is DeepSeek's API, an operator with no model named.
  bool deepseek = false;
  for (const auto& f : d["facts"]) deepseek = deepseek || f["value"] == "DeepSeek";
  CHECK(deepseek);
}

TEST_CASE("lists where maps belong, scalars, empty documents and a nameless ConfigMap reference") {
  scratch_dir dir;
  const std::string odd = dir.write("odd.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata: []
spec:
  containers: {a: b}
---
---
apiVersion: apps/v1
kind: Deployment
metadata: "x"
spec:
  template:
    spec:
      containers:
        - name: c
          image: vllm/vllm-openai
          args: "--model Qwen/Qwen3-8B"
          env: {MODEL_ID: x}
          resources: {limits: [1, 2]}
          envFrom: [{configMapRef: {name: [x]}}, {configMapRef: "y"}, 5]
        - 7
        - [a]
        - name: d
          image: vllm/vllm-openai
          env:
            - name: MODEL_ID
              valueFrom: { configMapKeyRef: { key: model } }
---
- 1
---
just a string
---
apiVersion: v1
kind: List
items: {a: 1}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cm}
data: [1, 2]
---
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: {name: i}
spec:
  predictor:
    model: {storageUri: [x]}
    containers: {a: 1}
)yaml");
  const json d = derive_ok(odd);
  CHECK(derived_models(d) == std::vector<std::string>{"Qwen/Qwen3-8B"});
  CHECK(why_of(d, "configMapKeyRef").find("key `model`") != std::string::npos);
}

TEST_CASE("an env_file that is a FIFO is not read (it would block), only reported") {
  scratch_dir dir;
  const std::string compose = dir.write("docker-compose.yml", R"yaml(services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    env_file: pipe.env
)yaml");
  REQUIRE(::mkfifo((dir.path() + "/pipe.env").c_str(), 0600) == 0);
  const json d = derive_ok(compose);
  CHECK(why_of(d, "pipe.env").find("is not a regular file") != std::string::npos);
}

TEST_CASE("a LiteLLM config in a ConfigMap that shares its params through a merge key") {
  scratch_dir dir;
  const std::string cm = dir.write("gateway.yaml", R"yaml(apiVersion: v1
kind: ConfigMap
metadata: { name: litellm, namespace: ai }
data:
  config.yaml: |
    x-base: &base
      api_base: https://api.siliconflow.cn/v1
    model_list:
      - model_name: chat
        litellm_params:
          <<: *base
          model: openai/deepseek-ai/DeepSeek-V3
)yaml");
  const json d = derive_ok(cm);
  CHECK(derived_models(d) == std::vector<std::string>{"deepseek-ai/DeepSeek-V3"});
  bool siliconflow = false;
  for (const auto& f : d["facts"]) {
    for (const auto& e : f["evidence"]) siliconflow = siliconflow || e["text"] == "api.siliconflow.cn";
  }
  CHECK(siliconflow);
}

TEST_CASE("a file whose name holds a control character fails the read, named safely") {
  scratch_dir dir;
  dir.write("chart/a\x1b]0;x\x07.yaml", "apiVersion: v1\nkind: Service\nmetadata: { name: s }\n");
  auto r = run_lexgate({"derive", dir.path() + "/chart"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("error[artifact.control_character]") != std::string::npos);
  CHECK(r.err.find('\x1b') == std::string::npos);
}

TEST_CASE("a compose model variable with no value comes from the shell: unresolved") {
  scratch_dir dir;
  const std::string compose = dir.write("docker-compose.yml", R"yaml(services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    environment: [MODEL_ID, PORT]
  app:
    image: example/app
    environment:
      LLM_BASE_URL:
)yaml");
  const json d = derive_ok(compose);
  CHECK(d["facts"].empty());
  CHECK(why_of(d, "MODEL_ID").find("from the shell") != std::string::npos);
  CHECK(why_of(d, "LLM_BASE_URL").find("from the shell") != std::string::npos);
  CHECK(why_of(d, "PORT").empty());
}
