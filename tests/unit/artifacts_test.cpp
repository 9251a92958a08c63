// Deployment artifact readers: what each kind of file is read for, with the positions users
// follow to the line, and clean errors for malformed or hostile input.
#include <algorithm>
#include <memory>

#include "lexgate/artifacts.hpp"
#include "support/catch.hpp"

using namespace lexgate;

namespace {

struct read_result {
  bool ok = false;
  artifact_set set;
  diagnostic_bag bag;
};

read_result read(const std::string& name, const std::string& text) {
  read_result r;
  r.ok = read_artifact(std::make_shared<source_file>(name, text), r.set, r.bag);
  return r;
}

std::vector<const observation*> of_kind(const artifact_set& s, observation_kind k) {
  std::vector<const observation*> out;
  for (const auto& o : s.observations) {
    if (o.kind == k) out.push_back(&o);
  }
  return out;
}

const observation* model(const artifact_set& s, const std::string& value) {
  for (const auto& o : s.observations) {
    if (o.kind == observation_kind::model && o.value == value) return &o;
  }
  return nullptr;
}

// The standard library, whose entity registry derivation resolves names through.
const library& standard() {
  static const library rules = [] {
    diagnostic_bag bag;
    return *load_standard_library(bag);
  }();
  return rules;
}

const derived_fact* fact(const derivation& d, const std::string& path) {
  for (const auto& f : d.facts) {
    if (f.path == path) return &f;
  }
  return nullptr;
}

const char* const kVllmFromEnv = R"yaml(---
# Source: llm/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: vllm
  namespace: serving
spec:
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: ap-southeast-2
        nvidia.com/gpu.product: NVIDIA-A100-SXM4-80GB
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          args: ["--model", "$(MODEL_ID)", "--port", "8000"]
          env:
            - name: MODEL_ID
              value: deepseek-ai/DeepSeek-R1-Distill-Qwen-14B
          resources:
            limits:
              nvidia.com/gpu: "4"
)yaml";

}  // namespace

TEST_CASE("a vLLM Deployment's model comes from $(MODEL_ID), located at the value and the token") {
  auto r = read("rendered.yaml", kVllmFromEnv);
  REQUIRE(r.ok);
  REQUIRE(r.set.files.size() == 1);
  CHECK(r.set.files[0].kind == artifact_kind::kubernetes);
  CHECK(r.set.files[0].resources == std::vector<std::string>{"Deployment/serving/vllm"});
  const observation* m = model(r.set, "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B");
  REQUIRE(m != nullptr);
  CHECK(m->hosting == "self-hosted");
  CHECK(m->at.where.line == 20);
  CHECK(m->at.where.column == 22);
  CHECK(m->at.resource == "Deployment/serving/vllm");
  CHECK(m->at.origin == "llm/templates/deployment.yaml");
  REQUIRE(m->related.size() == 1);
  CHECK(m->related[0].text == "$(MODEL_ID)");
  CHECK(m->related[0].where.line == 17);
  CHECK(m->related[0].where.column == 30);
  CHECK(r.set.unresolved.empty());

  const auto gpus = of_kind(r.set, observation_kind::accelerator);
  REQUIRE(gpus.size() == 1);
  CHECK(gpus[0]->value == "NVIDIA-A100-SXM4-80GB");
  CHECK(gpus[0]->count == 4);
  const derivation d = derive_facts(r.set, standard());
  REQUIRE(fact(d, "infrastructure.accelerators[0].location") != nullptr);
  CHECK(fact(d, "infrastructure.accelerators[0].location")->observed.text == "AU");
  REQUIRE(fact(d, "data.storage.default") != nullptr);
  REQUIRE(fact(d, "data.storage.default")->observed.items.size() == 1);
  CHECK(fact(d, "data.storage.default")->observed.items[0].text == "AU");
  REQUIRE(fact(d, "product.models[0].name") != nullptr);
  CHECK(fact(d, "product.models[0].name")->confidence == fact_confidence::exact);
  CHECK(fact(d, "product.models[0].hosting")->observed.text == "self-hosted");
}

