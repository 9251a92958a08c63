// The text of a JSON Lines file or stream, read block by block (layer: CLI).
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace lexgate::cli {

/// Whole lines of a JSON Lines text, in a buffer that is filled again for later lines.
struct text_block {
  std::unique_ptr<char[]> data;
  std::size_t capacity = 0;
  std::size_t size = 0;  ///< Bytes of text: whole lines, each ending in a line break, but the
                         ///< last line of the input, which may have none.
  /// Bytes after the text that may be read: a JSON line is read where it lies, each followed by
  /// its line break or, the last one, by zeros (json_profile_reader::load_padded_into).
  static constexpr std::size_t padding = 64;

  std::string_view view() const { return {data.get(), size}; }
};

/// A fleet's JSON Lines file, or standard input, read a block of lines at a time, so a scan can
/// judge the lines read while it reads more, in memory that does not grow with the file. It is
/// read, not mapped: a file truncated while it is mapped kills the process with SIGBUS on the
/// next page touched, where a read simply ends (an I/O error or a shorter file). Reading stops
/// once one line grows past `max_line_bytes` without a line break, so `/dev/zero` or an endless
/// line costs one line's limit of memory; the loader then reports that line, its first
/// `max_line_bytes + 1` bytes, as over the limit, and nothing after it is read. The limit is
/// checked after each read of 64 KiB, at the same places whatever the block size.
class file_text {
 public:
  file_text() = default;
  ~file_text();
  file_text(const file_text&) = delete;
  file_text& operator=(const file_text&) = delete;

  /// Opens `path`. False, with errno set, when it cannot be opened.
  bool open(const std::string& path, std::size_t max_line_bytes);
  /// Reads a stream (standard input) instead; it must outlive the reading.
  void read(std::istream& in, std::size_t max_line_bytes);

  /// Fills `block` (reusing its buffer) with the next whole lines; a line split by the end of
  /// the previous block starts it. False when there is nothing left to read: at the end, after
  /// an over-long line, or on an error (`failed`).
  bool next(text_block& block);
  /// Whether a read failed; errno as it was then in `error`.
  bool failed() const { return failed_; }
  int error() const { return error_; }

 private:
  long read_some(char* buffer, std::size_t size);

  int fd_ = -1;
  std::istream* in_ = nullptr;
  std::size_t max_line_bytes_ = 0;
  std::string carry_;  // the start of a line the last block ended in
  bool done_ = false;  // nothing more to read (carry_ may still hold the last line)
  bool failed_ = false;
  int error_ = 0;
};

}  // namespace lexgate::cli
