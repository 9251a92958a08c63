// A small YAML document tree with byte offsets, read through yaml-cpp's event parser within hard
// limits (layer: profile). Profiles, rule-test cases and waiver files all read YAML through it.
//
// Why not YAML::Load: its nodes forget where they came from, it silently keeps the last of two
// duplicate keys, and it expands aliases without bound. Here every node keeps its byte offset,
// and depth, size, aliases and expansion are bounded while parsing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"
#include "lexgate/source.hpp"

namespace lexgate::detail {

/// One node of a YAML document.
///
/// A null is YAML's null: `~`, `null`, or a key with no value. Scalars keep their text exactly as
/// YAML resolved it (quotes removed, escapes applied); `plain` tells an unquoted `true` or `12`
/// from a quoted one, which is how a reader decides whether it may be a boolean or a number.
/// Aliases are already expanded: a node reached through `*a` is a copy of the anchored node,
/// positioned at the alias.
struct yaml_node {
  enum class kind : std::uint8_t { null, scalar, sequence, mapping };
  kind k = kind::null;
  std::string text;              ///< A scalar's value.
  bool plain = false;            ///< A scalar written without quotes and without a `!` tag.
  std::uint32_t offset = 0;      ///< Byte offset of the node's first character in the file.
  std::vector<yaml_node> items;  ///< Sequence items; for a mapping, keys and values alternate.

  bool is_null() const { return k == kind::null; }
  bool is_scalar() const { return k == kind::scalar; }
  bool is_sequence() const { return k == kind::sequence; }
  bool is_mapping() const { return k == kind::mapping; }

  /// Items of a sequence, or entries (key/value pairs) of a mapping.
  std::size_t size() const { return k == kind::mapping ? items.size() / 2 : items.size(); }
  /// Key and value of a mapping's entry `i`, in file order.
  const yaml_node& key(std::size_t i) const { return items[2 * i]; }
  const yaml_node& value(std::size_t i) const { return items[2 * i + 1]; }
  /// The value under a scalar key of a mapping, or nullptr (also when this is not a mapping).
  const yaml_node* find(std::string_view key) const;
};

/// Nodes one document may hold once aliases are expanded; beyond it is `profile.limit`, so an
/// alias bomb fails in bounded memory.
inline constexpr std::size_t yaml_max_nodes = 1'000'000;

/// Parses a file that must hold exactly one YAML document, within `limits`.
///
/// Returns the root node, or nothing when the file is not acceptable; then the reasons are in
/// `bag`, each with its position in `file`:
///   profile.limit              file size, nesting depth, list length, string length, alias uses,
///                              nodes after expanding aliases
///   profile.utf8               invalid UTF-8 or a NUL byte, at the first bad byte
///   profile.syntax             yaml-cpp's parse errors; an alias used inside its own anchor
///   profile.duplicate_key      a key given twice in one mapping (every repeat is reported)
///   profile.multiple_documents a second `---` document
///   profile.tag                an explicit tag (`!!str`, `!custom`); only `!` is accepted
///   profile.empty              nothing but comments, or a null document
/// A leading UTF-8 byte-order mark is accepted; offsets still count it. Never throws on bad
/// input.
std::optional<yaml_node> parse_yaml(const source_file& file, diagnostic_bag& bag,
                                    const profile_limits& limits);

/// The text a node covers, for underlining it in a diagnostic: a single-line scalar as written
/// (with its quotes), otherwise one character at the node's offset.
span yaml_span(const source_file& file, const yaml_node& node);

}  // namespace lexgate::detail
