// docker compose interpolates `${VAR}` and `$VAR` in a compose file from the shell and the
// `.env` beside the file, not from the service's `environment:`; `$$VAR` is left for the
// container's shell, which takes it from the service's environment. What only the shell can
// set is unresolved, never guessed from the service.
#include <nlohmann/json.hpp>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

json derive(const std::string& path) {
  auto r = run_lexgate({"derive", path, "--format", "json"});
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json* unresolved_at(const json& derived, const std::string& text) {
  for (const auto& u : derived["unresolved"]) {
    if (u["text"] == text) return &u;
  }
  return nullptr;
}

// A service whose image does not serve models by itself: only its command names one.
constexpr const char* kCommandFromInterpolation = R"yaml(services:
  llm:
    image: example/runner
    environment:
      MODEL: meta-llama/Llama-3.1-8B-Instruct
    command: ["vllm", "serve", "${MODEL}"]
)yaml";

}  // namespace

TEST_CASE("compose interpolates a command's ${VAR} from the .env beside it, not the service") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", kCommandFromInterpolation);
  dir.write("app/.env", "# what compose interpolates\nMODEL=deepseek-ai/DeepSeek-R1\n");
  const json d = derive(compose);
  CHECK(derived_models(d) == std::vector<std::string>{"deepseek-ai/DeepSeek-R1"});
  const json* name = fact_at(d, "product.models[0].name");
  REQUIRE(name != nullptr);
  // The value's evidence is the `.env` line, and the command's token beside it.
  const std::string evidence = name->dump();
  CHECK(evidence.find(".env") != std::string::npos);
  CHECK(evidence.find("\"line\":2") != std::string::npos);
  CHECK(fact_at(d, "product.models[0].provider_country")->at("value") == "CN");
}

TEST_CASE("a compose ${VAR} that no .env sets is unresolved, not the service's variable") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", kCommandFromInterpolation);
  const json d = derive(compose);
  CHECK(derived_models(d).empty());
  const json* u = unresolved_at(d, "${MODEL}");
  REQUIRE(u != nullptr);
  CHECK(u->at("why").get<std::string>().find(
            "`MODEL` is set by the shell at `docker compose up`") != std::string::npos);
  CHECK(u->at("line") == 6);
}

TEST_CASE("check --artifacts: a model compose takes from .env is drift from the profile") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  dir.write("deploy/compose.yaml", kCommandFromInterpolation);
  dir.write("deploy/.env", "MODEL=deepseek-ai/DeepSeek-R1\n");
  auto r =
      run_lexgate({"check", profile, "--artifacts", dir.path() + "/deploy", "--format", "json"});
  REQUIRE(r.exit_code == 1);
  const json report = json::parse(r.out);
  bool undeclared_deepseek = false;
  for (const auto& d : report["drift"]) {
    if (d["kind"] == "undeclared" && d.dump().find("DeepSeek-R1") != std::string::npos) {
      undeclared_deepseek = true;
    }
  }
  CHECK(undeclared_deepseek);
}

TEST_CASE("$$VAR in a compose script is the container shell's, from the service's environment") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", R"yaml(services:
  llm:
    image: example/runner
    environment:
      MODEL: Qwen/Qwen2.5-7B-Instruct
    entrypoint: ["sh", "-c", "vllm serve $$MODEL --port 8000"]
)yaml");
  dir.write("app/.env", "MODEL=deepseek-ai/DeepSeek-R1\n");
  const json d = derive(compose);
  CHECK(derived_models(d) == std::vector<std::string>{"Qwen/Qwen2.5-7B-Instruct"});
  CHECK(unresolved_at(d, "$$MODEL") == nullptr);
}

TEST_CASE(
    "compose interpolation forms: defaults apply, required and alternative values are the "
    "shell's") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", R"yaml(services:
  a:
    image: example/runner
    command: ["vllm", "serve", "${A_MODEL:-Qwen/Qwen2.5-7B-Instruct}"]
  b:
    image: example/runner
    command: ["vllm", "serve", "${B_MODEL:?required}"]
  c:
    image: example/runner
    command: ["vllm", "serve", "${C_MODEL:+mistralai/Mistral-7B-Instruct-v0.3}"]
  d:
    image: example/runner
    command: ["vllm", "serve", "${D_MODEL:-meta-llama/Llama-3.1-8B-Instruct}"]
  e:
    image: example/runner
    command: ["vllm", "serve", "${E_MODEL!}"]
)yaml");
  // D_MODEL is set, so its default does not apply.
  dir.write("app/.env", "D_MODEL=deepseek-ai/DeepSeek-V3\n");
  const json d = derive(compose);
  CHECK(derived_models(d) ==
        std::vector<std::string>{"Qwen/Qwen2.5-7B-Instruct", "deepseek-ai/DeepSeek-V3"});
  CHECK(unresolved_at(d, "${B_MODEL:?required}") != nullptr);
  CHECK(unresolved_at(d, "${C_MODEL:+mistralai/Mistral-7B-Instruct-v0.3}") != nullptr);
  const json* bad = unresolved_at(d, "${E_MODEL!}");
  REQUIRE(bad != nullptr);
  CHECK(bad->at("why").get<std::string>().find("not an interpolation compose accepts") !=
        std::string::npos);
}

TEST_CASE("an environment value compose interpolates takes the .env's value and evidence") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", R"yaml(services:
  app:
    image: example/app
    environment:
      LLM_BASE_URL: https://${UPSTREAM_HOST}/v1
      LLM_MODEL: ${UPSTREAM_MODEL}
)yaml");
  dir.write("app/.env", "UPSTREAM_HOST=api.deepseek.com\nUPSTREAM_MODEL=deepseek-chat\n");
  const json d = derive(compose);
  CHECK(derived_models(d) == std::vector<std::string>{"deepseek-chat"});
  const json* name = fact_at(d, "product.models[0].name");
  REQUIRE(name != nullptr);
  CHECK(name->dump().find(".env") != std::string::npos);
  const json* hosting = fact_at(d, "product.models[0].hosting");
  REQUIRE(hosting != nullptr);
  CHECK(hosting->at("value") == "provider-api");
}

TEST_CASE("a compose variable that interpolates to nothing is unresolved, not \"no model\"") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", R"yaml(services:
  a:
    image: example/runner
    command: ["vllm", "serve", "${A_MODEL}"]
  b:
    image: example/runner
    command: ["vllm", "serve", "${B_MODEL:-}"]
)yaml");
  dir.write("app/.env", "A_MODEL=\n");
  const json d = derive(compose);
  CHECK(derived_models(d).empty());
  for (const char* text : {"${A_MODEL}", "${B_MODEL:-}"}) {
    const json* u = unresolved_at(d, text);
    REQUIRE(u != nullptr);
    CHECK(u->at("why").get<std::string>().find("empty unless the shell") != std::string::npos);
  }
}

TEST_CASE("a .env beside the compose file that cannot be read is named as the reason") {
  scratch_dir dir;
  const std::string compose = dir.write("app/compose.yaml", kCommandFromInterpolation);
  // A folder where the `.env` would be: there, but not a file compose could read either.
  dir.write("app/.env/keep", "MODEL=deepseek-ai/DeepSeek-R1\n");
  const json d = derive(compose);
  CHECK(derived_models(d).empty());
  const json* u = unresolved_at(d, "${MODEL}");
  REQUIRE(u != nullptr);
  const std::string why = u->at("why").get<std::string>();
  CHECK(why.find("or by the `.env` beside the compose file, which is not a regular file") !=
        std::string::npos);
  CHECK(why.find("does not set it") == std::string::npos);
}
