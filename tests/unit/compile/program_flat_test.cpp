// The program's flat form (compile/program.hpp): every node's operands come after it in the one
// list of nodes, equal literals are kept once, names and descriptions stay readable whether the
// program was compiled from text, decoded from the embedded bytes or decoded from a buffer since
// freed, and bytes whose references break those rules are refused.
#include <cstddef>
#include <cstring>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <tuple>

#include "compile/program_codec.hpp"
#include "embedded_program.hpp"
#include "embedded_rules.hpp"
#include "lexgate/library.hpp"
#include "support/catch.hpp"

namespace {

using lexgate::value;
using lexgate::detail::checked_invariant;
using lexgate::detail::checked_node;
using lexgate::detail::decode_program;
using lexgate::detail::encode_program;
using lexgate::detail::node;
using lexgate::detail::op;
using lexgate::detail::program;

// Operands after their node, inside the list; every node with a value; literals distinct.
void require_flat(const program& p) {
  const node* first = p.nodes.data();
  const node* end = first + p.nodes.size();
  for (const node& n : p.nodes) {
    REQUIRE(n.constant < p.constants.size());
    if (n.kids().empty()) continue;
    CHECK(n.kids().data() > &n);
    CHECK(n.kids().data() + n.kids().size() <= end);
  }
  std::set<std::tuple<int, bool, std::int64_t, std::string>> seen;
  for (const value& v : p.constants) {
    if (!v.items.empty() || !v.keys.empty() || !v.path.empty()) continue;
    CHECK(seen.emplace(static_cast<int>(v.k), v.boolean, v.integer, v.text).second);
  }
  REQUIRE_FALSE(p.constants.empty());
  CHECK_FALSE(p.constants.front().present());  // the absent value, first
}

std::string bytes_of(const program& p) {
  std::string bytes;
  std::string why;
  REQUIRE(encode_program(p, bytes, why));
  return bytes;
}

}  // namespace

TEST_CASE("the standard library's program is flat, compiled from text or decoded", "[codec]") {
  lexgate::diagnostic_bag bag;
  const auto text = lexgate::load_library(lexgate::standard_library_sources(), bag, "standard");
  REQUIRE(text);
  require_flat(text->program());
  const auto decoded = decode_program(lexgate::detail::embedded_standard_program(),
                                      lexgate::detail::embedded_rules_digest(),
                                      lexgate::detail::program_bytes::static_storage);
  REQUIRE(decoded);
  require_flat(*decoded);
  // The embedded nodes are used where they lie, not copied.
  const std::string_view embedded = lexgate::detail::embedded_standard_program();
  const auto* at = reinterpret_cast<const char*>(decoded->nodes.data());
  CHECK(std::less_equal<const char*>()(embedded.data(), at));
  CHECK(std::less<const char*>()(at, embedded.data() + embedded.size()));
  CHECK(decoded->nodes.size() == text->program().nodes.size());
  for (std::size_t i = 0; i < decoded->nodes.size(); ++i) {
    const node& a = text->program().nodes[i];
    const node& b = decoded->nodes[i];
    REQUIRE(a.code == b.code);
    REQUIRE(a.name() == b.name());
    REQUIRE(a.constant == b.constant);
    REQUIRE(a.kids().size() == b.kids().size());
  }
  CHECK(decoded->constants.size() == text->program().constants.size());
  // The listing built on first use is the same from either.
  const lexgate::library from_bytes(decoded);
  REQUIRE(from_bytes.regimes().size() == text->regimes().size());
  for (std::size_t r = 0; r < text->regimes().size(); ++r) {
    const auto& a = text->regimes()[r];
    const auto& b = from_bytes.regimes()[r];
    CHECK(a.id == b.id);
    CHECK(a.sources == b.sources);
    REQUIRE(a.rules.size() == b.rules.size());
    for (std::size_t i = 0; i < a.rules.size(); ++i) {
      CHECK(a.rules[i].id == b.rules[i].id);
      CHECK(a.rules[i].message == b.rules[i].message);
      CHECK(a.rules[i].remedy == b.rules[i].remedy);
    }
  }
  CHECK(from_bytes.rule_count() == text->rule_count());
  CHECK(from_bytes.rule_ids() == text->rule_ids());
}

