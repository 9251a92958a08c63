// Lists the JSON typer hands from one container to another whole: a list that changes length
// takes one of its new length that a container of its type gave up, possibly at another path
// (`list of jurisdiction` serves markets, storage entries and more), and records absent on one
// line get back the fields of another record of their type. Lines whose lists change length at
// random, with more lengths than the typer keeps lists for and lists longer than it keeps, are
// typed into one reused profile; each must equal the full typer's result.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "generator/profile_generator.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

namespace {

using json = nlohmann::ordered_json;

// A fixed sequence of numbers (a 64-bit linear congruential generator), so every run types the
// same lines.
class numbers {
 public:
  std::uint64_t below(std::uint64_t n) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return (state_ >> 33) % n;
  }

 private:
  std::uint64_t state_ = 42;
};

json codes(numbers& r, std::uint64_t count) {
  static const char* const known[] = {"CN", "IT", "DE", "FR", "US-NY", "SG", "JP", "KR", "IE", "AU"};
  json out = json::array();
  for (std::uint64_t i = 0; i < count; ++i) out.push_back(known[r.below(10)]);
  return out;
}

// A list length: mostly short ones, now and then one of the many lengths up to 14, and rarely
// longer than the typer keeps lists for.
std::uint64_t length(numbers& r, std::uint64_t least) {
  const std::uint64_t pick = r.below(100);
  if (pick < 3) return 65 + r.below(10);
  if (pick < 25) return least + r.below(15);
  return least + r.below(4);
}

json model(numbers& r) {
  static const char* const names[] = {"deepseek-v3", "qwen-2", "llama-3", "own-model"};
  static const char* const providers[] = {"DeepSeek", "Alibaba", "Meta", "Manus"};
  // A stated provider is the one the name belongs to: another would be an error
  // (`profile.entity_developer`), and this test types valid lines.
  const std::uint64_t which = r.below(4);
  json m = {{"name", names[which]}};
  if (r.below(3) != 0) m["provider"] = providers[which];
  if (r.below(4) == 0) m["operator"] = providers[r.below(4)];
  if (r.below(3) != 0) m["hosting"] = r.below(2) == 0 ? "provider-api" : "self-hosted";
  if (r.below(2) == 0) m["open_weights"] = r.below(2) == 0;
  return m;
}

std::vector<std::string> changing_lines() {
  numbers r;
  std::vector<std::string> lines;
  for (std::uint64_t i = 0; i < 400; ++i) {
    json p = lexgate::bench::generate_profile(3, i % 7);
    p["deployment"]["markets"] = codes(r, length(r, 1));
    json storage = json::object();
    const char* const keys[] = {"default", "IT", "CN", "US-NY"};
    for (std::uint64_t k = r.below(5); k-- > 0;) storage[keys[k]] = codes(r, length(r, 1));
    if (storage.empty()) {
      p["data"].erase("storage");
    } else {
      p["data"]["storage"] = storage;
    }
    json models = json::array();
    for (std::uint64_t k = length(r, 0); k-- > 0;) models.push_back(model(r));
    p["product"]["models"] = models;
    if (r.below(3) == 0) {
      p["product"].erase("vendor");
    } else {
      p["product"]["vendor"] = {{"name", r.below(2) == 0 ? "Manus" : "DeepSeek"}};
    }
    json transfers = json::array();
    for (std::uint64_t k = r.below(4); k-- > 0;) {
      transfers.push_back({{"from", "DE"}, {"to", codes(r, 1)[0]}, {"purpose", "other"}});
    }
    if (r.below(4) == 0) {
      p["data"].erase("transfers");
    } else {
      p["data"]["transfers"] = transfers;
    }
    lines.push_back(p.dump());
  }
  return lines;
}

}  // namespace

TEST_CASE("lists handed whole from one container to another give the full typer's profile",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  lexgate::profile& reused = typers.reused;
  const auto lines = changing_lines();
  std::size_t fast = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    const auto t = typers.compare(lines[i], number);
    if (!t.fast) continue;
    ++fast;
    INFO("line " << number << ": " << lines[i]);
    REQUIRE(reused.resolutions.size() == t.full->resolutions.size());
    for (std::size_t k = 0; k < reused.resolutions.size(); ++k) {
      CHECK(reused.resolutions[k].path == t.full->resolutions[k].path);
      CHECK(reused.resolutions[k].entity == t.full->resolutions[k].entity);
    }
  }
  CHECK(fast == lines.size());  // every line is valid, and was compared
}
