// Source files: reading, and byte offset ↔ line/column conversion (layer: source).
#include "lexgate/source.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "source/text_check.hpp"

namespace lexgate {

source_file::source_file(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::uint32_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

namespace {

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

}  // namespace

location source_file::locate(std::uint32_t offset) const {
  offset = std::min<std::uint32_t>(offset, static_cast<std::uint32_t>(text_.size()));
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::uint32_t>(it - line_starts_.begin()) - 1;
  std::uint32_t column = 1;
  for (std::uint32_t i = line_starts_[line_index]; i < offset; ++i) {
    if (!is_continuation_byte(text_[i])) ++column;
  }
  return {line_index + 1, column};
}

std::string_view source_file::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::uint32_t begin = line_starts_[line - 1];
  std::uint32_t end = line < line_starts_.size() ? line_starts_[line] - 1
                                                 : static_cast<std::uint32_t>(text_.size());
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

std::uint32_t source_file::offset_of(location where) const {
  if (where.line == 0 || where.line > line_starts_.size()) {
    return static_cast<std::uint32_t>(text_.size());
  }
  std::uint32_t offset = line_starts_[where.line - 1];
  std::uint32_t column = 1;
  while (offset < text_.size() && text_[offset] != '\n' && column < where.column) {
    ++offset;
    while (offset < text_.size() && is_continuation_byte(text_[offset])) ++offset;
    ++column;
  }
  return offset;
}

source_ptr read_source_file(const std::string& path, std::string& error, std::uint64_t max_bytes) {
  // Every report names the file it read; JSON, SARIF and XML can carry only UTF-8 names.
  if (detail::invalid_utf8_at(path)) {
    error = "the file name is not UTF-8, so no report could name it; rename the file";
    return nullptr;
  }
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory) {
    error = ec.message();  // a symlink loop, a permission denied on the way
    return nullptr;
  }
  if (!std::filesystem::exists(status)) {
    error = std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))
                ? "a symbolic link to nothing"
                : "no such file";
    return nullptr;
  }
  if (std::filesystem::is_directory(status)) {
    error = "is a directory, not a file";
    return nullptr;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return nullptr;
  }
  // Read in chunks up to one byte past the limit, never the rest.
  std::string text;
  const std::uint64_t cap = max_bytes == UINT64_MAX ? max_bytes : max_bytes + 1;
  char chunk[1 << 16];
  while (text.size() < cap && in) {
    const auto want =
        static_cast<std::streamsize>(std::min<std::uint64_t>(sizeof chunk, cap - text.size()));
    in.read(chunk, want);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) {
    error = "read failed";
    return nullptr;
  }
  return std::make_shared<const source_file>(path, std::move(text));
}

}  // namespace lexgate
