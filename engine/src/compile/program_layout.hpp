// The one description of what the program codec writes (layer: compile): every structure of a
// compiled program with its fields in order. The writer (program_writer.cpp), the reader
// (program_reader.cpp) and the layout fingerprint are all derived from it, so they cannot
// disagree, and bytes from a build where a field was added, removed, reordered or retyped are
// refused.
#pragma once

#include <boost/describe/class.hpp>
#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>
#include <boost/describe/members.hpp>
#include <boost/mp11/algorithm.hpp>
#include <boost/mp11/list.hpp>
#include <boost/pfr/core.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "compile/program.hpp"

namespace lexgate {
BOOST_DESCRIBE_STRUCT(location, (), (line, column))
BOOST_DESCRIBE_STRUCT(date, (), (days))
BOOST_DESCRIBE_STRUCT(value, (), (k, boolean, integer, text, items, keys, where, path))
BOOST_DESCRIBE_ENUM(rule_severity, block, warn, info)
BOOST_DESCRIBE_ENUM(regime_reach, territory, government, extraterritorial)
BOOST_DESCRIBE_STRUCT(rule_info, (),
                      (id, local_id, regime, cite, severity, forbids, message, remedy, effective,
                       until, file, where))
BOOST_DESCRIBE_STRUCT(regime_info, (),
                      (id, title, authority, jurisdiction, instrument, reach, effective, until,
                       sources, file, where, rules))
BOOST_DESCRIBE_STRUCT(invariant_info, (),
                      (id, title, cite, sources, message, effective, until, file, where))
BOOST_DESCRIBE_STRUCT(invariant_conditions, (), (when, require))
BOOST_DESCRIBE_ENUM(type_kind, boolean, integer, string, date, jurisdiction, enumeration, list, map,
                    record)
BOOST_DESCRIBE_STRUCT(schema_field, (), (name, type, required, changeable))
BOOST_DESCRIBE_STRUCT(schema_type, (), (kind, name, enum_values, element, fields))
// The jurisdiction table is a class with its own invariants: written as its codes and each
// code's parents, and rebuilt through its interface (program_writer.cpp, program_reader.cpp).
BOOST_DESCRIBE_STRUCT(entity_info, (),
                      (id, name, country, parent, names, hugging_face_orgs, modelscope_orgs,
                       model_families, api_hosts, sources, file, where))
// The entity registry likewise: written as its entities, rebuilt through `add` and `index`.
BOOST_DESCRIBE_STRUCT(schema, (), (types, root, jurisdictions, entities, identity))
}  // namespace lexgate

namespace lexgate::detail {
BOOST_DESCRIBE_ENUM(op, constant, list, root_field, field, map_lookup, variable, market, as_of,
                    logical_not, logical_and, logical_or, exists, eq, ne, lt, le, gt, ge, in,
                    contains, subset_of, intersects, within, any, all)
// A node is written as it lies in memory (program_writer.cpp), its fields described for the
// layout fingerprint.
BOOST_DESCRIBE_STRUCT(node, (),
                      (code, zero8, zero16, index, name_at, name_size, constant, kids_at,
                       kids_size))
BOOST_DESCRIBE_STRUCT(message_part, (), (text, path))
BOOST_DESCRIBE_STRUCT(rule_text, (),
                      (id, local_id, regime, cite, severity, forbids, message, remedy, effective,
                       until, file, where))
BOOST_DESCRIBE_STRUCT(regime_text, (),
                      (id, title, authority, jurisdiction, instrument, reach, effective, until,
                       sources, file, where))
BOOST_DESCRIBE_STRUCT(compiled_rule, (), (info, forbids, when, assertion, unless, message))
BOOST_DESCRIBE_STRUCT(compiled_regime, (), (info, jurisdiction, applies_when, rules, slots))
BOOST_DESCRIBE_STRUCT(compiled_invariant, (), (info, when, requirement, slots))
BOOST_DESCRIBE_STRUCT(position_lists, (), (starts, items))
BOOST_DESCRIBE_STRUCT(market_index, (), (regimes_for, members_of))
// The lists other structures point into come before them: `constants` and `nodes` before the
// rules, `rules` before the regimes (program_reader.cpp resolves a reference only into a list it
// has already sized).
BOOST_DESCRIBE_STRUCT(program, (),
                      (name, digest, texts, schema, constants, nodes, message_parts, sources,
                       rules, regimes, regime_infos, invariants, invariant_infos,
                       invariant_texts, max_slots, markets))
}  // namespace lexgate::detail

