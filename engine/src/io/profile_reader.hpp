// Typing an already-parsed YAML tree as a profile, for inline profiles in case files and for
// JSON lines converted to the same tree (layer: profile).
#pragma once

#include <optional>

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

}  // namespace lexgate::detail
