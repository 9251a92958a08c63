// The standard library: compiled from its rule text (parse, check and compile every embedded rule
// file, as for a custom library), and decoded from the plan compiled at build time, as the
// program loads it once per process.
#include <benchmark/benchmark.h>

#include "compile/plan_codec.hpp"
#include "embedded_plan.hpp"
#include "embedded_rules.hpp"
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
    auto plan = lexgate::detail::decode_plan(lexgate::detail::embedded_standard_plan(),
                                             lexgate::detail::embedded_rules_digest());
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(load_standard_library)->Unit(benchmark::kMicrosecond);

}  // namespace