TEST_CASE("a program decoded from a buffer keeps its own copy of the text", "[codec]") {
  std::shared_ptr<const program> decoded;
  {
    std::string bytes(lexgate::detail::embedded_standard_program());
    decoded = decode_program(bytes, lexgate::detail::embedded_rules_digest());
    bytes.assign(bytes.size(), '\0');  // overwritten, then freed: nothing may point into it
  }
  REQUIRE(decoded);
  const auto kept = decode_program(lexgate::detail::embedded_standard_program(),
                                   lexgate::detail::embedded_rules_digest(),
                                   lexgate::detail::program_bytes::static_storage);
  REQUIRE(kept);
  const lexgate::library rules(decoded);
  REQUIRE_FALSE(rules.regimes().empty());
  CHECK(rules.regimes().front().id == kept->regimes.front().info.id);
  // Written again, every name and text it holds is read: the same bytes.
  CHECK(bytes_of(*decoded) == lexgate::detail::embedded_standard_program());
}

TEST_CASE("bytes whose operands do not follow their node are refused", "[codec]") {
  // A requirement `a and b`, compiled; then the same bytes with the `and` made its own operand
  // (a cycle), with an operand list running past the last node, with a constant or a name
  // outside its list, and with an unknown operator.
  auto p = std::make_unique<program>();
  p->name = "flat";
  p->digest = "0123";
  checked_invariant inv;
  inv.info.id = "flat.kept";
  inv.requirement.code = op::logical_and;
  inv.requirement.kids.resize(2);  // two constants
  inv.requirement.kids[1].name = "b";
  lexgate::detail::compile_program(*p, {}, {inv}, {{inv.info.id, {}}});
  REQUIRE(p->nodes.size() == 3);
  const std::string good = bytes_of(*p);
  CHECK(decode_program(good, "0123"));
  const auto kept = decode_program(good, "0123", lexgate::detail::program_bytes::static_storage);
  REQUIRE(kept);
  REQUIRE(kept->nodes[2].name() == "b");
  // Where the nodes lie in the bytes (decoded in place: `good` outlives `kept`).
  const auto pool = static_cast<std::size_t>(
      reinterpret_cast<const char*>(kept->nodes.data()) - good.data());
  auto with = [&](std::size_t i, std::uint32_t node::*field, std::uint32_t v) {
    std::string bytes = good;
    node n;
    std::memcpy(&n, bytes.data() + pool + i * sizeof(node), sizeof(node));
    n.*field = v;
    std::memcpy(bytes.data() + pool + i * sizeof(node), &n, sizeof(node));
    return bytes;
  };
  constexpr std::uint32_t one = sizeof(node);  // an operand's place: bytes to it
  CHECK(decode_program(with(0, &node::kids_at, one), "0123"));  // as written
  CHECK_FALSE(decode_program(with(0, &node::kids_at, 0), "0123"));  // itself and node 1
  CHECK_FALSE(decode_program(with(0, &node::kids_at, 2 * one), "0123"));  // past the last node
  CHECK_FALSE(decode_program(with(0, &node::kids_at, one + 1), "0123"));  // inside a node
  CHECK_FALSE(decode_program(with(0, &node::kids_size, 3), "0123"));
  CHECK_FALSE(decode_program(with(1, &node::kids_size, 1), "0123"));  // a leaf with no place
  CHECK_FALSE(decode_program(with(1, &node::constant, 7), "0123"));
  CHECK_FALSE(decode_program(with(2, &node::name_size, 2), "0123"));  // past the text
  CHECK_FALSE(decode_program(with(2, &node::name_at, 1), "0123"));    // inside the nodes
  {
    std::string bytes = good;
    bytes[pool] = static_cast<char>(0x7f);  // node 0's operator
    CHECK_FALSE(decode_program(bytes, "0123"));
  }
}

TEST_CASE("nodes nest no deeper than the codec's limit", "[codec]") {
  auto nested = [](int depth) {
    auto p = std::make_unique<program>();
    p->name = "deep";
    p->digest = "0123";
    checked_invariant inv;
    inv.info.id = "deep.kept";
    checked_node* at = &inv.requirement;
    for (int i = 0; i < depth; ++i) {
      at->code = op::logical_not;
      at->kids.resize(1);
      at = &at->kids[0];
    }
    lexgate::detail::compile_program(*p, {}, {inv}, {{inv.info.id, {}}});
    return bytes_of(*p);
  };
  CHECK(decode_program(nested(512), "0123"));
  CHECK_FALSE(decode_program(nested(513), "0123"));
}

TEST_CASE("nodes are read from bytes that are not aligned for them", "[codec]") {
  const std::string_view embedded = lexgate::detail::embedded_standard_program();
  std::string shifted(embedded.size() + 1, '\0');
  embedded.copy(shifted.data() + 1, embedded.size());
  const auto p = decode_program(std::string_view(shifted).substr(1),
                                lexgate::detail::embedded_rules_digest(),
                                lexgate::detail::program_bytes::static_storage);
  REQUIRE(p);
  require_flat(*p);
  CHECK(bytes_of(*p) == embedded);
}
