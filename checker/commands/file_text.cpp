#include "commands/file_text.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <sstream>
#include <utility>

namespace lexgate::cli {

file_text::~file_text() {
  release();
}

file_text::file_text(file_text&& other) noexcept
    : mapped_(std::exchange(other.mapped_, nullptr)),
      size_(std::exchange(other.size_, 0)),
      owned_(std::move(other.owned_)) {}

file_text& file_text::operator=(file_text&& other) noexcept {
  if (this != &other) {
    release();
    mapped_ = std::exchange(other.mapped_, nullptr);
    size_ = std::exchange(other.size_, 0);
    owned_ = std::move(other.owned_);
  }
  return *this;
}

void file_text::release() {
  if (mapped_ != nullptr) ::munmap(const_cast<char*>(mapped_), size_);
  mapped_ = nullptr;
  size_ = 0;
}

bool file_text::open(const std::string& path) {
  release();
  owned_.clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0) {
    void* region = ::mmap(nullptr, static_cast<std::size_t>(info.st_size), PROT_READ,
                          MAP_PRIVATE, fd, 0);
    if (region != MAP_FAILED) {
      mapped_ = static_cast<const char*>(region);
      size_ = static_cast<std::size_t>(info.st_size);
      ::close(fd);
      return true;
    }
  }
  ::close(fd);
  // Not mappable (a pipe, an empty or special file): read it as a stream.
  std::ifstream in(path, std::ios::binary);
  std::ostringstream copy;
  if (in) copy << in.rdbuf();
  if (!in || in.bad()) {
    if (errno == 0) errno = EIO;
    return false;
  }
  owned_ = std::move(copy).str();
  return true;
}

void file_text::assign(std::string text) {
  release();
  owned_ = std::move(text);
}

}  // namespace lexgate::cli
