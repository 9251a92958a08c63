// Which files of a repository `lexgate scan DIR` reads as profiles. A repository holds other
// YAML (CI workflows, Helm values, compose files): those are recognised and left out, so a scan
// of a checkout judges its deployment profiles and nothing else.
#include "commands/scan_walk.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace lexgate::cli {

bool glob_matches(std::string_view pattern, const std::string& path) {
  const std::string p(pattern);
  if (::fnmatch(p.c_str(), path.c_str(), 0) == 0) return true;
  return p.rfind("**/", 0) == 0 && glob_matches(pattern.substr(3), path);
}

bool looks_like_profile(std::string_view text) {
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    // A flow mapping at the top (`{profile: 1, ...}`) counts as well as a block key.
    if (!line.empty() && line.front() == '{') {
      line.remove_prefix(1);
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
    }
    if (!line.empty() && (line.front() == '"' || line.front() == '\'')) line.remove_prefix(1);
    if (line.rfind("profile", 0) != 0) continue;
    line.remove_prefix(7);
    if (!line.empty() && (line.front() == '"' || line.front() == '\'')) line.remove_prefix(1);
    while (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!line.empty() && line.front() == ':') return true;
  }
  return false;
}

std::vector<std::string> top_level_keys(std::string_view text) {
  std::vector<std::string> keys;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    std::size_t k = 0;
    while (k < line.size() && (std::isalnum(static_cast<unsigned char>(line[k])) != 0 ||
                               line[k] == '_' || line[k] == '-')) {
      ++k;
    }
    if (k > 0 && k < line.size() && line[k] == ':') keys.emplace_back(line.substr(0, k));
  }
  return keys;
}

std::string unmarked_profile(std::string_view text) {
  const auto keys = top_level_keys(text);
  const auto has = [&](std::string_view key) {
    return std::find(keys.begin(), keys.end(), key) != keys.end();
  };
  if (!has("product") || !has("deployment")) return {};
  // The key most likely meant as `profile` (`profle`, `Profile`, `profiles`): the first that
  // differs from it by a letter or two, or by case.
  for (const auto& key : keys) {
    if (key == "product" || key == "deployment" || key.size() + 2 < 7 || key.size() > 9) continue;
    std::string lower = key;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t same = 0;
    for (std::size_t i = 0; i < lower.size() && i < 7; ++i) same += lower[i] == "profile"[i];
    if (lower == "profile" || lower.rfind("prof", 0) == 0 || same >= 5) return key;
  }
  return "profile";
}

namespace {

bool any_matches(const std::vector<std::string>& globs, const std::string& path) {
  return std::any_of(globs.begin(), globs.end(),
                     [&](const std::string& g) { return glob_matches(g, path); });
}

// Reads no more than a profile may hold: a larger file is judged on its start (and, if it is
// a profile, the loader then reports it as too large).
std::string file_start(const std::filesystem::path& p) {
  constexpr std::size_t kMaxRead = std::size_t{1} << 20;
  std::ifstream in(p, std::ios::binary);
  std::string text(kMaxRead, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  return text;
}

// Whether `path` (resolved) lies inside `root` (resolved).
bool within(const std::filesystem::path& root, const std::filesystem::path& path) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

}  // namespace

scan_walk walk_for_profiles(const std::string& dir, const scan_filters& filters) {
  namespace fs = std::filesystem;
  scan_walk out;
  std::error_code ec;
  const fs::path root = fs::canonical(dir, ec);
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string relative = path.lexically_relative(dir).generic_string();
    const bool hidden = path.filename().string().front() == '.';
    std::error_code entry_ec;
    if (it->is_directory(entry_ec)) {
      if (hidden || any_matches(filters.exclude, relative)) {
        it.disable_recursion_pending();
        continue;
      }
      // A linked folder is not walked: one that leads out of the folder is said, never a
      // folder of profiles left out in silence (one inside is walked where it lies).
      if (std::error_code link_ec; it->is_symlink(link_ec) &&
                                   !within(root, fs::canonical(path, link_ec)) && !link_ec) {
        out.problems.push_back({path.string(), "io.scan_symlink",
                                "`" + path.string() + "` is a symbolic link that leaves `" + dir +
                                    "`",
                                "links inside a scanned folder are followed only within it"});
      }
      continue;
    }
    if (hidden) continue;
    const auto ext = path.extension();
    if (ext != ".yaml" && ext != ".yml" && ext != ".jsonl") continue;
    if (any_matches(filters.exclude, relative)) continue;
    if (!filters.include.empty() && !any_matches(filters.include, relative)) continue;
    // What looks like a profile is judged or is an error: a dangling link, a FIFO or a link
    // out of the folder is never skipped in silence, nor followed.
    const auto status = fs::status(path, entry_ec);
    if (entry_ec || !fs::exists(status)) {
      out.problems.push_back({path.string(), "io.read",
                              "cannot read profile: " + (entry_ec ? entry_ec.message()
                                                                  : "a symbolic link to nothing"),
                              ""});
      continue;
    }
    if (!fs::is_regular_file(status)) {
      out.problems.push_back(
          {path.string(), "io.read", "cannot read profile: not a regular file", ""});
      continue;
    }
    if (it->is_symlink(entry_ec) && !within(root, fs::canonical(path, entry_ec))) {
      out.problems.push_back({path.string(), "io.scan_symlink",
                              "`" + path.string() + "` is a symbolic link that leaves `" + dir +
                                  "`",
                              "links inside a scanned folder are followed only within it"});
      continue;
    }
    if (ext == ".jsonl") {
      out.jsonl.push_back(path.string());
      continue;
    }
    const std::string text = file_start(path);
    if (looks_like_profile(text)) {
      out.yaml.push_back(path.string());
    } else if (const std::string key = unmarked_profile(text); !key.empty()) {
      // A profile whose first line was lost or misspelled would otherwise leave the gate in
      // silence: an error, never a skip.
      out.problems.push_back(
          {path.string(), "scan.unmarked_profile",
           "`" + path.string() +
               "` has a profile's `product` and `deployment` but no top-level `profile:` key",
           key == "profile" ? "add `profile: 1` (the profile format's version) as its first line, "
                              "or --exclude the file if it is not a profile"
                            : "`" + key + ":` is written where `profile:` belongs; write "
                                          "`profile: 1`, or --exclude the file if it is not a "
                                          "profile"});
    } else {
      out.not_profiles.push_back(path.string());
    }
  }
  std::sort(out.yaml.begin(), out.yaml.end());
  std::sort(out.jsonl.begin(), out.jsonl.end());
  std::sort(out.not_profiles.begin(), out.not_profiles.end());
  if (ec) out.error = ec.message();
  return out;
}

}  // namespace lexgate::cli
