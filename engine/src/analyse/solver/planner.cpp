// Conflicts, split and remediation over the symbolic profile (layer: analyse). See docs/plan.md.
//
// 1. Targets: each (rule, market) pair the evaluator would judge, at or above the threshold.
// 2. A market that no change can make compliant on its own has unresolvable rules: their minimal
//    cores are reported and those rules leave the problem.
// 3. Conflicts: the minimal unsatisfiable sets of the remaining targets and the invariants over
//    one deployment of every market (MARCO enumeration, each core shrunk by deletion).
// 4. Split: the fewest deployments, each satisfiable — exact by trying k = 1, 2, ... copies of
//    the free attributes with a market→copy assignment, or first-fit above the exact limit.
// 5. Remediation: Z3 Optimize minimises the number of changed attributes over the split; the
//    result is checked with the evaluator itself, and each change is credited with the rules
//    that fail again when it alone is undone.
#include "analyse/solver/planner.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>

#include "analyse/solver/encode.hpp"
#include "compile/judged.hpp"

namespace lexgate::analyse {

namespace {

using detail::compiled_invariant;
using detail::compiled_regime;
using detail::compiled_rule;

struct target {
  std::size_t market = 0;  ///< Index into the profile's markets.
  const compiled_regime* regime = nullptr;
  const compiled_rule* rule = nullptr;
  /// The value of `market` in the rule: the market, or the member state whose rule it is.
  const std::string* code = nullptr;
  bool active = true;
};

std::vector<std::string> markets_of(const detail::program& program, const value& root) {
  std::vector<std::string> out;
  detail::for_each_market(program, root, [&](const std::string& code) { out.push_back(code); });
  return out;
}

// Every text the rules or the profile can compare, so that each gets an id.
void collect_texts(const detail::program& p, const detail::node& n, text_ids& texts) {
  const value& constant = p.constants[n.constant];
  if (constant.k == value::kind::string) texts.intern(constant.text);
  for (const auto& k : n.kids()) collect_texts(p, k, texts);
}
void collect_texts(const value& v, text_ids& texts) {
  if (v.k == value::kind::string) texts.intern(v.text);
  for (const auto& k : v.keys) texts.intern(k);
  for (const auto& i : v.items) collect_texts(i, texts);
}

std::string join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

template <class T>
void add_unique(std::vector<T>& v, const T& x) {
  if (std::find(v.begin(), v.end(), x) == v.end()) v.push_back(x);
}

/// The analysis ran out of its total time (`plan_options::timeout_ms`) or memory.
struct budget_exceeded : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The solver answered neither yes nor no (it gave up) within the budget.
struct solver_gave_up : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Memory the solver may use for one analysis, in MiB: a profile listing every market code, or
/// ten thousand models, would otherwise grow it by gigabytes.
constexpr unsigned kSolverMemoryMiB = 2048;

/// Items the analysis encodes at most, over all of a profile's lists (models, markets,
/// transfers, ...). Each item is a set of solver variables in every world the planner builds,
/// and building them is not bounded by the time budget: 10,000 models took minutes and
/// gigabytes before the first solver call could notice the deadline. A larger profile is not
/// analysed, at once and with that reason (`plan.budget`).
constexpr std::size_t kMaxAnalysedItems = 500;

std::size_t list_items(const value& v) {
  std::size_t n = v.k == value::kind::list ? v.items.size() : 0;
  for (const auto& item : v.items) n += list_items(item);
  return n;
}

/// One planning run: the library, the profile, the targets, and a Z3 context.
class planner {
 public:
  planner(const library& rules, const profile& facts, const plan_options& options)
      : rules_(rules),
        program_(rules.program()),
        facts_(facts),
        options_(options),
        markets_(markets_of(program_, facts.root)),
        deadline_(std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(options.timeout_ms)) {
    c_.set("timeout", static_cast<int>(options.timeout_ms));
    // Z3's memory limit is a process-wide setting; every analysis sets the same value.
    z3::set_param("memory_max_size", static_cast<int>(kSolverMemoryMiB));
    for (const auto& r : program_.regimes) {
      if (r.applies_when != nullptr) collect_texts(program_, *r.applies_when, texts_);
      for (const auto& rule : r.rules) {
        if (rule.when != nullptr) collect_texts(program_, *rule.when, texts_);
        collect_texts(program_, *rule.assertion, texts_);
        if (rule.unless != nullptr) collect_texts(program_, *rule.unless, texts_);
      }
    }
    for (const auto& inv : program_.invariants) {
      if (inv.when != nullptr) collect_texts(program_, *inv.when, texts_);
      collect_texts(program_, *inv.requirement, texts_);
    }
    for (const auto& t : program_.schema.types) {
      for (const auto& v : t.enum_values) texts_.intern(v);
    }
    for (const auto& code : program_.schema.jurisdictions.codes()) texts_.intern(code);
    texts_.intern("default");
    collect_texts(facts.root, texts_);
    collect_jurisdictions(facts.root);
    pinned_ = pinned_paths();
    collect_targets();
  }

