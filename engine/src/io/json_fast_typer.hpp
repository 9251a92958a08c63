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

#include <cstdint>
#include <vector>

#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Types `document`, found on line `line`, as a profile into `out`, reusing the memory of the
/// values `out` held; values a shorter list no longer needs wait in `spare` for a longer one.
/// `out` must be a profile typed by this function before, or a new one, and `spare` must hold
/// only values this function put there. False when the full path must decide: `out` is then
/// unspecified, and must not be passed here again (a new profile must).
bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            std::vector<value>& spare, profile& out);

}  // namespace lexgate::detail
