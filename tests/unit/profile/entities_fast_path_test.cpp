// Company names on the JSON Lines fast path resolve as on the full path (layer: profile).
#include <memory>
#include <string>
#include <vector>

#include "io/profile_reader.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"

using namespace lexgate;
using namespace lexgate::testing;

TEST_CASE("JSON lines resolve names on the fast path as on the full path", "[entities][jsonl]") {
  diagnostic_bag library_bag;
  const auto lib = load_standard_library(library_bag);
  REQUIRE(lib);
  const auto file = std::make_shared<const source_file>("fleet.jsonl", "");
  json_profile_reader reader;
  profile reused;
  const std::vector<std::string> lines = {
      R"({"profile":1,"product":{"id":"a","vendor":{"name":"Acme"},"models":[{"name":"deepseek-ai/DeepSeek-R1","hosting":"provider-api"}]},"deployment":{"markets":["IT"]}})",
      R"({"profile":1,"product":{"id":"b","models":[{"name":"m","provider":"DeepSeek AI","operator":"Volcengine","hosting":"provider-api"}]},"deployment":{"markets":["IT"]}})",
      R"({"profile":1,"product":{"id":"c","vendor":{"name":"深度求索"},"models":[{"name":"m","provider":"Example","hosting":"self-hosted"}]},"deployment":{"markets":["IT"]}})"};
  for (std::size_t i = 0; i < lines.size(); ++i) {
    INFO(lines[i]);
    diagnostic_bag fast_bag;
    diagnostic_bag full_bag;
    REQUIRE(reader.load_into(lines[i], static_cast<std::uint32_t>(i + 1), file,
                             lib->profile_schema(), fast_bag, reused));
    const auto full = detail::load_json_profile_full(lines[i], static_cast<std::uint32_t>(i + 1),
                                                     file, lib->profile_schema(), full_bag);
    REQUIRE(full);
    CHECK(value_difference(reused.root, full->root).empty());
    REQUIRE(reused.resolutions.size() == full->resolutions.size());
    for (std::size_t k = 0; k < reused.resolutions.size(); ++k) {
      CHECK(reused.resolutions[k].path == full->resolutions[k].path);
      CHECK(reused.resolutions[k].entity == full->resolutions[k].entity);
    }
  }
}
