// The rule semantics shared by the evaluator and the solver (compile/semantics.hpp,
// compile/operators.hpp), run directly over both truth types: the evaluator's three-valued `tv`
// and `rails` of Booleans, the solver's encoding with Z3 terms replaced by their values. The two
// must give the same table, and the table must be the documented one.
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

#include "compile/operators.hpp"
#include "compile/program.hpp"
#include "compile/semantics.hpp"
#include "support/catch.hpp"

namespace {

using lexgate::value;
using lexgate::detail::judge_rule;
using lexgate::detail::checked_node;
using lexgate::detail::node;
using lexgate::detail::op;
using lexgate::detail::rails;
using lexgate::detail::tv;
using bool_rails = rails<bool>;

constexpr std::array<tv, 3> kTruths = {tv::no, tv::yes, tv::unknown};

bool_rails to_rails(tv x) {
  return {x == tv::yes, x == tv::no};
}

tv from_rails(const bool_rails& x) {
  REQUIRE(!(x.t && x.f));  // never both true and false
  return x.t ? tv::yes : x.f ? tv::no : tv::unknown;
}

// ---- the verdict formula ------------------------------------------------------------------

TEST_CASE("the verdict formula gives the same table over tv and over rails", "[semantics]") {
  for (const tv applies : kTruths) {
    for (const tv when : kTruths) {
      for (const tv assertion : kTruths) {
        for (const tv unless_ : kTruths) {
          for (const bool forbids : {false, true}) {
            const auto three =
                judge_rule<tv>([&] { return applies; }, [&] { return when; },
                               [&] { return assertion; }, [&] { return unless_; }, forbids);
            const auto two = judge_rule<bool_rails>(
                [&] { return to_rails(applies); }, [&] { return to_rails(when); },
                [&] { return to_rails(assertion); }, [&] { return to_rails(unless_); }, forbids);
            INFO(static_cast<int>(applies) << static_cast<int>(when) << static_cast<int>(assertion)
                                           << static_cast<int>(unless_) << forbids);
            CHECK(from_rails(two.applicable) == three.applicable);
            CHECK(from_rails(two.violated) == three.violated);
          }
        }
      }
    }
  }
}

tv violated(tv applies, tv when, tv assertion, tv unless_, bool forbids) {
  return judge_rule<tv>([&] { return applies; }, [&] { return when; }, [&] { return assertion; },
                        [&] { return unless_; }, forbids)
      .violated;
}

TEST_CASE("a rule is violated when it applies, is broken and no exception is established",
          "[semantics]") {
  // forbid E: broken by E; require E: broken by ¬E.
  CHECK(violated(tv::yes, tv::yes, tv::yes, tv::no, true) == tv::yes);
  CHECK(violated(tv::yes, tv::yes, tv::no, tv::no, false) == tv::yes);
  CHECK(violated(tv::yes, tv::yes, tv::no, tv::no, true) == tv::no);
  // Out of scope decides, whatever else is unknown.
  CHECK(violated(tv::no, tv::unknown, tv::unknown, tv::unknown, true) == tv::no);
  CHECK(violated(tv::unknown, tv::no, tv::yes, tv::no, true) == tv::no);
  // An unknown scope or assertion leaves the rule open.
  CHECK(violated(tv::unknown, tv::yes, tv::yes, tv::no, true) == tv::unknown);
  CHECK(violated(tv::yes, tv::yes, tv::unknown, tv::no, true) == tv::unknown);
  // Exceptions are defeasible: only an established `unless` excuses; an unknown one does not
  // hold the rule open either.
  CHECK(violated(tv::yes, tv::yes, tv::yes, tv::yes, true) == tv::no);
  CHECK(violated(tv::yes, tv::yes, tv::yes, tv::unknown, true) == tv::yes);
  CHECK(violated(tv::unknown, tv::yes, tv::yes, tv::unknown, true) == tv::unknown);
}

TEST_CASE("the three-valued formula computes no part it does not need", "[semantics]") {
  int when_calls = 0;
  int assertion_calls = 0;
  int unless_calls = 0;
  auto run = [&](tv applies, tv when, tv assertion) {
    when_calls = assertion_calls = unless_calls = 0;
    return judge_rule<tv>([&] { return applies; },
                          [&] {
                            ++when_calls;
                            return when;
                          },
                          [&] {
                            ++assertion_calls;
                            return assertion;
                          },
                          [&] {
                            ++unless_calls;
                            return tv::yes;
                          },
                          true);
  };
  const auto not_applicable = run(tv::no, tv::yes, tv::yes);
  CHECK(not_applicable.applicable == tv::no);
  CHECK(when_calls == 0);
  CHECK(assertion_calls == 0);
  run(tv::yes, tv::no, tv::yes);
  CHECK(assertion_calls == 0);
  const auto passed = run(tv::yes, tv::yes, tv::no);
  CHECK(passed.applicable == tv::yes);
  CHECK(passed.violated == tv::no);
  CHECK(unless_calls == 0);  // a rule kept needs no excuse
  run(tv::yes, tv::yes, tv::yes);
  CHECK(unless_calls == 1);
}

TEST_CASE("an invariant is contradicted only by what the profile states, over both truths",
          "[semantics]") {
  using lexgate::detail::invariant_contradicted;
  for (const tv when : kTruths) {
    for (const tv requirement : kTruths) {
      const tv three =
          invariant_contradicted<tv>([&] { return when; }, [&] { return requirement; });
      const tv two = from_rails(invariant_contradicted<bool_rails>(
          [&] { return to_rails(when); }, [&] { return to_rails(requirement); }));
      CHECK(two == three);
      CHECK(three == ((when == tv::yes && requirement == tv::no) ? tv::yes : tv::no));
    }
  }
}

// ---- the operator table -------------------------------------------------------------------

// A small domain over either truth type: operands are constants, and a variable is a fact the
// profile does not state (unknown). Only the truth type differs between the two instances, as
// between the evaluator and the encoder.
template <class Truth>
struct toy_domain {
  using truth = Truth;
  using ops = lexgate::detail::truth_ops<Truth>;

