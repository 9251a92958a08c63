// libFuzzer target: a profile, loaded against the standard library's schema and evaluated
// against all its rules. Whatever the bytes, lexgate reports diagnostics or a report.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lexgate::library rules = [] {
    lexgate::diagnostic_bag bag;
    return *lexgate::load_standard_library(bag);
  }();
  auto source = std::make_shared<const lexgate::source_file>(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  lexgate::diagnostic_bag bag;
  auto p = lexgate::load_profile(source, rules.profile_schema(), bag);
  if (!p) {
    if (!bag.has_errors()) __builtin_trap();  // Invariant: refused only with a reason.
    return 0;
  }
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-03-01");
  (void)lexgate::evaluate(rules, *p, options);
  return 0;
}
