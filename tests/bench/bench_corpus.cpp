// The shared benchmark corpus.
#include "bench_corpus.hpp"

#include <cstdio>
#include <cstdlib>

#include "generator/profile_generator.hpp"

namespace lexgate::bench {

namespace {

constexpr std::uint64_t kSeed = 42;
constexpr std::uint64_t kProfiles = 1000;

library standard_library_or_exit() {
  diagnostic_bag bag;
  auto lib = load_standard_library(bag);
  if (!lib) {
    std::fprintf(stderr, "bench: the standard library does not load\n");
    std::exit(2);
  }
  return *lib;
}

corpus build() {
  corpus c{standard_library_or_exit(), {}, {}, {}, *date::parse("2025-06-01"), 0};
  for (std::uint64_t i = 0; i < kProfiles; ++i) {
    const auto p = generate_profile(kSeed, i);
    auto source =
        std::make_shared<const source_file>("generated-" + std::to_string(i) + ".yaml", to_yaml(p));
    c.yaml_bytes += source->text().size();
    diagnostic_bag bag;
    auto loaded = load_profile(source, c.rules.profile_schema(), bag);
    if (!loaded) {
      for (const auto& d : bag.sorted()) std::fprintf(stderr, "%s\n", render_diagnostic(d).c_str());
      std::exit(2);
    }
    c.yaml.push_back(std::move(source));
    c.json.push_back(p.dump());
    c.profiles.push_back(std::move(*loaded));
  }
  return c;
}

}  // namespace

const corpus& shared_corpus() {
  static const corpus c = build();
  return c;
}

}  // namespace lexgate::bench
