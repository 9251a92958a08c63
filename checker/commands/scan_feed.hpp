// The profiles a scan judges, in input order: YAML files, and JSON Lines read a block at a time
// (layer: CLI).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "commands/file_text.hpp"
#include "lexgate/diagnostic.hpp"
#include "lexgate/source.hpp"

namespace lexgate::cli {

/// A file to scan: a YAML profile, or a JSON Lines file (`-`: standard input).
struct input_file {
  std::string path;
  bool jsonl = false;
  source_ptr source;  ///< JSON Lines only: names the file in profiles and diagnostics.
};

/// One profile to scan: a YAML file, or one line of a JSON Lines file.
struct work_item {
  std::size_t file = 0;
  std::uint32_t line = 0;  ///< 1-based, JSON Lines only.
  std::string_view text;   ///< The line, JSON Lines only: a view into the block it was read in.
};

/// Hands out the profiles of the input files in order, reading JSON Lines as it goes: a file
/// is read while the lines before it are judged, and held a block at a time, never whole.
class scan_feed {
 public:
  explicit scan_feed(std::vector<input_file>& files) : files_(files) {}

  /// Whether every JSON Lines file can be opened, checked before any is read, so a file that
  /// cannot be read fails the scan before any line is judged; each one that cannot is an
  /// `io.read` error in `bag`.
  bool readable(diagnostic_bag& bag) const;

  /// The next profiles, appended to `items`: consecutive YAML files, or the non-blank lines of
  /// one block of a JSON Lines file, read into `block` (its lines are views into it). False
  /// when none are left. A file whose reading fails is an `io.read` error in `bag`; its lines
  /// read before the error have been handed out.
  bool next(text_block& block, std::vector<work_item>& items, diagnostic_bag& bag);

 private:
  std::vector<input_file>& files_;
  std::size_t file_ = 0;   // the file being read, or the next one
  bool reading_ = false;   // file_ is a JSON Lines file, open
  file_text text_;
  std::uint32_t line_ = 0;  // lines of file_ handed out, blank ones included
};

}  // namespace lexgate::cli
