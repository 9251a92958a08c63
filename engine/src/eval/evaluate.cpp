// Evaluation of a compiled library against one profile, market by market (layer: evaluate).
//
// Expressions are three-valued (Kleene): a fact the profile omits is unknown, and a rule whose
// outcome is unknown becomes an indeterminate finding listing the missing facts. While an
// expression is evaluated, the values it reads and the facts it misses are recorded; an operand
// that decides an `and`/`or` keeps only its own reads, so evidence names what decided the outcome.
#include "lexgate/evaluate.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <utility>

#include "compile/judged.hpp"
#include "compile/operators.hpp"
#include "compile/program.hpp"
#include "compile/rule_dates.hpp"
#include "compile/semantics.hpp"
#include "eval/program_memo.hpp"
#include "io/short_text.hpp"

namespace lexgate {

namespace {

using detail::negate;
using detail::node;
using detail::op;
using detail::tv;

value boolean_value(bool b) {
  value v;
  v.k = value::kind::boolean;
  v.boolean = b;
  return v;
}

value named_value(value::kind k, const char* path) {
  value v;
  v.k = k;
  v.path = path;
  return v;
}

// Equal texts: most texts compared are short codes and enum values that differ in their first
// byte, decided here without calling memcmp.
// The rest compared inline a word at a time, without a call to memcmp.
[[gnu::always_inline]] inline bool same_text(const std::string& a, const std::string& b) {
  const std::size_t n = a.size();
  if (n != b.size()) return false;
  if (n == 0) return true;
  return a[0] == b[0] && detail::same_bytes(a.data(), b.data(), n);
}

bool same(const value& a, const value& b) {
  if (a.k != b.k) {
    // Enum values and jurisdiction codes are strings on both sides once typed.
    return false;
  }
  switch (a.k) {
    case value::kind::boolean:
      return a.boolean == b.boolean;
    case value::kind::integer:
    case value::kind::date:
      return a.integer == b.integer;
    case value::kind::string:
      return same_text(a.text, b.text);
    default:
      return false;
  }
}

// A fact the profile omits: the path of an absent value (no copy), or a path built for the
// occasion (an absent parent record, a map key with no entry).
struct missing_fact {
  const std::string* path = nullptr;
  std::string built;

  const std::string& text() const { return path != nullptr ? *path : built; }
};

// Drops the facts recorded past `mark`. Most calls drop nothing: the test is inline, where
// vector::resize is a call that can also grow.
[[gnu::noinline]] void drop_from(std::vector<missing_fact>& facts, std::size_t mark) {
  facts.erase(facts.begin() + static_cast<std::ptrdiff_t>(mark), facts.end());
}
inline void truncate(std::vector<missing_fact>& facts, std::size_t mark) {
  if (facts.size() > mark) drop_from(facts, mark);
}

// The values an evaluation read, in order, for evidence. Appended to at nearly every operand:
// the append is tested in line and writes into room kept from earlier profiles, where
// vector::push_back was a call (it may reallocate) some sixteen times a rule.
class read_list {
 public:
  [[gnu::always_inline]] void push_back(const value* v) {
    if (size_ == room_.size()) grow();
    room_[size_++] = v;
  }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void clear() { size_ = 0; }
  const value* const* begin() const { return room_.data(); }
  const value* const* end() const { return room_.data() + size_; }
  const value* operator[](std::size_t i) const { return room_[i]; }
  /// Drops the reads at positions [first, last), keeping the order of the others.
  void erase(std::size_t first, std::size_t last) {
    if (first == last) return;
    std::copy(room_.begin() + static_cast<std::ptrdiff_t>(last),
              room_.begin() + static_cast<std::ptrdiff_t>(size_),
              room_.begin() + static_cast<std::ptrdiff_t>(first));
    size_ -= last - first;
  }
  void assign(const read_list& other) {
    size_ = 0;
    for (const value* v : other) push_back(v);
  }

 private:
  [[gnu::noinline]] void grow() { room_.resize(std::max<std::size_t>(16, room_.size() * 2)); }

  std::vector<const value*> room_;  // its size is the room; `size_` of it are reads
  std::size_t size_ = 0;
};

}  // namespace

// The working memory of evaluations, owned by the caller's `evaluation_state` and kept from one
// evaluation to the next so the hot path allocates nothing once it has warmed up (the library
// itself stays read-only).
struct detail::scratch {
  std::vector<const value*> slots;
  std::vector<missing_fact> missing;
  read_list reads;
  // Facts of the `unless` of the rule just judged that the profile does not state.
  std::vector<missing_fact> unstated;
  // The `applies when` of the regime being judged, evaluated once per market (see judge).
  std::vector<missing_fact> scope_missing;
  read_list scope_reads;
  // The values of `market` and `as_of` in rules, set for each market and date judged.
  value market = named_value(value::kind::string, "deployment.markets");
  value as_of = named_value(value::kind::date, "");
  // A definition's truth where a value is wanted (evaluator::fetch): made once here, not for
  // each evaluator (two a profile).
  const value yes = boolean_value(true);
  const value no = boolean_value(false);
  // Parts of reports one evaluation no longer needed, for the next (see next_slot).
  std::vector<market_report> spare_markets;
  std::vector<finding> spare_findings;
  std::vector<evidence_item> spare_evidence;
  // Evidence lists findings no longer needed, by length: `evidence_lists[k]` is empty or holds k
  // items. A reused finding whose list has another length than the one it needs takes one of that
  // length in an exchange of two lists (fit_evidence), rather than its items going one by one to
  // `spare_evidence` and others coming back, each a move of two texts and a value.
  std::array<std::vector<evidence_item>, 17> evidence_lists;
  // The reads a finding's evidence lists, each once (see make_finding).
  read_list evidence_reads;
  std::vector<std::string> spare_strings;
  // A message being composed, and the buffer its undecided form is composed in (see
  // undecided_message).
  std::string text;
  std::string text_spare;
  // Invariants' remedies, composed once (see judge_invariants) and shared with the reports that
  // refer to them.
  std::vector<std::shared_ptr<const std::string>> remedies;
  // Invariants' sources as the views a finding holds, made once per invariant and shared with
  // the reports that refer to them, like the remedies (their text is the library's).
  std::vector<std::pair<const void*, std::shared_ptr<const std::vector<std::string_view>>>>
      invariant_sources;
  // The jurisdiction table's position of each constant of the program `codes_of`, for
  // `within "EU"`: looked up once, not on every profile. -2: not looked up yet; -1: not a
  // listed code. The program is known by its owner, which a weak reference keeps distinct from
  // any program made later (its address may be reused; its owner's is not while referred to).
  std::weak_ptr<const detail::program> codes_of;
  std::vector<std::int64_t> constant_codes;
  // What depends only on the program last judged: the rules' timing, the scopes that read only
  // `market`, the market codes' places in the jurisdiction table (eval/program_memo.hpp).
  detail::program_memo memo;
  // The jurisdiction table's answer (declared_for) for values of the profile being judged, by
  // value (see evaluator::declared_of); cleared for each evaluation.
  std::vector<std::pair<const value*, std::int64_t>> declared;
  // The jurisdiction table's position of each market of the report being made (index_of, or
  // -1), in order: looked up as it is judged, and asked again by judge_invariants.
  std::vector<std::int64_t> market_index;
  // Whether an invariant's finding goes to each market of the report (see judge_invariants).
  std::vector<std::uint8_t> market_named;
};

namespace {

using detail::scratch;

class evaluator {
 public:
  static constexpr std::int64_t kNotLookedUp = -2;

