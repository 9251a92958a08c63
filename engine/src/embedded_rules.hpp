// The standard rule library's files, compiled into the binary (layer: source).
#pragma once

#include <string_view>
#include <vector>

namespace lexgate::detail {

struct embedded_file {
  std::string_view path;  ///< `rules/au/pspf-direction-001-2025.rules`
  std::string_view text;
};

/// Every file under rules/, sorted by path. Generated at build time by cmake/EmbedRules.cmake.
const std::vector<embedded_file>& embedded_rule_files();

/// The library digest of those files (see `library::digest`), computed by the build from the
/// files themselves, so it can vouch for a program compiled from them.
std::string_view embedded_rules_digest();

}  // namespace lexgate::detail
