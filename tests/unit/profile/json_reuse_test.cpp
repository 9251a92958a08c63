// JSON lines typed into one reused profile while their shape changes from line to line: lists
// growing, shrinking and emptying, records and lists dropped and given again, map keys changing,
// and lines the full path types (or refuses) in between. Each line's typed profile must equal
// the full typer's: values, paths, positions and the diagnostics of the lines refused.
#include <nlohmann/json.hpp>

#include "generator/profile_generator.hpp"
#include "io/profile_reader.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

namespace {

using json = nlohmann::ordered_json;

json model(const char* name, const char* provider, const char* hosting) {
  return {{"name", name}, {"provider", provider}, {"hosting", hosting}, {"open_weights", false}};
}

// The lines, each a change of shape from the one before.
std::vector<std::string> shifting_lines() {
  const json base = lexgate::bench::generate_profile(5, 3);
  std::vector<std::string> lines;
  auto add = [&lines](const json& p) { lines.push_back(p.dump()); };

  json p = base;
  p["deployment"]["markets"] = {"CN", "IT", "US-NY"};
  p["data"]["storage"] = {{"default", {"IE"}}, {"IT", {"DE", "FR"}}};
  p["product"]["models"] = {model("deepseek-v3", "DeepSeek", "provider-api"),
                            model("llama-3", "Meta", "self-hosted")};
  add(p);
  // Shorter lists; the second model gone; a storage key replaced.
  p["deployment"]["markets"] = {"DE"};
  p["data"]["storage"] = {{"CN", {"CN"}}};
  p["product"]["models"] = {model("deepseek-r1", "DeepSeek", "provider-api")};
  add(p);
  // Empty lists, no vendor, no storage.
  p["deployment"]["markets"] = {"SG"};
  p["product"]["models"] = json::array();
  p["product"].erase("vendor");
  p["data"].erase("storage");
  p["product"]["capabilities"] = json::array();
  add(p);
  // Longer than ever: items come back from what the earlier lines gave up.
  p["deployment"]["markets"] = {"AU", "JP", "KR", "SG", "US-TX", "IT"};
  p["product"]["models"] = {model("qwen-2", "Alibaba", "provider-api"),
                            model("deepseek-v3", "DeepSeek", "self-hosted"),
                            model("llama-3", "Meta", "provider-api")};
  p["product"]["vendor"] = {{"name", "Manus"}, {"country", "SG"}};
  p["data"]["storage"] = {{"default", {"IE", "DE", "FR"}}, {"AU", {"AU"}}, {"JP", {"JP"}}};
  add(p);
  // A line the full path types (a number where a string is expected), then one it refuses.
  json converted = p;
  converted["product"]["name"] = 7;
  add(converted);
  json refused = p;
  refused["deployment"]["markts"] = {"AU"};
  add(refused);
  // The first shape again, after the reused profile was emptied.
  add(json::parse(lines.front()));
  // Null where a record and a list may be absent.
  p["product"]["vendor"] = nullptr;
  p["product"]["capabilities"] = nullptr;
  add(p);
  // A list longer than the typer keeps values for, emptied, then long again.
  p["product"]["capabilities"] = json::array();
  p["deployment"]["markets"] = json::array();
  for (int i = 0; i < 1500; ++i) p["deployment"]["markets"].push_back(i % 2 == 0 ? "CN" : "IT");
  add(p);
  p["deployment"]["markets"] = {"IT"};
  add(p);
  p["deployment"]["markets"] = json::array();
  for (int i = 0; i < 1200; ++i) p["deployment"]["markets"].push_back(i % 3 == 0 ? "DE" : "SG");
  add(p);
  // And every generated profile after, with shapes of their own.
  for (std::uint64_t i = 0; i < 60; ++i) add(lexgate::bench::generate_profile(5, 100 + i));
  return lines;
}

}  // namespace

TEST_CASE("JSON lines of changing shapes typed into one reused profile equal the full typer's",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  lexgate::profile& reused = typers.reused;
  std::size_t valid = 0;
  const auto lines = shifting_lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    const auto t = typers.compare(lines[i], number);
    if (!t.fast) continue;
    ++valid;
    INFO("line " << number << ": " << lines[i]);
    CHECK(reused.id == t.full->id);
    CHECK(reused.resolutions.size() == t.full->resolutions.size());
  }
  // Only the line with an unknown key is refused: every other shape was typed and compared.
  CHECK(valid == lines.size() - 1);
}
