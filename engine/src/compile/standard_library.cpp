// The built-in standard library (layer: compile): its plan as compiled at build time, or, when
// that plan is missing or does not match the embedded rule files, the files compiled now.
#include "compile/plan_codec.hpp"
#include "embedded_plan.hpp"
#include "embedded_rules.hpp"
#include "lexgate/library.hpp"

namespace lexgate {

std::optional<library> load_standard_library(diagnostic_bag& bag) {
  // Decoded once per process and deliberately never freed: a library is immutable and shared,
  // and tearing down its thousands of allocations would only delay the program's exit. The
  // digest is the one the build computed from the rule files it embedded, independently of the
  // plan compiler: a plan compiled from other files never matches it.
  static const auto* const embedded = new std::shared_ptr<const detail::plan>(
      detail::decode_plan(detail::embedded_standard_plan(), detail::embedded_rules_digest()));
  if (*embedded) return library(*embedded);
  return load_library(standard_library_sources(), bag, "standard");
}

}  // namespace lexgate