  /// Milliseconds left of the whole analysis' budget; throws when none are.
  unsigned remaining_ms() const {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline_ - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) throw budget_exceeded("time");
    return static_cast<unsigned>(left);
  }

  /// A solver call may take what is left of the budget, no more.
  void bound(z3::solver& s) {
    z3::params params(c_);
    params.set("timeout", remaining_ms());
    s.set(params);
  }

  /// An `unknown` answer: the budget ran out (time or memory), or the solver gave up.
  [[noreturn]] void gave_up(const std::string& reason) const {
    if (reason.find("memory") != std::string::npos) throw budget_exceeded("memory");
    if (std::chrono::steady_clock::now() >= deadline_ || reason == "timeout" ||
        reason == "canceled") {
      throw budget_exceeded("time");
    }
    throw solver_gave_up("the solver gave up: " + reason);
  }

  bool satisfiable_subset(const conflict& c) {
    std::vector<z3::expr> all_in(markets_.size(), c_.bool_val(true));
    world w(c_, program_.schema, texts_, facts_.root, pinned_, markets_, all_in, "s:");
    z3::solver s(c_);
    for (const auto& d : w.domain_constraints()) s.add(d);
    encoder enc(c_, program_, texts_, w);
    for (const auto& t : targets_) {
      const bool rule_in =
          std::find(c.rules.begin(), c.rules.end(), t.rule->info.id) != c.rules.end();
      const auto& m = markets_[t.market];
      const bool market_in = std::find(c.markets.begin(), c.markets.end(), m) != c.markets.end();
      if (rule_in && market_in) s.add(enc.rule_holds(*t.regime, *t.rule, *t.code, options_.as_of));
    }
    for (const auto* inv : invariants_) {
      if (std::find(c.invariants.begin(), c.invariants.end(), inv->info.id) != c.invariants.end()) {
        s.add(enc.invariant_holds(*inv, options_.as_of));
      }
    }
    bound(s);
    const auto r = s.check();
    if (r == z3::unknown) gave_up(s.reason_unknown());
    return r == z3::sat;
  }

  std::optional<plan_report> run(diagnostic_bag& bag) {
    plan_report out;
    // One world holding every market, for the conflict analysis.
    std::vector<z3::expr> all_in;
    for (std::size_t i = 0; i < markets_.size(); ++i) all_in.push_back(c_.bool_val(true));
    world whole(c_, program_.schema, texts_, facts_.root, pinned_, markets_, all_in, "w:");
    if (!check_pins(whole, bag)) return std::nullopt;
    for (const auto& f : whole.free_attributes()) out.free_attributes.push_back(f.attribute->path);
    free_paths_ = out.free_attributes;

    z3::solver s(c_);
    for (const auto& d : whole.domain_constraints()) s.add(d);
    encoder enc(c_, program_, texts_, whole);
    std::vector<z3::expr> lits;  // targets first, then invariants
    std::vector<std::set<std::string>> reads;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      remaining_ms();  // encoding a large library for many markets takes time of its own
      const auto& t = targets_[i];
      z3::expr a = c_.bool_const(("t" + std::to_string(i)).c_str());
      s.add(z3::implies(a, enc.rule_holds(*t.regime, *t.rule, *t.code, options_.as_of)));
      lits.push_back(a);
      reads.push_back(enc.touched());
    }
    for (std::size_t j = 0; j < invariants_.size(); ++j) {
      z3::expr b = c_.bool_const(("i" + std::to_string(j)).c_str());
      s.add(z3::implies(b, enc.invariant_holds(*invariants_[j], options_.as_of)));
      lits.push_back(b);
      reads.push_back(enc.touched());
    }

