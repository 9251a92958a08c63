// The standard library: compiled from its rule text (parse, check and compile every embedded rule
// file, as for a custom library), and loaded as the program loads it (the plan compiled at build
// time).
#include <benchmark/benchmark.h>

#include "lexgate/library.hpp"

namespace {

void compile_standard_library(benchmark::State& state) {
  const auto sources = lexgate::standard_library_sources();
  for (auto _ : state) {
    lexgate::diagnostic_bag bag;
    auto lib = lexgate::load_library(sources, bag, "standard");
    benchmark::DoNotOptimize(lib);
  }
}
BENCHMARK(compile_standard_library)->Unit(benchmark::kMicrosecond);

void load_standard_library(benchmark::State& state) {
  for (auto _ : state) {
    lexgate::diagnostic_bag bag;
    auto lib = lexgate::load_standard_library(bag);
    benchmark::DoNotOptimize(lib);
  }
}
BENCHMARK(load_standard_library)->Unit(benchmark::kMicrosecond);

}  // namespace