  // `explain`: record the values read and the facts missing, for evidence; outcomes do not
  // depend on them, so a caller that wants verdicts only can skip the bookkeeping.
  evaluator(const detail::program& program, const value& root, scratch& s, bool explain)
      : explain_(explain),
        program_(program),
        root_(root),
        slots_(s.slots),
        missing_(s.missing),
        reads_(s.reads),
        market_(s.market),
        as_of_(s.as_of),
        true_(s.yes),
        false_(s.no),
        constant_codes_(s.constant_codes),
        declared_(s.declared) {
    slots_.assign(program.max_slots, nullptr);
    missing_.clear();
    reads_.clear();
  }

  // The code copied inline over the value's memory (std::string's assignment is a call to its
  // general replace, once for each group of regimes judged).
  [[gnu::always_inline]] void set_market(std::string_view code) {
    detail::assign_text(market_.text, code);
    market_code_ = kNotLookedUp;
  }
  /// With the market's position in the jurisdiction table already known (-1: not a code).
  [[gnu::always_inline]] void set_market(std::string_view code, std::int64_t position) {
    detail::assign_text(market_.text, code);
    market_code_ = position;
  }
  void set_as_of(date d) { as_of_.integer = d.days; }

  std::vector<missing_fact>& missing() { return missing_; }
  read_list& reads() { return reads_; }
  bool explains() const { return explain_; }
  /// The value of `market` in rules (what a read of it records).
  const value* market_value() const { return &market_; }
  /// The market's position in the jurisdiction table, or -1 when it is not a listed code.
  std::int64_t market_code() { return code_of(&market_); }

  // Conditions: the operators of compile/operators.hpp over this domain (three-valued values
  // read from the profile, with their reads and missing facts recorded).
  using truth = tv;
  tv test(const node& n) { return detail::test(*this, n); }

  /// The value of a path or constant, or nullptr when the profile does not state it.
  // The shapes most operands have (a constant, a quantifier's item, a field of it) inline at
  // each use; the others through fetch_other.
  [[gnu::always_inline]] const value* fetch(const node& n) {
    if (n.code == op::constant) return &constants_[n.constant];
    if (n.code == op::variable) return slots_[n.index];
    if (n.code == op::field) {
      const node& parent = n.kids()[0];
      const value* record = nullptr;
      if (parent.code == op::variable) {
        record = slots_[parent.index];
      } else if (parent.code == op::root_field && root_.items[parent.index].present()) {
        record = &root_.items[parent.index];
      }
      if (record != nullptr) return present(record->items[n.index]);
    }
    return fetch_other(n);
  }

  [[gnu::noinline]] const value* fetch_other(const node& n) {
    switch (n.code) {
      case op::constant:
        return &constants_[n.constant];
      case op::market:
        return &market_;
      case op::as_of:
        return &as_of_;
      case op::variable:
        return slots_[n.index];
      case op::root_field:
        return present(root_.items[n.index]);
      case op::field: {
        const std::size_t mark = missing_.size();
        // A field of a quantifier's item or of a root record, the most common, without a call.
        const node& parent = n.kids()[0];
        const value* record = parent.code == op::variable     ? slots_[parent.index]
                              : parent.code == op::root_field ? present(root_.items[parent.index])
                                                              : fetch(parent);
        if (record == nullptr) {
          // Name the whole fact (`compliance.exemption`), not just its absent parent.
          truncate(missing_, mark);
          if (explain_) missing_.push_back({nullptr, path_text(n)});
          return nullptr;
        }
        return present(record->items[n.index]);
      }
      case op::map_lookup: {
        const value* map = fetch(n.kids()[0]);
        const value* key = operand(n.kids()[1]);
        if (map == nullptr || key == nullptr) return nullptr;
        const value* fallback = nullptr;
        for (std::size_t i = 0; i < map->keys.size(); ++i) {
          if (map->keys[i] == key->text) return &map->items[i];
          if (map->keys[i] == "default") fallback = &map->items[i];
        }
        if (fallback == nullptr && explain_) {
          missing_.push_back({nullptr, map->path + "." + key->text});
        }
        return fallback;
      }
      default: {
        // A boolean expression where a value is wanted (a definition used in a comparison).
        const tv r = test(n);
        if (r == tv::unknown) return nullptr;
        return r == tv::yes ? &true_ : &false_;
      }
    }
  }

 private:
  // The operator table (compile/operators.hpp) calls the domain operations below.
  template <class D>
  friend typename D::truth detail::test(D& d, const node& n);

  std::string path_text(const node& n) const {
    switch (n.code) {
      case op::root_field:
        return std::string(n.name());
      case op::field:
        return path_text(n.kids()[0]).append(".").append(n.name());
      case op::variable:
        return slots_[n.index] != nullptr ? slots_[n.index]->path : std::string(n.name());
      case op::map_lookup:
        return path_text(n.kids()[0]) + "[...]";
      default:
        return "?";
    }
  }

  [[gnu::always_inline]] const value* present(const value& v) {
    if (v.present()) return &v;
    return absent(v);
  }
  [[gnu::noinline]] const value* absent(const value& v) {
    if (explain_) missing_.push_back({&v.path, {}});
    return nullptr;
  }

  // Reads an operand and keeps it as evidence when it comes from the profile.
  [[gnu::always_inline]] const value* operand(const node& n) {
    const value* v = fetch(n);
    if (v != nullptr) note_read(n, v);
    return v;
  }

  [[gnu::always_inline]] void note_read(const node& n, const value* v) {
    if (n.code == op::constant || n.code == op::as_of || v == &true_ || v == &false_) return;
    if (explain_) reads_.push_back(v);
  }

  // The items of a list operand, in place: a list literal's constants or a profile list's
  // values (no copy into a temporary vector).
  struct list_view {
    bool known = false;
    std::span<const node> literal;  ///< With `constants`, when the operand is a list literal.
    const value* constants = nullptr;
    const std::vector<value>* items = nullptr;

    template <class Test>
    bool any(Test&& test) const {
      if (constants != nullptr) {
        for (const auto& k : literal) {
          if (test(constants[k.constant])) return true;
        }
      } else if (items != nullptr) {
        for (const auto& v : *items) {
          if (test(v)) return true;
        }
      }
      return false;
    }
  };

  // The items of a list operand (a path or a list literal); `known` is false when unknown.
  list_view list(const node& n) {
    if (n.code == op::list) return {true, n.kids(), constants_, nullptr};
    const value* v = operand(n);
    if (v == nullptr) return {};
    return {true, {}, nullptr, &v->items};
  }

