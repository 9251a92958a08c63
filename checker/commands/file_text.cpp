#include "commands/file_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

namespace lexgate::cli {

namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;  // asked of each read

}  // namespace

// Room for one more chunk after the text: the buffer doubles when the input is longer than
// announced (or was not announced, as on a pipe). Its bytes are not initialised: reads fill
// them, and only the text read is ever looked at.
void file_text::reserve_chunk() {
  if (capacity_ - size_ >= kChunk) return;
  const std::size_t capacity = std::max(2 * capacity_, size_ + kChunk);
  auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
  if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
  data_ = std::move(bigger);
  capacity_ = capacity;
}

// Reads what `read_some` returns, straight into the buffer, until the end, an error, or a line
// longer than the limit.
template <typename ReadSome>
bool file_text::read_bounded(std::size_t max_line_bytes, ReadSome read_some) {
  std::size_t line_start = 0;  // where the line being read began
  for (;;) {
    reserve_chunk();
    char* const chunk = data_.get() + size_;
    const long got = read_some(chunk, kChunk);
    if (got < 0) return false;
    if (got == 0) return true;
    const std::size_t before = size_;
    size_ += static_cast<std::size_t>(got);
    for (std::size_t i = static_cast<std::size_t>(got); i > 0; --i) {
      if (chunk[i - 1] == '\n') {
        line_start = before + i;
        break;
      }
    }
    // One byte over is enough for the loader to report the line as too long.
    if (size_ - line_start > max_line_bytes) {
      size_ = line_start + max_line_bytes + 1;
      return true;
    }
  }
}

bool file_text::open(const std::string& path, std::size_t max_line_bytes) {
  size_ = 0;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
      capacity_ < static_cast<std::size_t>(info.st_size) + kChunk) {
    // The whole file and the last read's chunk, which finds its end, in one allocation.
    data_ = std::make_unique_for_overwrite<char[]>(static_cast<std::size_t>(info.st_size) + kChunk);
    capacity_ = static_cast<std::size_t>(info.st_size) + kChunk;
  }
  const bool ok = read_bounded(max_line_bytes, [fd](char* buffer, std::size_t size) {
    for (;;) {
      const ssize_t n = ::read(fd, buffer, size);
      if (n >= 0 || errno != EINTR) return static_cast<long>(n);
    }
  });
  const int saved = errno;
  ::close(fd);
  errno = saved;
  return ok;
}

bool file_text::read(std::istream& in, std::size_t max_line_bytes) {
  size_ = 0;
  return read_bounded(max_line_bytes, [&in](char* buffer, std::size_t size) {
    if (!in) return in.bad() ? -1L : 0L;
    in.read(buffer, static_cast<std::streamsize>(size));
    if (in.bad()) return -1L;
    return static_cast<long>(in.gcount());
  });
}

}  // namespace lexgate::cli
