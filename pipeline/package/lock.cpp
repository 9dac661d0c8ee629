#include "package/lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace lh::package {

std::unique_ptr<ArchiveLock> ArchiveLock::acquire(const std::filesystem::path& dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::filesystem::path p = dir / ".lock";
  int fd = ::open(p.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) {
    error = "cannot open lock file " + p.string() + ": " + std::strerror(errno);
    return nullptr;
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    int e = errno;
    ::close(fd);
    error = e == EWOULDBLOCK ? "another lianghua run is using " + dir.string() + " (lock held on " + p.string() + "); try again when it has finished"
                             : "cannot lock " + p.string() + ": " + std::strerror(e);
    return nullptr;
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) == 0) { [[maybe_unused]] auto w = ::write(fd, pid.data(), pid.size()); }
  return std::unique_ptr<ArchiveLock>(new ArchiveLock(fd));
}

ArchiveLock::~ArchiveLock() {
  if (fd_ >= 0) {
    ::flock(fd_, LOCK_UN);
    ::close(fd_);
  }
}

}  // namespace lh::package
