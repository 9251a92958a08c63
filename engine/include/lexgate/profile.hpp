// Deployment profiles: YAML → typed values validated against the schema (layer: profile).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/entities.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/source.hpp"
#include "lexgate/value.hpp"

namespace lexgate {

/// The one version of the profile format (`profile: 1`); any other is `profile.version`.
inline constexpr std::int64_t profile_version = 1;

/// Limits on profile files; exceeding one is an error (`profile.limit`), never a crash.
struct profile_limits {
  std::uint64_t max_file_bytes = 1u << 20;  ///< 1 MiB.
  std::uint32_t max_depth = 64;             ///< Nesting of mappings and sequences.
  std::uint32_t max_list_items = 10000;
  std::uint32_t max_string_bytes = 64u << 10;
  std::uint32_t max_aliases = 100;  ///< Alias uses per file (billion-laughs guard).
};

/// How one company name of a profile was resolved when it loaded (for `--explain`).
struct name_resolution {
  std::string path;     ///< The value resolved or filled in: `product.models[0].provider`.
  std::string written;  ///< What the profile wrote (the name, or the model id it came from).
  std::string entity;   ///< The entity's display name; empty when the registry does not know it.
  std::string country;  ///< The entity's country; empty when unknown.
  match_kind how = match_kind::name;
  std::string matched;  ///< The part of `written` that matched.
  /// Where the value came from: `stated`, `model name`, `provider` or `vendor` (the
  /// operator's defaults), `registry` (a country filled in).
  std::string from;
  location where;  ///< Of what the profile wrote.
};

struct profile {
  source_ptr source;
  value root;      ///< A record of the schema's root type.
  std::string id;  ///< `product.id`.
  /// Every company name resolved, and every value filled in from the registry, in order.
  std::vector<name_resolution> resolutions;
  /// Whether loading records every step in `resolutions`. A caller that never reads them (a
  /// fleet scan writing one JSON line per profile) clears it before each load into a reused
  /// profile: recording six texts a step was a third of resolving the names. When clear,
  /// `resolutions` holds only the steps resolution itself consults (the names guessed from a
  /// known name inside them), and is no account of the load. Values, diagnostics and verdicts
  /// are the same either way. A load that starts the profile afresh sets it again.
  bool keep_resolutions = true;
};

/// Loads and validates a profile. Errors (`profile.syntax`, `profile.unknown_key` with a
/// "did you mean" hint, `profile.type`, `profile.enum`, `profile.jurisdiction`,
/// `profile.required`, `profile.duplicate_key`, `profile.limit`, `profile.utf8`) go to `bag`
/// with their line and column, and yield nothing.
std::optional<profile> load_profile(const source_ptr& source, const schema& schema,
                                    diagnostic_bag& bag, const profile_limits& limits = {});

/// Renders a value for evidence and messages: `"DeepSeek"`, `true`, `[CN, IT]`.
std::string render_value(const value& v);
/// The same, appended to `out`.
void render_value(const value& v, std::string& out);

/// Writes a profile value tree as a YAML profile document (for `plan --emit-profile`).
std::string write_profile_yaml(const value& root, const schema& schema);

}  // namespace lexgate