TEST_CASE("`vllm serve X` inside a folded sh -c script is found at the token itself") {
  auto r = read("sts.yaml", R"yaml(apiVersion: apps/v1
kind: StatefulSet
metadata: { name: qwen }
spec:
  template:
    spec:
      containers:
        - name: server
          image: vllm/vllm-openai:v0.6.3
          command: ["/bin/sh", "-c"]
          args:
            - >
              pip install hf_transfer &&
              exec vllm serve Qwen/Qwen2.5-7B-Instruct
              --max-model-len 8192
)yaml");
  REQUIRE(r.ok);
  const observation* m = model(r.set, "Qwen/Qwen2.5-7B-Instruct");
  REQUIRE(m != nullptr);
  CHECK(m->at.where.line == 14);
  CHECK(m->at.where.column == 31);
  CHECK(m->at.resource == "StatefulSet/default/qwen");
}

TEST_CASE("command lines with --model=X, --model-path X and a local path, and an undefined $(VAR) left unresolved") {
  auto r = read("pods.yaml", R"yaml(apiVersion: v1
kind: Pod
metadata: { name: a }
spec:
  containers:
    - name: a
      image: lmsysorg/sglang:latest
      command: [python3, -m, sglang.launch_server, --model-path, /models/DeepSeek-V3]
    - name: b
      image: vllm/vllm-openai
      args: [--model=mistralai/Mistral-7B-Instruct-v0.3]
    - name: c
      image: vllm/vllm-openai
      args: [--model, $(UNDEFINED_MODEL)]
)yaml");
  REQUIRE(r.ok);
  const observation* local = model(r.set, "/models/DeepSeek-V3");
  REQUIRE(local != nullptr);
  CHECK(local->local_path);
  const observation* inline_model = model(r.set, "mistralai/Mistral-7B-Instruct-v0.3");
  REQUIRE(inline_model != nullptr);
  CHECK(inline_model->at.where.line == 11);
  CHECK(inline_model->at.where.column == 22);
  REQUIRE(r.set.unresolved.size() == 1);
  CHECK(r.set.unresolved[0].at.text == "$(UNDEFINED_MODEL)");
  CHECK(r.set.unresolved[0].at.where.line == 14);
}

TEST_CASE("a gateway calls DeepSeek's API through a ConfigMap (envFrom and valueFrom)") {
  auto r = read("gateway.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: gateway, namespace: app }
spec:
  template:
    spec:
      containers:
        - name: gateway
          image: example/gateway:1
          envFrom:
            - configMapRef: { name: upstream }
          env:
            - name: SUMMARY_MODEL
              valueFrom:
                configMapKeyRef: { name: models, key: summary }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: upstream, namespace: app }
data:
  DEEPSEEK_BASE_URL: https://api.deepseek.com/v1
---
apiVersion: v1
kind: ConfigMap
metadata: { name: models, namespace: app }
data:
  summary: deepseek-reasoner
)yaml");
  REQUIRE(r.ok);
  const auto hosts = of_kind(r.set, observation_kind::api_host);
  REQUIRE(hosts.size() == 1);
  CHECK(hosts[0]->value == "api.deepseek.com");
  CHECK(hosts[0]->at.where.line == 21);
  const observation* m = model(r.set, "deepseek-reasoner");
  REQUIRE(m != nullptr);
  CHECK(m->hosting == "provider-api");
  CHECK(m->api_host == "api.deepseek.com");
  CHECK(m->at.where.line == 27);
}

TEST_CASE("a ConfigMap the artifacts do not hold is unresolved, not an error") {
  auto r = read("d.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: d }
spec:
  template:
    spec:
      containers:
        - name: c
          image: x
          envFrom: [{ configMapRef: { name: elsewhere } }]
)yaml");
  REQUIRE(r.ok);
  REQUIRE(r.set.unresolved.size() == 1);
  CHECK(r.set.unresolved[0].why.find("elsewhere") != std::string::npos);
}

