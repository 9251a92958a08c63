// What the evaluator works out once per library instead of once per profile, kept in the
// caller's evaluation state (layer: evaluate): the library stays read-only and shared between
// threads, and each worker's state remembers these answers for the library it last judged.
//
// - how each rule is judged on the as-of date (in force, upcoming, not judged), which depends
//   only on the library's dates and the evaluation's as-of date and horizon;
// - the outcome of a regime's `applies when` that reads nothing of the profile, only `market`
//   and constants (`applies when market in ["CN", "MO", "HK"]`), for each market code: such a
//   scope is a function of the market alone, and a regime judged on every market (an
//   extraterritorial one) evaluated it for each market of each profile;
// - where each market code stands in the jurisdiction table: a fleet lists the same few codes.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <span>
#include <vector>

#include "lexgate/evaluate.hpp"

#include "compile/judged.hpp"
#include "compile/program.hpp"
#include "compile/semantics.hpp"

namespace lexgate::detail {

/// Whether `n` reads nothing but `market` and constants: no profile value, quantifier variable
/// or as-of date, and no quantifier (which would spend the evaluation budget). Its outcome, and
/// what it records (reads of `market`, never a missing fact), is then a function of the market.
inline bool reads_only_market(const node& n) {
  switch (n.code) {
    case op::constant:
    case op::market:
      return true;
    case op::list:
    case op::logical_not:
    case op::logical_and:
    case op::logical_or:
    case op::exists:
    case op::eq:
    case op::ne:
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
    case op::in:
    case op::contains:
    case op::subset_of:
    case op::intersects:
    case op::within:
      for (const node& k : n.kids()) {
        if (!reads_only_market(k)) return false;
      }
      return true;
    default:
      return false;
  }
}

class program_memo {
 public:
  /// A scope's outcome for one market code, as evaluating it gave: how many times it read
  /// `market` (its only reads), known only when it was evaluated with reads recorded.
  struct scope_entry {
    enum class state : std::uint8_t { empty, outcome_only, with_reads };
    state filled = state::empty;
    tv outcome = tv::no;
    std::uint16_t market_reads = 0;
  };

  /// Forgets everything when `p` is not the program last seen (known by its owner, which a weak
  /// reference keeps distinct from any program made later at the same address), and works out
  /// the rules' timing when the dates differ from the last call's.
  void prepare(const std::shared_ptr<const program>& p, date as_of, date horizon) {
    if (of_.owner_before(p) || p.owner_before(of_) || !ready_) {
      of_ = p;
      ready_ = true;
      // Rows of the scope table for the regimes whose scope reads only the market, numbered
      // from 1 (0: none): a few regimes, where a row for each would be a table of thousands
      // of entries to clear for every new library (and a one-profile `check` uses few of them).
      market_only_.assign(p->regimes.size(), 0);
      std::uint32_t rows = 0;
      for (std::size_t r = 0; r < p->regimes.size(); ++r) {
        const node* scope = p->regimes[r].applies_when;
        if (scope != nullptr && reads_only_market(*scope)) market_only_[r] = ++rows;
      }
      codes_ = p->schema.jurisdictions.codes().size();
      positions_.fill(position_entry{});
      markets_ = market_list_of(*p);
      scopes_.assign(std::size_t{rows} * codes_, scope_entry{});
      timings_.clear();
    }
    if (timings_.size() != p->rules.size() || as_of != as_of_ || horizon != horizon_) {
      as_of_ = as_of;
      horizon_ = horizon;
      timings_.resize(p->rules.size());
      in_force_.clear();
      regimes_.assign(p->regimes.size(), regime_rules{});
      for (std::size_t r = 0; r < p->regimes.size(); ++r) {
        const compiled_regime& regime = p->regimes[r];
        regimes_[r].first = static_cast<std::uint32_t>(in_force_.size());
        for (const compiled_rule& rule : regime.rules) {
          const rule_timing t = timing_of(dates_of(regime, rule), as_of, horizon);
          timings_[static_cast<std::size_t>(&rule - p->rules.data())] = t;
          if (t == rule_timing::upcoming) regimes_[r].upcoming = true;
          if (t == rule_timing::in_force) {
            in_force_.push_back({rule.info.id, rule.info.severity, rule_outcome::not_applicable});
          }
        }
        regimes_[r].count = static_cast<std::uint32_t>(in_force_.size()) - regimes_[r].first;
      }
    }
  }

  /// The rules of regime `r` judged on the prepared dates: whether one is judged as upcoming,
  /// and the results of those in force, in order, as where the regime does not apply.
  struct judged_rules {
    bool upcoming = false;
    std::span<const rule_result> not_applicable;
  };
  judged_rules judged(std::uint32_t r) const {
    const regime_rules& k = regimes_[r];
    return {k.upcoming, std::span<const rule_result>(in_force_).subspan(k.first, k.count)};
  }

  /// How `rule` (of the program last prepared) is judged on the prepared dates.
  rule_timing timing(const program& p, const compiled_rule& rule) const {
    return timings_[static_cast<std::size_t>(&rule - p.rules.data())];
  }

  /// Where `market` stands in the jurisdiction table of the program last prepared
  /// (market_position_of), remembered per code of at most eight bytes.
  market_position position(const jurisdiction_table& table, const std::string& market) {
    if (market.empty() || market.size() > 8) return market_position_of(table, market);
    std::uint64_t bytes = 0;
    std::memcpy(&bytes, market.data(), market.size());
    position_entry& entry = positions_[(bytes * 0x9E3779B97F4A7C15ull) >> 56];
    if (entry.size != market.size() || entry.bytes != bytes) {
      entry.bytes = bytes;
      entry.size = static_cast<std::uint8_t>(market.size());
      entry.at = market_position_of(table, market);
    }
    return entry.at;
  }

  /// Where a profile lists its markets.
  market_list_at markets() const { return markets_; }

  /// Whether regime `r`'s `applies when` reads only `market` and constants.
  bool market_only(std::uint32_t r) const { return market_only_[r] != 0; }

  /// The remembered scope of regime `r` for the market at `code` (a position in the jurisdiction
  /// table), or null when the regime's scope reads more than the market.
  scope_entry* scope(std::uint32_t r, std::uint32_t code) {
    if (market_only_[r] == 0 || code >= codes_) return nullptr;
    return &scopes_[std::size_t{market_only_[r] - 1} * codes_ + code];
  }

 private:
  std::weak_ptr<const program> of_;
  bool ready_ = false;
  std::vector<std::uint32_t> market_only_;  // per regime: its row of `scopes_` + 1, or 0
  std::size_t codes_ = 0;
  struct position_entry {
    std::uint64_t bytes = 0;
    std::uint8_t size = 0;  // 0: empty
    market_position at;
  };
  std::array<position_entry, 256> positions_{};  // by a hash of the code's bytes
  market_list_at markets_;
  std::vector<scope_entry> scopes_;  // per market-only regime and jurisdiction code
  date as_of_;
  date horizon_;
  std::vector<rule_timing> timings_;  // per rule, by position in program::rules
  struct regime_rules {
    std::uint32_t first = 0;  // in in_force_
    std::uint32_t count = 0;
    bool upcoming = false;
  };
  std::vector<regime_rules> regimes_;  // per regime
  std::vector<rule_result> in_force_;  // the rules in force, by regime, as not applicable
};

}  // namespace lexgate::detail
