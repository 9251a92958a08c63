// JSON profiles typed straight from simdjson's DOM, for valid profiles (layer: profile).
//
// The full path (json_profile.cpp) converts the DOM into the YAML loader's node tree and types it
// with the typer both formats share, which locates every error. This path skips the node tree and
// writes into a profile it reuses, so a scan of many lines allocates almost nothing once warm. It
// accepts only what the full path accepts unchanged; anything else — an error, a limit, a value
// the full path would convert (a number where a string is expected) — makes it give up, and the
// caller types the line the full way. Its result equals the full path's: tests/unit/
// fast_paths_test.cpp and tests/fuzz/fuzz_json_profile.cpp hold it to that.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <vector>

#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// What the fast typer keeps from one line to the next, for one schema at a time.
struct fast_typer_memory {
  /// Values a shorter list no longer needs, waiting for a longer one.
  std::vector<value> spare;
  /// Whether each two-letter code (`AA` to `ZZ`) is a valid market of `codes`: 0 when not asked
  /// yet, 1 when valid, 2 when not. Markets and places are written on every line, and the
  /// table's answer costs a hash and a lookup or two.
  const jurisdiction_table* codes = nullptr;
  std::array<std::uint8_t, 26 * 26> two_letter{};
};

/// Types `document`, found on line `line`, as a profile into `out`, reusing the memory of the
/// values `out` held and what `memory` keeps. `out` must be a profile typed by this function
/// before, or a new one, and `memory.spare` must hold only values this function put there.
/// False when the full path must decide: `out` is then unspecified, and must not be passed here
/// again (a new profile must).
bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out);

}  // namespace lexgate::detail