  // The operations compile/operators.hpp asks of a domain.
  static tv truth_of(bool b) { return b ? tv::yes : tv::no; }
  const value& constant(const node& n) const { return constants_[n.constant]; }
  template <class Each>
  tv all_of(std::span<const node> kids, Each&& each) {
    return decide(kids, tv::no, each);
  }
  template <class Each>
  tv any_of(std::span<const node> kids, Each&& each) {
    return decide(kids, tv::yes, each);
  }
  tv exists(const node& n) {
    const std::size_t mark = missing_.size();
    const value* v = fetch(n);
    truncate(missing_, mark);  // absence is the answer here, not a missing fact
    if (v != nullptr) note_read(n, v);
    return v != nullptr ? tv::yes : tv::no;
  }
  static bool known(const value* v) { return v != nullptr; }
  static bool known(const list_view& l) { return l.known; }
  template <class Decide>
  static tv lift(bool known, Decide&& decide) {
    if (!known) return tv::unknown;
    return decide() ? tv::yes : tv::no;
  }
  static bool equal(const value* a, const value* b) { return same(*a, *b); }
  static bool equal(const value* a, const value& b) { return same(*a, b); }
  static bool equal(const value& a, const value& b) { return same(a, b); }
  static std::int64_t number(const value* v) { return v->integer; }
  // What jurisdiction_table::covers(outer, inner) answers for the texts, with the outer code's
  // position remembered when it is a constant or the market, and the inner one's per value.
  bool covers(const value* outer, const value* inner) {
    const auto& table = program_.schema.jurisdictions;
    if (std::string_view(outer->text) == inner->text) return declared_of(inner) >= 0;
    const std::int64_t o = code_of(outer);
    if (o < 0) return false;
    const std::int64_t i = declared_of(inner);
    return i >= 0 && table.covers(static_cast<std::uint32_t>(o), static_cast<std::uint32_t>(i));
  }

 public:
  /// The position jurisdiction_table::declared_for gives `v`'s text, or -1; remembered per value
  /// of the profile (cleared for each evaluation): `t.from within "EU"` asks it of the same
  /// transfer for each rule and market that reads it. Not for `market` and `as_of`, whose values
  /// change while a profile is judged.
  std::int64_t declared_of(const value* v) {
    const bool remembered = v != &market_ && v != &as_of_;
    if (remembered) {
      for (const auto& [seen, code] : declared_) {
        if (seen == v) return code;
      }
    }
    const auto i = program_.schema.jurisdictions.declared_for(v->text);
    const std::int64_t code = i ? std::int64_t{*i} : -1;
    if (remembered && declared_.size() < kDeclaredRemembered) declared_.push_back({v, code});
    return code;
  }

 private:
  static constexpr std::size_t kDeclaredRemembered = 16;
  // The position of `v`'s text in the jurisdiction table (jurisdiction_table::index_of), or -1.
  std::int64_t code_of(const value* v) {
    const auto& table = program_.schema.jurisdictions;
    auto look_up = [&] {
      const auto i = table.index_of(v->text);
      return i ? std::int64_t{*i} : std::int64_t{-1};
    };
    if (v == &market_) {
      if (market_code_ == kNotLookedUp) market_code_ = look_up();
      return market_code_;
    }
    if (v >= constants_ && v < constants_ + constant_codes_.size()) {
      std::int64_t& code = constant_codes_[static_cast<std::size_t>(v - constants_)];
      if (code == kNotLookedUp) code = look_up();
      return code;
    }
    return look_up();
  }
  template <class Pred>
  static bool some(const list_view& l, Pred&& pred) {
    return l.any(pred);
  }
  template <class Pred>
  static bool every(const list_view& l, Pred&& pred) {
    return !l.any([&](const value& v) { return !pred(v); });
  }
  tv condition(const node& n) {
    // A boolean attribute, variable or definition used as a condition.
    const value* v = operand(n);
    if (v == nullptr) return tv::unknown;
    return v->boolean ? tv::yes : tv::no;
  }

  // `and` (decider = no) and `or` (decider = yes) over operands, in Kleene logic.
  template <class Operands, class Test>
  tv decide(const Operands& operands, tv decider, Test&& test_one) {
    const std::size_t missing_start = missing_.size();
    const std::size_t reads_start = reads_.size();
    bool unknown = false;
    for (const auto& operand : operands) {
      const std::size_t missing_mark = missing_.size();
      const std::size_t reads_mark = reads_.size();
      const tv v = test_one(operand);
      if (v == decider) {
        // This operand alone decides: its reads are the evidence, nothing is missing.
        reads_.erase(reads_start, reads_mark);
        truncate(missing_, missing_start);
        return decider;
      }
      if (v == tv::unknown) {
        unknown = true;
      } else {
        truncate(missing_, missing_mark);
      }
    }
    return unknown ? tv::unknown : negate(decider);
  }

  template <class Body>
  tv quantify(const node& n, bool any, Body&& body) {
    // Nested quantifiers over long lists multiply: twelve `any` over ten models are 10^12
    // bindings. Past the budget every quantifier is unknown, so the rule is indeterminate (the
    // gate fails) rather than the process running for days.
    if (steps_ >= kMaxQuantifierSteps) {
      if (explain_) missing_.push_back({nullptr, "(the evaluation budget of quantifier steps)"});
      return tv::unknown;
    }
    // The items decide, not the list as a whole: the list itself is not evidence.
    const tv decider = any ? tv::yes : tv::no;
    const value* saved = slots_[n.index];
    auto bind = [&](const value& item) {
      if (++steps_ > kMaxQuantifierSteps) return tv::unknown;
      slots_[n.index] = &item;
      return body();
    };
    tv r;
    if (n.kids()[0].code == op::list) {
      r = decide(n.kids()[0].kids(), decider,
                 [&](const node& k) { return bind(constants_[k.constant]); });
    } else {
      const value* list_value = fetch(n.kids()[0]);
      if (list_value == nullptr) return tv::unknown;
      r = decide(list_value->items, decider, bind);
    }
    slots_[n.index] = saved;
    return r;
  }