    // The invariants alone: fixed facts that break one make every plan impossible.
    std::vector<std::size_t> invariant_ids;
    for (std::size_t j = 0; j < invariants_.size(); ++j)
      invariant_ids.push_back(targets_.size() + j);
    if (const auto core = minimal_core(s, lits, invariant_ids)) {
      bag.error("plan.invariant",
                "the profile's fixed facts break invariant `" +
                    invariants_[(*core)[0] - targets_.size()]->info.id +
                    "`, and no change of the free attributes can mend it",
                facts_.source ? facts_.source->name() : std::string(),
                "correct the profile, or take the attribute out of `plan.fixed`");
      return std::nullopt;
    }

    // Markets on their own: what no change can fix there leaves the problem.
    for (std::size_t m = 0; m < markets_.size(); ++m) {
      for (;;) {
        std::vector<std::size_t> group = active_of_market(m);
        for (std::size_t j = 0; j < invariants_.size(); ++j) group.push_back(targets_.size() + j);
        const auto core = minimal_core(s, lits, group);
        if (!core) break;
        // The invariants are satisfiable on their own, so the core holds a target.
        record_unresolvable(*core, reads, m, out);
        for (std::size_t i : *core) {
          if (i < targets_.size()) targets_[i].active = false;
        }
      }
    }

    enumerate_conflicts(s, lits, reads, out);
    if (options_.conflicts_only) return out;

    if (!split_and_remediate(out, bag)) return std::nullopt;
    return out;
  }

 private:
  void collect_jurisdictions(const value& v) {
    if (v.k == value::kind::string && program_.schema.jurisdictions.known(v.text)) {
      add_unique(familiar_, texts_.find(v.text));
    }
    for (const auto& i : v.items) collect_jurisdictions(i);
  }

  std::vector<std::string> pinned_paths() const {
    std::vector<std::string> out;
    const int plan_field = program_.schema.root->field_index("plan");
    if (plan_field < 0) return out;
    const value& p = facts_.root.items[static_cast<std::size_t>(plan_field)];
    if (!p.present()) return out;
    for (const auto& f : p.items) {
      for (const auto& item : f.items) out.push_back(item.text);
    }
    return out;
  }

  bool check_pins(const world& w, diagnostic_bag& bag) const {
    const int plan_field = program_.schema.root->field_index("plan");
    if (plan_field < 0) return true;
    const value& p = facts_.root.items[static_cast<std::size_t>(plan_field)];
    bool ok = true;
    for (const auto& f : p.items) {
      for (const auto& item : f.items) {
        const auto& paths = w.paths();
        const bool known = std::any_of(paths.begin(), paths.end(), [&](const std::string& x) {
          return path_under(x, item.text);
        });
        if (!known) {
          diagnostic d;
          d.code = "plan.fixed";
          d.message = "`" + item.text + "` names no attribute of this profile";
          d.where = item.where;
          d.end = item.where;
          if (facts_.source) {
            d.file = facts_.source->name();
            d.line_text = std::string(facts_.source->line_text(item.where.line));
          }
          d.help =
              "write a path as reports show it, for example `product.models[0].provider` "
              "or `data.storage`";
          bag.add(std::move(d));
          ok = false;
        }
      }
    }
    return ok;
  }

  void collect_targets() {
    for (std::size_t m = 0; m < markets_.size(); ++m) {
      // The rules the evaluator judges in force for the market (member states' included).
      detail::for_each_judged_rule(
          program_, markets_[m], options_.as_of,
          [&](const compiled_regime& regime, const compiled_rule& rule, const std::string& code,
              const std::string&) {
            if (static_cast<int>(rule.info.severity) > static_cast<int>(options_.threshold)) return;
            targets_.push_back({m, &regime, &rule, &code, true});
          });
    }
    detail::for_each_judged_invariant(program_, options_.as_of, [&](const compiled_invariant& inv) {
      invariants_.push_back(&inv);
    });
  }