TEST_CASE("KServe's storageUri hf:// names the model, CronJob and affinity are read") {
  auto r = read("isvc.yaml", R"yaml(apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata: { name: llama, namespace: ml }
spec:
  predictor:
    model:
      modelFormat: { name: huggingface }
      storageUri: hf://meta-llama/Llama-3.1-8B-Instruct
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: nightly }
spec:
  jobTemplate:
    spec:
      template:
        spec:
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                  - matchExpressions:
                      - { key: topology.kubernetes.io/region, operator: In, values: [eu-central-1] }
          containers:
            - name: batch
              image: ollama/ollama
              command: [sh, -c, "ollama run qwen2.5:7b"]
)yaml");
  REQUIRE(r.ok);
  const observation* llama = model(r.set, "meta-llama/Llama-3.1-8B-Instruct");
  REQUIRE(llama != nullptr);
  CHECK(llama->at.where.line == 8);
  CHECK(llama->at.where.column == 24);
  CHECK(llama->at.resource == "InferenceService/ml/llama");
  REQUIRE(model(r.set, "qwen2.5:7b") != nullptr);
  const auto regions = of_kind(r.set, observation_kind::region);
  REQUIRE(regions.size() == 1);
  CHECK(regions[0]->value == "eu-central-1");
  const derivation d = derive_facts(r.set, standard());
  REQUIRE(fact(d, "data.storage.default") != nullptr);
  REQUIRE(fact(d, "data.storage.default")->observed.items.size() == 1);
  CHECK(fact(d, "data.storage.default")->observed.items[0].text == "DE");
}

TEST_CASE("LiteLLM routes DeepSeek and Qwen through SiliconFlow and GLM through Zhipu") {
  auto r = read("config.yaml", R"yaml(model_list:
  - model_name: deepseek-v3
    litellm_params:
      model: openai/deepseek-ai/DeepSeek-V3
      api_base: https://api.siliconflow.cn/v1
  - model_name: qwen
    litellm_params: { model: openai/Qwen/Qwen2.5-72B-Instruct, api_base: "https://api.siliconflow.cn/v1" }
  - model_name: glm
    litellm_params: { model: openai/glm-4-plus, api_base: "https://open.bigmodel.cn/api/paas/v4" }
  - model_name: ds
    litellm_params: { model: deepseek/deepseek-chat }
  - model_name: local
    litellm_params: { model: hosted_vllm/meta-llama/Llama-3.1-8B-Instruct, api_base: "http://vllm:8000/v1" }
  - model_name: secret
    litellm_params: { model: openai/gpt-4o, api_base: os.environ/OPENAI_BASE }
router_settings:
  fallbacks: [{ deepseek-v3: [glm] }]
)yaml");
  REQUIRE(r.ok);
  CHECK(r.set.files[0].kind == artifact_kind::litellm);
  const observation* ds = model(r.set, "deepseek-ai/DeepSeek-V3");
  REQUIRE(ds != nullptr);
  CHECK(ds->api_host == "api.siliconflow.cn");
  CHECK(ds->hosting == "provider-api");
  CHECK(ds->at.where.line == 4);
  CHECK(ds->at.where.column == 21);
  REQUIRE(model(r.set, "Qwen/Qwen2.5-72B-Instruct") != nullptr);
  CHECK(model(r.set, "Qwen/Qwen2.5-72B-Instruct")->api_host == "api.siliconflow.cn");
  REQUIRE(model(r.set, "glm-4-plus") != nullptr);
  CHECK(model(r.set, "glm-4-plus")->api_host == "open.bigmodel.cn");
  REQUIRE(model(r.set, "deepseek-chat") != nullptr);
  CHECK(model(r.set, "deepseek-chat")->api_host == "api.deepseek.com");
  REQUIRE(model(r.set, "meta-llama/Llama-3.1-8B-Instruct") != nullptr);
  CHECK(model(r.set, "meta-llama/Llama-3.1-8B-Instruct")->hosting == "self-hosted");
  REQUIRE(r.set.unresolved.size() == 1);
  CHECK(r.set.unresolved[0].why.find("OPENAI_BASE") != std::string::npos);
}

TEST_CASE("a LiteLLM config inside a ConfigMap is read, one that is not YAML is unresolved") {
  auto r = read("cm.yaml", R"yaml(apiVersion: v1
kind: ConfigMap
metadata: { name: litellm }
data:
  config.yaml: |
    model_list:
      - model_name: glm
        litellm_params:
          model: zai/glm-4.5
---
apiVersion: v1
kind: ConfigMap
metadata: { name: broken }
data:
  config.yaml: "model_list: [unclosed"
)yaml");
  REQUIRE(r.ok);
  const observation* glm = model(r.set, "glm-4.5");
  REQUIRE(glm != nullptr);
  CHECK(glm->api_host == "api.z.ai");
  CHECK(glm->at.where.line == 9);
  CHECK(glm->at.where.column == 22);
  CHECK(glm->at.resource.starts_with("ConfigMap/default/litellm"));
  REQUIRE(r.set.unresolved.size() == 1);
  CHECK(r.set.unresolved[0].why.find("not YAML") != std::string::npos);
  CHECK(r.set.unresolved[0].at.where.line == 15);
}

