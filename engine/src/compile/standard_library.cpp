// The built-in standard library (layer: compile): its program as compiled at build time, or, when
// that program is missing or does not match the embedded rule files, the files compiled now.
#include "compile/program_codec.hpp"
#include "embedded_program.hpp"
#include "embedded_rules.hpp"
#include "lexgate/library.hpp"

namespace lexgate {

std::optional<library> load_standard_library(diagnostic_bag& bag) {
  // Decoded once per process and deliberately never freed: a library is immutable and shared,
  // and tearing down its thousands of allocations would only delay the program's exit. The
  // digest is the one the build computed from the rule files it embedded, independently of the
  // program compiler: a program compiled from other files never matches it.
  static const auto* const embedded = new std::shared_ptr<const detail::program>(
      detail::decode_program(detail::embedded_standard_program(), detail::embedded_rules_digest(),
                             detail::program_bytes::static_storage));
  if (*embedded) return library(*embedded);
  return load_library(standard_library_sources(), bag, "standard");
}

}  // namespace lexgate
