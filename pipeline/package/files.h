// Safe file operations of the archive writer (6S 安全):
//   - originals are copied byte-for-byte and their SHA-256 checked against the inspected hash, then
//     re-read and checked again once in place;
//   - every output is written to a temporary name in the same directory, fsync'ed, then renamed
//     (atomic on POSIX), and the directory fsync'ed;
//   - inputs are only ever opened read-only.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "ingest/sha256.h"

namespace lh::package {

// One SHA-256 for the whole pipeline (ingest/sha256.h, OpenSSL's libcrypto).
using ingest::sha256_hex;
// Streams the file; nullopt if it cannot be read.
inline std::optional<std::string> sha256_file(const std::filesystem::path& p) {
  std::string hex;
  if (!ingest::sha256_file(p.string(), hex)) return std::nullopt;
  return hex;
}

// What a file looked like on disk: size, modification time (ns) and inode. Recorded when a derived
// output is written, compared the next night instead of re-hashing it (the way rsync and git's index
// trust an unchanged stat): a file rewritten, replaced or truncated behind our back changes one of
// them and is re-hashed. An edit that keeps all three (same size, mtime set back, in place) is only
// found by `lianghua verify`, which re-hashes every file. ctime is left out on purpose: a
// hard-link backup (cp -al, rsnapshot) changes it on every file every night.
struct FileStamp {
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};
std::optional<FileStamp> file_stamp(const std::filesystem::path& p);

// Writes bytes to p atomically (temp + fsync + rename + dir fsync). False with a message on error.
// sync = false: temp + rename only, for a batch made durable by one sync_filesystem() (a torn file
// after a crash is never taken for a good one: derived.json holds each output's SHA-256).
bool write_atomic(const std::filesystem::path& p, std::string_view bytes, std::string& error, bool sync = true);

// The same for an output written piece by piece (manifest.json of 100,000 items is never one string
// in memory, issue 12 §4): append() to a temporary file beside p; commit() fsyncs and renames it into
// place; destroyed uncommitted, the temporary file is removed and p is untouched.
class AtomicWriter {
 public:
  explicit AtomicWriter(const std::filesystem::path& p);
  ~AtomicWriter();
  AtomicWriter(const AtomicWriter&) = delete;
  AtomicWriter& operator=(const AtomicWriter&) = delete;
  bool append(std::string_view bytes);          // buffered; false once an error happened
  bool commit(std::string& error);              // flush + fsync + rename + dir fsync
 private:
  std::filesystem::path path_, tmp_;
  int fd_ = -1;
  std::string buf_, error_;
  bool flush();
};

// Copies src to dest_tmp (created exclusively), returning the SHA-256 of what was written.
// sync = false leaves the fsync to one sync_filesystem() for the whole batch.
// source_errno, when given, tells whose fault a failure is: the errno of opening or reading src (the
// inbox file vanished or is unreadable: that input's problem), or 0 when writing dest_tmp failed
// (the archive's disk is full, read-only or failing: the run's problem, never the input's).
std::optional<std::string> copy_hashed(const std::filesystem::path& src, const std::filesystem::path& dest_tmp,
                                       std::string& error, bool sync = true, int* source_errno = nullptr);
// Same for bytes in memory (a ZIP entry).
std::optional<std::string> write_hashed(std::string_view bytes, const std::filesystem::path& dest_tmp, std::string& error,
                                        bool sync = true);

// rename + fsync of the target directory (sync_dir = false: left to one sync_filesystem()).
bool rename_durable(const std::filesystem::path& from, const std::filesystem::path& to, std::string& error,
                    bool sync_dir = true);

// Makes everything written so far on the file system holding `p` durable (syncfs: file data and
// metadata, renames included) — one journal commit for a batch instead of two fsyncs per file.
bool sync_filesystem(const std::filesystem::path& p, std::string& error);

}  // namespace lh::package
