// Typed values: what a profile states and what a rule compares it with (layer: check). The
// checker gives literals this type; the profile layer fills it from YAML and JSON.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "lexgate/source.hpp"

namespace lexgate {

/// One typed value of a profile, with its position in the file.
struct value {
  enum class kind : std::uint8_t { absent, boolean, integer, string, date, list, map, record };
  kind k = kind::absent;
  bool boolean = false;
  std::int64_t integer = 0;       ///< Also a date, as days since 1970-01-01.
  std::string text;               ///< A string, an enum value or a jurisdiction code.
  std::vector<value> items;       ///< List items; record fields in schema order; map values.
  std::vector<std::string> keys;  ///< Map keys, parallel to `items`.
  location where;                 ///< Line 0 when the value is absent.
  std::string path;               ///< Where it sits: `product.models[0].provider`.

  bool present() const { return k != kind::absent; }
};

}  // namespace lexgate