namespace lexgate::detail::codec {

template <class T>
inline constexpr bool is_described = boost::describe::has_describe_members<T>::value;

template <class T>
using fields = boost::describe::describe_members<T, boost::describe::mod_public>;

template <class T>
struct sequence_of : std::false_type {};
template <class T>
struct sequence_of<std::vector<T>> : std::true_type {
  using element = T;
};
template <class T>
struct sequence_of<std::deque<T>> : std::true_type {
  using element = T;
};

template <class T>
struct span_of : std::false_type {};
template <class T>
struct span_of<std::span<const T>> : std::true_type {
  using element = T;
};

/// What a program holds but does not write: storage for its text, the listing built from its
/// regimes when asked for, and its schema's identity (each program read is a schema of its own).
template <class T>
inline constexpr bool not_written = std::is_same_v<T, text_store> ||
                                    std::is_same_v<T, regime_listing> ||
                                    std::is_same_v<T, schema_identity>;

template <class T>
struct optional_of : std::false_type {};
template <class T>
struct optional_of<std::optional<T>> : std::true_type {
  using element = T;
};

/// The last enumerator, so a byte beyond it is refused. Namespace-level enums are described;
/// `value::kind` is nested in `value` and names its last one here.
template <class E>
constexpr std::uint8_t last_enumerator() {
  if constexpr (std::is_same_v<E, value::kind>) {
    return static_cast<std::uint8_t>(value::kind::record);
  } else {
    std::uint8_t last = 0;
    boost::mp11::mp_for_each<boost::describe::describe_enumerators<E>>([&](auto e) {
      if (static_cast<std::uint8_t>(e.value) > last) last = static_cast<std::uint8_t>(e.value);
    });
    return last;
  }
}

/// The fewest bytes a written T takes, so a count beyond what is left is refused before
/// anything is allocated.
template <class T>
constexpr std::size_t least_bytes() {
  if constexpr (not_written<T>) {
    return 0;  // not written
  } else if constexpr (std::is_same_v<T, bool> || std::is_enum_v<T>) {
    return 1;
  } else if constexpr (std::is_integral_v<T>) {
    return sizeof(T);
  } else if constexpr (span_of<T>::value) {
    return 8;  // the first element's position and the count
  } else if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, std::string_view> ||
                       sequence_of<T>::value ||
                       std::is_pointer_v<T> || std::is_same_v<T, jurisdiction_table> ||
                       std::is_same_v<T, node_pool> ||
                       std::is_same_v<T, entity_registry>) {
    return 4;
  } else if constexpr (optional_of<T>::value || std::is_same_v<T, value>) {
    return 1;  // an absent optional; a value as default-constructed (program_writer.cpp)
  } else {
    std::size_t n = 0;
    boost::mp11::mp_for_each<fields<T>>([&](auto f) {
      n += least_bytes<std::remove_cvref_t<decltype(std::declval<T&>().*f.pointer)>>();
    });
    return n;
  }
}

constexpr std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  return (h ^ v) * 1099511628211ull;  // FNV-1a over 64-bit words
}
constexpr std::uint64_t mix(std::uint64_t h, const char* text) {
  for (; *text != '\0'; ++text) h = mix(h, static_cast<unsigned char>(*text));
  return mix(h, 0xffu);
}

