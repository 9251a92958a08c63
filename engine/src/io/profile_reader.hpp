// Typing an already-parsed YAML tree as a profile, for inline profiles in case files
// (layer: profile).
#pragma once

#include <optional>

#include "io/yaml_events.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::detail {

/// Types `root` against `schema`; positions refer to `source`, where the tree came from.
std::optional<profile> profile_from_node(const yaml_node& root, const source_ptr& source,
                                         const schema& schema, diagnostic_bag& bag);

}  // namespace lexgate::detail
