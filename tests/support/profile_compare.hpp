// Comparing two loads of one profile, member by member, for the tests and the fuzz target that
// hold the JSON fast path to the full typer. Header-only: the fuzz targets link no test support.
#pragma once

#include <string>

#include "lexgate/diagnostic.hpp"
#include "lexgate/profile.hpp"

namespace lexgate::testing {

/// The first member, recursively, where `a` and `b` differ (with the path where), or empty.
inline std::string value_difference(const value& a, const value& b) {
  const std::string at = "`" + a.path + "`: ";
  if (a.path != b.path) return "path `" + a.path + "` vs `" + b.path + "`";
  if (a.k != b.k) return at + "kind";
  if (a.boolean != b.boolean || a.integer != b.integer || a.text != b.text) return at + "scalar";
  if (a.where.line != b.where.line || a.where.column != b.where.column) return at + "position";
  if (a.keys != b.keys) return at + "keys";
  if (a.items.size() != b.items.size()) return at + "item count";
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    std::string d = value_difference(a.items[i], b.items[i]);
    if (!d.empty()) return d;
  }
  return {};
}

/// A bag's diagnostics as comparable text: code, JSON pointer and message, one per line.
inline std::string diagnostics_text(const diagnostic_bag& bag) {
  std::string out;
  for (const auto& d : bag.sorted()) out += d.code + " " + d.pointer + " " + d.message + "\n";
  return out;
}

}  // namespace lexgate::testing
