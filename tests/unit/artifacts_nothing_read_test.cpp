// `--artifacts` where no file is an artifact lexgate reads (HCL instead of a plan's JSON, a
// Dockerfile, an empty folder): what is deployed cannot be judged, so the gate fails with
// `artifacts.empty` (exit 2) instead of passing on the profile alone.
#include <string>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("check and scan refuse --artifacts that hold nothing lexgate reads") {
  scratch_dir dir;
  const std::string profile = dir.write("profile.yaml", kUsLlamaProfile);
  dir.write("infra/main.tf",
            "resource \"aws_bedrock_custom_model\" \"m\" {\n"
            "  base_model_identifier = \"deepseek.r1-v1:0\"\n}\n");
  dir.write("infra/Dockerfile",
            "FROM vllm/vllm-openai\nCMD [\"--model\", \"deepseek-ai/DeepSeek-R1\"]\n");
  const std::string infra = dir.path() + "/infra";

  const auto check = run_lexgate({"check", profile, "--artifacts", infra, "--as-of", "2026-11-30"});
  CHECK(check.exit_code == 2);
  CHECK(check.out.empty());
  CHECK(check.err.find("error[artifacts.empty]: no deployment artifact lexgate reads in `" + infra +
                       "` (ignored: ") != std::string::npos);
  CHECK(check.err.find("main.tf") != std::string::npos);
  CHECK(check.err.find("Terraform plan JSON (`terraform show -json`)") != std::string::npos);

  const auto scan = run_lexgate({"scan", profile, "--artifacts", infra, "--as-of", "2026-11-30"});
  CHECK(scan.exit_code == 2);
  CHECK(scan.err.find("error[artifacts.empty]") != std::string::npos);

  dir.write("nothing/.keep", "");
  const auto empty = run_lexgate(
      {"check", profile, "--artifacts", dir.path() + "/nothing", "--as-of", "2026-11-30"});
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("error[artifacts.empty]") != std::string::npos);

  // One artifact read among ignored files is enough to judge what is deployed.
  dir.write("infra/compose.yaml",
            "services:\n  llm:\n    image: vllm/vllm-openai:v0.6.6\n"
            "    command: [\"--model\", \"meta-llama/Llama-3.1-8B-Instruct\"]\n");
  const auto read = run_lexgate({"check", profile, "--artifacts", infra, "--as-of", "2026-11-30"});
  INFO(read.err);
  CHECK((read.exit_code == 0 || read.exit_code == 1));
  CHECK(read.err.find("artifacts.empty") == std::string::npos);
}