  std::vector<std::size_t> active_of_market(std::size_t m) const {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i].active && targets_[i].market == m) out.push_back(i);
    }
    return out;
  }

  z3::check_result check(z3::solver& s, const std::vector<z3::expr>& lits,
                         const std::vector<std::size_t>& chosen) {
    z3::expr_vector assumptions(c_);
    for (std::size_t i : chosen) assumptions.push_back(lits[i]);
    bound(s);
    const auto r = s.check(assumptions);
    if (r == z3::unknown) gave_up(s.reason_unknown());
    return r;
  }

  /// A minimal unsatisfiable subset of `chosen`, or nothing when `chosen` is satisfiable.
  std::optional<std::vector<std::size_t>> minimal_core(z3::solver& s,
                                                       const std::vector<z3::expr>& lits,
                                                       std::vector<std::size_t> chosen) {
    if (check(s, lits, chosen) == z3::sat) return std::nullopt;
    chosen = from_core(s, lits, chosen);
    for (std::size_t k = 0; k < chosen.size();) {
      std::vector<std::size_t> trial = chosen;
      trial.erase(trial.begin() + static_cast<std::ptrdiff_t>(k));
      if (check(s, lits, trial) == z3::unsat) {
        chosen = from_core(s, lits, trial);
        k = 0;
      } else {
        ++k;
      }
    }
    return chosen;
  }

  std::vector<std::size_t> from_core(z3::solver& s, const std::vector<z3::expr>& lits,
                                     const std::vector<std::size_t>& chosen) {
    const z3::expr_vector core = s.unsat_core();
    std::vector<std::size_t> out;
    for (std::size_t i : chosen) {
      for (unsigned j = 0; j < core.size(); ++j) {
        if (z3::eq(core[static_cast<int>(j)], lits[i])) {
          out.push_back(i);
          break;
        }
      }
    }
    return out;
  }

  std::string describe(std::size_t i) const {
    if (i >= targets_.size()) {
      const auto& inv = *invariants_[i - targets_.size()];
      return "invariant " + inv.info.id + " (" + lowercase_first(inv.info.title) + ")";
    }
    const auto& t = targets_[i];
    return "in " + markets_[t.market] + ", " + std::string(t.rule->info.id);
  }

  static std::string lowercase_first(std::string s) {
    if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z' &&
        (s.size() < 2 || !(s[1] >= 'A' && s[1] <= 'Z'))) {
      s[0] = static_cast<char>(s[0] - 'A' + 'a');
    }
    return s;
  }

  // The attributes a conflict turns on: those two or more of its members read, and of those
  // the ones a deployment could change (the scope facts they share are context, not the cause).
  std::vector<std::string> shared_attributes(
      const std::vector<std::size_t>& core, const std::vector<std::set<std::string>>& reads) const {
    std::map<std::string, int> count;
    for (std::size_t i : core) {
      for (const auto& p : reads[i]) ++count[p];
    }
    std::vector<std::string> shared;
    std::vector<std::string> shared_free;
    std::vector<std::string> all;
    for (const auto& [p, n] : count) {
      all.push_back(p);
      if (n < 2) continue;
      shared.push_back(p);
      if (std::find(free_paths_.begin(), free_paths_.end(), p) != free_paths_.end()) {
        shared_free.push_back(p);
      }
    }
    if (!shared_free.empty()) return shared_free;
    return shared.empty() ? all : shared;
  }

  void record_unresolvable(const std::vector<std::size_t>& core,
                           const std::vector<std::set<std::string>>& reads, std::size_t m,
                           plan_report& out) const {
    for (std::size_t i : core) {
      if (i >= targets_.size()) continue;
      unresolvable_rule u;
      u.rule = targets_[i].rule->info.id;
      u.market = markets_[m];
      u.attributes.assign(reads[i].begin(), reads[i].end());
      if (core.size() == 1) {
        u.explanation = "No change of the attributes this deployment may change satisfies " +
                        u.rule + " in " + u.market +
                        ": it rests on fixed facts. Change them by hand, drop the market, or "
                        "accept the finding with a waiver.";
      } else {
        std::vector<std::string> parts;
        for (std::size_t j : core) parts.push_back(describe(j));
        u.explanation =
            "Within " + u.market + " these cannot all hold at once: " + join(parts, "; ") + ".";
      }
      out.unresolvable.push_back(std::move(u));
    }
  }

  conflict make_conflict(const std::vector<std::size_t>& core,
                         const std::vector<std::set<std::string>>& reads) const {
    conflict c;
    std::vector<std::size_t> market_ids;
    for (std::size_t i : core) {
      if (i < targets_.size()) {
        add_unique(market_ids, targets_[i].market);
        add_unique(c.rules, std::string(targets_[i].rule->info.id));
      } else {
        add_unique(c.invariants, invariants_[i - targets_.size()]->info.id);
      }
    }
    std::sort(market_ids.begin(), market_ids.end());
    for (std::size_t m : market_ids) c.markets.push_back(markets_[m]);
    c.attributes = shared_attributes(core, reads);
    std::vector<std::string> parts;
    for (std::size_t i : core) parts.push_back(describe(i));
    c.explanation = "No single deployment to " + join(c.markets, " and ") +
                    " can satisfy all of these: " + join(parts, "; ") + ". They meet on " +
                    join(c.attributes, ", ") + ". Deploy " + join(c.markets, " and ") +
                    " separately, or change a fixed fact.";
    return c;
  }

  void enumerate_conflicts(z3::solver& s, const std::vector<z3::expr>& lits,
                           const std::vector<std::set<std::string>>& reads, plan_report& out) {
    std::vector<std::size_t> universe;
    for (std::size_t i = 0; i < targets_.size(); ++i) {
      if (targets_[i].active) universe.push_back(i);
    }
    for (std::size_t j = 0; j < invariants_.size(); ++j) universe.push_back(targets_.size() + j);
    if (check(s, lits, universe) == z3::sat) return;

    // MARCO: a map solver proposes subsets not yet known to be satisfiable or to hold a core.
    z3::solver map(c_);
    std::vector<z3::expr> x;
    for (std::size_t i : universe) x.push_back(c_.bool_const(("m" + std::to_string(i)).c_str()));
    for (;;) {
      if (map.check() != z3::sat) return;
      if (out.conflicts.size() >= options_.max_conflicts) {
        out.conflicts_truncated = true;
        return;
      }
      const z3::model model = map.get_model();
      std::vector<std::size_t> seed;
      for (std::size_t k = 0; k < universe.size(); ++k) {
        if (!model.eval(x[k]).is_false()) seed.push_back(universe[k]);
      }
      if (check(s, lits, seed) == z3::sat) {
        // Grow to a maximal satisfiable subset; block it and everything below it.
        for (std::size_t i : universe) {
          if (std::find(seed.begin(), seed.end(), i) != seed.end()) continue;
          seed.push_back(i);
          if (check(s, lits, seed) != z3::sat) seed.pop_back();
        }
        z3::expr_vector outside(c_);
        for (std::size_t k = 0; k < universe.size(); ++k) {
          if (std::find(seed.begin(), seed.end(), universe[k]) == seed.end()) {
            outside.push_back(x[k]);
          }
        }
        if (outside.empty()) return;
        map.add(z3::mk_or(outside));
      } else {
        const auto core = minimal_core(s, lits, seed);
        z3::expr_vector inside(c_);
        for (std::size_t k = 0; k < universe.size(); ++k) {
          if (std::find(core->begin(), core->end(), universe[k]) != core->end()) {
            inside.push_back(!x[k]);
          }
        }
        map.add(z3::mk_or(inside));
        out.conflicts.push_back(make_conflict(*core, reads));
      }
    }
  }

  /// Copies of the profile, one per deployment, with market `m` in copy `assign[m]`.
  struct split_problem {
    std::vector<z3::expr> assign;
    std::vector<std::vector<z3::expr>> membership;  // [copy][market]
    std::vector<std::unique_ptr<world>> worlds;
    std::vector<z3::expr> hard;
  };

  split_problem build_split(std::size_t k, const std::vector<std::size_t>* fixed_assignment) {
    split_problem p;
    const std::size_t n = markets_.size();
    for (std::size_t m = 0; m < n; ++m) {
      if (fixed_assignment != nullptr) {
        p.assign.push_back(c_.int_val(static_cast<int>((*fixed_assignment)[m])));
      } else {
        p.assign.push_back(c_.int_const(("split#" + markets_[m]).c_str()));
        // Symmetry breaking: market m goes to one of the first m+1 copies.
        p.hard.push_back(p.assign[m] >= 0 && p.assign[m] < static_cast<int>(std::min(k, m + 1)));
      }
    }
    p.membership.reserve(k);  // worlds keep references to their membership vectors
    for (std::size_t g = 0; g < k; ++g) {
      std::vector<z3::expr> member;
      for (std::size_t m = 0; m < n; ++m) {
        member.push_back((p.assign[m] == static_cast<int>(g)).simplify());
      }
      p.membership.push_back(member);
      p.worlds.push_back(std::make_unique<world>(c_, program_.schema, texts_, facts_.root, pinned_,
                                                 markets_, p.membership.back(),
                                                 "d" + std::to_string(g) + ":"));
      const world& w = *p.worlds.back();
      for (const auto& d : w.domain_constraints()) p.hard.push_back(d);
      encoder enc(c_, program_, texts_, w);
      for (const auto& t : targets_) {
        if (!t.active) continue;
        p.hard.push_back(
            z3::implies(member[t.market],
                        enc.rule_holds(*t.regime, *t.rule, *t.code, options_.as_of)));
      }
      for (const auto* inv : invariants_)
        p.hard.push_back(enc.invariant_holds(*inv, options_.as_of));
    }
    return p;
  }

  bool satisfiable(const split_problem& p) {
    z3::solver s(c_);
    for (const auto& h : p.hard) s.add(h);
    bound(s);
    const auto r = s.check();
    if (r == z3::unknown) gave_up(s.reason_unknown());
    return r == z3::sat;
  }

  bool split_and_remediate(plan_report& out, diagnostic_bag& bag) {
    const std::size_t n = markets_.size();
    if (n == 0) {
      // No market, no rule: the deployment stands as it is.
      out.deployments.push_back({{}, {}, facts_.root});
      return true;
    }
    std::optional<split_problem> chosen;
    if (out.conflicts.empty()) {
      chosen = build_split(1, nullptr);
    } else if (n <= options_.exact_split_limit) {
      for (std::size_t k = 2; k <= n && !chosen; ++k) {
        auto p = build_split(k, nullptr);
        if (satisfiable(p)) chosen = std::move(p);
      }
    } else {
      out.exact_split = false;
      chosen = first_fit();
    }
    if (!chosen) {
      bag.error("plan.split", "no split of the markets satisfies their rules",
                facts_.source ? facts_.source->name() : std::string());
      return false;
    }
    return remediate(*chosen, out, bag);
  }

  // Above the exact limit: each market joins the first deployment it can share.
  std::optional<split_problem> first_fit() {
    std::vector<std::size_t> assignment(markets_.size(), 0);
    std::size_t groups = 0;
    for (std::size_t m = 0; m < markets_.size(); ++m) {
      bool placed = false;
      for (std::size_t g = 0; g < groups && !placed; ++g) {
        assignment[m] = g;
        std::vector<std::size_t> partial = assignment;
        // Markets not yet placed sit in a copy of their own that has no rules checked.
        for (std::size_t later = m + 1; later < markets_.size(); ++later) partial[later] = 1000;
        auto p = build_split(groups, &partial);
        placed = satisfiable(p);
      }
      if (!placed) assignment[m] = groups++;
    }
    return build_split(groups, &assignment);
  }

  bool remediate(const split_problem& p, plan_report& out, diagnostic_bag& bag) {
    z3::optimize opt(c_);
    z3::params params(c_);
    params.set("timeout", remaining_ms());
    opt.set(params);
    for (const auto& h : p.hard) opt.add(h);
    // First the fewest changes; then, among equal plans, jurisdictions the profile already
    // names (a model provider moved to the vendor's country rather than to any country).
    const z3::symbol changes = c_.str_symbol("changes");
    const z3::symbol familiar = c_.str_symbol("familiar");
    for (const auto& w : p.worlds) {
      for (const auto& f : w->free_attributes()) {
        Z3_optimize_assert_soft(c_, opt, !f.changed, "1", changes);
      }
    }
    for (const auto& w : p.worlds) {
      for (const auto& f : w->free_attributes()) {
        if (f.attribute->is_set || f.attribute->type->kind != type_kind::jurisdiction) continue;
        z3::expr_vector known(c_);
        for (int id : familiar_) known.push_back(f.attribute->scalar == id);
        if (known.empty()) continue;
        Z3_optimize_assert_soft(c_, opt, !f.changed || z3::mk_or(known), "1", familiar);
      }
    }
    const auto r = opt.check();
    if (r == z3::unknown) gave_up(Z3_optimize_get_reason_unknown(c_, opt));
    if (r != z3::sat) {
      bag.error("plan.solver",
                r == z3::unknown ? "the solver gave up while minimising changes: " +
                                       std::string(Z3_optimize_get_reason_unknown(c_, opt))
                                 : "the split has no compliant configuration",
                facts_.source ? facts_.source->name() : std::string());
      return false;
    }
    const z3::model model = opt.get_model();
    for (std::size_t g = 0; g < p.worlds.size(); ++g) {
      planned_deployment d;
      for (std::size_t m = 0; m < markets_.size(); ++m) {
        if (model.eval(p.membership[g][m], true).is_true()) d.markets.push_back(markets_[m]);
      }
      if (d.markets.empty()) continue;
      const world& w = *p.worlds[g];
      d.remediated = w.decode(model, d.markets);
      for (const auto& f : w.free_attributes()) {
        if (!model.eval(f.changed, true).is_true()) continue;
        attribute_change ch;
        ch.path = f.attribute->path;
        if (f.attribute->current != nullptr) ch.from = *f.attribute->current;
        ch.from.path = ch.path;
        ch.to = w.decode_attribute(model, *f.attribute);
        ch.any_other = ch.to.k == value::kind::string && ch.to.text == any_other_text;
        d.changes.push_back(std::move(ch));
      }
      if (!credit_changes(w, model, d, bag)) return false;
      out.deployments.push_back(std::move(d));
    }
    return true;
  }

  // The rules at or above the threshold that fail (violation or indeterminate) in `r`.
  std::set<std::string> failing(const report& r) const {
    std::set<std::string> out;
    for (const auto& m : r.markets) {
      for (const auto& e : m.evaluated) {
        if (static_cast<int>(e.severity) > static_cast<int>(options_.threshold)) continue;
        if (e.outcome == rule_outcome::violation || e.outcome == rule_outcome::indeterminate) {
          out.insert(m.market + " " + std::string(e.rule));
        }
      }
    }
    return out;
  }

  report recheck(const value& root) const {
    profile p{facts_.source, root, facts_.id, facts_.resolutions};
    evaluate_options eo;
    eo.as_of = options_.as_of;
    eo.upcoming_days = 0;
    return evaluate(rules_, p, eo);
  }

  /// Checks the plan with the evaluator and credits each change with the rules it satisfies.
  bool credit_changes(const world& w, const z3::model& model, planned_deployment& d,
                      diagnostic_bag& bag) {
    std::set<std::string> accepted;  // unresolvable rules stay failing by design
    for (const auto& t : targets_) {
      if (!t.active) accepted.insert(markets_[t.market] + " " + std::string(t.rule->info.id));
    }
    const std::set<std::string> after = failing(recheck(d.remediated));
    for (const auto& f : after) {
      if (accepted.count(f) == 0) {
        bag.error("plan.internal",
                  "the plan for " + join(d.markets, ", ") + " still fails " + f +
                      " when checked; the solver's model of the rules disagrees with the "
                      "evaluator (please report this)",
                  facts_.source ? facts_.source->name() : std::string());
        return false;
      }
    }
    for (auto& ch : d.changes) {
      const value undone = w.decode(model, d.markets, ch.path);
      for (const auto& f : failing(recheck(undone))) {
        if (after.count(f) == 0) add_unique(ch.satisfies, f.substr(f.find(' ') + 1));
      }
      // A change no rule needs on its own keeps an invariant true (the plan would be impossible
      // in practice without it).
      if (ch.satisfies.empty()) {
        for (const auto& id : broken_invariants(undone)) add_unique(ch.satisfies, id);
      }
    }
    return true;
  }

  /// The invariants a concrete profile breaks.
  std::vector<std::string> broken_invariants(const value& root) {
    std::vector<std::string> everything;  // pin every attribute: the profile as it stands
    for (const auto& f : program_.schema.root->fields) everything.push_back(f.name);
    std::vector<z3::expr> all_in(markets_.size(), c_.bool_val(true));
    world w(c_, program_.schema, texts_, root, everything, markets_, all_in, "x:");
    encoder enc(c_, program_, texts_, w);
    std::vector<std::string> out;
    for (const auto* inv : invariants_) {
      if (!enc.invariant_holds(*inv, options_.as_of).simplify().is_true()) {
        out.push_back(inv->info.id);
      }
    }
    return out;
  }

  const library& rules_;
  const detail::program& program_;
  const profile& facts_;
  const plan_options& options_;
  std::vector<std::string> markets_;
  z3::context c_;
  text_ids texts_;
  std::vector<std::string> pinned_;
  std::vector<target> targets_;
  std::vector<const compiled_invariant*> invariants_;
  std::vector<int> familiar_;  ///< Text ids of the jurisdictions the profile names.
  std::vector<std::string> free_paths_;
  std::chrono::steady_clock::time_point deadline_;
};

}  // namespace