  /// Quantifier items bound in one evaluation of a profile, at most (docs/limits.md).
  static constexpr std::uint64_t kMaxQuantifierSteps = 1'000'000;
  std::uint64_t steps_ = 0;
  bool explain_;
  const detail::program& program_;
  const value* constants_ = program_.constants.data();  // a constant node's value, by position
  const value& root_;
  std::vector<const value*>& slots_;
  std::vector<missing_fact>& missing_;
  read_list& reads_;
  value& market_;
  value& as_of_;
  const value& true_;
  const value& false_;
  std::int64_t market_code_ = kNotLookedUp;
  std::vector<std::int64_t>& constant_codes_;
  std::vector<std::pair<const value*, std::int64_t>>& declared_;
};

void render_message(evaluator& e, const detail::compiled_rule& rule, std::string& out) {
  out.clear();
  for (const auto& part : rule.message) {
    if (!part.path) {
      out += part.text;
      continue;
    }
    const value* v = e.fetch(*part.path);
    if (v == nullptr) {
      out += "not stated";
    } else if (v->k == value::kind::string) {
      out += v->text;  // text reads better unquoted inside a sentence
    } else {
      render_value(*v, out);
    }
  }
}

// An indeterminate finding's message says what is unknown first: the rule's own message
// states a violation, and read alone it would claim one the profile does not establish.
void undecided_message(const std::vector<std::string>& missing, std::string& message,
                       std::string& buffer) {
  buffer.assign("Undecided: the profile does not state ");
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (i != 0) buffer += ", ";
    buffer += missing[i];
  }
  if (missing.empty()) buffer += "every fact this rule needs";
  buffer += ". The rule is broken when: ";
  buffer += message;
  // Swapped, not moved: the old message's memory becomes the buffer of the next one.
  message.swap(buffer);
}

// A regime's `applies when` in one market, evaluated once and replayed for each of its rules:
// the outcome with the reads and missing facts it recorded.
struct scope_result {
  bool valid = false;
  tv outcome = tv::yes;
};

// Evaluates `applies when` of the regime at program position `r` into the scope buffers of `s`
// (judge replays them). A scope that reads only `market` is evaluated once per market code and
// library (detail::program_memo), then replayed: the same outcome and the same reads of `market`,
// never a missing fact.
scope_result evaluate_scope(evaluator& e, scratch& s, std::uint32_t r,
                            const detail::compiled_regime& regime) {
  using entry = detail::program_memo::scope_entry;
  scope_result out;
  out.valid = true;
  s.scope_missing.clear();
  s.scope_reads.clear();
  if (!regime.applies_when) return out;
  entry* known = nullptr;
  if (s.memo.market_only(r)) {
    const std::int64_t code = e.market_code();
    if (code >= 0) known = s.memo.scope(r, static_cast<std::uint32_t>(code));
  }
  if (known != nullptr && (known->filled == entry::state::with_reads ||
                           (known->filled == entry::state::outcome_only && !e.explains()))) {
    out.outcome = known->outcome;
    if (e.explains()) {
      // Mostly one read: appended in place (vector::assign of a count is a call that may grow).
      for (std::uint16_t i = 0; i < known->market_reads; ++i) {
        s.scope_reads.push_back(e.market_value());
      }
    }
    return out;
  }
  e.missing().clear();
  e.reads().clear();
  out.outcome = e.test(*regime.applies_when);
  if (known != nullptr && e.missing().empty() && e.reads().size() <= UINT16_MAX &&
      std::all_of(e.reads().begin(), e.reads().end(),
                  [&](const value* v) { return v == e.market_value(); })) {
    known->outcome = out.outcome;
    known->market_reads = static_cast<std::uint16_t>(e.reads().size());
    known->filled = e.explains() ? entry::state::with_reads : entry::state::outcome_only;
  }
  if (out.outcome == tv::unknown) std::swap(s.scope_missing, e.missing());
  std::swap(s.scope_reads, e.reads());
  return out;
}

// The outcome of one rule in one market. Its missing facts and reads stay in the evaluator
// (`e.missing()`, `e.reads()`) until the next rule is judged; the reads of the scope (applies
// when, when) come first there, up to `scope_reads`.
struct rule_verdict {
  rule_outcome outcome = rule_outcome::not_applicable;
  std::size_t scope_reads = 0;
};

// One rule in one market, by the verdict formula of compile/semantics.hpp, recording the reads
// and missing facts of each part it evaluates. `scope`, when valid, is this market's `applies
// when` already evaluated (same as-of date).
rule_verdict judge(evaluator& e, scratch& s, const scope_result& scope,
                   const detail::compiled_regime& regime, const detail::compiled_rule& rule) {
  e.missing().clear();
  e.reads().clear();
  s.unstated.clear();
  rule_verdict out;
  // Each part keeps its reads; only an unknown part keeps its missing facts.
  auto part = [&](const node* n) {
    const std::size_t missing_mark = e.missing().size();
    const tv v = n == nullptr ? tv::yes : e.test(*n);
    if (v != tv::unknown) truncate(e.missing(), missing_mark);
    return v;
  };
  auto applies = [&] {
    if (!scope.valid) return part(regime.applies_when);
    // The same reads and missing facts as evaluating it here, without evaluating it again.
    e.reads().assign(s.scope_reads);
    if (scope.outcome == tv::unknown) {
      e.missing().assign(s.scope_missing.begin(), s.scope_missing.end());
    }
    return scope.outcome;
  };
  auto when = [&] { return part(rule.when); };
  auto assertion = [&] {
    out.scope_reads = e.reads().size();
    return part(rule.assertion);
  };
  auto unless_ = [&] {
    if (!rule.unless) return tv::no;
    // An exception left unknown by facts the profile omits: its facts are named as unstated
    // exceptions, not as missing facts.
    const std::size_t missing_mark = e.missing().size();
    const tv excused = e.test(*rule.unless);
    if (excused == tv::unknown) {
      s.unstated.assign(e.missing().begin() + static_cast<std::ptrdiff_t>(missing_mark),
                        e.missing().end());
    }
    truncate(e.missing(), missing_mark);
    return excused;
  };
  const auto r = detail::judge_rule<tv>(applies, when, assertion, unless_, rule.forbids);
  out.outcome = r.applicable == tv::no ? rule_outcome::not_applicable
                : r.violated == tv::no ? rule_outcome::passed
                : r.violated == tv::yes ? rule_outcome::violation
                                        : rule_outcome::indeterminate;
  return out;
}

// Reports reused from one evaluation to the next (`evaluate(..., report& out)`) keep their
// elements and the memory of their strings. A market, finding or evidence item one evaluation
// no longer needs waits in a spare pool of the evaluation state for the next that needs more.
template <class T>
T& next_slot(std::vector<T>& items, std::size_t& used, std::vector<T>& spare) {
  if (used == items.size()) {
    if (spare.empty()) {
      items.emplace_back();
    } else {
      items.push_back(std::move(spare.back()));
      spare.pop_back();
    }
  }
  return items[used++];
}

// Elements that hold no memory of their own (a rule's result, a view of library text) need no
// spare pool: past the end a slot is added, and those no longer needed are dropped. Through a
// pool, each went out and came back by a move when one market of a reused report judged more
// rules than the market before it in that place.
template <class T>
  requires std::is_trivially_copyable_v<T>
T& next_slot(std::vector<T>& items, std::size_t& used) {
  if (used == items.size()) items.emplace_back();
  return items[used++];
}

// A value as reports of evidence print it (`evidence_item::data`): its kind, content and
// position, into `to`'s memory. Not the paths of the value and its items: the evidence item's
// `path` says where it sits, no report reads them, and copying them was most of the evidence's
// allocations.
void copy_typed(const value& from, value& to) {
  to.k = from.k;
  to.boolean = from.boolean;
  to.integer = from.integer;
  // Short texts (codes, enum values, names) copied inline over the slot's memory: std::string's
  // assignment is a call to its general replace.
  detail::assign_text(to.text, from.text);
  // Most evidence is a scalar: the lists are copied or resized only when either side has items.
  if (!from.keys.empty() || !to.keys.empty()) to.keys = from.keys;
  to.where = from.where;
  to.path.clear();
  if (to.items.size() != from.items.size()) to.items.resize(from.items.size());
  for (std::size_t i = 0; i < from.items.size(); ++i) copy_typed(from.items[i], to.items[i]);
}

// Fills an evidence item, reusing its memory, with the read `r`. At `evidence_in_place` the item
// refers to the profile's value and copies nothing (the value's own path says where it sits);
// the value of `market` in rules, which `own` names, is the evaluator's and changes with the
// market judged, so it is copied as at `evidence_typed`.
[[gnu::always_inline]] inline void fill_evidence(evidence_item& item, const value* r, report_detail level, const value* own) {
  item.where = r->where;
  if (level == report_detail::evidence_in_place && r != own) {
    item.read = r;
    // Empty already, unless the item last held evidence of another detail.
    if (!item.path.empty()) item.path.clear();
    if (!item.value.empty()) item.value.clear();
    if (item.data.k != value::kind::absent || !item.data.text.empty() ||
        !item.data.items.empty() || !item.data.keys.empty()) {
      item.data = value{};
    }
    return;
  }
  item.read = nullptr;
  detail::assign_text(item.path, r->path);
  item.value.clear();
  if (level != report_detail::evidence_typed && level != report_detail::evidence_in_place) {
    render_value(*r, item.value);
  }
  // Copied into the slot's reused memory: typed values are what reports of evidence print.
  copy_typed(*r, item.data);
}

// The path of the value an evidence item names.
const std::string& evidence_path(const evidence_item& item) {
  return item.read != nullptr ? item.read->path : item.path;
}

// Room for `n` elements: a list of a new report is sized once for what it may hold (an upper
// bound known beforehand) rather than grown by doubling, each step an allocation and a move.
template <class T>
void reserve_at_least(std::vector<T>& items, std::size_t n) {
  if (items.capacity() < n) items.reserve(n);
}

// Gives a finding's evidence list the length `n` by exchanging it, whole, for a list of that
// length kept in `s.evidence_lists`, where one is kept and the old one has a place there;
// otherwise items are added from, or given back to, the spare pool (next_slot, keep_first).
void fit_evidence(std::vector<evidence_item>& items, std::size_t n, scratch& s) {
  auto& lists = s.evidence_lists;
  const std::size_t had = items.size();
  if (had == n || n >= lists.size() || had >= lists.size()) return;
  if (n > 0 && lists[n].size() != n) return;   // no list of that length kept
  if (had > 0 && !lists[had].empty()) return;  // nowhere to keep this one
  if (had > 0) std::swap(items, lists[had]);  // kept; `items` is now empty
  if (n > 0) std::swap(items, lists[n]);      // taken; its place is now empty
}

// Keeps the first `used` elements; the others go to the spare pool.
template <class T>
[[gnu::noinline]] void give_back_from(std::vector<T>& items, std::size_t used,
                                      std::vector<T>& spare) {
  while (items.size() > used) {
    spare.push_back(std::move(items.back()));
    items.pop_back();
  }
}
// Mostly nothing is left over: tested in line, the loop is a call.
template <class T>
inline void keep_first(std::vector<T>& items, std::size_t used, std::vector<T>& spare) {
  if (items.size() > used) give_back_from(items, used, spare);
}

// Keeps the first `used` elements of a list without a spare pool (see next_slot).
template <class T>
  requires std::is_trivially_copyable_v<T>
void keep_first(std::vector<T>& items, std::size_t used) {
  items.erase(items.begin() + static_cast<std::ptrdiff_t>(used), items.end());
}

// The next evidence item of a finding. At `evidence_in_place` items hold nothing of their own
// (their texts and value are left empty): a list of them is lengthened and shortened in place,
// where moving items to and from the spare pool cost more than making and dropping them.
evidence_item& next_evidence(std::vector<evidence_item>& items, std::size_t& used, scratch& s,
                             bool in_place) {
  if (!in_place) return next_slot(items, used, s.spare_evidence);
  if (used == items.size()) items.emplace_back();
  return items[used++];
}
// Keeps a finding's first `used` evidence items (see next_evidence).
void keep_evidence(std::vector<evidence_item>& items, std::size_t used, scratch& s,
                   bool in_place) {
  if (items.size() <= used) return;
  if (in_place) {
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(used), items.end());
  } else {
    give_back_from(items, used, s.spare_evidence);
  }
}

