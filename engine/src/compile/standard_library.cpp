// The built-in standard library (layer: compile): its plan as compiled at build time, or, when
// that plan is missing or does not match the embedded rule files, the files compiled now.
#include "compile/plan_codec.hpp"
#include "embedded_plan.hpp"
#include "embedded_rules.hpp"
#include "lexgate/library.hpp"

namespace lexgate {

std::optional<library> load_standard_library(diagnostic_bag& bag) {
  // The digest the build computed from the rule files it embedded, independently of the plan
  // compiler: a plan compiled from other files never matches it.
  if (auto plan =
          detail::decode_plan(detail::embedded_standard_plan(), detail::embedded_rules_digest())) {
    return library(std::move(plan));
  }
  return load_library(standard_library_sources(), bag, "standard");
}

}  // namespace lexgate
