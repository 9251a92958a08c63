// One profile against the whole standard library: the interpreter (lexgate::evaluate) and the
// same rules hand-written in C++ (the floor). Each iteration evaluates the next profile of the
// corpus, so the figure is the mean over many shapes, not one profile's best case.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "bench_corpus.hpp"
#include "handwritten_rules.hpp"
#include "lexgate/evaluate.hpp"
#include "peer_rules.hpp"

namespace lexgate::bench {

namespace {

const handwritten_rules& checked_handwritten() {
  // Before anything is timed: the floor must decide exactly what the interpreter decides.
  static const handwritten_rules* hw = [] {
    const corpus& c = shared_corpus();
    auto* rules = new handwritten_rules(c.rules);
    if (!rules->skipped().empty()) {
      // The floor then judges fewer rules than the interpreter: say so beside the figures.
      std::fprintf(stderr, "bench: the hand-written floor covers %zu rules; %zu have no copy\n",
                   rules->rule_count(), rules->skipped().size());
    }
    std::vector<handwritten_result> results;
    evaluate_options options;
    options.as_of = c.as_of;
    std::size_t mismatches = 0;
    for (const auto& p : c.profiles) {
      rules->evaluate(p.root, c.as_of, results);
      const std::string diff = compare_with_report(*rules, results, evaluate(c.rules, p, options));
      if (!diff.empty() && ++mismatches <= 3) {
        std::fprintf(stderr, "%s: %s\n", p.source->name().c_str(), diff.c_str());
      }
    }
    if (mismatches != 0) {
      std::fprintf(stderr, "bench: %zu profiles where the hand-written rules disagree\n",
                   mismatches);
      std::exit(1);
    }
    return rules;
  }();
  return *hw;
}

void evaluate_one_profile(benchmark::State& state) {
  const corpus& c = shared_corpus();
  evaluate_options options;
  options.as_of = c.as_of;
  // The working memory is the caller's and kept, as a gate or a service keeps it; the report is
  // new each time, as `lexgate check` builds it.
  evaluation_state working;
  std::size_t i = 0;
  for (auto _ : state) {
    report r;
    evaluate(c.rules, c.profiles[i], options, working, r);
    benchmark::DoNotOptimize(r);
    i = i + 1 == c.profiles.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(evaluate_one_profile)->Unit(benchmark::kMicrosecond);

// The same into one report reused from profile to profile (what `scan` does), at each level of
// detail: `verdicts` is what the peers and the hand-written rules produce (rule outcomes only).
void evaluate_reusing_report(benchmark::State& state) {
  const corpus& c = shared_corpus();
  evaluate_options options;
  options.as_of = c.as_of;
  options.detail = static_cast<report_detail>(state.range(0));
  report r;
  evaluation_state working;
  std::size_t i = 0;
  for (auto _ : state) {
    evaluate(c.rules, c.profiles[i], options, working, r);
    benchmark::DoNotOptimize(r);
    i = i + 1 == c.profiles.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(evaluate_reusing_report)
    ->ArgName("detail")
    ->Arg(static_cast<int>(report_detail::full))
    ->Arg(static_cast<int>(report_detail::evidence))
    ->Arg(static_cast<int>(report_detail::verdicts))
    ->Unit(benchmark::kMicrosecond);

// The rules the peer engines are timed on (tests/bench/peers/rules.mjs), and only those, at
// `verdicts` detail into a reused report: the like for like of the peers, which return the ids
// of the rules a profile violates.
void evaluate_peer_rules(benchmark::State& state) {
  const corpus& c = shared_corpus();
  const library& rules = peer_library();
  evaluate_options options;
  options.as_of = c.as_of;
  options.detail = report_detail::verdicts;
  report r;
  evaluation_state working;
  std::size_t i = 0;
  for (auto _ : state) {
    evaluate(rules, c.profiles[i], options, working, r);
    benchmark::DoNotOptimize(r);
    i = i + 1 == c.profiles.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["rules"] = static_cast<double>(rules.rule_count());
}
BENCHMARK(evaluate_peer_rules)->Unit(benchmark::kMicrosecond);

void handwritten_one_profile(benchmark::State& state) {
  const corpus& c = shared_corpus();
  const handwritten_rules& hw = checked_handwritten();
  std::vector<handwritten_result> results;
  std::size_t i = 0;
  for (auto _ : state) {
    hw.evaluate(c.profiles[i].root, c.as_of, results);
    benchmark::DoNotOptimize(results.data());
    i = i + 1 == c.profiles.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(handwritten_one_profile)->Unit(benchmark::kMicrosecond);

}  // namespace

}  // namespace lexgate::bench