// Fills `f`, reusing its memory, from the verdict just judged (`e` still holds its facts).
void make_finding(evaluator& e, scratch& s, const detail::compiled_regime& regime,
                  const detail::compiled_rule& rule, const rule_verdict& v, finding_status status,
                  report_detail detail, std::string_view member_state, finding& f) {
  f.rule = rule.info.id;
  f.regime = regime.info.id;
  f.jurisdiction = regime.info.jurisdiction;
  f.member_state = member_state;
  f.severity = rule.info.severity;
  f.status = status;
  f.effective.reset();
  f.waiver.reset();
  std::size_t missing_used = 0;
  std::size_t evidence_used = 0;
  const bool in_place = detail == report_detail::evidence_in_place;
  if (detail != report_detail::verdicts) {
    // First occurrences, in order. The lists mostly hold a handful of items: a linear scan
    // allocates nothing, where a std::set allocated a node per item. A rule over a list of
    // thousands (10,000 models) reads thousands, and a linear scan would be quadratic: past
    // `kLinearScan` items a hash set remembers what was seen.
    constexpr std::size_t kLinearScan = 64;
    // Sized once for every fact recorded (duplicates included), rather than grown.
    reserve_at_least(f.missing, e.missing().size());
    const bool many_missing = e.missing().size() > kLinearScan;
    std::optional<std::unordered_set<std::string_view>> missing_seen;  // made only when many
    if (many_missing) missing_seen.emplace();
    for (const auto& m : e.missing()) {
      const std::string& text = m.text();
      const auto filled = f.missing.begin() + static_cast<std::ptrdiff_t>(missing_used);
      const bool fresh = many_missing ? missing_seen->insert(text).second
                                      : std::find(f.missing.begin(), filled, text) == filled;
      if (fresh) next_slot(f.missing, missing_used, s.spare_strings) = text;
    }
    // What the rule requires or forbids decided it; the scope (applies when, when), read first,
    // comes after: the reads rotated by `scope_reads`.
    const auto& reads = e.reads();
    const std::size_t n = reads.size();
    // reads[(scope_reads + k) % n], with one division in all rather than one for each read.
    const std::size_t start = n == 0 ? 0 : v.scope_reads % n;
    auto read = [&](std::size_t k) {
      const std::size_t at = start + k;
      return reads[at >= n ? at - n : at];
    };
    std::optional<std::unordered_set<const value*>> reads_seen;  // made only when many
    if (n > kLinearScan) reads_seen.emplace();
    read_list& unique = s.evidence_reads;
    unique.clear();
    for (std::size_t k = 0; k < n; ++k) {
      const value* r = read(k);
      bool seen = false;
      if (n > kLinearScan) {
        seen = !reads_seen->insert(r).second;
      } else {
        for (std::size_t j = 0; j < k && !seen; ++j) seen = read(j) == r;
      }
      if (!seen) unique.push_back(r);
    }
    if (!in_place) fit_evidence(f.evidence, unique.size(), s);
    reserve_at_least(f.evidence, unique.size());
    for (const value* r : unique) {
      fill_evidence(next_evidence(f.evidence, evidence_used, s, in_place), r, detail,
                    e.market_value());
    }
  }
  keep_first(f.missing, missing_used, s.spare_strings);
  keep_evidence(f.evidence, evidence_used, s, in_place);
  std::size_t unstated_used = 0;
  if (detail != report_detail::verdicts) {
    for (const auto& m : s.unstated) {
      const std::string& text = m.text();
      const auto filled =
          f.unstated_exceptions.begin() + static_cast<std::ptrdiff_t>(unstated_used);
      if (std::find(f.unstated_exceptions.begin(), filled, text) == filled) {
        next_slot(f.unstated_exceptions, unstated_used, s.spare_strings) = text;
      }
    }
  }
  keep_first(f.unstated_exceptions, unstated_used, s.spare_strings);
  if (detail == report_detail::full) {
    // Last: rendering reads the profile again, into the evaluator's buffers consumed above.
    // Composed in the working memory and copied once: appended part by part to a new report's
    // empty string, the message grew, and allocated, several times.
    std::string& text = s.text;
    render_message(e, rule, text);
    if (v.outcome == rule_outcome::indeterminate) undecided_message(f.missing, text, s.text_spare);
    if (!f.unstated_exceptions.empty()) {
      text += " (no exemption stated: ";
      for (std::size_t i = 0; i < f.unstated_exceptions.size(); ++i) {
        if (i != 0) text += ", ";
        text += f.unstated_exceptions[i];
      }
      text += ")";
    }
    f.message.assign(text);
    f.cite = rule.info.cite;
    f.sources = regime.info.sources;
    f.remedy = rule.info.remedy;
  } else {
    f.message.clear();
    f.cite = {};
    f.sources = {};
    f.remedy = {};
  }
}

