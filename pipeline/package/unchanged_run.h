// Unchanged nightly runs (issue 4 §4: "an unchanged input costs only a stat"). Every completed run
// records a fingerprint of what it was given: each inbox file's path, size and mtime, the bytes of
// the scheme (and the XSDs beside it) and of the office profile, the options that change what a
// reader concludes, and the program itself. A later run that computes the same fingerprint, and
// finds the manifest that run wrote still in place, has nothing to file: it records itself in the
// catalogue's runs table, refreshes the report's "run" section and touches nothing else. Anything
// else (one file touched, added or removed, a new scheme or binary) takes the full run.
// Checking the archive's own files is `lianghua verify`'s job, not the nightly run's.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "package/archive.h"
#include "package/lock.h"

namespace lh::package {

struct InboxEntry {
  std::string path;  // as walked (relative to INBOX)
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};

// Hex SHA-256 over the inbox listing, the configuration files, opt.options_text and the program.
std::string run_fingerprint(std::vector<InboxEntry> inbox, const ArchiveOptions& opt);

// When opt.inbox_fingerprint equals the last completed run's and its manifest is intact: records the
// run and returns its result (exit status as that run's). Otherwise nullopt: do the full run.
// why_not, when given, receives the reason the full run is needed (for the log).
std::optional<ArchiveResult> finish_if_unchanged(const ArchiveOptions& opt, const ArchiveLock& held,
                                                 std::string* why_not = nullptr);

// State keys written by run_archive after a completed run.
inline constexpr const char* kStateFingerprint = "inbox_fingerprint";
inline constexpr const char* kStateManifestSha = "manifest_sha256";
// manifest.json's stamp as written ("size mtime_ns inode", files.h FileStamp): the unchanged night
// compares it instead of hashing the manifest (22 MB at 10,000 items); it hashes only when it differs.
inline constexpr const char* kStateManifestStamp = "manifest_stamp";
std::string stamp_text(const std::filesystem::path& p);  // "" when p cannot be read

}  // namespace lh::package