/// What a field's type looks like to the codec: its kind, size and signedness, and for a list
/// or an optional the same of its element. Described structures are fingerprinted on their own.
template <class T>
constexpr std::uint64_t shape(std::uint64_t h) {
  h = mix(h, sizeof(T));
  if constexpr (std::is_same_v<T, bool>) {
    return mix(h, 1);
  } else if constexpr (std::is_enum_v<T>) {
    return mix(mix(h, 2), last_enumerator<T>());
  } else if constexpr (std::is_integral_v<T>) {
    return mix(mix(h, 3), std::is_signed_v<T> ? 1 : 0);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return mix(h, 4);
  } else if constexpr (sequence_of<T>::value) {
    return shape<typename sequence_of<T>::element>(mix(h, 5));
  } else if constexpr (optional_of<T>::value) {
    return shape<typename optional_of<T>::element>(mix(h, 6));
  } else if constexpr (std::is_pointer_v<T>) {
    return shape<std::remove_cvref_t<std::remove_pointer_t<T>>>(mix(h, 7));
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return mix(h, 9);
  } else if constexpr (span_of<T>::value) {
    return shape<typename span_of<T>::element>(mix(h, 10));
  } else if constexpr (not_written<T>) {
    return mix(h, 11);
  } else if constexpr (std::is_same_v<T, node_pool>) {
    return shape<node>(mix(h, 12));
  } else {
    return mix(h, 8);
  }
}

/// A structure's fields: names, in order, with their shapes.
template <class T>
constexpr std::uint64_t fingerprint_of(std::uint64_t h = 14695981039346656037ull) {
  h = mix(h, sizeof(T));
  boost::mp11::mp_for_each<fields<T>>([&](auto f) {
    h = mix(h, f.name);
    h = shape<std::remove_cvref_t<decltype(std::declval<T&>().*f.pointer)>>(h);
  });
  return h;
}

/// Every structure the codec writes. A field missing from a description fails to build here:
/// Boost.PFR counts the fields the structure really has.
using written = boost::mp11::mp_list<location, date, value, rule_info, regime_info, invariant_info,
                                     invariant_conditions, schema_field, schema_type, entity_info,
                                     schema, node, message_part, rule_text, regime_text,
                                     compiled_rule, compiled_regime,
                                     compiled_invariant, position_lists, market_index, program>;

template <class T>
constexpr bool describes_every_field() {
  return boost::pfr::tuple_size_v<T> == boost::mp11::mp_size<fields<T>>::value;
}
static_assert(describes_every_field<location>() && describes_every_field<date>() &&
                  describes_every_field<value>() && describes_every_field<rule_info>() &&
                  describes_every_field<regime_info>() && describes_every_field<invariant_info>() &&
                  describes_every_field<invariant_conditions>() &&
                  describes_every_field<schema_field>() && describes_every_field<schema_type>() &&
                  describes_every_field<entity_info>() &&
                  describes_every_field<schema>() && describes_every_field<node>() &&
                  describes_every_field<message_part>() && describes_every_field<rule_text>() &&
                  describes_every_field<regime_text>() && describes_every_field<compiled_rule>() &&
                  describes_every_field<compiled_regime>() &&
                  describes_every_field<compiled_invariant>() &&
                  describes_every_field<position_lists>() &&
                  describes_every_field<market_index>() && describes_every_field<program>(),
              "a field of a compiled program is not in program_layout.hpp's description");

// A compiled rule or regime carries the description the public listing gives (regime_listing.cpp
// copies it field by field): a field added to `rule_info` or `regime_info` is added there too.
static_assert(boost::mp11::mp_size<fields<rule_text>>::value ==
                  boost::mp11::mp_size<fields<rule_info>>::value,
              "rule_text (compile/program.hpp) lacks a field of rule_info");
static_assert(boost::mp11::mp_size<fields<regime_text>>::value + 1 ==  // all but `rules`
                  boost::mp11::mp_size<fields<regime_info>>::value,
              "regime_text (compile/program.hpp) lacks a field of regime_info");

constexpr std::uint64_t layout_fingerprint() {
  std::uint64_t h = 14695981039346656037ull;
  boost::mp11::mp_for_each<boost::mp11::mp_transform<std::type_identity, written>>(
      [&](auto t) { h = fingerprint_of<typename decltype(t)::type>(h); });
  return h;
}

}  // namespace lexgate::detail::codec

namespace lexgate::detail {

/// Written after the codec's format number; bytes with another fingerprint are refused.
inline constexpr std::uint64_t program_layout_fingerprint = codec::layout_fingerprint();

}  // namespace lexgate::detail
