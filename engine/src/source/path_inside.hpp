// Whether a symbolic link leaves the folder it was found in (layer: source). Rule folders and
// rule-test cases follow links only within their folder: a link out of it would load, or quote
// in an error, a file nobody reviewed with the folder.
#pragma once

#include <filesystem>

namespace lexgate::detail {

/// Whether `path` (absolute and resolved) lies inside `root` (absolute and resolved).
inline bool path_inside(const std::filesystem::path& root, const std::filesystem::path& path) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace lexgate::detail
