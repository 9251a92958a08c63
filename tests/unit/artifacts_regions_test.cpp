// Cloud regions placed in their countries: Alibaba Cloud's and Volcengine's `cn-` regions are in
// mainland China, except `cn-hongkong`, which is in Hong Kong (data stored there has left the
// mainland); a region lexgate does not list is unresolved, never guessed.
#include <nlohmann/json.hpp>

#include <string>

#include "support/artifacts_fixture.hpp"
#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string deployment_in(const std::string& region) {
  return R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: vllm, namespace: serving }
spec:
  template:
    spec:
      nodeSelector:
        topology.kubernetes.io/region: )yaml" +
         region + R"yaml(
      containers:
        - name: vllm
          image: vllm/vllm-openai:latest
          args: ["--model", "Qwen/Qwen2.5-7B-Instruct"]
)yaml";
}

json derive(const std::string& path) {
  auto r = run_lexgate({"derive", path, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

}  // namespace

TEST_CASE("cn-hongkong is in Hong Kong, other cn- regions in mainland China") {
  scratch_dir dir;
  for (const auto& [region, country] :
       {std::pair{"cn-hongkong", "HK"}, std::pair{"cn-hangzhou", "CN"},
        std::pair{"ap-east-1", "HK"}}) {
    INFO(region);
    const json d = derive(dir.write(std::string(region) + "/deploy.yaml", deployment_in(region)));
    const json* storage = fact_at(d, "data.storage.default");
    REQUIRE(storage != nullptr);
    CHECK(storage->at("value") == json::array({country}));
  }
  const json unknown = derive(dir.write("elsewhere/deploy.yaml", deployment_in("mars-north-1")));
  CHECK(fact_at(unknown, "data.storage.default") == nullptr);
  bool said = false;
  for (const auto& u : unknown["unresolved"]) {
    said = said || u["why"] == "region `mars-north-1` is not one lexgate can place in a country";
  }
  CHECK(said);
}
