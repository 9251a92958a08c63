// A stated provider must be the developer a model's name identifies. `DeepSeek-R1` served by a
// US cloud and written `provider: Microsoft, provider_country: US` came out CLEAR on Australian
// and Taiwanese government devices: every rule on DeepSeek's products read it as a US model.
#include <nlohmann/json.hpp>

#include <string>

#include "support/catch.hpp"
#include "support/check_report.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;

namespace {

const char* const kAsOf = "2025-06-01";

// One model on Taiwan's government devices; `model` is the flow mapping's inside.
std::string government_profile(const std::string& model) {
  return "profile: 1\n"
         "product:\n"
         "  id: gov\n"
         "  vendor: { name: Acme, country: US }\n"
         "  models:\n"
         "    - { " +
         model +
         " }\n"
         "deployment:\n"
         "  markets: [TW]\n"
         "  audiences: [government]\n"
         "  device_classes: [government]\n";
}

}  // namespace

TEST_CASE("a provider other than the developer the model's name identifies is an error",
          "[entities][cli]") {
  scratch_dir dir;
  struct conflict {
    const char* model;
    const char* where;  // file:line:col of the provider
    const char* says;
  };
  for (const conflict& c :
       {conflict{"name: DeepSeek-R1, provider: Microsoft, provider_country: US, "
                 "hosting: provider-api",
                 "p.yaml:6:38", "names Microsoft, but `DeepSeek-R1` is a model of DeepSeek "
                                "(model family `deepseek-r1`)"},
        conflict{"name: deepseek-ai/DeepSeek-R1, provider: Together AI, provider_country: US",
                 "p.yaml:6:50",
                 "names `Together AI`, but `deepseek-ai/DeepSeek-R1` is a model of DeepSeek "
                 "(Hugging Face organisation `deepseek-ai`)"},
        conflict{"name: \"us.deepseek.r1-v1:0\", provider: Amazon, hosting: provider-api",
                 "p.yaml:6:48",
                 "names Amazon, but `us.deepseek.r1-v1:0` is a model of DeepSeek (model family "
                 "`deepseek.`)"}}) {
    INFO(c.model);
    const std::string path = dir.write("p.yaml", government_profile(c.model));
    const auto r = run_lexgate({"check", path, "--as-of", kAsOf});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());  // no report in place of the bad profile
    CHECK(r.err.find(std::string(c.where) + ": error[profile.entity_developer]: "
                     "`product.models[0].provider` " + c.says) != std::string::npos);
    CHECK(r.err.find("goes in `operator` (with `operator_country`)") != std::string::npos);
    CHECK(r.err.find("write `provider: DeepSeek`") != std::string::npos);
  }
}

TEST_CASE("the developer as provider and the cloud as operator is judged as DeepSeek's model",
          "[entities][cli]") {
  scratch_dir dir;
  const auto report = check_json(
      dir.write("azure.yaml",
                government_profile("name: DeepSeek-R1, provider: DeepSeek, operator: Microsoft, "
                                   "hosting: provider-api")),
      kAsOf);
  CHECK(market_verdicts(report).at("TW") == "blocked");
  // Written the same, the provider agrees with the name: nothing to say.
  const auto r = run_lexgate({"check", dir.write("same.yaml", government_profile(
                                                                   "name: deepseek-chat, "
                                                                   "provider: DeepSeek AI")),
                              "--as-of", kAsOf});
  CHECK(r.err.find("entity_developer") == std::string::npos);
}

TEST_CASE("a Bedrock model id without a provider resolves to its developer", "[entities][cli]") {
  scratch_dir dir;
  const auto report = check_json(
      dir.write("bedrock.yaml",
                government_profile("name: \"us.deepseek.r1-v1:0\", hosting: provider-api")),
      kAsOf);
  CHECK(market_verdicts(report).at("TW") == "blocked");
  bool resolved = false;
  for (const auto& n : report["names"]) {
    resolved = resolved || (n["path"] == "product.models[0].provider" &&
                            n["entity"] == "DeepSeek" && n["by"] == "model family");
  }
  CHECK(resolved);
}

TEST_CASE("a model name that only suggests its developer makes a different provider a warning",
          "[entities][cli]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "guess.yaml", government_profile("name: R1 from DeepSeek on Azure, provider: Microsoft"));
  const auto r = run_lexgate({"check", path, "--as-of", kAsOf});
  INFO(r.err);
  CHECK((r.exit_code == 0 || r.exit_code == 1));
  CHECK(r.err.find("guess.yaml:6:52: warning[profile.entity_developer]: "
                   "`product.models[0].provider` names Microsoft, but `R1 from DeepSeek on Azure` "
                   "may be a model of DeepSeek (the name holds `DeepSeek`)") !=
        std::string::npos);
  CHECK(r.err.find("or ignore this warning if the name misleads") != std::string::npos);
  // Without a provider, the guess names the developer, and the gate does not pass.
  const auto unstated = check_json(
      dir.write("unstated.yaml", government_profile("name: R1 from DeepSeek on Azure")), kAsOf);
  CHECK(market_verdicts(unstated).at("TW") != "clear");
}

TEST_CASE("a JSON line whose provider is not the model's developer is an error at its pointer",
          "[entities][cli][jsonl]") {
  scratch_dir dir;
  const std::string path = dir.write(
      "fleet.jsonl",
      "{\"profile\":1,\"product\":{\"id\":\"a\",\"models\":[{\"name\":\"DeepSeek-R1\","
      "\"provider\":\"Microsoft\",\"hosting\":\"provider-api\"}]},\"deployment\":{\"markets\":"
      "[\"TW\"],\"audiences\":[\"government\"],\"device_classes\":[\"government\"]}}\n");
  const auto r = run_lexgate({"scan", path, "--jsonl", "--as-of", kAsOf});
  CHECK(r.exit_code == 2);
  const auto line = nlohmann::json::parse(r.out);
  REQUIRE(line.contains("error"));
  CHECK(line["error"][0]["code"] == "profile.entity_developer");
  CHECK(line["error"][0]["pointer"] == "/product/models/0/provider");
}
