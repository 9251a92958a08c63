#include "commands/file_text.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>

namespace lexgate::cli {

namespace {

// Appends what `read_some` returns until the end, an error, or a line longer than the limit.
template <typename ReadSome>
bool read_bounded(std::string& text, std::size_t max_line_bytes, ReadSome read_some) {
  std::size_t line_start = 0;  // where the line being read began
  char chunk[1 << 16];
  for (;;) {
    const long got = read_some(chunk, sizeof chunk);
    if (got < 0) return false;
    if (got == 0) return true;
    const std::size_t before = text.size();
    text.append(chunk, static_cast<std::size_t>(got));
    for (std::size_t i = static_cast<std::size_t>(got); i > 0; --i) {
      if (chunk[i - 1] == '\n') {
        line_start = before + i;
        break;
      }
    }
    // One byte over is enough for the loader to report the line as too long.
    if (text.size() - line_start > max_line_bytes) {
      text.resize(line_start + max_line_bytes + 1);
      return true;
    }
  }
}

}  // namespace

bool file_text::open(const std::string& path, std::size_t max_line_bytes) {
  text_.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    text_.reserve(static_cast<std::size_t>(info.st_size));
  }
  const bool ok = read_bounded(text_, max_line_bytes, [fd](char* buffer, std::size_t size) {
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
  text_.clear();
  return read_bounded(text_, max_line_bytes, [&in](char* buffer, std::size_t size) {
    if (!in) return in.bad() ? -1L : 0L;
    in.read(buffer, static_cast<std::streamsize>(size));
    if (in.bad()) return -1L;
    return static_cast<long>(in.gcount());
  });
}

}  // namespace lexgate::cli
