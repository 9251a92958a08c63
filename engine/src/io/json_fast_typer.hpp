// JSON profiles typed straight from their text or from simdjson, for valid profiles (layer:
// profile): from the text when the line is written in the plainest way (json_plain_scan.hpp),
// else from simdjson's On-Demand iterator, and from its DOM when that gives up.
//
// The full path (json_profile.cpp) converts the DOM into the YAML loader's node tree and types it
// with the typer both formats share, which locates every error. This path skips the node tree and
// writes into a profile it reuses, so a scan of many lines allocates almost nothing once warm. It
// accepts only what the full path accepts unchanged; anything else — an error, a limit, a value
// the full path would convert (a number where a string is expected) — makes it give up, and the
// caller types the line the full way. Its result equals the full path's: tests/unit/profile/
// fast_paths_test.cpp, json_ondemand_fallback_test.cpp and tests/fuzz/fuzz_json_profile.cpp
// hold it to that.
#pragma once

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "io/schema_memory.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"

namespace lexgate::detail {

/// Values a container no longer needs, kept for the next container of the same type.
struct value_pool {
  const schema_type* owner = nullptr;  ///< The list, map or record type that held them.
  std::vector<value> values;           ///< The last one taken first; bounded in number.
  /// Whole lists of items, each the items of one container once, taken back by length: the
  /// first `lists_held`, their lengths in `list_sizes` (compared without reading the lists).
  static constexpr std::size_t most_lists = 8;
  std::uint32_t lists_held = 0;
  std::array<std::uint32_t, most_lists> list_sizes{};
  std::array<std::vector<value>, most_lists> lists;
};

/// What the fast typer keeps from one line to the next, for one schema at a time: given
/// another, it forgets all of it but the dates.
struct fast_typer_memory {
  /// The schema the rest answers for.
  remembered_schema schema;
  /// Values a shorter list (or a record now absent) no longer needs, waiting for a longer one,
  /// one pool per container type: a value comes back with the shape (and nearly always the
  /// path and text) it had, where a shared pool handed a list of markets the records of a
  /// list of models.
  std::vector<value_pool> pools;
  /// Which pool serves an owner, hashed by its address (open addressing; null: a free slot).
  /// Pools are sought whenever a list changes length, several times a line.
  std::array<const schema_type*, 128> pool_owner{};
  std::array<std::uint32_t, 128> pool_index{};
  /// The texts of the strings of the list being typed (json_plain_scan.hpp), kept for their
  /// memory.
  std::vector<std::string_view> list_texts;
  /// The root fields the profile's checks read, by index (-1 when the schema has none).
  int deployment = -1, markets = -1, version = -1, product = -1, product_id = -1;
  /// Whether each two-letter code (`AA` to `ZZ`) is a valid market of the schema: 0 when not
  /// asked yet, 1 when valid, 2 when not. Markets and places are written on every line, and the
  /// table's answer costs a hash and a lookup or two.
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
/// values `out` held and what `memory` keeps. `out` must be a new profile, or one typed by this
/// function with `memory` and the same schema (given another schema than the last call's, it
/// starts afresh, `out` included), and `memory.pools` must hold only values this function put
/// there.
/// False when the full path must decide: `out` is then unspecified, and must not be passed here
/// again (a new profile must).
bool type_json_profile_fast(simdjson::dom::element document, std::uint32_t line,
                            const schema& schema, const profile_limits& limits,
                            fast_typer_memory& memory, profile& out);

/// `type_json_profile_fast` reading the line with simdjson's On-Demand iterator instead of its
/// DOM, so the DOM is never built. `document` iterates `json`, a line copied into a buffer with
/// SIMDJSON_PADDING bytes after it. Every value of the line is read, and validated as the DOM's
/// parse validates it, before the line is accepted; anything On-Demand reports, or anything
/// this path does not take (a key with an escape in it, say), gives the line up with the same
/// contract as `type_json_profile_fast`: the caller then parses it into the DOM and types it
/// as before, so every error is the DOM path's.
bool type_json_profile_ondemand(simdjson::ondemand::document& document, std::string_view json,
                                std::uint32_t line, const schema& schema,
                                const profile_limits& limits, fast_typer_memory& memory,
                                profile& out);

/// `type_json_profile_fast` reading the line `json` straight from its text, without simdjson,
/// when it is written in the plainest way (json_plain_scan.hpp): strings of printable ASCII
/// without escapes, integers of at most 18 digits, no null list item or map value. `json` lies
/// in a buffer readable SIMDJSON_PADDING bytes past its end, and is followed by a line break or
/// a NUL (else it is given up). The same contract as
/// `type_json_profile_fast` when it gives up (the caller then types the line with a new
/// profile); it shares `memory` with the other two, as all three keep it alike.
bool type_json_profile_text(std::string_view json, std::uint32_t line, const schema& schema,
                            const profile_limits& limits, fast_typer_memory& memory,
                            profile& out);

/// `type_json_profile_text` on `json` alone, copied into a padded buffer: for the tests.
bool type_json_line_text(std::string_view json, std::uint32_t line, const schema& schema,
                         const profile_limits& limits, fast_typer_memory& memory, profile& out);

/// `type_json_profile_ondemand` on `json` alone, with a parser of its own: for the tests that
/// hold this path to the full typer. (A caller compiled without the library's simdjson options
/// must not make simdjson's parser itself: its layout depends on them.)
bool type_json_line_ondemand(std::string_view json, std::uint32_t line, const schema& schema,
                             const profile_limits& limits, fast_typer_memory& memory,
                             profile& out);

}  // namespace lexgate::detail
