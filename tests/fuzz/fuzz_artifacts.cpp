// libFuzzer target: any bytes as a deployment artifact (the first byte picks the file name,
// and with it the reader), then derived and applied to a profile. Whatever the bytes, lexgate
// reads the artifact or refuses it with a reason, and drift never breaks the profile.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lexgate/artifacts.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lexgate::library rules = [] {
    lexgate::diagnostic_bag bag;
    return *lexgate::load_standard_library(bag);
  }();
  static const lexgate::profile declared = [] {
    lexgate::diagnostic_bag bag;
    auto source = std::make_shared<const lexgate::source_file>(
        "profile.yaml",
        "profile: 1\nproduct:\n  id: p\n  models:\n    - { name: meta-llama/Llama-3.1-8B, "
        "hosting: self-hosted }\ndeployment: { markets: [AU] }\ndata: { storage: { default: [AU] } }\n");
    return *lexgate::load_profile(source, rules.profile_schema(), bag);
  }();
  if (size == 0) return 0;
  static const char* const names[] = {"rendered.yaml", "docker-compose.yml", "config.yaml",
                                      ".env", "plan.json", "notes.txt"};
  const char* name = names[data[0] % 6];
  auto source = std::make_shared<const lexgate::source_file>(
      name, std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  lexgate::diagnostic_bag bag;
  lexgate::artifact_set set;
  if (!lexgate::read_artifact(source, set, bag)) {
    if (!bag.has_errors()) __builtin_trap();  // Invariant: refused only with a reason.
    return 0;
  }
  const auto observed = lexgate::derive_facts(set, rules);
  auto deployed = lexgate::apply_artifacts(declared, rules, observed);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2026-11-29");
  (void)lexgate::evaluate(rules, deployed.deployed, options);
  return 0;
}
