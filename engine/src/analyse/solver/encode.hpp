// Encoding checked rule expressions over a symbolic profile into Z3 (layer: analyse).
//
// Three-valued logic becomes two Boolean terms per condition: `t` (it is true) and `f` (it is
// false); both false means unknown. The operators (compile/operators.hpp) and the verdict formula
// (compile/semantics.hpp) are the evaluator's own, so a plan the solver finds passes `lexgate
// check`.
#pragma once

#include <z3++.h>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "analyse/solver/world.hpp"
#include "compile/operators.hpp"
#include "compile/program.hpp"
#include "compile/semantics.hpp"

namespace lexgate::analyse {

/// A construct the encoder does not support; the plan fails with this message.
struct unsupported : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A condition's symbolic truth: `t`, it is true; `f`, it is false (compile/semantics.hpp).
using sym_truth = detail::rails<z3::expr>;

/// One element of a list: present when `guard` holds; a record item or a scalar value.
struct element {
  z3::expr guard;
  const sym* item = nullptr;  ///< For items of a list of records or scalars in the profile.
  z3::expr v;                 ///< The element's scalar value.
};

/// The value of an expression: whether it is stated, and what it is.
struct val {
  val(z3::expr k, z3::expr value) : known(std::move(k)), v(std::move(value)) {}

  z3::expr known;
  z3::expr v;              ///< Scalars.
  const sym* s = nullptr;  ///< Records and maps.
  bool is_list = false;
  std::vector<element> elems;
};

class encoder {
 public:
  encoder(z3::context& c, const detail::program& program, const text_ids& texts, const world& w);

  /// Whether the rule passes or does not apply in `market` on `as_of` (never unknown).
  z3::expr rule_holds(const detail::compiled_regime& regime, const detail::compiled_rule& rule,
                      const std::string& market, date as_of);
  /// Whether an invariant holds: it fails only when `when` is true and `require` false.
  z3::expr invariant_holds(const detail::compiled_invariant& inv, date as_of);

  /// The attribute paths the last encoded rule or invariant read.
  const std::set<std::string>& touched() const { return touched_; }

  // Conditions: the operators of compile/operators.hpp over this domain (Z3 terms over the
  // symbolic profile); the operations below are what that table asks of a domain.
  using truth = sym_truth;
  sym_truth test(const detail::node& n);

  sym_truth truth_of(bool b) { return {c_.bool_val(b), c_.bool_val(!b)}; }
  const value& constant(const detail::node& n) const { return program_.constants[n.constant]; }
  template <class Each>
  sym_truth all_of(std::span<const detail::node> kids, Each&& each) {
    auto [t, f] = rails_of(kids, each);
    return {z3::mk_and(t), z3::mk_or(f)};
  }
  template <class Each>
  sym_truth any_of(std::span<const detail::node> kids, Each&& each) {
    auto [t, f] = rails_of(kids, each);
    return {z3::mk_or(t), z3::mk_and(f)};
  }
  // The true rails and the false rails of each kid's truth.
  template <class Each>
  std::pair<z3::expr_vector, z3::expr_vector> rails_of(std::span<const detail::node> kids,
                                                       Each&& each) {
    std::pair<z3::expr_vector, z3::expr_vector> out{z3::expr_vector(c_), z3::expr_vector(c_)};
    for (const auto& k : kids) {
      const sym_truth x = each(k);
      out.first.push_back(x.t);
      out.second.push_back(x.f);
    }
    return out;
  }
  sym_truth exists(const detail::node& n) {
    const val v = eval(n);
    return {v.known, !v.known};
  }
  val operand(const detail::node& n) { return eval(n); }
  val list(const detail::node& n) { return eval(n); }
  static const z3::expr& known(const val& v) { return v.known; }
  template <class Decide>
  static sym_truth lift(const z3::expr& known, Decide&& decide) {
    const z3::expr r = decide();
    return {known && r, known && !r};
  }
  z3::expr equal(const val& a, const val& b) const { return same(a.v, b.v); }
  z3::expr equal(const val& a, const element& b) const { return same(a.v, b.v); }
  z3::expr equal(const element& a, const element& b) const { return same(a.v, b.v); }
  static const z3::expr& number(const val& v) { return v.v; }
  z3::expr covers(const val& outer, const val& inner) { return covered(inner.v, outer.v); }
  template <class Pred>
  z3::expr some(const val& list, Pred&& pred) {
    z3::expr_vector hits(c_);
    for (const auto& e : list.elems) hits.push_back(e.guard && pred(e));
    return z3::mk_or(hits);
  }
  template <class Pred>
  z3::expr every(const val& list, Pred&& pred) {
    z3::expr_vector parts(c_);
    for (const auto& e : list.elems) parts.push_back(!e.guard || pred(e));
    return z3::mk_and(parts);
  }
  template <class Body>
  sym_truth quantify(const detail::node& n, bool any, Body&& body);  // encode.cpp
  sym_truth condition(const detail::node& n);

 private:
  val eval(const detail::node& n);
  val of_sym(const sym& s, const z3::expr& known);
  val lookup(const val& map, const val& key);
  z3::expr same(const z3::expr& a, const z3::expr& b) const;
  z3::expr covered(const z3::expr& inner, const z3::expr& outer);
  sym_truth clause(const detail::node* n);

  z3::context& c_;
  const detail::program& program_;
  const text_ids& texts_;
  const world& world_;
  std::vector<std::optional<val>> slots_;
  z3::expr market_;
  z3::expr as_of_;
  std::set<std::string> touched_;
};

}  // namespace lexgate::analyse
