// docker-compose `env_file`: the named .env files are merged into the service's environment
// (`environment:` wins, later files override earlier ones), with evidence in the .env file;
// files missing, named by a variable or outside the artifact folder are unresolved.
#include <nlohmann/json.hpp>

#include <filesystem>

#include "support/catch.hpp"
#include "support/artifacts_fixture.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

bool unresolved_says(const json& derived, const std::string& text, const std::string& why) {
  for (const auto& u : derived["unresolved"]) {
    if (u["text"] == text && u["why"].get<std::string>().find(why) != std::string::npos) return true;
  }
  return false;
}

json derive(const std::string& path) {
  auto r = run_lexgate({"derive", path, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("a model given only in a compose env_file is found, located in the .env file") {
  scratch_dir dir;
  dir.write("app/docker-compose.yml", R"yaml(services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    env_file: config/model.env
)yaml");
  dir.write("app/config/model.env", "# the served model\nMODEL_ID=Qwen/Qwen2.5-7B-Instruct\n");
  for (const std::string& given : {dir.path() + "/app", dir.path() + "/app/docker-compose.yml"}) {
    CAPTURE(given);
    const json d = derive(given);
    const json* name = fact_at(d, "product.models[0].name");
    REQUIRE(name != nullptr);
    CHECK((*name)["value"] == "Qwen/Qwen2.5-7B-Instruct");
    const json& at = (*name)["evidence"][0];
    CHECK(at["file"] == dir.path() + "/app/config/model.env");
    CHECK(at["line"] == 2);
    CHECK(at["column"] == 10);
    CHECK(at["resource"] == "service/tgi");
    CHECK((*fact_at(d, "product.models[0].provider"))["value"] == "Alibaba");
  }
}

TEST_CASE("env_file lists and the long form merge, environment: wins, later files override") {
  scratch_dir dir;
  const std::string compose = dir.write("gw/compose.yaml", R"yaml(services:
  app:
    image: ghcr.io/example/chat-app:2.0
    env_file:
      - base.env
      - path: ./upstream.env
        required: true
    environment:
      LLM_MODEL: deepseek-reasoner
)yaml");
  dir.write("gw/base.env", "LLM_BASE_URL=http://llm.internal:8000/v1\nLLM_MODEL=llama3\n");
  dir.write("gw/upstream.env", "LLM_BASE_URL=https://api.deepseek.com/v1\nLLM_MODEL=deepseek-chat\n");
  const json d = derive(dir.path() + "/gw");
  // The env file's own model is overridden by `environment:`; the host comes from the later
  // env file; neither .env is read again on its own to claim what the service overrides.
  CHECK(derived_models(d) == std::vector<std::string>{"deepseek-reasoner"});
  const json* op = fact_at(d, "product.models[0].operator");
  REQUIRE(op != nullptr);
  CHECK((*op)["value"] == "DeepSeek");
  bool host_in_env_file = false;
  for (const auto& e : (*op)["evidence"]) {
    host_in_env_file = host_in_env_file || (e["file"] == dir.path() + "/gw/upstream.env" &&
                                            e["line"] == 1 && e["column"] == 22 &&
                                            e["text"] == "api.deepseek.com");
  }
  CHECK(host_in_env_file);
  CHECK(d["unresolved"].empty());

  // check --artifacts: the undeclared model's drift points into the compose file and the
  // env file, and fails the gate.
  const std::string profile = dir.write("profile.yaml", kUsNoModelProfile);
  auto r = run_lexgate({"check", profile, "--artifacts", dir.path() + "/gw", "--fail-on", "never"});
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("upstream.env:1:22") != std::string::npos);
  (void)compose;
}

TEST_CASE("a missing env_file is unresolved, required or not, and not a crash") {
  scratch_dir dir;
  const std::string compose = dir.write("docker-compose.yml", R"yaml(services:
  app:
    image: vllm/vllm-openai
    command: [--model, $MODEL]
    env_file:
      - path: missing.env
        required: false
      - gone.env
      - ${ENV_DIR}/x.env
      - { required: false }
  other:
    image: vllm/vllm-openai
    env_file: []
  third:
    image: vllm/vllm-openai
    env_file:
)yaml");
  const json d = derive(compose);
  CHECK(unresolved_says(d, "missing.env", "optional env_file `missing.env` is not among the artifacts"));
  CHECK(unresolved_says(d, "gone.env", "env_file `gone.env` is not among the artifacts"));
  CHECK(unresolved_says(d, "${ENV_DIR}/x.env", "is named by a variable"));
  CHECK(unresolved_says(d, "env_file", "without a `path`"));
  CHECK(unresolved_says(d, "$MODEL", "`MODEL` is set by the shell at `docker compose up`"));
  CHECK(d["facts"].empty());
}

TEST_CASE("an env_file outside the artifact folder, or a link leading out of it, is not read") {
  scratch_dir dir;
  dir.write("outside.env",
            "MODEL_ID=leaked/Secret-Model\nLLM_BASE_URL=https://leaked.example.com\nLLM_MODEL=leaked-model\n");
  dir.write("app/docker-compose.yml", R"yaml(services:
  tgi:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    env_file: ../outside.env
  tei:
    image: ghcr.io/huggingface/text-generation-inference:2.4.0
    env_file: [linked.env, /etc/hostname]
)yaml");
  std::filesystem::create_symlink(dir.path() + "/outside.env", dir.path() + "/app/linked.env");
  auto r = run_lexgate({"derive", dir.path() + "/app", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("leaked") == std::string::npos);
  const json d = json::parse(r.out);
  CHECK(unresolved_says(d, "../outside.env", "lies outside the artifact folder"));
  CHECK(unresolved_says(d, "linked.env", "lies outside the artifact folder"));
  CHECK(unresolved_says(d, "/etc/hostname", "lies outside the artifact folder"));
  CHECK(derived_models(d).empty());
  // The link itself, met while walking the folder, is not read on its own either.
  bool link_listed = false;
  for (const auto& u : d["unresolved"]) {
    link_listed = link_listed || (u["file"] == dir.path() + "/app/linked.env" &&
                                  u["why"].get<std::string>().find("leads out of the folder") !=
                                      std::string::npos);
  }
  CHECK(link_listed);
}