int status_rank(finding_status s) {
  switch (s) {
    case finding_status::violation:
      return 0;
    case finding_status::indeterminate:
      return 1;
    case finding_status::waived:
      return 2;
    case finding_status::upcoming:
      return 3;
  }
  return 4;
}

// Exchanges two findings member by member: a string's or a list's swap exchanges its pointers,
// where std::swap moves each finding three times.
// `finding`'s members as swap_findings knows them: a member added to `finding` makes it larger
// than this, and must be exchanged there too.
struct finding_members {
  std::string_view rule, regime, jurisdiction;
  rule_severity severity;
  finding_status status;
  std::string message;
  std::string_view cite;
  std::span<const std::string_view> sources;
  std::string_view remedy;
  std::vector<std::string> missing, unstated_exceptions;
  std::string_view member_state;
  std::vector<evidence_item> evidence;
  std::optional<date> effective;
  std::optional<waiver_note> waiver;
};
static_assert(sizeof(finding) == sizeof(finding_members),
              "swap_findings exchanges every member of finding");

void swap_findings(finding& a, finding& b) {
  using std::swap;
  swap(a.rule, b.rule);
  swap(a.regime, b.regime);
  swap(a.jurisdiction, b.jurisdiction);
  swap(a.severity, b.severity);
  swap(a.status, b.status);
  a.message.swap(b.message);
  swap(a.cite, b.cite);
  swap(a.sources, b.sources);
  swap(a.remedy, b.remedy);
  a.missing.swap(b.missing);
  a.unstated_exceptions.swap(b.unstated_exceptions);
  swap(a.member_state, b.member_state);
  a.evidence.swap(b.evidence);
  swap(a.effective, b.effective);
  swap(a.waiver, b.waiver);
}

// Violations, then indeterminate, waived and upcoming findings; by severity, then rule. Stable,
// and in place: a market has a handful of findings, and std::stable_sort would allocate.
void sort_findings(std::vector<finding>& findings) {
  auto before = [](const finding& a, const finding& b) {
    const std::pair ka(status_rank(a.status), static_cast<int>(a.severity));
    const std::pair kb(status_rank(b.status), static_cast<int>(b.severity));
    return ka != kb ? ka < kb : a.rule < b.rule;
  };
  // Insertion sort by exchanges of neighbours, member by member (swap_findings): a finding out
  // of place is mostly one or two places after where it goes, and moving it out, shifting the
  // others and moving it back cost a move of every member three times and a destruction.
  for (std::size_t i = 1; i < findings.size(); ++i) {
    for (std::size_t j = i; j > 0 && before(findings[j], findings[j - 1]); --j) {
      swap_findings(findings[j], findings[j - 1]);
    }
  }
}

}  // namespace

verdict market_verdict_of(const std::vector<finding>& findings, bool covered) {
  verdict v = covered ? verdict::clear : verdict::uncovered;
  for (const auto& f : findings) {
    const bool open =
        f.status == finding_status::violation || f.status == finding_status::indeterminate;
    if (!open) continue;
    if (f.severity == rule_severity::block) {
      if (f.status == finding_status::violation) return verdict::blocked;
      v = std::max(v, verdict::indeterminate);
    } else if (f.severity == rule_severity::warn) {
      // A warn finding, decided or not, needs someone to look at it.
      v = std::max(v, verdict::attention);
    }
  }
  return v;
}

bool fails_gate(const finding& f, const gate_policy& gate) {
  if (gate.fail_on == fail_threshold::never) return false;
  const bool severe = f.severity == rule_severity::block ||
                      (gate.fail_on == fail_threshold::warn && f.severity == rule_severity::warn);
  if (!severe) return false;
  if (f.status == finding_status::violation) return true;
  return f.status == finding_status::indeterminate && !gate.allow_indeterminate;
}

bool fails_gate(const market_report& m, const gate_policy& gate) {
  if (gate.fail_on == fail_threshold::never) return false;
  // Nothing was checked for an uncovered market: it never passes unless the caller says so.
  if (!m.covered && !gate.allow_uncovered) return true;
  return std::any_of(m.findings.begin(), m.findings.end(),
                     [&](const finding& f) { return fails_gate(f, gate); });
}

void recompute_verdicts(report& r) {
  r.overall = verdict::clear;
  r.fails_gate = r.drift_fails_gate;
  report_summary s;
  const gate_policy& gate = r.gate;
  for (auto& m : r.markets) {
    // One pass over the findings for the market's verdict, its gate and the summary: what
    // market_verdict_of and fails_gate(market) answer, each finding asked once.
    verdict v = m.covered ? verdict::clear : verdict::uncovered;
    bool blocked = false;
    // Nothing was checked for an uncovered market: it never passes unless the caller says so.
    bool fails =
        gate.fail_on != fail_threshold::never && !m.covered && !gate.allow_uncovered;
    for (const auto& f : m.findings) {
      if (!fails) fails = fails_gate(f, gate);  // false whatever it is under `never`
      if (!blocked &&
          (f.status == finding_status::violation || f.status == finding_status::indeterminate)) {
        if (f.severity == rule_severity::block) {
          if (f.status == finding_status::violation) {
            blocked = true;
          } else {
            v = std::max(v, verdict::indeterminate);
          }
        } else if (f.severity == rule_severity::warn) {
          v = std::max(v, verdict::attention);
        }
      }
      switch (f.status) {
        case finding_status::violation:
          ++s.violations;
          break;
        case finding_status::indeterminate:
          ++s.indeterminate;
          break;
        case finding_status::waived:
          ++s.waived;
          break;
        case finding_status::upcoming:
          ++s.upcoming;
          break;
      }
    }
    m.market_verdict = blocked ? verdict::blocked : v;
    m.fails_gate = fails;
    r.overall = std::max(r.overall, m.market_verdict);
    r.fails_gate = r.fails_gate || m.fails_gate;
    if (!m.covered) ++s.uncovered;
    s.rules_evaluated += static_cast<std::uint32_t>(m.evaluated.size());
  }
  r.summary = s;
}

namespace {

// One market's evaluation: the regimes judged for it, into its report.
struct market_pass {
  const detail::program& program;
  evaluator& e;
  scratch& s;
  const evaluate_options& options;
  market_report& mr;
  std::size_t findings_used = 0;
  std::size_t coverage_used = 0;

  std::size_t members_used = 0;
  const std::string* member_state = nullptr;

  // Opens a group of regimes judged with `market` as the value of `market` in rules
  // (compile/judged.hpp); `member` tags the findings of a member state's rules.
  void open_group(const std::string& market, const std::string& member, std::int64_t position) {
    e.set_market(market, position);
    member_state = &member;
    if (!member.empty()) next_slot(mr.member_states, members_used) = member;
  }

