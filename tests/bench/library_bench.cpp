// The standard library: compiled from its rule text (parse, check and compile every embedded rule
// file, as for a custom library), and decoded from the program compiled at build time, as the
// program loads it once per process.
#include <benchmark/benchmark.h>

#include "compile/program_codec.hpp"
#include "embedded_program.hpp"
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
    auto program = lexgate::detail::decode_program(lexgate::detail::embedded_standard_program(),
                                                   lexgate::detail::embedded_rules_digest());
    benchmark::DoNotOptimize(program);
  }
}
BENCHMARK(load_standard_library)->Unit(benchmark::kMicrosecond);

}  // namespace
