// libFuzzer target: a rule file, parsed and checked together with the standard library's
// schema and jurisdictions. Whatever the bytes, lexgate reports diagnostics or a library.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "lexgate/library.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<lexgate::source_ptr> standard = [] {
    std::vector<lexgate::source_ptr> keep;
    for (const auto& f : lexgate::standard_library_sources()) {
      if (f->name() == "rules/schema.rules" || f->name() == "rules/jurisdictions.rules" ||
          f->name() == "rules/shared.rules") {
        keep.push_back(f);
      }
    }
    return keep;
  }();
  auto files = standard;
  files.push_back(std::make_shared<const lexgate::source_file>(
      "fuzz.rules", std::string(reinterpret_cast<const char*>(data), size)));
  lexgate::diagnostic_bag bag;
  auto lib = lexgate::load_library(files, bag);
  // Invariant: no library without an error being the reason.
  if (!lib && !bag.has_errors()) __builtin_trap();
  // Invariant: a diagnostic copies no control character to the log but its own line breaks and
  // tabs (which forge nothing), and quotes no value whole however long (docs/limits.md).
  for (const auto& d : bag.items()) {
    for (const char c : lexgate::render_diagnostic(d)) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
        __builtin_trap();
      }
    }
    if (d.message.size() > 16384) __builtin_trap();
  }
  return 0;
}
