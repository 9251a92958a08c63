// Jurisdiction codes the JSON typer remembers from one line to the next: two capital letters,
// and codes of four to eight bytes in a small table. Lines with more distinct codes than the
// table holds (declared codes, subdivisions no rule file lists, codes that are none, and codes
// a byte away from each other) are typed into one reused profile; each must equal the full
// typer's result, or be refused with the full typer's diagnostics.
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "generator/profile_generator.hpp"
#include "support/catch.hpp"
#include "support/profile_compare.hpp"
#include "unit/profile/typed_both_ways.hpp"

namespace {

using json = nlohmann::ordered_json;

// Valid and invalid codes of every length the table takes and those around it, many sharing
// their first or last four bytes.
std::vector<std::string> codes() {
  std::vector<std::string> out = {
      "US-NY", "US-NX", "UX-NY", "US-TX", "US-TY", "JP-13", "JP-99", "JP-1", "CA-ON", "CA-O",
      "CN-BJ", "CN-BJ1", "CN-BJX", "XX-NY", "US-N!", "US-ny", "us-NY", "US-NYCX", "US-NYCXY",
      "US-NYCXYZ", "GB-ENG", "GB-EN", "GB-ENGL", "FR-75C", "FR-75", "DE-BY", "DE-BYX", "EU",
      "IT", "ZZ", "USA", "US", "US-", "US--", "-US-", "ES-MD", "ES-M", "AU-NSW", "AU-NS",
      "AU-NSWX", "IN-MH", "KR-11", "TW-TPE", "TW-TP", "NL-NH", "CZ-10", "CZ-1", "BR-SP",
      "MX-CMX", "AE-DU", "SG-01", "SG-0"};
  // More subdivisions of one country than the table has entries, each next to a near miss.
  for (int i = 0; i < 40; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    out.push_back("JP-" + n);
    out.push_back("JQ-" + n);
  }
  return out;
}

std::vector<std::string> lines_with_codes() {
  json p = lexgate::bench::generate_profile(11, 3);
  const auto all = codes();
  std::vector<std::string> lines;
  for (std::size_t i = 0; i < all.size() * 3; ++i) {
    // A code as a market, as a storage key and place, and as a transfer's ends: the places the
    // typer checks codes, in an order that revisits each code after others replaced it.
    const std::string& code = all[(i * 7) % all.size()];
    const std::string& other = all[(i * 13 + 5) % all.size()];
    p["deployment"]["markets"] = json::array({"DE", code});
    p["data"]["storage"] = json::object({{"default", json::array({"US"})}, {other, json::array({code})}});
    p["data"]["transfers"] = json::array({{{"from", other}, {"to", code}, {"mechanism", "scc"}}});
    lines.push_back(p.dump());
  }
  return lines;
}

}  // namespace

TEST_CASE("jurisdiction codes the JSON typer remembers give the full typer's profile",
          "[profile][jsonl][fast]") {
  lexgate::testing::typer_pair typers;
  const auto lines = lines_with_codes();
  std::size_t refused = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    if (!typers.compare(lines[i], number).fast) ++refused;
  }
  // Both kinds occur: codes that are none are refused, the others typed.
  CHECK(refused > 0);
  CHECK(refused < lines.size());
}
