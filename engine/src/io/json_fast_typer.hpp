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

/// Values a container no longer needs, kept for the next container of the same type.
struct value_pool {
  const schema_type* owner = nullptr;  ///< The list, map or record type that held them.
  std::vector<value> values;           ///< The last one taken first; bounded in number.
};

/// What the fast typer keeps from one line to the next, for one schema at a time.
struct fast_typer_memory {
  /// Values a shorter list (or a record now absent) no longer needs, waiting for a longer one,
  /// one pool per container type: a value comes back with the shape (and nearly always the
  /// path and text) it had, where a shared pool handed a list of markets the records of a
  /// list of models.
  std::vector<value_pool> pools;
  /// Which pool serves an owner, hashed by its address (open addressing; null: a free slot).
  /// Pools are sought whenever a list changes length, several times a line.
  std::array<const schema_type*, 128> pool_owner{};
  std::array<std::uint32_t, 128> pool_index{};
  /// The root fields the profile's checks read, by index (-1 when the schema has none).
  const schema* layout_of = nullptr;
  int deployment = -1, markets = -1, version = -1, product = -1, product_id = -1;
  /// Whether each two-letter code (`AA` to `ZZ`) is a valid market of `codes`: 0 when not asked
  /// yet, 1 when valid, 2 when not. Markets and places are written on every line, and the
  /// table's answer costs a hash and a lookup or two.
  const jurisdiction_table* codes = nullptr;
  std::array<std::uint8_t, 26 * 26> two_letter{};
  /// Longer codes of up to eight bytes met lately (`US-NY`, `CN-BJ`) and whether each is valid,
  /// in a small table indexed by a hash of the code, for the same reason.
  struct known_code {
    std::uint64_t bytes = 0;  // the first four and the last four, overlapping
    std::uint8_t size = 0;    // 0: a free entry
    bool valid = false;
  };
  std::array<known_code, 32> longer_codes{};
  /// Dates (`YYYY-MM-DD`) met lately and their days, in a small table indexed by a hash of the
  /// text: a fleet's lines repeat a few dates, and parsing one checks every field of it.
  struct known_date {
    std::uint64_t head = 0;  // the first eight bytes
    std::uint16_t tail = 0;  // the last two
    bool valid = false;      // the entry holds a date
    std::int32_t days = 0;
  };
  std::array<known_date, 32> dates{};
};

/// Types `document`, found on line `line`, as a profile into `out`, reusing the memory of the
/// values `out` held and what `memory` keeps. `out` must be a profile typed by this function
/// before, or a new one, and `memory.pools` must hold only values this function put there.
/// False when the full path must decide: `out` is then unspecified, and must not be passed here
/// again (a new profile must).
bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out);

}  // namespace lexgate::detail
