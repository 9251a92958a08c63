// A model server's image whose arguments lexgate reads: llama.cpp's `-m` as the first argument
// (the image's entrypoint is the server), and a serving image whose model nothing read names,
// which is unresolved rather than taken to serve nothing.
#include <nlohmann/json.hpp>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

json derive(const std::string& path) {
  auto r = run_lexgate({"derive", path, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// `check` of the Australian-government Llama profile against `dir`/deploy fails the gate with
// `model` as undeclared drift.
bool undeclared_drift(const scratch_dir& dir, const std::string& model) {
  const std::string profile = dir.write("profile.yaml", kAuGovLlamaProfile);
  const auto r = run_lexgate({"check", profile, "--artifacts", dir.path() + "/deploy", "--as-of",
                              "2026-11-30", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  const json report = json::parse(r.out);
  for (const auto& item : report["drift"]) {
    if (item["kind"] == "undeclared" && item["observed"] == model) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("llama.cpp's image takes -m as its first argument, the drift gate sees the model") {
  scratch_dir dir;
  const std::string compose = dir.write("deploy/compose.yaml", R"yaml(services:
  llm:
    image: ghcr.io/ggerganov/llama.cpp:server
    command: -m /models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf --port 8080
)yaml");
  const json d = derive(compose);
  CHECK(derived_models(d) ==
        std::vector<std::string>{"/models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"});
  CHECK(d["unresolved"].empty());

  CHECK(undeclared_drift(dir, "/models/DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf"));
}

TEST_CASE("a serving image whose model nothing names is unresolved, once, at the image") {
  scratch_dir dir;
  const json bare = derive(dir.write("bare/compose.yaml", R"yaml(services:
  llm:
    image: ollama/ollama:0.5.7
)yaml"));
  CHECK(derived_models(bare).empty());
  REQUIRE(bare["unresolved"].size() == 1);
  const json& u = bare["unresolved"][0];
  CHECK(u["line"] == 3);
  CHECK(u["column"] == 12);
  CHECK(u["text"] == "ollama/ollama:0.5.7");
  CHECK(u["why"].get<std::string>().find("serves models, but no argument or variable") !=
        std::string::npos);

  // A model variable compose cannot interpolate is unresolved where it is written, and that
  // says enough: no second entry for the image.
  const json from_shell = derive(dir.write("shell/compose.yaml", R"yaml(services:
  llm:
    image: ghcr.io/huggingface/text-generation-inference:3.0
    environment:
      - MODEL_ID=${MODEL}
)yaml"));
  REQUIRE(from_shell["unresolved"].size() == 1);
  CHECK(from_shell["unresolved"][0]["line"] == 5);

  // An image that serves nothing by itself says nothing.
  const json plain = derive(dir.write("plain/compose.yaml", R"yaml(services:
  web:
    image: nginx:1.27
)yaml"));
  CHECK(plain["unresolved"].empty());
}

TEST_CASE("an NVIDIA NIM image names the model it serves, unless it is the multi-model one") {
  scratch_dir dir;
  const std::string manifest = dir.write("deploy/nim.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: nim }
spec:
  template:
    spec:
      containers:
        - name: nim
          image: nvcr.io/nim/deepseek-ai/deepseek-r1:1.7.3
)yaml");
  const json d = derive(manifest);
  CHECK(derived_models(d) == std::vector<std::string>{"deepseek-ai/deepseek-r1"});
  CHECK(d["unresolved"].empty());

  // The profile says Llama; the gate fails on the DeepSeek model the image runs.
  CHECK(undeclared_drift(dir, "deepseek-ai/deepseek-r1"));

  const std::string generic = dir.write("generic/nim.yaml", R"yaml(services:
  llm:
    image: nvcr.io/nim/nvidia/llm-nim:1.12
)yaml");
  const json g = derive(generic);
  CHECK(derived_models(g).empty());
  REQUIRE(g["unresolved"].size() == 1);
}
