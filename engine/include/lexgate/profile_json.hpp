// Deployment profiles from JSON, one per line of a JSON Lines file (layer: profile). The same
// typed value tree and the same validation as the YAML loader; positions are the line of the
// JSON Lines file and a JSON pointer (RFC 6901) instead of a column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/source.hpp"

namespace lexgate {

/// Parses JSON profiles with simdjson. Holds the parser's buffers, reused from one profile to
/// the next, and what it worked out about the schema (valid market codes, company names): make
/// one per thread. Given another schema than the call before it starts afresh, even when that
/// schema was made where a destroyed one was (`schema::identity` tells them apart).
class json_profile_reader {
 public:
  json_profile_reader();
  ~json_profile_reader();
  json_profile_reader(const json_profile_reader&) = delete;
  json_profile_reader& operator=(const json_profile_reader&) = delete;

  /// Loads the profile written as `json` on line `line` of `file` (whose text need not be held
  /// in `file`: only its name is used). Errors (`profile.syntax`, `profile.unknown_key`,
  /// `profile.type`, `profile.enum`, `profile.jurisdiction`, `profile.required`,
  /// `profile.duplicate_key`, `profile.limit`) go to `bag` with `file`, `line` and the JSON
  /// pointer of the value (`diagnostic::pointer`), and yield nothing. Values carry `line` and
  /// column 0; `json_pointer(value.path)` locates them in the line.
  std::optional<profile> load(std::string_view json, std::uint32_t line, const source_ptr& file,
                              const schema& schema, diagnostic_bag& bag,
                              const profile_limits& limits = {});

  /// The same as `load`, into `out`, reusing the memory of the profile `out` held: a scan that
  /// loads line after line into one profile allocates almost nothing once warm. Returns false
  /// on errors (in `bag`), and `out` is then an empty profile. `out` must be a new profile or
  /// one this reader loaded: with this schema, unless the call before gave another (the reader
  /// then starts afresh, `out` included).
  bool load_into(std::string_view json, std::uint32_t line, const source_ptr& file,
                 const schema& schema, diagnostic_bag& bag, profile& out,
                 const profile_limits& limits = {});

  /// Bytes after a line that `load_padded_into` may read.
  static constexpr std::size_t line_padding = 64;

  /// The same as `load_into`, for a line that is followed in memory by a line break (or a NUL)
  /// and then at least `line_padding - 1` more bytes that may be read (they are never written,
  /// and are not part of the line): the line is read where it lies, where `load_into` first
  /// copies it into a padded buffer of its own. A line followed by anything else is copied.
  bool load_padded_into(std::string_view json, std::uint32_t line, const source_ptr& file,
                        const schema& schema, diagnostic_bag& bag, profile& out,
                        const profile_limits& limits = {});

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

/// The JSON pointer of a value path: `product.models[0].provider` → `/product/models/0/provider`.
std::string json_pointer(std::string_view path);
/// The same, appended to `out`.
void append_json_pointer(std::string_view path, std::string& out);

}  // namespace lexgate
