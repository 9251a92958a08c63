// One JSON line typed both ways: by the fast path into a reused profile, as `scan` does, and by
// the full typer. The tests that hold the fast path to the full typer compare the two.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "io/profile_reader.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/profile_json.hpp"
#include "support/profile_compare.hpp"

namespace lexgate::testing {

struct typed_both_ways {
  bool fast = false;             ///< Whether the fast path accepted the line.
  std::optional<profile> full;   ///< What the full typer made of it.
  std::string fast_diagnostics;  ///< As `diagnostics_text` gives them.
  std::string full_diagnostics;
};

inline typed_both_ways type_both_ways(json_profile_reader& reader, profile& reused,
                                      const std::string& line, std::uint32_t number,
                                      const source_ptr& file, const schema& s) {
  diagnostic_bag fast_bag;
  diagnostic_bag full_bag;
  typed_both_ways out;
  out.fast = reader.load_into(line, number, file, s, fast_bag, reused);
  out.full = detail::load_json_profile_full(line, number, file, s, full_bag);
  out.fast_diagnostics = diagnostics_text(fast_bag);
  out.full_diagnostics = diagnostics_text(full_bag);
  return out;
}

}  // namespace lexgate::testing
