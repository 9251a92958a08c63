// The program codec's layout fingerprint is derived from the one description of its fields
// (compile/program_layout.hpp): a field added, removed, renamed, reordered or retyped changes
// it, so bytes written by a build with the old layout are refused.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "compile/program_codec.hpp"
#include "compile/program_layout.hpp"
#include "embedded_program.hpp"
#include "embedded_rules.hpp"
#include "support/catch.hpp"

namespace layout_test {

struct original {
  std::int32_t count = 0;
  std::string name;
  std::vector<std::string> items;
};
struct reordered {
  std::string name;
  std::int32_t count = 0;
  std::vector<std::string> items;
};
struct widened {
  std::int64_t count = 0;
  std::string name;
  std::vector<std::string> items;
};
struct unsigned_count {
  std::uint32_t count = 0;
  std::string name;
  std::vector<std::string> items;
};
struct other_element {
  std::int32_t count = 0;
  std::string name;
  std::vector<std::int32_t> items;
};
struct renamed {
  std::int32_t total = 0;
  std::string name;
  std::vector<std::string> items;
};
struct added {
  std::int32_t count = 0;
  std::string name;
  std::vector<std::string> items;
  bool extra = false;
};
BOOST_DESCRIBE_STRUCT(original, (), (count, name, items))
BOOST_DESCRIBE_STRUCT(reordered, (), (name, count, items))
BOOST_DESCRIBE_STRUCT(widened, (), (count, name, items))
BOOST_DESCRIBE_STRUCT(unsigned_count, (), (count, name, items))
BOOST_DESCRIBE_STRUCT(other_element, (), (count, name, items))
BOOST_DESCRIBE_STRUCT(renamed, (), (total, name, items))
BOOST_DESCRIBE_STRUCT(added, (), (count, name, items, extra))

}  // namespace layout_test

using lexgate::detail::codec::fingerprint_of;

TEST_CASE("any change to a described structure changes the layout fingerprint", "[codec]") {
  using namespace layout_test;
  const auto base = fingerprint_of<original>();
  CHECK(fingerprint_of<reordered>() != base);
  CHECK(fingerprint_of<widened>() != base);
  CHECK(fingerprint_of<unsigned_count>() != base);
  CHECK(fingerprint_of<other_element>() != base);
  CHECK(fingerprint_of<renamed>() != base);
  CHECK(fingerprint_of<added>() != base);
  // The same description gives the same fingerprint: it is a pure function of the layout.
  CHECK(fingerprint_of<original>() == base);
}

TEST_CASE("every structure of a program is described field by field", "[codec]") {
  // Boost.PFR counts the fields a structure really has; the description must name them all, or
  // a new field would be silently left out of the bytes.
  using lexgate::detail::codec::describes_every_field;
  CHECK(describes_every_field<layout_test::original>());
  STATIC_REQUIRE(describes_every_field<lexgate::detail::compiled_rule>());
  STATIC_REQUIRE(describes_every_field<lexgate::detail::node>());
  STATIC_REQUIRE(describes_every_field<lexgate::detail::program>());
}

TEST_CASE("bytes written with another layout fingerprint are refused", "[codec]") {
  const std::string bytes(lexgate::detail::embedded_standard_program());
  const std::string digest(lexgate::detail::embedded_rules_digest());
  REQUIRE(lexgate::detail::decode_program(bytes, digest));
  // The fingerprint is the 8 bytes after the magic and the 4-byte format number.
  const std::size_t at = std::string_view("lexgate-program").size() + 4;
  std::uint64_t written = 0;
  std::memcpy(&written, bytes.data() + at, sizeof written);
  CHECK(written == lexgate::detail::program_layout_fingerprint);
  // A build whose description differs writes another fingerprint: these bytes are refused.
  std::string other = bytes;
  const std::uint64_t changed = fingerprint_of<layout_test::reordered>();
  std::memcpy(other.data() + at, &changed, sizeof changed);
  CHECK_FALSE(lexgate::detail::decode_program(other, digest));
}
