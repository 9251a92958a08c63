// `lexgate derive --add-rules DIR`: an overlay's entity registry names companies that the
// derived facts resolve to, as it does for `check`.
#include <nlohmann/json.hpp>

#include "support/catch.hpp"
#include "support/library_fixture.hpp"

using namespace lexgate::testing;
using json = nlohmann::json;

namespace {

std::string fact_value(const json& derived, const std::string& path) {
  for (const auto& f : derived["facts"]) {
    if (f["path"] == path) return f["value"].get<std::string>();
  }
  return {};
}

}  // namespace

TEST_CASE("derive --add-rules resolves a model through an overlay's entity") {
  scratch_dir dir;
  const std::string chart = dir.write("chart.yaml", R"yaml(apiVersion: apps/v1
kind: Deployment
metadata: { name: m, namespace: ai }
spec:
  template:
    spec:
      containers:
        - { name: vllm, image: vllm/vllm-openai, args: [--model, nordlys-labs/Nordlys-7B] }
)yaml");
  dir.write("overlay/entities.rules", R"(entity nordlys {
  name         "Nordlys Labs"
  country      NO
  hugging_face "nordlys-labs"
  source       "the company's own model card"
}
)");
  // Without the overlay the organisation is unknown: no developer is derived.
  auto plain = run_lexgate({"derive", chart, "--format", "json"});
  REQUIRE(plain.exit_code == 0);
  const json before = json::parse(plain.out);
  CHECK(fact_value(before, "product.models[0].name") == "nordlys-labs/Nordlys-7B");
  CHECK(fact_value(before, "product.models[0].provider").empty());

  auto overlaid = run_lexgate({"derive", chart, "--add-rules", dir.path() + "/overlay",
                               "--format", "json"});
  REQUIRE(overlaid.exit_code == 0);
  const json after = json::parse(overlaid.out);
  CHECK(fact_value(after, "product.models[0].provider") == "Nordlys Labs");
  CHECK(fact_value(after, "product.models[0].provider_country") == "NO");

  // The draft profile says the same, and the option is documented like the other commands'.
  auto draft = run_lexgate({"derive", chart, "--add-rules", dir.path() + "/overlay"});
  CHECK(draft.exit_code == 0);
  CHECK(draft.out.find("provider: \"Nordlys Labs\"") != std::string::npos);
  auto help = run_lexgate({"derive", "--help"});
  CHECK(help.out.find("--add-rules") != std::string::npos);
}

TEST_CASE("derive --add-rules with a broken overlay is an error, not a draft") {
  scratch_dir dir;
  const std::string chart = dir.write("chart.yaml", "apiVersion: v1\nkind: Service\nmetadata: { name: s }\n");
  dir.write("overlay/bad.rules", "entity {\n");
  auto r = run_lexgate({"derive", chart, "--add-rules", dir.path() + "/overlay"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("bad.rules:") != std::string::npos);
}

TEST_CASE("derive --output refuses to overwrite an artifact it reads") {
  scratch_dir dir;
  const std::string chart = dir.write("chart.yaml", "apiVersion: v1\nkind: Service\nmetadata: { name: s }\n");
  auto r = run_lexgate({"derive", chart, "--output", chart});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("io.output_is_input") != std::string::npos);
}