TEST_CASE("docker-compose: a TGI service's MODEL_ID, its GPUs, and an app calling an API") {
  auto r = read("docker-compose.yml", R"yaml(services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    command: --model-id ${MODEL:-Qwen/Qwen2.5-7B-Instruct}
    deploy:
      resources:
        reservations:
          devices:
            - { driver: nvidia, count: 2, capabilities: [gpu] }
  app:
    image: example/app
    environment:
      - OPENAI_BASE_URL=https://api.moonshot.ai/v1
      - OPENAI_MODEL=kimi-k2-0905-preview
)yaml");
  REQUIRE(r.ok);
  CHECK(r.set.files[0].kind == artifact_kind::compose);
  REQUIRE(model(r.set, "Qwen/Qwen2.5-7B-Instruct") != nullptr);
  const auto gpus = of_kind(r.set, observation_kind::accelerator);
  REQUIRE(gpus.size() == 1);
  CHECK(gpus[0]->count == 2);
  const observation* kimi = model(r.set, "kimi-k2-0905-preview");
  REQUIRE(kimi != nullptr);
  CHECK(kimi->api_host == "api.moonshot.ai");
  CHECK(kimi->at.where.line == 14);
  CHECK(kimi->at.where.column == 22);
}

TEST_CASE(".env: a base URL at api.deepseek.com and the model beside it") {
  auto r = read(".env", "# upstream\nexport LLM_BASE_URL=\"https://api.deepseek.com\"\nLLM_MODEL=deepseek-chat\n");
  REQUIRE(r.ok);
  CHECK(r.set.files[0].kind == artifact_kind::dotenv);
  const observation* m = model(r.set, "deepseek-chat");
  REQUIRE(m != nullptr);
  CHECK(m->api_host == "api.deepseek.com");
  CHECK(m->at.where.line == 3);
  CHECK(m->at.where.column == 11);
  REQUIRE(m->related.size() == 1);
  CHECK(m->related[0].where.line == 2);
  CHECK(m->related[0].where.column == 30);
}

TEST_CASE("a Terraform plan's Azure OpenAI deployment, its account's region and a Bedrock model") {
  auto r = read("plan.json", R"yaml({"format_version":"1.2","terraform_version":"1.9.5",
"planned_values":{"root_module":{"resources":[
 {"address":"azurerm_cognitive_account.ai","type":"azurerm_cognitive_account",
  "values":{"location":"swedencentral","custom_subdomain_name":"acme-ai","kind":"OpenAI"}},
 {"address":"azurerm_cognitive_deployment.chat","type":"azurerm_cognitive_deployment",
  "values":{"model":[{"format":"OpenAI","name":"gpt-4o"}],"sku":[{"name":"Standard"}]}},
 {"address":"aws_bedrockagent_agent.helper","type":"aws_bedrockagent_agent",
  "values":{"foundation_model":"arn:aws:bedrock:eu-west-3::foundation-model/mistral.mistral-large-2402-v1:0"}}
]}}})yaml");
  REQUIRE(r.ok);
  CHECK(r.set.files[0].kind == artifact_kind::terraform_plan);
  const observation* gpt = model(r.set, "gpt-4o");
  REQUIRE(gpt != nullptr);
  CHECK(gpt->api_host == "acme-ai.openai.azure.com");
  CHECK(gpt->region == "swedencentral");
  CHECK(gpt->at.where.line == 6);
  CHECK(gpt->at.resource == "azurerm_cognitive_deployment.chat");
  const observation* mistral = model(r.set, "mistral.mistral-large-2402-v1:0");
  REQUIRE(mistral != nullptr);
  CHECK(mistral->api_host == "bedrock-runtime.eu-west-3.amazonaws.com");
  const derivation d = derive_facts(r.set, standard());
  REQUIRE(fact(d, "data.storage.default") != nullptr);
  REQUIRE(fact(d, "data.storage.default")->observed.items.size() == 1);
  CHECK(fact(d, "data.storage.default")->observed.items[0].text == "SE");
}

