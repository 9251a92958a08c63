// Rule expressions → Z3 terms: the operators of compile/operators.hpp and the verdict formula of
// compile/semantics.hpp over the symbolic profile, as the evaluator runs them over values.
#include "analyse/solver/encode.hpp"

namespace lexgate::analyse {

using detail::node;
using detail::op;

encoder::encoder(z3::context& c, const detail::program& program, const text_ids& texts,
                 const world& w)
    : c_(c),
      program_(program),
      texts_(texts),
      world_(w),
      slots_(program.max_slots),
      market_(c.int_val(0)),
      as_of_(c.int_val(0)) {}

z3::expr encoder::rule_holds(const detail::compiled_regime& regime,
                             const detail::compiled_rule& rule, const std::string& market,
                             date as_of) {
  touched_.clear();
  market_ = c_.int_val(texts_.find(market));
  as_of_ = c_.int_val(as_of.days);
  // The evaluator's verdict formula (compile/semantics.hpp); the rule holds when it is definitely
  // not violated (an indeterminate rule fails the gate too).
  const auto r = detail::judge_rule<sym_truth>(
      [&] { return clause(regime.applies_when); },
      [&] { return clause(rule.when); },
      [&] { return test(*rule.assertion); },
      [&] {
        return rule.unless ? test(*rule.unless) : sym_truth{c_.bool_val(false), c_.bool_val(true)};
      },
      rule.forbids);
  return r.violated.f;
}

z3::expr encoder::invariant_holds(const detail::compiled_invariant& inv, date as_of) {
  touched_.clear();
  market_ = c_.int_val(texts_.other());
  as_of_ = c_.int_val(as_of.days);
  // An invariant rules out what is known to be impossible; a fact not stated is not impossible
  // (compile/semantics.hpp).
  const sym_truth contradicted = detail::invariant_contradicted<sym_truth>(
      [&] { return clause(inv.when); },
      [&] { return test(*inv.requirement); });
  return !contradicted.t;
}

sym_truth encoder::clause(const node* n) {
  if (n == nullptr) return {c_.bool_val(true), c_.bool_val(false)};
  return test(*n);
}

z3::expr encoder::same(const z3::expr& a, const z3::expr& b) const {
  if (a.is_bool() != b.is_bool()) return c_.bool_val(false);
  return a == b;
}

val encoder::of_sym(const sym& s, const z3::expr& known) {
  val out{known && s.present, s.scalar};
  if (s.is_set) {
    touched_.insert(s.path);
    out.is_list = true;
    for (std::size_t i = 0; i < s.domain.size(); ++i) {
      out.elems.push_back({s.member[i], nullptr, c_.int_val(s.domain[i])});
    }
    return out;
  }
  switch (s.type->kind) {
    case type_kind::record:
    case type_kind::map:
      out.s = &s;
      return out;
    case type_kind::list:
      out.is_list = true;
      for (const auto& item : s.items) out.elems.push_back({c_.bool_val(true), &item, item.scalar});
      return out;
    default:
      touched_.insert(s.path);
      return out;
  }
}

val encoder::lookup(const val& map, const val& key) {
  const sym& m = *map.s;
  const int fallback_key = texts_.find("default");
  const sym* fallback = nullptr;
  for (std::size_t i = 0; i < m.keys.size(); ++i) {
    if (m.keys[i] == fallback_key) fallback = &m.entries[i];
  }
  const z3::expr known = map.known && key.known;
  if (key.v.is_numeral()) {
    const int id = static_cast<int>(key.v.get_numeral_int64());
    for (std::size_t i = 0; i < m.keys.size(); ++i) {
      if (m.keys[i] == id) return of_sym(m.entries[i], known);
    }
    if (fallback != nullptr) return of_sym(*fallback, known);
    return {c_.bool_val(false), c_.int_val(0)};
  }
  // A key computed from the profile: choose the entry by cases (sets of codes only).
  if (fallback == nullptr || !fallback->is_set) {
    throw unsupported("a map lookup with a computed key needs a `default` list entry");
  }
  val out = of_sym(*fallback, known);
  for (std::size_t i = 0; i < m.keys.size(); ++i) {
    if (&m.entries[i] == fallback) continue;
    const val entry = of_sym(m.entries[i], known);
    const z3::expr hit = key.v == m.keys[i];
    out.known = z3::ite(hit, entry.known, out.known);
    for (std::size_t j = 0; j < out.elems.size(); ++j) {
      out.elems[j].guard = z3::ite(hit, entry.elems[j].guard, out.elems[j].guard);
    }
  }
  return out;
}

val encoder::eval(const node& n) {
  switch (n.code) {
    case op::constant: {
      const value& v = constant(n);
      switch (v.k) {
        case value::kind::boolean:
          return {c_.bool_val(true), c_.bool_val(v.boolean)};
        case value::kind::integer:
        case value::kind::date:
          return {c_.bool_val(true), c_.int_val(static_cast<int64_t>(v.integer))};
        case value::kind::string:
          return {c_.bool_val(true), c_.int_val(texts_.find(v.text))};
        default:
          throw unsupported("a constant of an unexpected kind");
      }
    }
    case op::list: {
      val out{c_.bool_val(true), c_.int_val(0)};
      out.is_list = true;
      for (const auto& k : n.kids()) out.elems.push_back({c_.bool_val(true), nullptr, eval(k).v});
      return out;
    }
    case op::market:
      return {c_.bool_val(true), market_};
    case op::as_of:
      return {c_.bool_val(true), as_of_};
    case op::variable: {
      const auto& slot = slots_[static_cast<std::size_t>(n.index)];
      if (!slot) throw unsupported("a quantifier variable outside its quantifier");
      return *slot;
    }
    case op::root_field:
      return of_sym(world_.root().items[static_cast<std::size_t>(n.index)], c_.bool_val(true));
    case op::field: {
      const val record = eval(n.kids()[0]);
      if (record.s == nullptr) throw unsupported("a field of something that is not a record");
      return of_sym(record.s->items[static_cast<std::size_t>(n.index)], record.known);
    }
    case op::map_lookup: {
      const val map = eval(n.kids()[0]);
      if (map.s == nullptr) throw unsupported("a lookup in something that is not a map");
      return lookup(map, eval(n.kids()[1]));
    }
    default: {
      // A condition used as a value (a definition compared with `true`).
      const sym_truth r = test(n);
      return {r.t || r.f, r.t};
    }
  }
}

z3::expr encoder::covered(const z3::expr& inner, const z3::expr& outer) {
  const auto& table = program_.schema.jurisdictions;
  z3::expr_vector cases(c_);
  for (std::uint32_t o = 0; o < table.size(); ++o) {
    for (std::uint32_t i = 0; i < table.size(); ++i) {
      if (!table.covers(o, i)) continue;
      const int outer_id = texts_.find(table.code(o));
      const int inner_id = texts_.find(table.code(i));
      if (outer.is_numeral() && outer.get_numeral_int64() != outer_id) continue;
      if (inner.is_numeral() && inner.get_numeral_int64() != inner_id) continue;
      cases.push_back(inner == inner_id && outer == outer_id);
    }
  }
  return z3::mk_or(cases);
}

template <class Body>
sym_truth encoder::quantify(const node& n, bool any, Body&& body) {
  const val list = eval(n.kids()[0]);
  z3::expr_vector t(c_);
  z3::expr_vector f(c_);
  auto& slot = slots_[static_cast<std::size_t>(n.index)];
  const auto saved = slot;
  for (const auto& e : list.elems) {
    if (e.item != nullptr) {
      slot = of_sym(*e.item, c_.bool_val(true));
    } else {
      slot = val{c_.bool_val(true), e.v};
    }
    const sym_truth b = body();
    if (any) {
      t.push_back(e.guard && b.t);
      f.push_back(!e.guard || b.f);
    } else {
      t.push_back(!e.guard || b.t);
      f.push_back(e.guard && b.f);
    }
  }
  slot = saved;
  if (any) return {list.known && z3::mk_or(t), list.known && z3::mk_and(f)};
  return {list.known && z3::mk_and(t), list.known && z3::mk_or(f)};
}

sym_truth encoder::test(const node& n) { return detail::test(*this, n); }

sym_truth encoder::condition(const node& n) {
  // A Boolean attribute, variable or value used as a condition.
  const val v = eval(n);
  if (!v.v.is_bool()) throw unsupported("a non-Boolean value used as a condition");
  return {v.known && v.v, v.known && !v.v};
}

}  // namespace lexgate::analyse
