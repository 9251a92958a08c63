// Writing reports to a file atomically (layer: report).
#pragma once

#include <string>
#include <vector>

namespace lexgate::report_writers {

/// Writes `text` to `path` so a reader never sees a half-written report, and nothing of it is
/// left behind if the process is stopped midway:
/// - a regular file (or a new one) is written as an unnamed file in the same directory
///   (`O_TMPFILE`; a hidden temporary where the file system lacks it), made durable, given a
///   name and renamed over `path`, with termination signals held for those last two steps;
///   an existing file keeps its permission bits, a new one is 0644;
/// - a symbolic link is followed, and the file it leads to is replaced the same way;
/// - a device, FIFO or socket (`/dev/null`, `/dev/stdout`, a pipe) is written in place, never
///   replaced by a regular file.
/// False (and `error` set) when anything fails.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);

/// Whether `output` names the same file as one of `inputs` (same device and inode), or lies in
/// one of the folders `input_dirs`: writing there would destroy what was read. The matching
/// input in `which`.
bool output_overwrites_input(const std::string& output, const std::vector<std::string>& inputs,
                             const std::vector<std::string>& input_dirs, std::string& which);

}  // namespace lexgate::report_writers
