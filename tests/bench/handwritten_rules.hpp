// The standard library's rules hand-written as plain C++ predicates over the typed profile
// value: the floor the interpreter is measured against. Kleene logic as in the rule language,
// field positions resolved once from the schema, no allocation per evaluation once warmed up.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::bench {

struct handwritten_result {
  std::string_view market;
  std::uint16_t rule = 0;  ///< Index into `handwritten_rules::rule_id`.
  rule_outcome outcome = rule_outcome::passed;
  bool upcoming = false;  ///< Judged as it will stand on its effective date.
};

class handwritten_rules {
 public:
  /// Binds a predicate to every rule of `rules` that has a hand-written copy; the others are
  /// skipped (listed by `skipped()`), so a new rule needs a rule file and no C++.
  explicit handwritten_rules(const library& rules);
  ~handwritten_rules();
  handwritten_rules(const handwritten_rules&) = delete;
  handwritten_rules& operator=(const handwritten_rules&) = delete;

  /// Every rule in force on `as_of` (and those coming into force within 90 days, judged on
  /// their first day) in every market of the profile, in the order of `library::regimes()`.
  void evaluate(const value& root, date as_of, std::vector<handwritten_result>& out) const;

  std::string_view rule_id(std::uint16_t rule) const;

  /// How many rules of the library have a hand-written copy, and the ids of those without one.
  std::size_t rule_count() const;
  const std::vector<std::string>& skipped() const;
  /// Whether `rule` (a full rule id) has a hand-written copy.
  bool covers(std::string_view rule) const;

  struct impl;

 private:
  impl* impl_;
};

/// Compares the hand-written outcomes with the interpreter's report, on the rules that have a
/// hand-written copy; returns a description of the first difference, or an empty string.
std::string compare_with_report(const handwritten_rules& hw,
                                const std::vector<handwritten_result>& results, const report& r);

}  // namespace lexgate::bench
