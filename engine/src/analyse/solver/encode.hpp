// Encoding checked rule expressions over a symbolic profile into Z3 (layer: analyse).
//
// Three-valued logic becomes two Boolean terms per condition: `t` (it is true) and `f` (it is
// false); both false means unknown. The operators follow the evaluator's Kleene semantics
// exactly, so a plan the solver finds passes `lexgate check`.
#pragma once

#include <z3++.h>

#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "analyse/solver/world.hpp"
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
  z3::expr rule_holds(const detail::checked_regime& regime, const detail::checked_rule& rule,
                      const std::string& market, date as_of);
  /// Whether an invariant holds: it fails only when `when` is true and `require` false.
  z3::expr invariant_holds(const detail::checked_invariant& inv, date as_of);

  /// The attribute paths the last encoded rule or invariant read.
  const std::set<std::string>& touched() const { return touched_; }

 private:
  sym_truth test(const detail::node& n);
  val eval(const detail::node& n);
  val of_sym(const sym& s, const z3::expr& known);
  val lookup(const val& map, const val& key);
  z3::expr member_of(const val& item, const val& list);
  z3::expr same(const z3::expr& a, const z3::expr& b) const;
  z3::expr covered(const z3::expr& inner, const z3::expr& outer);
  sym_truth quantify(const detail::node& n);
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
