// The checked rule library: every expression resolved against the schema and typed, with
// definitions inlined, as trees (layer: check). The compile layer flattens it into a program
// (compile/program.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lexgate/rule_info.hpp"
#include "lexgate/schema.hpp"
#include "lexgate/value.hpp"

namespace lexgate::detail {

enum class op : std::uint8_t {
  constant,    ///< `constant`
  list,        ///< A list literal of `kids`.
  root_field,  ///< Field `index` of the profile's root record.
  field,       ///< Field `index` of record `kids[0]`.
  map_lookup,  ///< `kids[0][kids[1]]`, falling back to the `default` key.
  variable,    ///< Quantifier variable in slot `index`.
  market,      ///< The market being evaluated.
  as_of,       ///< The as-of date.
  logical_not,
  logical_and,
  logical_or,
  exists,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  contains,
  subset_of,
  intersects,
  within,
  any,  ///< Slot `index` ranges over list `kids[0]`; body `kids[1]`.
  all,
};

struct checked_node {
  op code = op::constant;
  const schema_type* type = nullptr;
  std::int32_t index = -1;
  std::string name;  ///< Field name (for `field`/`root_field`), for missing-fact paths.
  value constant;    ///< For `constant`.
  std::vector<checked_node> kids;
};

/// A message with `{path}` placeholders split into text and compiled paths.
struct checked_message_part {
  std::string text;                  ///< Literal text, used when `path` is empty.
  std::optional<checked_node> path;  ///< A value to render.
};

struct checked_rule {
  rule_info info;
  bool forbids = false;
  std::optional<checked_node> when;
  checked_node assertion;
  std::optional<checked_node> unless;
  std::vector<checked_message_part> message;
};

struct checked_regime {
  regime_info info;  ///< Its `rules` left empty: each rule's own `info` says it (rules below).
  std::optional<std::uint32_t> jurisdiction;  ///< Index in the jurisdiction table.
  std::optional<checked_node> applies_when;
  std::vector<checked_rule> rules;
  std::uint32_t slots = 0;  ///< Quantifier variable slots its expressions use.
};

/// An invariant: holds when `when` is false or `requirement` is true. The planner never breaks
/// one; `lexgate check` reports a profile that does.
struct checked_invariant {
  invariant_info info;
  std::optional<checked_node> when;
  checked_node requirement;
  std::uint32_t slots = 0;  ///< Quantifier variable slots its expressions use.
};

struct checked_library {
  lexgate::schema schema;
  std::vector<checked_regime> regimes;
  std::vector<checked_invariant> invariants;
};

}  // namespace lexgate::detail
