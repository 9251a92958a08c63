// Profile loading alone: lexgate's YAML loader (parse + validate + type) against yaml-cpp's
// bare `YAML::Load` of the same text, the reference the scan target is set against; and the
// JSON Lines loader (simdjson + validate + type) on the same profiles as JSON.
#include <benchmark/benchmark.h>
#include <yaml-cpp/yaml.h>

#include "bench_corpus.hpp"
#include "lexgate/profile_json.hpp"

namespace lexgate::bench {

namespace {

void load_profile_yaml(benchmark::State& state) {
  const corpus& c = shared_corpus();
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    diagnostic_bag bag;
    auto p = load_profile(c.yaml[i], c.rules.profile_schema(), bag);
    benchmark::DoNotOptimize(p);
    bytes += static_cast<std::int64_t>(c.yaml[i]->text().size());
    i = i + 1 == c.yaml.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(load_profile_yaml)->Unit(benchmark::kMicrosecond);

void yaml_cpp_bare_load(benchmark::State& state) {
  const corpus& c = shared_corpus();
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    YAML::Node n = YAML::Load(c.yaml[i]->text());
    benchmark::DoNotOptimize(n);
    bytes += static_cast<std::int64_t>(c.yaml[i]->text().size());
    i = i + 1 == c.yaml.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(yaml_cpp_bare_load)->Unit(benchmark::kMicrosecond);

void load_profile_json(benchmark::State& state) {
  const corpus& c = shared_corpus();
  json_profile_reader reader;
  const auto file = std::make_shared<const source_file>("generated.jsonl", std::string());
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    diagnostic_bag bag;
    auto p = reader.load(c.json[i], static_cast<std::uint32_t>(i + 1), file,
                         c.rules.profile_schema(), bag);
    benchmark::DoNotOptimize(p);
    bytes += static_cast<std::int64_t>(c.json[i].size());
    i = i + 1 == c.json.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(load_profile_json)->Unit(benchmark::kMicrosecond);

// The same into one profile reused from line to line, as `scan` does.
void load_profile_json_reusing(benchmark::State& state) {
  const corpus& c = shared_corpus();
  json_profile_reader reader;
  const auto file = std::make_shared<const source_file>("generated.jsonl", std::string());
  profile reused;
  std::size_t i = 0;
  std::int64_t bytes = 0;
  for (auto _ : state) {
    diagnostic_bag bag;
    const bool loaded = reader.load_into(c.json[i], static_cast<std::uint32_t>(i + 1), file,
                                         c.rules.profile_schema(), bag, reused);
    benchmark::DoNotOptimize(loaded);
    bytes += static_cast<std::int64_t>(c.json[i].size());
    i = i + 1 == c.json.size() ? 0 : i + 1;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.SetBytesProcessed(bytes);
}
BENCHMARK(load_profile_json_reusing)->Unit(benchmark::kMicrosecond);

}  // namespace

}  // namespace lexgate::bench
