// The member states of each union, listed in the market index when the program is compiled
// (compile/market_index.hpp), travel in the program's bytes; the reader refuses a list that
// names no jurisdiction of the table, as it refuses a regime index out of range.
#include <cstdint>
#include <cstring>
#include <string>

#include "compile/program_codec.hpp"
#include "embedded_program.hpp"
#include "embedded_rules.hpp"
#include "support/catch.hpp"

using lexgate::detail::decode_program;

TEST_CASE("a union's member states are read back, and out-of-table ones refused", "[codec]") {
  const std::string digest(lexgate::detail::embedded_rules_digest());
  const auto decoded = decode_program(lexgate::detail::embedded_standard_program(), digest);
  REQUIRE(decoded);
  const auto& table = decoded->schema.jurisdictions;
  const auto eu = table.index_of("EU");
  REQUIRE(eu);
  const auto& members = decoded->markets.members_of[*eu];
  REQUIRE(!members.empty());
  for (const auto m : members) CHECK(table.covers("EU", table.code(m)));
  CHECK(decoded->markets.members_of[*table.index_of("US")].empty());  // US-TX is no state

  // The bytes end with the member states, all lists packed in one array: its last item is a
  // code of the table. Another code of the table there is read; one past the table is refused.
  const std::string bytes(lexgate::detail::embedded_standard_program());
  REQUIRE(!decoded->markets.members_of.items.empty());
  auto u32 = [](std::uint32_t v) {
    std::string out(4, '\0');
    std::memcpy(out.data(), &v, 4);
    return out;
  };
  REQUIRE(bytes.substr(bytes.size() - 4) == u32(decoded->markets.members_of.items.back()));
  const std::string base = bytes.substr(0, bytes.size() - 4);
  CHECK(decode_program(base + u32(*eu), digest));  // a code of the table: read
  CHECK_FALSE(decode_program(base + u32(static_cast<std::uint32_t>(table.size())), digest));
}
