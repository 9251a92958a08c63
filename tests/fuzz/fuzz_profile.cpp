// libFuzzer target: a profile, loaded against the standard library's schema and evaluated
// against all its rules. Whatever the bytes, lexgate reports diagnostics or a report.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "lexgate/diagnostic.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile.hpp"
#include "source/text_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lexgate::library rules = [] {
    lexgate::diagnostic_bag bag;
    return *lexgate::load_standard_library(bag);
  }();
  auto source = std::make_shared<const lexgate::source_file>(
      "fuzz.yaml", std::string(reinterpret_cast<const char*>(data), size));
  // Invariant: whatever the bytes (a file name, a value), what `printable` makes of them is
  // UTF-8 that no terminal or CI log acts on (what the text and Markdown writers print).
  if (lexgate::detail::unprintable_at(
          lexgate::printable(std::string_view(reinterpret_cast<const char*>(data), size)), false)) {
    __builtin_trap();
  }
  lexgate::diagnostic_bag bag;
  auto p = lexgate::load_profile(source, rules.profile_schema(), bag);
  // Invariant: a diagnostic copies no control character to the log but its own line breaks and
  // tabs (which forge nothing; the quoted line shows them as spaces, docs/limits.md).
  for (const auto& d : bag.items()) {
    for (const char c : lexgate::render_diagnostic(d)) {
      if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
        __builtin_trap();
      }
    }
  }
  if (!p) {
    if (!bag.has_errors()) __builtin_trap();  // Invariant: refused only with a reason.
    return 0;
  }
  // Invariant: a loaded profile holds only strings every writer can express (docs/limits.md).
  const auto printable = [](const auto& self, const lexgate::value& v) -> void {
    if (v.k == lexgate::value::kind::string &&
        lexgate::detail::unprintable_at(v.text, false).has_value()) {
      __builtin_trap();
    }
    for (const auto& item : v.items) self(self, item);
  };
  printable(printable, p->root);
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-03-01");
  (void)lexgate::evaluate(rules, *p, options);
  return 0;
}
