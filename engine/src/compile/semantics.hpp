// What a rule's verdict is, written once over the truth type (layer: compile): the evaluator
// judges with three-valued `tv`, the solver encodes with `rails` of Z3 terms, and both run these
// same formulas. Changing what `unless` means is an edit here.
//
// A truth type provides `truth_ops<Truth>`:
// - `negate(x)`: Kleene negation (unknown stays unknown);
// - `both(x, rest)`: Kleene conjunction with `rest()`, a callable computing the second operand
//   only when `x` does not already decide (the evaluator thereby evaluates, and records evidence
//   for, no more than decides; an encoding computes it always);
// - `established(x)`: true when `x` is definitely true, false otherwise (never unknown).
#pragma once

#include <cstdint>

namespace lexgate::detail {

/// The evaluator's three-valued truth (Kleene): a fact the profile omits is unknown.
enum class tv : std::uint8_t { no, yes, unknown };

/// A three-valued truth as two two-valued rails: `t`, it is true; `f`, it is false; neither,
/// unknown (never both). `Bool` is `z3::expr` for the solver, `bool` for a concrete check.
template <class Bool>
struct rails {
  Bool t;
  Bool f;
};

template <class Truth>
struct truth_ops;

template <>
struct truth_ops<tv> {
  static tv negate(tv x) {
    if (x == tv::unknown) return x;
    return x == tv::yes ? tv::no : tv::yes;
  }
  template <class Rest>
  static tv both(tv x, Rest&& rest) {
    if (x == tv::no) return tv::no;
    const tv y = rest();
    if (y == tv::no) return tv::no;
    return x == tv::unknown || y == tv::unknown ? tv::unknown : tv::yes;
  }
  static tv established(tv x) { return x == tv::yes ? tv::yes : tv::no; }
};

template <class Bool>
struct truth_ops<rails<Bool>> {
  using truth = rails<Bool>;
  static truth negate(const truth& x) { return {x.f, x.t}; }
  template <class Rest>
  static truth both(const truth& x, Rest&& rest) {
    const truth y = rest();
    return {x.t && y.t, x.f || y.f};
  }
  static truth established(const truth& x) { return {x.t, !x.t}; }
};

inline tv negate(tv x) {
  return truth_ops<tv>::negate(x);
}

/// A rule on one market and date: whether it applies, and whether it is violated.
template <class Truth>
struct rule_truth {
  Truth applicable;
  Truth violated;
};

/// One rule in one market: applicable = applies when ∧ when; violated = applicable ∧ broken ∧
/// ¬established(unless), where a `forbid E` is broken by E and a `require E` by ¬E. Exceptions
/// are defeasible (design §4): `unless` excuses only when it is established; one left unknown
/// does not hold the rule open (the evaluator names its facts as unstated exceptions).
///
/// Each part is a callable returning `Truth`, called in this order and only when needed (see
/// `both`); an absent clause is true for `applies` and `when`, false for `unless_`.
template <class Truth, class Applies, class When, class Assertion, class Unless>
rule_truth<Truth> judge_rule(Applies&& applies, When&& when, Assertion&& assertion,
                             Unless&& unless_, bool forbids) {
  using ops = truth_ops<Truth>;
  const Truth applicable = ops::both(applies(), when);
  const Truth broken = ops::both(applicable, [&] {
    const Truth e = assertion();
    return forbids ? e : ops::negate(e);
  });
  return {applicable, ops::both(broken, [&] { return ops::negate(ops::established(unless_())); })};
}

/// An invariant (a cited fact about the world) is contradicted when its `when` is established
/// and its `require` definitely fails; a fact the profile omits contradicts nothing. The parts
/// are callables as for `judge_rule`; an absent `when` is true.
template <class Truth, class When, class Requirement>
Truth invariant_contradicted(When&& when, Requirement&& requirement) {
  using ops = truth_ops<Truth>;
  return ops::both(ops::established(when()),
                   [&] { return ops::established(ops::negate(requirement())); });
}

}  // namespace lexgate::detail
