#include "package/files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

#include "package/test_hooks.h"

namespace lh::package {
namespace fs = std::filesystem;
namespace {

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { if (fd >= 0) ::close(fd); }
};

bool write_all(int fd, const char* p, size_t n, std::string& error) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

void fsync_dir(const fs::path& dir) {
  Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.fd >= 0) ::fsync(d.fd);
}

// The temporary file beside p, opened for writing, empty: "." name ".tmp". The name is the same for
// every writer of p, so a temporary left by a writer killed before its rename (kill -9 of a night: a
// worker dies with its parent, at any instruction) is taken over and renamed by the next writer of
// p instead of staying in the archive, where `verify` reports it as an unlisted file for ever. A
// writer holds flock(2) on its temporary until it is closed; when another live writer holds it (two
// `compile` runs into one folder), this one takes "." name ".tmp" pid instead. -1 and `error` on failure.
int open_temp_beside(const fs::path& p, fs::path& tmp, std::string& error) {
  tmp = p.parent_path() / ("." + p.filename().string() + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd >= 0 && ::flock(fd, LOCK_EX | LOCK_NB) == 0) {
    if (::ftruncate(fd, 0) == 0) return fd;  // truncated only once it is ours: a live writer's bytes are never cut
  }
  if (fd >= 0) ::close(fd);
  tmp = p.parent_path() / ("." + p.filename().string() + ".tmp" + std::to_string(::getpid()));
  fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) error = "cannot create " + tmp.string() + ": " + std::strerror(errno);
  return fd;
}

}  // namespace

bool rename_durable(const fs::path& from, const fs::path& to, std::string& error, bool sync_dir) {
  if (::rename(from.c_str(), to.c_str()) != 0) {
    error = "rename " + from.string() + " → " + to.string() + ": " + std::strerror(errno);
    return false;
  }
  if (sync_dir) fsync_dir(to.parent_path());
  return true;
}

std::optional<FileStamp> file_stamp(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return FileStamp{static_cast<uint64_t>(st.st_size),
                   static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, static_cast<uint64_t>(st.st_ino)};
}

bool sync_filesystem(const fs::path& p, std::string& error) {
  Fd d(::open(p.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.fd < 0 || ::syncfs(d.fd) != 0) {
    error = "cannot sync the file system of " + p.string() + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool write_atomic(const fs::path& p, std::string_view bytes, std::string& error, bool sync) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  fs::path tmp;
  {
    Fd f(open_temp_beside(p, tmp, error));
    if (f.fd < 0) return false;
    if (!write_all(f.fd, bytes.data(), bytes.size(), error) || (sync && ::fsync(f.fd) != 0)) {
      if (error.empty()) error = std::strerror(errno);
      error = "cannot write " + tmp.string() + ": " + error;
      ::unlink(tmp.c_str());
      return false;
    }
  }
  kill_point("temp");  // tests: a writer killed with its temporary written and not yet renamed
  if (!rename_durable(tmp, p, error, sync)) { ::unlink(tmp.c_str()); return false; }
  return true;
}

AtomicWriter::AtomicWriter(const fs::path& p) : path_(p) {
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  fd_ = open_temp_beside(p, tmp_, error_);
}

AtomicWriter::~AtomicWriter() {
  if (fd_ >= 0) {
    ::close(fd_);
    ::unlink(tmp_.c_str());
  }
}

bool AtomicWriter::flush() {
  if (!error_.empty()) return false;
  std::string why;
  if (!write_all(fd_, buf_.data(), buf_.size(), why)) {
    error_ = "cannot write " + tmp_.string() + ": " + why;
    return false;
  }
  buf_.clear();
  return true;
}

bool AtomicWriter::append(std::string_view bytes) {
  if (!error_.empty()) return false;
  buf_.append(bytes);
  return buf_.size() < (1u << 20) || flush();
}

bool AtomicWriter::commit(std::string& error) {
  if (flush() && ::fsync(fd_) != 0) error_ = "cannot write " + tmp_.string() + ": " + std::strerror(errno);
  if (fd_ >= 0 && ::close(fd_) != 0 && error_.empty()) error_ = "cannot write " + tmp_.string() + ": " + std::strerror(errno);
  fd_ = -1;
  if (error_.empty()) kill_point("temp");
  if (error_.empty()) rename_durable(tmp_, path_, error_, true);
  if (error_.empty()) return true;
  ::unlink(tmp_.c_str());
  error = error_;
  return false;
}

std::optional<std::string> write_hashed(std::string_view bytes, const fs::path& dest_tmp, std::string& error, bool sync) {
  Fd f(::open(dest_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (f.fd < 0) { error = "cannot create " + dest_tmp.string() + ": " + std::strerror(errno); return std::nullopt; }
  if (!write_all(f.fd, bytes.data(), bytes.size(), error) || (sync && ::fsync(f.fd) != 0)) {
    if (error.empty()) error = std::strerror(errno);
    error = "cannot write " + dest_tmp.string() + ": " + error;
    return std::nullopt;
  }
  return sha256_hex(bytes);
}

std::optional<std::string> copy_hashed(const fs::path& src, const fs::path& dest_tmp, std::string& error, bool sync,
                                       int* source_errno) {
  auto source_failed = [&](const char* what) {
    if (source_errno) *source_errno = errno ? errno : EIO;
    error = std::string(what) + " " + src.string() + ": " + std::strerror(errno);
    return std::nullopt;
  };
  if (source_errno) *source_errno = 0;
  Fd in(::open(src.c_str(), O_RDONLY | O_CLOEXEC));
  if (in.fd < 0) return source_failed("cannot read");
  Fd out(::open(dest_tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644));
  if (out.fd < 0) { error = "cannot create " + dest_tmp.string() + ": " + std::strerror(errno); return std::nullopt; }
  ingest::Sha256 digest;
  std::unique_ptr<char[]> buf(new char[1 << 20]);
  for (;;) {
    ssize_t r = ::read(in.fd, buf.get(), 1 << 20);
    if (r < 0) { if (errno == EINTR) continue; return source_failed("read error on"); }
    if (r == 0) break;
    digest.update(std::string_view(buf.get(), static_cast<size_t>(r)));
    if (!write_all(out.fd, buf.get(), static_cast<size_t>(r), error)) {
      error = "cannot write " + dest_tmp.string() + ": " + error;
      return std::nullopt;
    }
  }
  if (sync && ::fsync(out.fd) != 0) { error = "fsync failed on " + dest_tmp.string() + ": " + std::strerror(errno); return std::nullopt; }
  return digest.hex();
}

}  // namespace lh::package
