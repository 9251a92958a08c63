#include "commands/scan_feed.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <memory>

#include "lexgate/profile.hpp"

namespace lexgate::cli {

namespace {

// YAML files handed out at once: the size of a chunk of work.
constexpr std::size_t kYamlBatch = 64;

std::string cannot_read(const input_file& f, int error) {
  return f.path == "-" ? std::string("cannot read JSON Lines from standard input")
                       : "cannot read JSON Lines file: " + std::string(std::strerror(error));
}

}  // namespace

bool scan_feed::readable(diagnostic_bag& bag) const {
  bool ok = true;
  for (const input_file& f : files_) {
    if (!f.jsonl || f.path == "-") continue;
    const int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      bag.error("io.read", cannot_read(f, errno), f.path);
      ok = false;
      continue;
    }
    ::close(fd);
  }
  return ok;
}

bool scan_feed::next(text_block& block, std::vector<work_item>& items, diagnostic_bag& bag) {
  const std::size_t max_line = profile_limits{}.max_file_bytes;
  while (file_ < files_.size()) {
    input_file& f = files_[file_];
    if (!f.jsonl) {
      items.push_back({file_, 0, {}});
      ++file_;
      if (items.size() >= kYamlBatch || (file_ < files_.size() && files_[file_].jsonl)) {
        return true;
      }
      continue;
    }
    if (!items.empty()) return true;  // YAML files before this one go first
    if (!reading_) {
      if (f.path == "-") {
        text_.read(std::cin, max_line);
      } else if (!text_.open(f.path, max_line)) {
        bag.error("io.read", cannot_read(f, errno), f.path);
        ++file_;
        continue;
      }
      // The file's name in profiles and diagnostics; its text is read here, not kept there.
      f.source = std::make_shared<const source_file>(f.path, std::string());
      reading_ = true;
      line_ = 0;
    }
    if (text_.next(block)) {
      const std::string_view text = block.view();
      for (std::size_t start = 0; start < text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        ++line_;
        const std::string_view row = text.substr(start, end - start);
        // Blank lines separate nothing in JSON Lines; they are skipped, not errors.
        if (row.find_first_not_of(" \t\r") != std::string_view::npos) {
          items.push_back({file_, line_, row});
        }
        start = end + 1;
      }
      if (!items.empty()) return true;
      continue;  // a block of blank lines
    }
    if (text_.failed()) bag.error("io.read", cannot_read(f, text_.error()), f.path);
    reading_ = false;
    ++file_;
  }
  return !items.empty();
}

}  // namespace lexgate::cli
