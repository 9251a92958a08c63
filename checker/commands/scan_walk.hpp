// Which files of a repository `lexgate scan DIR` reads as profiles.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lexgate::cli {

struct scan_filters {
  std::vector<std::string> exclude;  ///< Globs relative to DIR; a matching folder is not entered.
  std::vector<std::string> include;  ///< When any: only files matching one are read.
};

/// What walking a directory found.
struct scan_walk {
  std::vector<std::string> yaml;   ///< `*.yaml`/`*.yml` files that look like profiles.
  std::vector<std::string> jsonl;  ///< `*.jsonl` files.
  /// YAML files left out because they have no top-level `profile:` key (CI workflows, Helm
  /// values, ...): counted, not errors.
  std::vector<std::string> not_profiles;
  /// Files that look like profiles but cannot be read safely (a link to nothing, a FIFO or
  /// device, a link that leaves DIR), and profiles without their `profile:` key. Each is an
  /// error of the scan, never skipped in silence.
  struct problem {
    std::string path;
    std::string code;  ///< `io.read`, `io.scan_symlink` or `scan.unmarked_profile`
    std::string message;
    std::string hint;
  };
  std::vector<problem> problems;
  std::string error;  ///< Set when the folder itself could not be walked to its end.
};

/// Whether `path` (relative, `/`-separated) matches the glob: `*`, `?` and `[...]` as in the
/// shell, except that `*` also matches `/`; a leading `**/` also matches nothing.
bool glob_matches(std::string_view pattern, const std::string& path);

/// Whether a YAML text has a top-level `profile:` key (a deployment profile's first field).
bool looks_like_profile(std::string_view text);

/// The block keys at the start of a line (`product:`), in order: a YAML text's top-level keys
/// as far as a scan needs to tell what a file is.
std::vector<std::string> top_level_keys(std::string_view text);

/// For a text without `profile:` that has a profile's `product` and `deployment` at the top: the
/// key written where `profile` belongs (`profle`, `Profile`), or `profile` when none is;
/// otherwise empty (the file is not a profile).
std::string unmarked_profile(std::string_view text);

/// Every profile file under `dir`, sorted by path: hidden folders and files (`.git`,
/// `.github`, ...) skipped, `filters` applied to paths relative to `dir`.
scan_walk walk_for_profiles(const std::string& dir, const scan_filters& filters);

}  // namespace lexgate::cli
