// Values in a compiled program's bytes (compile/program_codec.hpp): a value as default-constructed
// (the absent value every node that is no constant points at) takes one byte, and any value that
// differs from it in a single field, a nested item included, is written and read back whole.
#include <memory>
#include <string>

#include "compile/program_codec.hpp"
#include "support/catch.hpp"

namespace {

using lexgate::value;
using lexgate::detail::checked_invariant;
using lexgate::detail::checked_node;
using lexgate::detail::decode_program;
using lexgate::detail::encode_program;
using lexgate::detail::node;
using lexgate::detail::program;

// A program of one invariant whose requirement holds one constant node per value given.
std::unique_ptr<program> holding(const std::vector<value>& constants) {
  auto p = std::make_unique<program>();
  p->name = "values";
  p->digest = "0123";
  checked_invariant inv;
  inv.info.id = "values.kept";
  for (const auto& c : constants) {
    checked_node kid;  // a constant node
    kid.constant = c;
    inv.requirement.kids.push_back(kid);
  }
  lexgate::detail::compile_program(*p, {}, {inv}, {{inv.info.id, {}}});
  return p;
}

std::string bytes_of(const program& p) {
  std::string bytes;
  std::string why;
  REQUIRE(encode_program(p, bytes, why));
  return bytes;
}

}  // namespace

TEST_CASE("a value that differs from an absent one in any field is read back whole", "[codec]") {
  std::vector<value> constants(10);
  constants[1].k = value::kind::boolean;
  constants[2].boolean = true;
  constants[3].integer = -7;
  constants[4].text = "a text longer than the short-string buffer";
  constants[5].keys = {"default"};
  constants[6].where = {3, 0};
  constants[7].where = {0, 9};
  constants[8].path = "product.models[0]";
  // A list whose items are absent values and values differing in one field.
  constants[9].k = value::kind::list;
  constants[9].items.resize(3);
  constants[9].items[1].text = "x";

  const auto p = holding(constants);
  const std::string bytes = bytes_of(*p);
  const auto decoded = decode_program(bytes, p->digest);
  REQUIRE(decoded);
  CHECK(bytes_of(*decoded) == bytes);
  const auto kids = decoded->invariants.at(0).requirement->kids();
  REQUIRE(kids.size() == constants.size());
  auto constant = [&](std::size_t i) -> const value& {
    return decoded->constants.at(kids[i].constant);
  };
  CHECK(constant(0).k == value::kind::absent);
  CHECK(constant(1).k == value::kind::boolean);
  CHECK(constant(2).boolean);
  CHECK(constant(3).integer == -7);
  CHECK(constant(4).text == constants[4].text);
  CHECK(constant(5).keys == constants[5].keys);
  CHECK(constant(6).where.line == 3);
  CHECK(constant(7).where.column == 9);
  CHECK(constant(8).path == constants[8].path);
  REQUIRE(constant(9).items.size() == 3);
  CHECK(constant(9).items[1].text == "x");
  CHECK(constant(9).items[2].k == value::kind::absent);
}

TEST_CASE("an absent value takes one byte, and bytes cut inside a value are refused", "[codec]") {
  const std::string none = bytes_of(*holding({}));
  const std::string one = bytes_of(*holding({value{}}));
  const std::string two = bytes_of(*holding({value{}, value{}}));
  value text;
  text.text = "x";
  const std::string with_text = bytes_of(*holding({value{}, text}));
  // A constant node as it lies in memory: its code and two zero fields (1 + 1 + 2 bytes),
  // index (4), name (where and size, 4 + 4), constant's position (4) and operands (where and
  // count, 4 + 4); the pool it sits in is aligned, so a node more can add padding or take
  // some away (less than the alignment). Its absent value is the one every program holds
  // first, written as one byte; equal constants are kept once, so a node more adds no value.
  static_assert(sizeof(node) == 1 + 1 + 2 + 4 + 4 + 4 + 4 + 4 + 4);
  constexpr std::size_t pad = lexgate::detail::kNodeAlignment - 1;
  CHECK(one.size() - none.size() + pad >= sizeof(node));
  CHECK(one.size() - none.size() <= sizeof(node) + pad);
  CHECK(two.size() - one.size() + pad >= sizeof(node));
  CHECK(two.size() - one.size() <= sizeof(node) + pad);
  CHECK(decode_program(two, "0123")->constants.size() == 1);
  const auto with_text_program = decode_program(with_text, "0123");
  REQUIRE(with_text_program);
  REQUIRE(with_text_program->constants.size() == 2);
  CHECK(with_text_program->constants[1].text == "x");
  CHECK(with_text.size() > two.size());
  for (std::size_t size = 0; size < with_text.size(); ++size) {
    CHECK_FALSE(decode_program(with_text.substr(0, size), "0123"));
  }
  CHECK(decode_program(with_text, "0123"));
}
