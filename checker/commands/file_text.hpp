// The whole text of a JSON Lines file or stream, read into memory (layer: CLI).
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace lexgate::cli {

/// A fleet's JSON Lines file, read whole. It is read, not mapped: a file truncated while it is
/// mapped kills the process with SIGBUS on the next page touched, where a read simply ends (an
/// I/O error or a shorter file). Reading stops once one line grows past `max_line_bytes`
/// without a line break, so `/dev/zero` or an endless line costs one line's limit of memory;
/// the loader then reports that line as over the limit. Move-only.
class file_text {
 public:
  file_text() = default;
  file_text(file_text&&) noexcept = default;
  file_text& operator=(file_text&&) noexcept = default;
  file_text(const file_text&) = delete;
  file_text& operator=(const file_text&) = delete;

  /// Reads `path`. False, with errno set, when it cannot be read.
  bool open(const std::string& path, std::size_t max_line_bytes);
  /// Reads a stream (standard input) the same way. False when reading failed.
  bool read(std::istream& in, std::size_t max_line_bytes);

  std::string_view view() const { return {data_.get(), size_}; }

 private:
  void reserve_chunk();
  template <typename ReadSome>
  bool read_bounded(std::size_t max_line_bytes, ReadSome read_some);

  // Read straight into a buffer of its own: a std::string would be filled by copying each read
  // (or zeroed before it), once more over the whole file.
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

}  // namespace lexgate::cli
