// What the JSON typer remembers from one line to the next besides values: dates it parsed, and
// the paths of list items by index. Lines with many dates (some impossible, some sharing the
// same bytes but one) and long lists are typed into one reused profile; each must equal the
// full typer's result, or be refused with the full typer's diagnostics.
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

json accelerator(const std::string& shipped) {
  return {{"model", "H100"}, {"eccn", "3A090"}, {"location", "IT"},
          {"export_license", true}, {"tpp", 15832}, {"shipped", shipped}};
}

std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::vector<std::string> lines_with_dates() {
  json p = lexgate::bench::generate_profile(5, 7);
  std::vector<std::string> lines;
  // Many different dates, more than a small table holds, so entries are replaced and codes that
  // share most of their bytes land where another date was.
  for (int i = 0; i < 300; ++i) {
    json accelerators = json::array();
    const int items = 1 + i % 13;  // up to 13 items: paths `[10]` to `[12]` too
    for (int k = 0; k < items; ++k) {
      const int month = 1 + (i + k) % 12;
      const int day = 1 + (i * 7 + k) % 28;
      accelerators.push_back(accelerator(std::to_string(2020 + i % 7) + "-" + two_digits(month) +
                                         "-" + two_digits(day)));
    }
    p["infrastructure"]["accelerators"] = accelerators;
    lines.push_back(p.dump());
    if (i % 50 == 0) {
      // An impossible day after the dates just typed, and one a byte away from a valid one.
      p["infrastructure"]["accelerators"] = json::array({accelerator("2025-02-30")});
      lines.push_back(p.dump());
      p["infrastructure"]["accelerators"] = json::array({accelerator("2025-02-2x")});
      lines.push_back(p.dump());
    }
  }
  // A long list: item paths with two and three digits.
  json markets = json::array();
  for (int i = 0; i < 150; ++i) markets.push_back(i % 2 == 0 ? "DE" : "US-NY");
  p["deployment"]["markets"] = markets;
  lines.push_back(p.dump());
  return lines;
}

}  // namespace

TEST_CASE("dates and list paths the JSON typer remembers give the full typer's profile",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  std::size_t refused = 0;
  const auto lines = lines_with_dates();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    if (!typers.compare(lines[i], number).fast) ++refused;
  }
  // The two lines with a date that is none, after every 50th: refused, the others typed.
  CHECK(refused == 2 * 6);
}
