// A Helm chart given unrendered: a model argument that is a template expression is not a
// model, and what the chart deploys depends on values lexgate does not see. Reading stops with
// `artifact.template` at the expression (exit 2), for `derive` and `check` alike.
#include <string>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("a model argument that is a template expression stops the reading at it") {
  scratch_dir dir;
  dir.write("chart/Chart.yaml", "apiVersion: v2\nname: llm\nversion: 0.1.0\n");
  dir.write("chart/values.yaml", "model: deepseek-ai/DeepSeek-R1\n");
  const std::string manifest =
      dir.write("chart/templates/deployment.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: llm }
spec:
  template:
    spec:
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          args: ["--model", "{{ .Values.model }}"]
)yaml");
  const std::string chart = dir.path() + "/chart";

  const auto derived = run_lexgate({"derive", chart});
  CHECK(derived.exit_code == 2);
  CHECK(derived.err.find("deployment.yaml:10:30: error[artifact.template]: `{{ .Values.model }}` "
                         "is a template expression, not a model") != std::string::npos);
  CHECK(derived.err.find("helm template") != std::string::npos);

  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  const auto checked =
      run_lexgate({"check", profile, "--artifacts", chart, "--as-of", "2026-11-30"});
  CHECK(checked.exit_code == 2);
  CHECK(checked.out.empty());
  CHECK(checked.err.find("error[artifact.template]") != std::string::npos);
}
