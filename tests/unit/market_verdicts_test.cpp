// recompute_verdicts gives each market the verdict market_verdict_of defines and the gate's
// outcome fails_gate(market) defines, and the summary the findings count, for every mix of
// findings (status and severity, in any order), coverage and gate policy.
#include <vector>

#include "lexgate/evaluate.hpp"
#include "support/catch.hpp"

using namespace lexgate;

TEST_CASE("recompute_verdicts agrees with market_verdict_of and fails_gate", "[report]") {
  const finding_status statuses[] = {finding_status::violation, finding_status::indeterminate,
                                     finding_status::waived, finding_status::upcoming};
  const rule_severity severities[] = {rule_severity::block, rule_severity::warn,
                                      rule_severity::info};
  std::vector<std::vector<finding>> lists = {{}};
  // Every list of up to three findings of the twelve kinds.
  for (int length = 1; length <= 3; ++length) {
    std::vector<std::vector<finding>> longer;
    for (const auto& list : lists) {
      if (static_cast<int>(list.size()) != length - 1) continue;
      for (const auto s : statuses) {
        for (const auto v : severities) {
          auto next = list;
          finding f;
          f.status = s;
          f.severity = v;
          next.push_back(f);
          longer.push_back(std::move(next));
        }
      }
    }
    lists.insert(lists.end(), longer.begin(), longer.end());
  }
  std::size_t checked = 0;
  for (const auto fail_on : {fail_threshold::block, fail_threshold::warn, fail_threshold::never}) {
    for (const bool allow_indeterminate : {false, true}) {
      for (const bool allow_uncovered : {false, true}) {
        const gate_policy gate{fail_on, allow_indeterminate, allow_uncovered};
        for (const bool drift : {false, true}) {
          report r;
          r.gate = gate;
          r.drift_fails_gate = drift;
          // Every list as a market, covered and not.
          for (const auto& list : lists) {
            for (const bool covered : {true, false}) {
              market_report m;
              m.covered = covered;
              m.findings = list;
              m.evaluated.resize(list.size() + 1);
              r.markets.push_back(std::move(m));
            }
          }
          recompute_verdicts(r);
          verdict overall = verdict::clear;
          bool fails = drift;
          report_summary expected;
          for (const auto& m : r.markets) {
            CHECK(m.market_verdict == market_verdict_of(m.findings, m.covered));
            CHECK(m.fails_gate == fails_gate(m, gate));
            overall = std::max(overall, m.market_verdict);
            fails = fails || m.fails_gate;
            if (!m.covered) ++expected.uncovered;
            expected.rules_evaluated += static_cast<std::uint32_t>(m.evaluated.size());
            for (const auto& f : m.findings) {
              expected.violations += f.status == finding_status::violation;
              expected.indeterminate += f.status == finding_status::indeterminate;
              expected.waived += f.status == finding_status::waived;
              expected.upcoming += f.status == finding_status::upcoming;
            }
            ++checked;
          }
          CHECK(r.overall == overall);
          CHECK(r.fails_gate == fails);
          CHECK(r.summary.uncovered == expected.uncovered);
          CHECK(r.summary.rules_evaluated == expected.rules_evaluated);
          CHECK(r.summary.violations == expected.violations);
          CHECK(r.summary.indeterminate == expected.indeterminate);
          CHECK(r.summary.waived == expected.waived);
          CHECK(r.summary.upcoming == expected.upcoming);
        }
      }
    }
  }
  CHECK(checked > 10000);
}
