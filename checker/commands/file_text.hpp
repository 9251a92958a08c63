// The whole text of a file, mapped into memory when the file allows it (layer: CLI).
#pragma once

#include <string>
#include <string_view>

namespace lexgate::cli {

/// A fleet's JSON Lines file can be hundreds of megabytes: mapping it costs no copy and no
/// zero-filled buffer, and its pages are read as the scan reaches them. Files that cannot be
/// mapped (pipes, empty files) are read into a string instead. Move-only.
class file_text {
 public:
  file_text() = default;
  ~file_text();
  file_text(file_text&& other) noexcept;
  file_text& operator=(file_text&& other) noexcept;
  file_text(const file_text&) = delete;
  file_text& operator=(const file_text&) = delete;

  /// Reads or maps `path`. False, with errno set, when it cannot be read.
  bool open(const std::string& path);
  /// Takes text already in memory (standard input).
  void assign(std::string text);

  std::string_view view() const {
    return mapped_ != nullptr ? std::string_view(mapped_, size_) : owned_;
  }

 private:
  void release();

  const char* mapped_ = nullptr;
  std::size_t size_ = 0;
  std::string owned_;
};

}  // namespace lexgate::cli
