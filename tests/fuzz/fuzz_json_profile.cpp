// libFuzzer target: one JSON Lines line, loaded the way `scan` loads it (the fast path first,
// into a profile reused from input to input) and the full way only. Whatever the bytes, both
// agree: the same verdict on validity, the same diagnostics, the same typed values; and a
// profile that loads is evaluated.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "io/profile_reader.hpp"
#include "lexgate/evaluate.hpp"
#include "lexgate/library.hpp"
#include "lexgate/profile_json.hpp"
#include "support/profile_compare.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const lexgate::library rules = [] {
    lexgate::diagnostic_bag bag;
    return *lexgate::load_standard_library(bag);
  }();
  static const auto file = std::make_shared<const lexgate::source_file>("fuzz.jsonl", "");
  // Kept from one input to the next, as a scan keeps them from line to line.
  static lexgate::json_profile_reader reader;
  static lexgate::profile reused;

  const std::string_view line(reinterpret_cast<const char*>(data), size);
  lexgate::diagnostic_bag fast_bag;
  lexgate::diagnostic_bag full_bag;
  const bool fast = reader.load_into(line, 1, file, rules.profile_schema(), fast_bag, reused);
  const auto full =
      lexgate::detail::load_json_profile_full(line, 1, file, rules.profile_schema(), full_bag);
  if (fast != full.has_value() || lexgate::testing::diagnostics_text(fast_bag) !=
                                      lexgate::testing::diagnostics_text(full_bag)) {
    __builtin_trap();
  }
  if (!fast) {
    if (!fast_bag.has_errors()) __builtin_trap();  // refused only with a reason
    return 0;
  }
  if (reused.id != full->id ||
      !lexgate::testing::value_difference(reused.root, full->root).empty()) {
    __builtin_trap();
  }
  lexgate::evaluate_options options;
  options.as_of = *lexgate::date::parse("2025-03-01");
  options.detail = lexgate::report_detail::evidence;
  static lexgate::report judged;
  static lexgate::evaluation_state state;
  lexgate::evaluate(rules, reused, options, state, judged);
  return 0;
}
