// A small YAML document tree with byte offsets, built from yaml-cpp's event parser with limits
// on size, depth, aliases and nodes (layer: profile). Profiles, rule-test cases and waiver
// files are all read through it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/source.hpp"

namespace lexgate::detail {

struct yaml_node {
  enum class kind : std::uint8_t { null, scalar, sequence, mapping };
  kind k = kind::null;
  std::string text;              ///< For scalars.
  bool plain = false;            ///< An unquoted scalar (so `true` may be a boolean).
  std::uint32_t offset = 0;      ///< Byte offset of the node in the file.
  std::vector<yaml_node> items;  ///< Sequence items; for mappings, keys and values alternate.

  std::size_t size() const { return k == kind::mapping ? items.size() / 2 : items.size(); }
  const yaml_node& key(std::size_t i) const { return items[2 * i]; }
  const yaml_node& value(std::size_t i) const { return items[2 * i + 1]; }
  /// The value under a scalar key, or nullptr.
  const yaml_node* find(const std::string& k) const;
};

/// Parses one YAML document. Errors (`profile.syntax`, `profile.limit`, `profile.utf8`,
/// `profile.duplicate_key`, `profile.multiple_documents`, `profile.tag`, `profile.empty`) go to
/// `bag` with their position; nothing is returned then.
std::optional<yaml_node> parse_yaml(const source_file& file, diagnostic_bag& bag,
                                    const profile_limits& limits);

/// Parses a stream of YAML documents (deployment artifacts: rendered charts, JSON), giving each
/// complete document to `each` in order, so only one document is held at a time. The limits
/// apply as in `parse_yaml`, nesting and expansion per document; tags are allowed (and ignored),
/// and any number of documents is. False, with the diagnostic in `bag`, on the first error.
bool parse_yaml_documents(const source_file& file, diagnostic_bag& bag,
                          const profile_limits& limits,
                          const std::function<void(const yaml_node&)>& each);

}  // namespace lexgate::detail
