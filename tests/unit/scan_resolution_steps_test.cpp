// A fleet scan loads its JSON lines without recording how company names resolved (no line names
// the steps): the values it judges, and the errors and warnings it reports, must be exactly those
// of a load that records every step, guesses included (a guessed name lends no country, and an
// operator defaulted from a guessed provider takes the provider's stated country).
#include <string>
#include <vector>

#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"

using namespace lexgate;

namespace {

std::string line_of(const std::string& vendor, const std::string& model,
                    const std::string& markets = R"(["CN", "IT"])") {
  return R"({"profile": 1, "product": {"id": "p", "vendor": )" + vendor + R"(, "models": [)" +
         model + R"(]}, "deployment": {"markets": )" + markets + "}}";
}

void same_value(const value& a, const value& b) {
  INFO(a.path << " / " << b.path);
  REQUIRE(a.k == b.k);
  CHECK(a.boolean == b.boolean);
  CHECK(a.integer == b.integer);
  CHECK(a.text == b.text);
  CHECK(a.path == b.path);
  CHECK(a.where.line == b.where.line);
  CHECK(a.where.column == b.where.column);
  CHECK(a.keys == b.keys);
  REQUIRE(a.items.size() == b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) same_value(a.items[i], b.items[i]);
}

}  // namespace

TEST_CASE("a load that does not record name resolution yields the same values and diagnostics",
          "[scan][jsonl][entities]") {
  diagnostic_bag lib_bag;
  const auto lib = load_standard_library(lib_bag);
  REQUIRE(lib);
  const schema& s = lib->profile_schema();
  const auto file = std::make_shared<const source_file>("fleet.jsonl", std::string());
  const std::vector<std::string> lines = {
      // A guessed provider with its country stated: the operator it defaults to takes it.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"x({"name": "m", "provider": "DeepSeek Research Lab (Hangzhou)",)x"
              R"( "provider_country": "CN", "hosting": "provider-api"})"),
      // A guessed provider without a country: none is lent, to it or to its operator.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"({"name": "m", "provider": "Zhipu Labs", "hosting": "provider-api"})"),
      // A known spelling: resolved, countries filled in from the registry.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"({"name": "m", "provider": "deepseek-ai", "hosting": "provider-api"})"),
      // The developer from the model's name, operated by a guessed vendor that hosts it.
      line_of(R"({"name": "Moonshot AI Singapore branch"})",
              R"({"name": "deepseek-r1", "hosting": "self-hosted"})"),
      // A stated country the registry contradicts: an error.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"({"name": "m", "provider": "DeepSeek", "provider_country": "US",)"
              R"( "hosting": "provider-api"})"),
      // A provider other than the model's developer: an error.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"({"name": "deepseek-r1", "provider": "Microsoft", "hosting": "provider-api"})"),
      // A stated operator, and a second model after a guessed one.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"({"name": "m", "provider": "Zhipu Labs", "hosting": "provider-api"},)"
              R"( {"name": "qwen-max", "operator": "Alibaba Cloud", "hosting": "cloud"})"),
      // The first line again, into a profile a failed load emptied.
      line_of(R"({"name": "Acme", "country": "US"})",
              R"x({"name": "m", "provider": "DeepSeek Research Lab (Hangzhou)",)x"
              R"( "provider_country": "CN", "hosting": "provider-api"})"),
  };
  json_profile_reader recording;
  json_profile_reader quiet;
  profile recorded;
  profile unrecorded;
  std::size_t steps = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO("line " << i + 1 << ": " << lines[i]);
    const auto at = static_cast<std::uint32_t>(i + 1);
    diagnostic_bag recorded_bag;
    diagnostic_bag unrecorded_bag;
    unrecorded.keep_resolutions = false;
    const bool a = recording.load_into(lines[i], at, file, s, recorded_bag, recorded);
    const bool b = quiet.load_into(lines[i], at, file, s, unrecorded_bag, unrecorded);
    CHECK(a == b);
    REQUIRE(recorded_bag.items().size() == unrecorded_bag.items().size());
    for (std::size_t d = 0; d < recorded_bag.items().size(); ++d) {
      const diagnostic& x = recorded_bag.items()[d];
      const diagnostic& y = unrecorded_bag.items()[d];
      CHECK(x.severity == y.severity);
      CHECK(x.code == y.code);
      CHECK(x.message == y.message);
      CHECK(x.pointer == y.pointer);
      CHECK(x.help == y.help);
    }
    if (!a || !b) continue;
    CHECK(recorded.id == unrecorded.id);
    same_value(recorded.root, unrecorded.root);
    // The recording load keeps an account of every step; the other keeps none it need not.
    CHECK(recorded.keep_resolutions);
    steps += recorded.resolutions.size();
    CHECK(unrecorded.resolutions.size() <= recorded.resolutions.size());
    for (const auto& step : unrecorded.resolutions) CHECK(step.how == match_kind::name_within);
  }
  CHECK(steps > lines.size());
}
