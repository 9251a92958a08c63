// Typing an already-parsed YAML tree as a profile, for inline profiles in case files and for
// JSON lines converted to the same tree (layer: profile).
#pragma once

#include <optional>
#include <string_view>

#include "io/yaml_events.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::detail {

/// A tree built from one JSON line: node `offset`s are pre-order ordinals (keys included), and
/// positions are the line plus a JSON pointer into `root`.
struct json_origin {
  std::uint32_t line = 0;
  const yaml_node* root = nullptr;
};

/// Appends to `out` the JSON pointer of the node whose `offset` is `ordinal` in a JSON tree;
/// false when there is none.
bool find_pointer(const yaml_node& n, std::uint32_t ordinal, std::string& out);

/// Types `root` against `schema`; positions refer to `source`, where the tree came from (or,
/// with `json`, to a line of it and a JSON pointer).
std::optional<profile> profile_from_node(const yaml_node& root, const source_ptr& source,
                                         const schema& schema, diagnostic_bag& bag,
                                         const json_origin* json = nullptr);

/// A JSON profile typed the full way only (simdjson's DOM → node tree → the shared typer), as if
/// the fast path of json_fast_typer.hpp did not exist: the reference that path is tested against.
std::optional<profile> load_json_profile_full(std::string_view json, std::uint32_t line,
                                              const source_ptr& file, const schema& schema,
                                              diagnostic_bag& bag,
                                              const profile_limits& limits = {});

}  // namespace lexgate::detail
