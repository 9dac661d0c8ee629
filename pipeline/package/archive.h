// The archive writer (package stage): lays the filed items out under ARCHIVE/, copies originals
// byte-for-byte, writes manifest.json and the run report (素养), and verifies an archive.
//
// ARCHIVE/ layout (decided here, see pipeline/package/README.md):
//   ARCHIVE/<门类代码>/<年度>/<保管期限>/<档号> <题名>.<ext>                 文书 WS, 检查记录 JC
//   ARCHIVE/AJ/<年度>/<案号 or case folder>/<正卷|副卷>/<档号> <题名>.<ext>  一案一卷 (第七十八条)
//   <item folder>/versions/<档号> <题名>.v<N>.<ext>                         earlier versions (oldest v1)
//   ARCHIVE/manifest.json  ARCHIVE/catalog.db  ARCHIVE/reports/report.{json,html}  ARCHIVE/.lock
// The archive is cumulative: the manifest lists every item and input the catalogue holds, sorted,
// without any clock, so re-running on the same inbox leaves it byte-identical.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ingest/pool.h"
#include "model/inspected.h"

namespace lh::package {

struct ArchiveOptions {
  std::filesystem::path in_dir;      // INBOX: input paths are made relative to it
  std::filesystem::path out_dir;     // ARCHIVE
  std::filesystem::path scheme;      // templates/scheme/default.xml (scheme.xsd beside it)
  std::filesystem::path office;      // samples/office.xml
  std::filesystem::path office_xsd;  // empty: templates/scheme/office.xsd beside the scheme
  std::string run_started_at;        // for the runs table and the report only; empty: now
  // Issue 5: reading copies with 归档章, uniform 现场检查笔录, 案卷, 归档文件目录 (volume_run.h),
  // rendered in worker processes with these limits; --no-documents turns them off.
  bool derived_outputs = true;
  ingest::PoolOptions derive_pool;
  std::function<void(size_t done, size_t total, const std::string& what)> derive_progress;
  std::string options_text;          // reader options that change conclusions (--big5, passwords, …)
  std::string inbox_fingerprint;     // run_fingerprint(); recorded after a completed run (unchanged_run.h)
  // Plan every input again instead of only those tied to what changed (night_scope.h); the CLI sets
  // it from LIANGHUA_PLAN_EVERY_INPUT=1.
  bool plan_every_input = false;
};

enum class ArchiveStatus {
  Ok,           // everything filed
  SetAside,     // finished; some inputs quarantined (exit code 1 in the CLI)
  LockHeld,     // another run holds ARCHIVE/.lock (exit 3)
  BadConfig,    // scheme or office invalid (exit 2)
  Failed,       // I/O or catalogue error (exit 3)
};

struct ArchiveResult {
  ArchiveStatus status = ArchiveStatus::Ok;
  std::string error;                              // for LockHeld/BadConfig/Failed: one line per problem
  std::map<std::string, size_t> by_fate;          // archived, duplicate, version, junk, quarantined
  size_t items = 0;                               // items in the archive after the run
  size_t new_items = 0;                           // 件号 first allocated in this run
  std::vector<std::pair<std::string, std::string>> set_aside;  // quarantined inputs of this run: path, reason
  size_t read_problems = 0;                       // inputs kept although their reader warned (manifest read_problems)
  size_t replanned = 0;                           // unchanged inputs planned again (night_scope.h)
  std::string planned_every_input;                // why every input was planned again; empty: only what changed
  std::filesystem::path manifest, report_json, report_html;
  bool ok() const { return status == ArchiveStatus::Ok || status == ArchiveStatus::SetAside; }
};

class ArchiveLock;
// Files the inputs (top-level files; ZIP entries as their children) into opt.out_dir. The first form
// takes ARCHIVE/.lock itself; the second is for a caller that took it before reading the inbox.
ArchiveResult run_archive(const std::vector<model::InspectedFile>& inputs, const ArchiveOptions& opt);
ArchiveResult run_archive(const std::vector<model::InspectedFile>& inputs, const ArchiveOptions& opt,
                          const ArchiveLock& held);
// The nightly form: the inputs read tonight and those the catalogue already knows (night_scope.h);
// only what a change can affect is planned again.
struct NightInputs;
ArchiveResult run_archive(NightInputs&& night, const ArchiveOptions& opt, const ArchiveLock& held);

struct VerifyProblem {
  std::string kind;      // missing, hash-mismatch, unlisted-file, not-in-catalogue, catalogue-differs, manifest-unreadable
  std::string path;      // relative to ARCHIVE
  std::string detail;
};

struct VerifyResult {
  bool ok = false;
  size_t files_checked = 0;
  size_t pdfa_checked = 0;              // derived files said to be PDF/A-2b, read back rule by rule
  size_t ofd_checked = 0;               // derived files said to be OFD-A, read back rule by rule
  std::vector<VerifyProblem> problems;  // sorted by path, then kind
};

// Re-hashes every file the manifest lists, checks it against manifest.json and catalog.db, and lists
// any file in the archive folders that the manifest does not know.
VerifyResult verify_archive(const std::filesystem::path& archive_dir);

// Incremental re-runs: the CLI may skip inspecting a file that is unchanged since the last run
// (same path, size, mtime_ns). This gives back what inspection learned then (no bytes), ready to be
// passed to run_archive with the other inputs. ZIPs come back with their entries as children.
class PreviousRun {
 public:
  explicit PreviousRun(const std::filesystem::path& archive_dir);  // no catalogue yet: knows nothing
  ~PreviousRun();
  PreviousRun(const PreviousRun&) = delete;
  PreviousRun& operator=(const PreviousRun&) = delete;
  // path as the CLI will put it in InspectedFile::path; in_dir as in ArchiveOptions.
  std::optional<model::InspectedFile> unchanged(const std::string& path, const std::filesystem::path& in_dir,
                                                uint64_t size, int64_t mtime_ns) const;
  // The same question without reading the facts back: true when unchanged() would give them.
  bool unchanged_since(const std::string& path, const std::filesystem::path& in_dir, uint64_t size, int64_t mtime_ns) const;
 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lh::package
