// Strings the JSON typer finds printable at once (eight bytes at a time, sixteen with SSE2) must
// be exactly those the full typer accepts: a control character, DEL, a C1 control or a line
// separator at any position of a string of any length around those blocks is refused with the
// full typer's diagnostics, and printable UTF-8 there is typed as the full typer types it.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "generator/profile_generator.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

TEST_CASE("strings the JSON typer tests a block at a time give the full typer's result",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  nlohmann::ordered_json p = lexgate::bench::generate_profile(3, 9);
  const std::vector<std::string> characters = {
      "\x01", "\x1f", "\t", "\n", "\x7f", "\xc3\xa9" /* é */, "\xc2\x85" /* U+0085 */,
      "\xe2\x80\xa8" /* U+2028 */, "~", " "};
  std::uint32_t number = 0;
  std::size_t refused = 0;
  std::size_t typed = 0;
  for (const std::size_t length : {1u, 4u, 7u, 8u, 9u, 15u, 16u, 17u, 24u, 31u, 32u, 33u, 40u}) {
    for (const auto& character : characters) {
      for (std::size_t at = 0; at < length; ++at) {
        std::string text(length, 'n');
        text.replace(at, 1, character);
        p["product"]["name"] = text;
        const std::string line = p.dump();
        const auto t = typers.type(line, ++number);
        INFO("line " << number << ": " << line);
        REQUIRE(t.fast == t.full.has_value());
        CHECK(t.fast_diagnostics == t.full_diagnostics);
        if (!t.fast) {
          ++refused;
          continue;
        }
        ++typed;
        CHECK(lexgate::testing::value_difference(typers.reused.root, t.full->root).empty());
      }
    }
  }
  CHECK(refused > 0);
  CHECK(typed > 0);
}
