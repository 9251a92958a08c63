// What each operator of a checked condition means, written once over a domain (layer: compile):
// the evaluator's three-valued interpreter and the solver's Z3 encoding both run `test` below,
// so an operator is added, or its meaning changed, in one place.
//
// A domain `D` supplies its truth type (`D::truth`, with `truth_ops` of compile/semantics.hpp)
// and how to read operands; this table says what the operators compute from them:
// - `truth_of(bool)`: a constant condition; `constant(n)`: a constant node's value (in the
//   program's constants);
// - `all_of(kids, each)`, `any_of(kids, each)`: Kleene `and`/`or` of `each(kid)` over the kids;
// - `exists(n)`: whether `n` is stated (never unknown);
// - `operand(n)`, `list(n)`: a scalar and a list operand; `known(x)`: whether it is stated;
// - `lift(known, decide)`: unknown unless `known`, else the Boolean `decide()`;
// - `equal(x, y)`, `number(x)`, `covers(outer, inner)`, `boolean(x)`: Booleans and numbers of the
//   domain (`bool` and integers, or Z3 terms) from operands or list items;
// - `some(list, pred)`, `every(list, pred)`: whether `pred` holds of a present item, of every one;
// - `quantify(n, any, body)`: `any`/`all` over the items of `n.kids()[0]`, binding each to slot
//   `n.index` and testing `body()`, Kleene `or`/`and` of the items, unknown for an unknown list;
// - `condition(n)`: any other node as a condition (a Boolean attribute, variable or definition).
#pragma once

#include "compile/program.hpp"
#include "compile/semantics.hpp"

namespace lexgate::detail {

template <class D>
typename D::truth test(D& d, const node& n) {
  // A comparison of two scalars, unknown when either is: both are read (evidence names both).
  auto scalars = [&](const node& x, const node& y, auto&& pred) {
    const auto a = d.operand(x);
    const auto b = d.operand(y);
    return d.lift(d.known(a) && d.known(b), [&] { return pred(a, b); });
  };
  // An item and a list, the item read first.
  auto item_in = [&](const node& item_node, const node& list_node) {
    const auto item = d.operand(item_node);
    const auto items = d.list(list_node);
    return d.lift(d.known(item) && d.known(items),
                  [&] { return d.some(items, [&](const auto& x) { return d.equal(item, x); }); });
  };
  auto lists = [&](const node& x, const node& y, auto&& pred) {
    const auto left = d.list(x);
    const auto right = d.list(y);
    return d.lift(d.known(left) && d.known(right), [&] { return pred(left, right); });
  };
  switch (n.code) {
    case op::constant:
      return d.truth_of(d.constant(n).boolean);
    case op::logical_not:
      return truth_ops<typename D::truth>::negate(test(d, n.kids()[0]));
    case op::logical_and:
      return d.all_of(n.kids(), [&](const node& k) { return test(d, k); });
    case op::logical_or:
      return d.any_of(n.kids(), [&](const node& k) { return test(d, k); });
    case op::exists:
      return d.exists(n.kids()[0]);
    case op::eq:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return d.equal(a, b); });
    case op::ne:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return !d.equal(a, b); });
    case op::lt:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return d.number(a) < d.number(b); });
    case op::le:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return d.number(a) <= d.number(b); });
    case op::gt:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return d.number(a) > d.number(b); });
    case op::ge:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& a, const auto& b) { return d.number(a) >= d.number(b); });
    case op::in:
      return item_in(n.kids()[0], n.kids()[1]);
    case op::contains:
      return item_in(n.kids()[1], n.kids()[0]);
    case op::subset_of:
      return lists(n.kids()[0], n.kids()[1], [&](const auto& left, const auto& right) {
        return d.every(left, [&](const auto& x) {
          return d.some(right, [&](const auto& y) { return d.equal(x, y); });
        });
      });
    case op::intersects:
      return lists(n.kids()[0], n.kids()[1], [&](const auto& left, const auto& right) {
        return d.some(left, [&](const auto& x) {
          return d.some(right, [&](const auto& y) { return d.equal(x, y); });
        });
      });
    case op::within:
      return scalars(n.kids()[0], n.kids()[1],
                     [&](const auto& inner, const auto& outer) { return d.covers(outer, inner); });
    case op::any:
      return d.quantify(n, true, [&] { return test(d, n.kids()[1]); });
    case op::all:
      return d.quantify(n, false, [&] { return test(d, n.kids()[1]); });
    default:
      return d.condition(n);
  }
}

}  // namespace lexgate::detail
