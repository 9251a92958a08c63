#include "commands/file_text.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace lexgate::cli {

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;  // asked of each read
// A block's usual size: lines enough for several chunks of work, small enough to stay in the
// cache between the read that fills it and the parser that reads it.
constexpr std::size_t kBlock = std::size_t{1} << 20;

}  // namespace

file_text::~file_text() {
  if (fd_ >= 0) ::close(fd_);
}

bool file_text::open(const std::string& path, std::size_t max_line_bytes) {
  if (fd_ >= 0) ::close(fd_);
  in_ = nullptr;
  max_line_bytes_ = max_line_bytes;
  carry_.clear();
  done_ = failed_ = false;
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  return fd_ >= 0;
}

void file_text::read(std::istream& in, std::size_t max_line_bytes) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  in_ = &in;
  max_line_bytes_ = max_line_bytes;
  carry_.clear();
  done_ = failed_ = false;
}

long file_text::read_some(char* buffer, std::size_t size) {
  if (in_ != nullptr) {
    if (!*in_) return in_->bad() ? -1L : 0L;
    in_->read(buffer, static_cast<std::streamsize>(size));
    if (in_->bad()) return -1L;
    return static_cast<long>(in_->gcount());
  }
  for (;;) {
    const ssize_t n = ::read(fd_, buffer, size);
    if (n >= 0 || errno != EINTR) return static_cast<long>(n);
  }
}

// Reads 64 KiB at a time into the block until it is full, the input ends, a read fails, or a
// line passes the limit; each read is checked for that as it comes, so the input ends at the
// same byte whatever the size of the blocks.
bool file_text::next(text_block& block) {
  if (done_) return false;
  const std::size_t wanted = std::max(kBlock, carry_.size() + kChunk);
  if (block.capacity < wanted) {
    // Not initialised: reads fill it, and only the text read is ever looked at.
    block.data = std::make_unique_for_overwrite<char[]>(wanted);
    block.capacity = wanted;
  }
  std::size_t size = carry_.size();
  if (size != 0) std::memcpy(block.data.get(), carry_.data(), size);
  carry_.clear();
  std::size_t line_start = 0;  // where the line being read began: the block begins one
  while (!done_) {
    if (block.capacity - size < kChunk) {
      if (line_start > 0) break;  // full of whole lines
      // One line fills the block: it grows, up to the limit and a read.
      const std::size_t capacity = std::max(2 * block.capacity, size + kChunk);
      auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
      std::memcpy(bigger.get(), block.data.get(), size);
      block.data = std::move(bigger);
      block.capacity = capacity;
    }
    char* const chunk = block.data.get() + size;
    const long got = read_some(chunk, kChunk);
    if (got < 0) {
      error_ = errno;
      failed_ = done_ = true;
      size = line_start;  // the lines read whole before the error
      break;
    }
    if (got == 0) {
      done_ = true;
      break;
    }
    const std::size_t before = size;
    size += static_cast<std::size_t>(got);
    for (std::size_t i = static_cast<std::size_t>(got); i > 0; --i) {
      if (chunk[i - 1] == '\n') {
        line_start = before + i;
        break;
      }
    }
    // One byte over is enough for the loader to report the line as too long.
    if (size - line_start > max_line_bytes_) {
      size = line_start + max_line_bytes_ + 1;
      done_ = true;
    }
  }
  if (!done_) {
    carry_.assign(block.data.get() + line_start, size - line_start);
    size = line_start;
  }
  // The padding after the text, zeros (what followed it is in `carry_` now).
  if (block.capacity - size < text_block::padding) {
    auto bigger = std::make_unique_for_overwrite<char[]>(size + text_block::padding);
    std::memcpy(bigger.get(), block.data.get(), size);
    block.data = std::move(bigger);
    block.capacity = size + text_block::padding;
  }
  std::memset(block.data.get() + size, 0, text_block::padding);
  block.size = size;
  return size != 0 || !done_;
}

}  // namespace lexgate::cli