TEST_CASE("a global Azure deployment's processing region is unresolved, not assumed") {
  auto r = read("plan.json", R"yaml({"format_version":"1.2","terraform_version":"1.9.5",
"planned_values":{"root_module":{"resources":[
 {"address":"azurerm_cognitive_account.ai","type":"azurerm_cognitive_account","values":{"location":"eastus"}},
 {"address":"azurerm_cognitive_deployment.chat","type":"azurerm_cognitive_deployment",
  "values":{"model":[{"name":"gpt-4o"}],"sku":[{"name":"GlobalStandard"}]}}]}}})yaml");
  REQUIRE(r.ok);
  REQUIRE(model(r.set, "gpt-4o") != nullptr);
  CHECK(model(r.set, "gpt-4o")->region.empty());
  REQUIRE(r.set.unresolved.size() == 1);
  CHECK(r.set.unresolved[0].why.find("GlobalStandard") != std::string::npos);
}

TEST_CASE("files of no known kind are ignored, never an error") {
  for (const auto& [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"README.md", "# not yaml: [\n"},
           {".github/workflows/ci.yaml", "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n"},
           {"values.json", "{\"replicaCount\": 2}"}}) {
    auto r = read(name, text);
    INFO(name);
    REQUIRE(r.ok);
    CHECK(r.set.files[0].kind == artifact_kind::ignored);
    CHECK(r.set.observations.empty());
  }
}

TEST_CASE("malformed and hostile artifacts are clean errors with their position") {
  SECTION("syntax") {
    auto r = read("bad.yaml", "apiVersion: v1\nkind: Pod\nspec: {containers: [\n");
    CHECK_FALSE(r.ok);
    REQUIRE(r.bag.has_errors());
    CHECK(r.bag.items()[0].code == "artifact.syntax");
    CHECK(r.bag.items()[0].where.line >= 3);
  }
  SECTION("alias bomb") {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (int i = 0; i < 8; ++i) {
      bomb += std::string(1, static_cast<char>('b' + i)) + ": &" +
              std::string(1, static_cast<char>('b' + i)) + " [";
      for (int k = 0; k < 10; ++k) bomb += std::string(k ? ", " : "") + "*" + std::string(1, static_cast<char>('a' + i));
      bomb += "]\n";
    }
    auto r = read("bomb.yaml", bomb);
    CHECK_FALSE(r.ok);
    REQUIRE(r.bag.has_errors());
    CHECK(r.bag.items()[0].code == "artifact.limit");
  }
  SECTION("deep flow nesting") {
    auto r = read("deep.yaml", std::string(100000, '[') + std::string(100000, ']'));
    CHECK_FALSE(r.ok);
    CHECK(r.bag.items()[0].code == "artifact.limit");
  }
  SECTION("invalid UTF-8") {
    auto r = read("bin.yaml", "kind: Pod\nname: \xff\xfe\n");
    CHECK_FALSE(r.ok);
    CHECK(r.bag.items()[0].code == "artifact.utf8");
    CHECK(r.bag.items()[0].where.line == 2);
  }
}

TEST_CASE("a rendered chart of 10,000 documents is read whole") {
  std::string chart;
  for (int i = 0; i < 10000; ++i) {
    chart += "---\n# Source: big/templates/svc.yaml\napiVersion: v1\nkind: Service\nmetadata:\n"
             "  name: svc-" + std::to_string(i) + "\nspec:\n  ports: [{ port: 80 }]\n";
  }
  chart += "---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: last }\nspec:\n"
           "  template:\n    spec:\n      containers:\n        - { name: m, image: vllm/vllm-openai,"
           " args: [--model, Qwen/QwQ-32B] }\n";
  auto r = read("big.yaml", chart);
  REQUIRE(r.ok);
  CHECK(r.set.files[0].resources.size() == 10001);
  const observation* m = model(r.set, "Qwen/QwQ-32B");
  REQUIRE(m != nullptr);
  CHECK(m->at.where.line == 80009);
}