  // Judges the regime at program position `r` in the group last opened.
  void judge_regime(std::uint32_t r) {
    const auto& regime = program.regimes[r];
    scope_result scope;  // `applies when` at as_of, evaluated on the first rule that needs it
    if (regime.info.reach == regime_reach::government) {
      // A government's rules for its own systems say nothing of a deployment that does not
      // serve that government: they cover the market only when they may apply (design §5).
      e.set_as_of(options.as_of);
      scope = evaluate_scope(e, s, r, regime);
      if (scope.outcome != tv::no) note_coverage(regime);
    } else {
      note_coverage(regime);
    }
    if (const auto judged = s.memo.judged(r); !judged.upcoming) {
      // Every rule judged is in force, so the scope is evaluated before the first of them, as
      // the loop below would; where it does not apply, they are all not applicable at once.
      if (judged.not_applicable.empty()) return;
      e.set_as_of(options.as_of);
      if (!scope.valid) scope = evaluate_scope(e, s, r, regime);
      if (scope.outcome == tv::no) {
        mr.evaluated.insert(mr.evaluated.end(), judged.not_applicable.begin(),
                            judged.not_applicable.end());
        return;
      }
    }
    for (const auto& rule : regime.rules) {
      const detail::rule_timing timing = s.memo.timing(program, rule);
      if (timing == detail::rule_timing::in_force) {
        e.set_as_of(options.as_of);
        if (!scope.valid) scope = evaluate_scope(e, s, r, regime);
        if (scope.outcome == tv::no) {
          // What judge gives without evaluating anything: a rule whose regime does not apply
          // is not applicable, and its reads make no finding.
          mr.evaluated.push_back({rule.info.id, rule.info.severity, rule_outcome::not_applicable});
          continue;
        }
        const rule_verdict v = judge(e, s, scope, regime, rule);
        mr.evaluated.push_back({rule.info.id, rule.info.severity, v.outcome});
        if (v.outcome == rule_outcome::violation || v.outcome == rule_outcome::indeterminate) {
          make_finding(e, s, regime, rule, v,
                       v.outcome == rule_outcome::violation ? finding_status::violation
                                                            : finding_status::indeterminate,
                       options.detail, *member_state,
                       next_slot(mr.findings, findings_used, s.spare_findings));
        }
      } else if (timing == detail::rule_timing::upcoming) {
        // Not yet in force: judge it as it will stand on its first day (its own as-of date,
        // so `applies when` is evaluated afresh).
        const date effective = detail::dates_of(regime, rule).effective;
        e.set_as_of(effective);
        const rule_verdict v = judge(e, s, scope_result{}, regime, rule);
        if (v.outcome == rule_outcome::violation || v.outcome == rule_outcome::indeterminate) {
          finding& f = next_slot(mr.findings, findings_used, s.spare_findings);
          make_finding(e, s, regime, rule, v, finding_status::upcoming, options.detail,
                       *member_state, f);
          f.effective = effective;
        }
      }
    }
  }

  // Coverage (design §5): a regime in force whose jurisdiction reaches the market (a
  // government-reach regime only where the deployment may serve that government). A regime of
  // extraterritorial reach is judged everywhere, but it carries another jurisdiction's law
  // abroad; it does not make the market's own law known, so it covers no market.
  void note_coverage(const detail::compiled_regime& regime) {
    if (regime.info.reach == regime_reach::extraterritorial) return;
    if (!detail::dates_of(regime).in_force(options.as_of)) return;
    mr.covered = true;
    // Names only for a full report: a scan or a gate needs whether, not which.
    if (options.detail == report_detail::full) {
      next_slot(mr.coverage, coverage_used) = regime.info.id;
    }
  }
};

// Invariants bind `check` (design §4): a profile that states what a cited fact about the world
// rules out (its `when` holds and its `require` fails) gets a block finding citing it. A fact the
// profile omits contradicts nothing. The finding goes to the markets its evidence names (a
// transfer's `from: DE` names DE, or EU containing it), else to every market.
void judge_invariants(const detail::program& program, const value& root, scratch& s,
                      const evaluate_options& options, report& out) {
  if (program.invariants.empty() || out.markets.empty()) return;
  // Always with reads recorded: they decide which markets a finding goes to, at any detail.
  evaluator e(program, root, s, true);
  const bool in_place = options.detail == report_detail::evidence_in_place;
  // No market: invariants hold everywhere. Nothing below sets another.
  e.set_market(std::string_view());
  e.set_as_of(options.as_of);
  for (const auto& inv : program.invariants) {
    if (!detail::dates_of(inv).in_force(options.as_of)) continue;
    e.missing().clear();
    e.reads().clear();
    const tv contradicted = detail::invariant_contradicted<tv>(
        [&] { return inv.when ? e.test(*inv.when) : tv::yes; },
        [&] { return e.test(*inv.requirement); });
    if (contradicted != tv::yes) continue;
    const auto& table = program.schema.jurisdictions;
    // jurisdiction_table::covers(m.market, r->text), with the market looked up once and each
    // read's code remembered.
    auto named = [&](const market_report& m, std::optional<std::uint32_t> o) {
      for (const value* r : e.reads()) {
        if (r->k != value::kind::string) continue;
        if (m.market == r->text) {
          if (e.declared_of(r) >= 0) return true;
          continue;
        }
        if (!o) continue;
        const std::int64_t i = e.declared_of(r);
        if (i >= 0 && table.covers(*o, static_cast<std::uint32_t>(i))) return true;
      }
      return false;
    };
    // Each market asked once, its code looked up once: the markets named, in order.
    auto& market_named = s.market_named;
    market_named.clear();
    bool any_named = false;
    for (std::size_t mi = 0; mi < out.markets.size(); ++mi) {
      const market_report& m = out.markets[mi];
      const bool n = named(m, mi < s.market_index.size()
                                  ? (s.market_index[mi] >= 0
                                         ? std::optional<std::uint32_t>(
                                               static_cast<std::uint32_t>(s.market_index[mi]))
                                         : std::nullopt)
                                  : table.index_of(m.market));
      market_named.push_back(n ? 1 : 0);
      any_named = any_named || n;
    }
    for (std::size_t mi = 0; mi < out.markets.size(); ++mi) {
      auto& m = out.markets[mi];
      if (any_named && !market_named[mi]) continue;
      // From the spare pools like every other part of a reused report: appended new, they went
      // to the pools at the next evaluation and the pools grew by them on every profile.
      std::size_t evaluated_used = m.evaluated.size();
      rule_result& result = next_slot(m.evaluated, evaluated_used);
      result.rule = inv.info.id;
      result.severity = rule_severity::block;
      result.outcome = rule_outcome::violation;
      std::size_t findings_used = m.findings.size();
      finding& f = next_slot(m.findings, findings_used, s.spare_findings);
      f.rule = inv.info.id;
      f.regime = {};
      f.jurisdiction = {};
      f.severity = rule_severity::block;
      f.status = finding_status::violation;
      f.member_state = {};
      f.missing.clear();
      f.unstated_exceptions.clear();
      f.effective.reset();
      f.waiver.reset();
      // Written over the slot's own items first (a reused finding has some), the rest after.
      std::size_t evidence_used = 0;
      if (options.detail != report_detail::verdicts) {
        for (const value* r : e.reads()) {
          const auto filled = f.evidence.begin() + static_cast<std::ptrdiff_t>(evidence_used);
          if (std::any_of(f.evidence.begin(), filled,
                          [&](const evidence_item& x) { return evidence_path(x) == r->path; })) {
            continue;
          }
          fill_evidence(next_evidence(f.evidence, evidence_used, s, in_place), r,
                        options.detail, e.market_value());
        }
      }
      keep_evidence(f.evidence, evidence_used, s, in_place);
      if (options.detail == report_detail::full) {
        f.message.assign("The profile contradicts a cited fact: ");
        f.message += inv.info.message;
        f.cite = inv.info.cite;
        auto listed = std::find_if(s.invariant_sources.begin(), s.invariant_sources.end(),
                                   [&](const auto& l) { return l.first == &inv; });
        if (listed == s.invariant_sources.end()) {
          listed = s.invariant_sources.emplace(
              listed, &inv,
              std::make_shared<const std::vector<std::string_view>>(inv.info.sources.begin(),
                                                                    inv.info.sources.end()));
        }
        f.sources = *listed->second;
        if (std::find(out.own_text.begin(), out.own_text.end(), listed->second) ==
            out.own_text.end()) {
          out.own_text.push_back(listed->second);
        }
        // Not the library's text as written: composed once for this working memory, and shared
        // with each report that refers to it (`report::own_text`).
        std::string& text = s.text;
        text.assign("Correct the profile: it states what invariant ");
        text += inv.info.id;
        text += " rules out (";
        text += inv.info.title;
        text += ")";
        auto known = std::find_if(s.remedies.begin(), s.remedies.end(),
                                  [&](const auto& r) { return *r == text; });
        if (known == s.remedies.end()) {
          known = s.remedies.insert(known, std::make_shared<const std::string>(text));
        }
        f.remedy = **known;
        if (out.own_text.empty() || out.own_text.back() != *known) out.own_text.push_back(*known);
      } else {
        f.message.clear();
        f.cite = {};
        f.sources = {};
        f.remedy = {};
      }
    }
  }
}

}  // namespace

