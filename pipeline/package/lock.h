// One run at a time per archive: an exclusive flock(2) on ARCHIVE/.lock, held for the whole run and
// released by the kernel if the process dies (kill -9 leaves no stale lock).
#pragma once
#include <filesystem>
#include <memory>
#include <string>

namespace lh::package {

class ArchiveLock {
 public:
  // nullptr and a clear message when another run holds the lock (or the file cannot be opened).
  static std::unique_ptr<ArchiveLock> acquire(const std::filesystem::path& archive_dir, std::string& error);
  ~ArchiveLock();
  ArchiveLock(const ArchiveLock&) = delete;
  ArchiveLock& operator=(const ArchiveLock&) = delete;
 private:
  explicit ArchiveLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace lh::package
