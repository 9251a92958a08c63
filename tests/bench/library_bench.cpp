// Load, check and compile the whole standard library (parse every embedded rule file).
#include <benchmark/benchmark.h>

#include "lexgate/library.hpp"

namespace {

void load_standard_library(benchmark::State& state) {
  for (auto _ : state) {
    lexgate::diagnostic_bag bag;
    auto lib = lexgate::load_standard_library(bag);
    benchmark::DoNotOptimize(lib);
  }
}
BENCHMARK(load_standard_library)->Unit(benchmark::kMicrosecond);

}  // namespace