evaluation_state::evaluation_state() : scratch_(std::make_unique<detail::scratch>()) {}
evaluation_state::~evaluation_state() = default;
evaluation_state::evaluation_state(evaluation_state&&) noexcept = default;
evaluation_state& evaluation_state::operator=(evaluation_state&&) noexcept = default;

void evaluate(const library& rules, const profile& facts, const evaluate_options& options,
              report& out) {
  evaluation_state state;
  evaluate(rules, facts, options, state, out);
}

void evaluate(const library& rules, const profile& facts, const evaluate_options& options,
              evaluation_state& state, report& out) {
  const detail::program& program = rules.program();
  out.as_of = options.as_of;
  out.library_name = program.name;
  out.library_digest = program.digest;
  // The texts of a reused report copied over its own memory inline (std::string's assignment is
  // a call to its general replace, three times a profile).
  detail::assign_text(out.profile_id, facts.id);
  out.gate = options.gate;
  if (facts.source) {
    detail::assign_text(out.profile_path, facts.source->name());
  } else {
    out.profile_path.clear();
  }
  out.conflicts.clear();
  out.drift.reset();
  out.own_text.clear();
  // Compared first: a report reused for the same library keeps its reference without touching
  // the shared count.
  if (out.library_text.get() != rules.shared_program().get()) out.library_text = rules.shared_program();

  scratch& s = state.scratch();
  if (s.codes_of.owner_before(rules.shared_program()) ||
      rules.shared_program().owner_before(s.codes_of)) {  // another program than last time
    s.codes_of = rules.shared_program();
    s.constant_codes.assign(program.constants.size(), evaluator::kNotLookedUp);
  }
  s.declared.clear();  // values of another profile, or of this one at other addresses
  const date horizon = options.as_of.plus_days(options.upcoming_days);
  s.memo.prepare(rules.shared_program(), options.as_of, horizon);
  evaluator e(program, facts.root, s, options.detail != report_detail::verdicts);
  std::size_t markets_used = 0;
  s.market_index.clear();
  if (out.markets.capacity() == 0) {
    // A new report: its list of markets sized once (a reused one has room already).
    std::size_t market_count = 0;
    detail::for_each_market(facts.root, s.memo.markets(),
                            [&](const std::string&) { ++market_count; });
    out.markets.reserve(market_count);
  }
  detail::for_each_market(facts.root, s.memo.markets(), [&](const std::string& market) {
    market_report& mr = next_slot(out.markets, markets_used, s.spare_markets);
    detail::assign_text(mr.market, market);
    mr.covered = false;
    if (mr.evaluated.capacity() == 0) {
      // A new market: each of its lists sized once for the most it may hold, counted over the
      // regimes it judges (every rule of each, and each invariant, may add a result). A market
      // of a reused report, or from the spare pool, has room already and skips the count.
      std::size_t regimes = 0;
      std::size_t rules = program.invariants.size();
      std::size_t members = 0;
      detail::for_each_judged_regime(
          program, market,
          [&](const std::string&, const std::string& member) { members += member.empty() ? 0 : 1; },
          [&](std::uint32_t r) {
            ++regimes;
            rules += program.regimes[r].rules.size();
          });
      mr.evaluated.reserve(rules);
      mr.member_states.reserve(members);
      if (options.detail == report_detail::full) mr.coverage.reserve(regimes);
    }
    // Results are appended: a rule's result holds no memory of its own, so clearing keeps the
    // list's room and frees nothing.
    mr.evaluated.clear();
    market_pass pass{program, e, s, options, mr};
    // The regimes judged for this market, `EU`'s member states' included (compile/judged.hpp).
    const detail::market_position at = s.memo.position(program.schema.jurisdictions, market);
    s.market_index.push_back(at.index);
    detail::for_each_judged_regime_at(
        program, market, at,
        [&](const std::string& code, const std::string& member, std::int64_t position) {
          pass.open_group(code, member, position);
        },
        [&](std::uint32_t r) { pass.judge_regime(r); });
    keep_first(mr.coverage, pass.coverage_used);
    keep_first(mr.member_states, pass.members_used);
    keep_first(mr.findings, pass.findings_used, s.spare_findings);
  });
  keep_first(out.markets, markets_used, s.spare_markets);
  judge_invariants(program, facts.root, s, options, out);
  for (auto& m : out.markets) sort_findings(m.findings);
  recompute_verdicts(out);
}

report evaluate(const library& rules, const profile& facts, const evaluate_options& options) {
  report out;
  evaluate(rules, facts, options, out);
  return out;
}

const char* to_string(verdict v) {
  switch (v) {
    case verdict::clear:
      return "clear";
    case verdict::attention:
      return "attention";
    case verdict::uncovered:
      return "uncovered";
    case verdict::indeterminate:
      return "indeterminate";
    case verdict::blocked:
      return "blocked";
  }
  return "?";
}

const char* to_string(finding_status s) {
  switch (s) {
    case finding_status::violation:
      return "violation";
    case finding_status::indeterminate:
      return "indeterminate";
    case finding_status::waived:
      return "waived";
    case finding_status::upcoming:
      return "upcoming";
  }
  return "?";
}

const char* to_string(rule_severity s) {
  switch (s) {
    case rule_severity::block:
      return "block";
    case rule_severity::warn:
      return "warn";
    case rule_severity::info:
      return "info";
  }
  return "?";
}

const char* to_string(fail_threshold t) {
  switch (t) {
    case fail_threshold::block:
      return "block";
    case fail_threshold::warn:
      return "warn";
    case fail_threshold::never:
      return "never";
  }
  return "?";
}

const char* to_string(rule_outcome o) {
  switch (o) {
    case rule_outcome::passed:
      return "passed";
    case rule_outcome::not_applicable:
      return "not_applicable";
    case rule_outcome::violation:
      return "violation";
    case rule_outcome::indeterminate:
      return "indeterminate";
  }
  return "?";
}

}  // namespace lexgate