std::optional<plan_report> plan(const library& rules, const profile& facts,
                                const plan_options& options, diagnostic_bag& bag) {
  if (const std::size_t items = list_items(facts.root); items > kMaxAnalysedItems) {
    bag.error("plan.budget",
              "the profile's lists hold " + std::to_string(items) + " items, more than the " +
                  std::to_string(kMaxAnalysedItems) + " the analysis encodes; it was not attempted",
              facts.source ? facts.source->name() : std::string(),
              "plan fewer markets or models at once");
    return std::nullopt;
  }
  try {
    planner p(rules, facts, options);
    return p.run(bag);
  } catch (const budget_exceeded& e) {
    const bool memory = std::string(e.what()) == "memory";
    bag.error("plan.budget",
              memory ? "the analysis needed more than " + std::to_string(kSolverMemoryMiB) +
                           " MiB and gave up"
                     : "the analysis took longer than its budget of " +
                           std::to_string(options.timeout_ms / 1000) + " s and gave up",
              facts.source ? facts.source->name() : std::string(),
              memory ? "plan fewer markets or models at once"
                     : "raise --timeout, or plan fewer markets or models at once");
  } catch (const solver_gave_up& e) {
    bag.error("plan.solver", e.what(), facts.source ? facts.source->name() : std::string());
  } catch (const unsupported& e) {
    bag.error("plan.unsupported", e.what(), facts.source ? facts.source->name() : std::string());
  } catch (const z3::exception& e) {
    if (std::string(e.msg()).find("memory") != std::string::npos) {
      bag.error(
          "plan.budget",
          "the analysis needed more than " + std::to_string(kSolverMemoryMiB) + " MiB and gave up",
          facts.source ? facts.source->name() : std::string(),
          "plan fewer markets or models at once");
      return std::nullopt;
    }
    bag.error("plan.solver", std::string("the solver failed: ") + e.msg(),
              facts.source ? facts.source->name() : std::string());
  }
  return std::nullopt;
}

bool satisfiable_together(const library& rules, const profile& facts, const plan_options& options,
                          const conflict& c) {
  planner p(rules, facts, options);
  return p.satisfiable_subset(c);
}

}  // namespace lexgate::analyse