  struct item {
    std::optional<value> v;  // nullopt: unknown
  };
  struct items {
    bool known = false;
    std::vector<value> values;
  };
  std::vector<std::optional<value>> slots = std::vector<std::optional<value>>(4);
  const std::vector<value>* constants = nullptr;  // the program's

  static Truth from_bool(bool b) {
    if constexpr (std::is_same_v<Truth, tv>) {
      return b ? tv::yes : tv::no;
    } else {
      return {b, !b};
    }
  }
  static Truth unknown() {
    if constexpr (std::is_same_v<Truth, tv>) {
      return tv::unknown;
    } else {
      return {false, false};
    }
  }
  Truth truth_of(bool b) const { return from_bool(b); }
  const value& constant(const node& n) const { return (*constants)[n.constant]; }
  template <class Each>
  Truth all_of(std::span<const node> kids, Each&& each) {
    Truth r = from_bool(true);
    for (const auto& k : kids) r = ops::both(r, [&] { return each(k); });
    return r;
  }
  template <class Each>
  Truth any_of(std::span<const node> kids, Each&& each) {
    return ops::negate(all_of(kids, [&](const node& k) { return ops::negate(each(k)); }));
  }
  item operand(const node& n) const {
    if (n.code == op::constant) return {constant(n)};
    if (n.code == op::variable) return {slots[static_cast<std::size_t>(n.index)]};
    return {};
  }
  items list(const node& n) const {
    if (n.code != op::list) return {};
    items out{true, {}};
    for (const auto& k : n.kids()) out.values.push_back(constant(k));
    return out;
  }
  Truth exists(const node& n) const { return from_bool(operand(n).v.has_value()); }
  static bool known(const item& x) { return x.v.has_value(); }
  static bool known(const items& x) { return x.known; }
  template <class Decide>
  static Truth lift(bool known, Decide&& decide) {
    return known ? from_bool(decide()) : unknown();
  }
  static bool equal(const value& a, const value& b) {
    return a.k == b.k && a.integer == b.integer && a.text == b.text && a.boolean == b.boolean;
  }
  static bool equal(const item& a, const item& b) { return equal(*a.v, *b.v); }
  static bool equal(const item& a, const value& b) { return equal(*a.v, b); }
  static std::int64_t number(const item& x) { return x.v->integer; }
  static bool covers(const item& outer, const item& inner) {
    return outer.v->text == inner.v->text;
  }
  template <class Pred>
  static bool some(const items& l, Pred&& pred) {
    for (const auto& v : l.values) {
      if (pred(v)) return true;
    }
    return false;
  }
  template <class Pred>
  static bool every(const items& l, Pred&& pred) {
    return !some(l, [&](const value& v) { return !pred(v); });
  }
  template <class Body>
  Truth quantify(const node& n, bool any, Body&& body) {
    const items l = list(n.kids()[0]);
    if (!l.known) return unknown();
    auto& slot = slots[static_cast<std::size_t>(n.index)];
    Truth r = from_bool(!any);
    for (const auto& v : l.values) {
      slot = v;
      const Truth b = body();
      r = any ? ops::negate(ops::both(ops::negate(r), [&] { return ops::negate(b); }))
              : ops::both(r, [&] { return b; });
    }
    slot.reset();
    return r;
  }
  Truth condition(const node& n) const {
    const item x = operand(n);
    return x.v ? from_bool(x.v->boolean) : unknown();
  }
};

checked_node integer(std::int64_t i) {
  checked_node n;
  n.code = op::constant;
  n.constant.k = value::kind::integer;
  n.constant.integer = i;
  return n;
}
checked_node boolean(bool b) {
  checked_node n;
  n.code = op::constant;
  n.constant.k = value::kind::boolean;
  n.constant.boolean = b;
  return n;
}
checked_node unstated() {  // a variable never bound: a fact the profile omits
  checked_node n;
  n.code = op::variable;
  n.index = 3;
  return n;
}
checked_node bound(int slot) {
  checked_node n;
  n.code = op::variable;
  n.index = slot;
  return n;
}
checked_node list_of(std::vector<checked_node> kids) {
  checked_node n;
  n.code = op::list;
  n.kids = std::move(kids);
  return n;
}
checked_node apply(op code, std::vector<checked_node> kids, int index = -1) {
  checked_node n;
  n.code = code;
  n.index = index;
  n.kids = std::move(kids);
  return n;
}

// The condition compiled as the program compiles it (compile/program.hpp), as an invariant's
// requirement, then tested over both truths.
tv both_ways(const checked_node& tree) {
  lexgate::detail::program p;
  lexgate::detail::checked_invariant inv;
  inv.info.id = "toy";
  inv.requirement = tree;
  lexgate::detail::compile_program(p, {}, {inv}, {{"toy", {}}});
  const node& n = *p.invariants.at(0).requirement;
  toy_domain<tv> three;
  toy_domain<bool_rails> two;
  three.constants = two.constants = &p.constants;
  const tv a = lexgate::detail::test(three, n);
  const tv b = from_rails(lexgate::detail::test(two, n));
  CHECK(a == b);
  return a;
}

TEST_CASE("the operator table gives the same truths over tv and over rails", "[semantics]") {
  CHECK(both_ways(apply(op::eq, {integer(1), integer(1)})) == tv::yes);
  CHECK(both_ways(apply(op::ne, {integer(1), integer(1)})) == tv::no);
  CHECK(both_ways(apply(op::eq, {integer(1), unstated()})) == tv::unknown);
  CHECK(both_ways(apply(op::lt, {integer(1), integer(2)})) == tv::yes);
  CHECK(both_ways(apply(op::le, {integer(2), integer(2)})) == tv::yes);
  CHECK(both_ways(apply(op::gt, {integer(1), integer(2)})) == tv::no);
  CHECK(both_ways(apply(op::ge, {unstated(), integer(2)})) == tv::unknown);
  CHECK(both_ways(apply(op::in, {integer(2), list_of({integer(1), integer(2)})})) == tv::yes);
  CHECK(both_ways(apply(op::in, {integer(3), list_of({integer(1), integer(2)})})) == tv::no);
  CHECK(both_ways(apply(op::contains, {list_of({integer(1)}), integer(1)})) == tv::yes);
  CHECK(both_ways(apply(op::in, {integer(1), unstated()})) == tv::unknown);
  CHECK(both_ways(apply(op::subset_of,
                        {list_of({integer(1)}), list_of({integer(1), integer(2)})})) == tv::yes);
  CHECK(both_ways(apply(op::subset_of, {list_of({integer(3)}), list_of({integer(1)})})) == tv::no);
  CHECK(both_ways(apply(op::intersects,
                        {list_of({integer(3), integer(1)}), list_of({integer(1)})})) == tv::yes);
  CHECK(both_ways(apply(op::intersects, {list_of({}), list_of({integer(1)})})) == tv::no);
  CHECK(both_ways(apply(op::exists, {unstated()})) == tv::no);
  CHECK(both_ways(apply(op::exists, {integer(1)})) == tv::yes);
  // Kleene connectives: a decided operand decides over an unknown one.
  CHECK(both_ways(apply(op::logical_and, {boolean(false), unstated()})) == tv::no);
  CHECK(both_ways(apply(op::logical_and, {boolean(true), unstated()})) == tv::unknown);
  CHECK(both_ways(apply(op::logical_or, {unstated(), boolean(true)})) == tv::yes);
  CHECK(both_ways(apply(op::logical_or, {unstated(), boolean(false)})) == tv::unknown);
  CHECK(both_ways(apply(op::logical_not, {unstated()})) == tv::unknown);
  CHECK(both_ways(apply(op::logical_not, {boolean(false)})) == tv::yes);
  // Quantifiers bind each item; an empty `any` is false and an empty `all` true.
  const checked_node one_two = list_of({integer(1), integer(2)});
  CHECK(both_ways(apply(op::any, {one_two, apply(op::eq, {bound(0), integer(2)})}, 0)) == tv::yes);
  CHECK(both_ways(apply(op::all, {one_two, apply(op::eq, {bound(0), integer(2)})}, 0)) == tv::no);
  CHECK(both_ways(apply(op::all, {one_two, apply(op::gt, {bound(0), integer(0)})}, 0)) == tv::yes);
  CHECK(both_ways(apply(op::any, {list_of({}), boolean(true)}, 0)) == tv::no);
  CHECK(both_ways(apply(op::all, {list_of({}), boolean(false)}, 0)) == tv::yes);
  CHECK(both_ways(apply(op::any, {unstated(), boolean(true)}, 0)) == tv::unknown);
  CHECK(both_ways(apply(op::all, {one_two, apply(op::eq, {bound(0), unstated()})}, 0)) ==
        tv::unknown);
}

}  // namespace
