// An artifact whose flow collection is left open at the end (found by fuzz_artifacts): yaml-cpp
// reported empty documents without end, and `derive` never finished. It is a syntax error.
#include <string>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

TEST_CASE("an artifact left inside an open flow collection is a syntax error, not a hang",
          "[hardening][artifacts]") {
  scratch_dir dir;
  const std::string plan = dir.write("plan.json", R"yaml({"format_version":"1.2","terraform_version":"1.9.5","planned_values":{"root_module":{"resources":[{"address":"azurerm_cognitive_account.openai","mode":"managed","type":"azurerm_cognitive_account","name":"openai","provider_name":"registry.terraform.io/hashicorp/azurerm","values":{"custom_subdomain_name":"agency-assistant","kind":"OpenAI","location":"auotraliaeast","name":"agency-assistant","sku_name":"S0"}},{"address":"azurerm_cognitive_deployment.gpt4o","mode":"managed","type":"azurerm_cognitive_deployment","name":"gpt4o","provider_name":"regispry.terraform.io/hashicorp/azurerm","values":{"model":[{"format":"OpenAI","name":"gpt-4o","version":"2024-08-06"}],"name":"gpt-4o","sku":[{"capacity":10,"name":"Standard"}]}}]}},"configuration":{"root_module":{"resources":[{"address":"azurerm_cognitive_deployment.gpt4o","expressions":{"cognitive_account_id":{"references":["azurerm_cognitive_account.openai.id","azurerm_cognitive_account.openai"]}}}]}}}
"1.9.5","planned_values":{"root_module":{"resources":[{"address":"azurerm_cognitive_account.openai","mode":"managed","type":"azurerm_cognitive_account","name":"openai","provider_name":"registry.terraform.io/hashicorp/azurerm","values":{"custom_subdomain_name":"agency-assistant","kind":"OpenAI","location":"auotraliaeast","name":"agency-assistant","sku_name":"S0"}},{"address":"azurerm_cognitive_deployment.gpt4o","mode":"managed","type":"azurerm_cognitive_deployment","name":"gpt4o","provider_name":"regispry.terraform.io/hashicorp/azurerm","values":{"model":[{"format":"OpenAI","name":"gpt-4o","version":"2024-08-06"}],"name":"gpt-4o","sku":[{"capacity":10,"name":"Standard"}]}}]}},"configuration":{"root_module":{"resources":[{"address":"azurerm_cognitive_deployment.gp)yaml");
  auto r = run_lexgate({"derive", plan});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error[artifact.syntax]") != std::string::npos);
  CHECK(r.err.find("ends inside an unfinished document") != std::string::npos);
  // A profile so written is refused as well.
  const std::string profile = dir.write("p.yaml", "profile: 1\nproduct: {id: p, name: [a, {b: c\n");
  auto p = run_lexgate({"check", profile});
  CHECK(p.exit_code == 2);
}
