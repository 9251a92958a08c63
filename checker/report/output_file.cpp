// Writing reports to a file atomically (layer: report).
#include "report/output_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>

namespace lexgate::report_writers {

namespace {

bool write_all(int fd, const std::string& text, std::string& error) {
  const char* data = text.data();
  std::size_t left = text.size();
  while (left > 0) {
    const ssize_t written = ::write(fd, data, left);
    if (written < 0) {
      if (errno == EINTR) continue;
      error = std::string("write failed: ") + std::strerror(errno);
      return false;
    }
    data += written;
    left -= static_cast<std::size_t>(written);
  }
  return true;
}

// Holds SIGTERM, SIGINT and SIGHUP for the calling thread while it lives: the steps that give a
// finished file its name run to the end, and a signal that came meanwhile is delivered after.
class held_signals {
 public:
  held_signals() {
    sigset_t held;
    sigemptyset(&held);
    sigaddset(&held, SIGTERM);
    sigaddset(&held, SIGINT);
    sigaddset(&held, SIGHUP);
    ::pthread_sigmask(SIG_BLOCK, &held, &before_);
  }
  ~held_signals() { ::pthread_sigmask(SIG_SETMASK, &before_, nullptr); }
  held_signals(const held_signals&) = delete;
  held_signals& operator=(const held_signals&) = delete;

 private:
  sigset_t before_{};
};

// Devices, FIFOs and sockets take the text as it comes: replacing `/dev/null` by a regular file
// would break the system, and a pipe has no directory to rename in.
bool write_in_place(const std::string& path, const std::string& text, std::string& error) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) {
    error = "cannot open `" + path + "`: " + std::strerror(errno);
    return false;
  }
  const bool ok = write_all(fd, text, error);
  if (::close(fd) != 0 && ok) {
    error = std::string("write failed: ") + std::strerror(errno);
    return false;
  }
  return ok;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& text, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  std::error_code ec;
  // A link is followed: the file it names is the one to replace, the link stays.
  if (fs::is_symlink(fs::symlink_status(target, ec))) {
    const fs::path resolved = fs::weakly_canonical(target, ec);
    if (ec) {
      error = "cannot follow the link `" + path + "`: " + ec.message();
      return false;
    }
    target = resolved;
  }
  struct stat existing {};
  const bool exists = ::stat(target.c_str(), &existing) == 0;
  if (exists && S_ISDIR(existing.st_mode)) {
    error = "`" + path + "` is a directory";
    return false;
  }
  if (exists && !S_ISREG(existing.st_mode)) return write_in_place(target.string(), text, error);
  const mode_t mode = exists ? (existing.st_mode & 07777) : 0644;

  const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
  // Unnamed until it is complete: a process stopped while writing leaves nothing behind.
  int fd = ::open(directory.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
  const bool unnamed = fd >= 0;
  std::string temporary = (directory / ("." + target.filename().string() + ".XXXXXX")).string();
  std::optional<held_signals> held;
  if (!unnamed) {
    held.emplace();  // a named temporary exists from here: hold signals until it is renamed
    fd = ::mkstemp(temporary.data());
    if (fd < 0) {
      error = "cannot create a file in `" + directory.string() + "`: " + std::strerror(errno);
      return false;
    }
  }
  const auto fail = [&](std::string why) {
    error = std::move(why);
    ::close(fd);
    if (!unnamed) ::unlink(temporary.c_str());
    return false;
  };
  if (!write_all(fd, text, error)) return fail(error);
  // A report is durable before it takes the real name.
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    return fail(std::string("write failed: ") + std::strerror(errno));
  }
  if (unnamed) {
    held.emplace();
    // Give the unnamed file a temporary name, then the real one. mkstemp picks a free name; the
    // file it creates is replaced by the link at once.
    const int placeholder = ::mkstemp(temporary.data());
    if (placeholder < 0) {
      return fail("cannot create a file in `" + directory.string() + "`: " + std::strerror(errno));
    }
    ::close(placeholder);
    ::unlink(temporary.c_str());
    const std::string self = "/proc/self/fd/" + std::to_string(fd);
    if (::linkat(AT_FDCWD, self.c_str(), AT_FDCWD, temporary.c_str(), AT_SYMLINK_FOLLOW) != 0) {
      return fail("cannot name the report `" + temporary + "`: " + std::strerror(errno));
    }
  }
  if (::close(fd) != 0) {
    error = std::string("write failed: ") + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    error = "cannot write `" + path + "`: " + std::strerror(errno);
    ::unlink(temporary.c_str());
    return false;
  }
  return true;
}

bool output_overwrites_input(const std::string& output, const std::vector<std::string>& inputs,
                             const std::vector<std::string>& input_dirs, std::string& which) {
  namespace fs = std::filesystem;
  struct stat out {};
  const bool exists = ::stat(output.c_str(), &out) == 0;
  // Devices (`/dev/stdout`, `/dev/null`) are written in place and destroy nothing.
  if (exists && !S_ISREG(out.st_mode)) return false;
  if (exists) {
    for (const auto& in : inputs) {
      struct stat st {};
      if (::stat(in.c_str(), &st) == 0 && st.st_dev == out.st_dev && st.st_ino == out.st_ino) {
        which = in;
        return true;
      }
    }
  }
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(output, ec);
  if (ec) return false;
  for (const auto& dir : input_dirs) {
    const fs::path root = fs::weakly_canonical(dir, ec);
    if (ec) continue;
    auto p = resolved.begin();
    bool inside = true;
    for (auto r = root.begin(); r != root.end(); ++r, ++p) {
      if (p == resolved.end() || *p != *r) {
        inside = false;
        break;
      }
    }
    if (inside) {
      which = dir;
      return true;
    }
  }
  return false;
}

}  // namespace lexgate::report_writers
