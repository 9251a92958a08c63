// Writing reports to a file atomically (layer: report).
#pragma once

#include <string>

namespace lexgate::report_writers {

/// Writes `text` to `path` through a temporary file in the same directory and a rename, so a
/// reader never sees a half-written report. False (and `error` set) when anything fails; the
/// temporary file is removed then.
bool write_file_atomically(const std::string& path, const std::string& text, std::string& error);

}  // namespace lexgate::report_writers
