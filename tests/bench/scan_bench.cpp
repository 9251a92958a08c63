// Scan throughput inside one process: load + evaluate every profile of the corpus, on 1 and 2
// threads sharing one library (wall-clock time, items = profiles).
#include <benchmark/benchmark.h>

#include "bench_corpus.hpp"
#include "lexgate/evaluate.hpp"

namespace lexgate::bench {

namespace {

void scan_yaml(benchmark::State& state) {
  const corpus& c = shared_corpus();
  evaluate_options options;
  options.as_of = c.as_of;
  // Each thread takes every n-th profile, so threads share no work item.
  std::size_t i = static_cast<std::size_t>(state.thread_index());
  const auto step = static_cast<std::size_t>(state.threads());
  for (auto _ : state) {
    diagnostic_bag bag;
    auto p = load_profile(c.yaml[i], c.rules.profile_schema(), bag);
    report r = evaluate(c.rules, *p, options);
    benchmark::DoNotOptimize(r);
    i = (i + step) % c.yaml.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}
BENCHMARK(scan_yaml)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMicrosecond);

}  // namespace

}  // namespace lexgate::bench
