// Source files and positions (layer: source). The one place that turns byte offsets into
// 1-based line and column numbers, for rule files and profiles alike.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lexgate {

/// A half-open byte range [begin, end) in one source file.
struct span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

/// A 1-based line and column; the column counts UTF-8 code points, not bytes.
struct location {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
};

/// The text of one input file and its name as the user wrote it. Immutable once built.
class source_file {
 public:
  source_file(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  /// Line and column of a byte offset (clamped to the end of the text).
  location locate(std::uint32_t offset) const;
  /// The text of a 1-based line, without its line break.
  std::string_view line_text(std::uint32_t line) const;
  /// Byte offset of a 1-based line and column (the inverse of `locate`).
  std::uint32_t offset_of(location where) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<std::uint32_t> line_starts_;
};

using source_ptr = std::shared_ptr<const source_file>;

/// The most any input file is read: the largest file limit of a loader (rule files, 4 MiB).
inline constexpr std::uint64_t max_source_bytes = std::uint64_t{4} << 20;

/// Read a whole file, or its first `max_bytes + 1` bytes: reading stops there, so a loader sees
/// that the file is over its limit without `/dev/zero` or an endless pipe being read whole. On
/// failure returns nullptr and sets `error` to a message naming the cause.
source_ptr read_source_file(const std::string& path, std::string& error,
                            std::uint64_t max_bytes = max_source_bytes);

}  // namespace lexgate
