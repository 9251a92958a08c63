// The program's flat form (compile/program.hpp): every node's operands come after it in the one
// list of nodes, equal literals are kept once, names and descriptions stay readable whether the
// program was compiled from text, decoded from the embedded bytes or decoded from a buffer since
// freed, and bytes whose references break those rules are refused.
#include <cstddef>
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
    REQUIRE(n.constant != nullptr);
    if (n.kids.empty()) continue;
    CHECK(n.kids.data() > &n);
    CHECK(n.kids.data() + n.kids.size() <= end);
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
  CHECK(decoded->nodes.size() == text->program().nodes.size());
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
  // A requirement `a and b`, compiled; then the same program with the `and` made its own
  // operand (a cycle), and with an operand list running past the last node.
  auto p = std::make_unique<program>();
  p->name = "flat";
  p->digest = "0123";
  checked_invariant inv;
  inv.info.id = "flat.kept";
  inv.requirement.code = op::logical_and;
  inv.requirement.kids.resize(2);  // two constants
  lexgate::detail::compile_program(*p, {}, {inv}, {{inv.info.id, {}}});
  REQUIRE(p->nodes.size() == 3);
  const std::string good = bytes_of(*p);
  CHECK(decode_program(good, "0123"));

  const std::span<const node> kids = p->nodes[0].kids;
  p->nodes[0].kids = {p->nodes.data(), 2};  // the node itself and its first operand
  const std::string cycle = bytes_of(*p);
  CHECK_FALSE(decode_program(cycle, "0123"));

  p->nodes[0].kids = kids;
  p->nodes[1].kids = {p->nodes.data() + 2, 1};  // fine: after node 1
  CHECK(decode_program(bytes_of(*p), "0123"));
  p->nodes[2].kids = {p->nodes.data() + 2, 1};  // node 2 its own operand
  CHECK_FALSE(decode_program(bytes_of(*p), "0123"));
}
