// The catalogue (ARCHIVE/catalog.db, SQLite): the one place where state lives between nights
// (design.md), and the ONLY code that allocates 件号 (DA/T 22-2015: 件号 from 0001 within the lowest
// category, i.e. the scheme's sequence scope).
//   - allocation is keyed by a stable identity (the item's content hash): the same item always gets
//     the same number; a new item gets the next number of its scope; numbers are contiguous, never
//     reused, never move;
//   - one transaction per batch (BEGIN IMMEDIATE … COMMIT), journal_mode=WAL, synchronous=FULL, so a
//     number once reported survives kill -9 and power loss, and a batch killed mid-way leaves
//     nothing (libraries.md §7);
//   - inputs (path, size, mtime_ns, sha256, fate, 档号) let a re-run skip unchanged files with a stat.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filing/sqlite_handle.h"

namespace lh::filing {

struct AllocationRequest {
  std::string identity;    // content hash of the item (stable across runs)
  std::string scope;       // sequence scope key (ArchivalCode::scope_key)
  int box_capacity = 50;   // 定量 of the category
};

struct Allocation {
  std::string identity;
  std::string scope;       // the scope the number lives in (an old item keeps its first scope)
  int item_number = 0;
  std::string archival_code;
  int box_number = 0;
  int64_t location_index = 0;  // 0-based place of the box (柜-列-层-盒), allocated at first sight
  bool is_new = false;
};

struct InputRecord {
  std::string path;        // relative to INBOX
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  std::string sha256, fate, archival_code, reason;
  std::string facts;       // JSON: what inspection learned (to rebuild an InspectedFile without parsing)
  bool present = true;     // false: gone from the inbox since (its items stay; the archive is permanent)
};

struct ItemRecord {
  std::string identity;
  std::string archival_code;
  std::string manifest;    // the item's manifest JSON (one line)
};

class Catalogue {
 public:
  // Opens or creates the database; throws sql::Error.
  explicit Catalogue(const std::filesystem::path& db);
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // Test hook: called after each new number is written, inside the open transaction.
  struct Hooks { std::function<void(size_t)> after_each_new; };

  // One transaction for the whole batch. format(scope, number) gives the 档号 of a new number (it
  // must return a non-empty string; the batch is rolled back otherwise). Requests are handled in
  // order; an identity seen before returns its stored allocation.
  std::vector<Allocation> allocate(const std::vector<AllocationRequest>& batch,
                                   const std::function<std::string(const std::string& scope, int number)>& format,
                                   const Hooks& hooks = {});

  std::optional<Allocation> find(const std::string& identity) const;
  bool has_identity(const std::string& identity) const;

  // Unchanged since the last run (same path, size and mtime_ns): the stored hash and result.
  std::optional<InputRecord> lookup_unchanged(const std::string& path, uint64_t size, int64_t mtime_ns) const;
  // The input path that was archived with these bytes, if any.
  std::optional<std::string> archived_path_for(const std::string& sha256) const;

  // One transaction: upsert item manifests and input rows.
  void save_batch(const std::vector<ItemRecord>& items, const std::vector<InputRecord>& inputs);

  std::vector<ItemRecord> items() const;     // sorted by archival_code
  std::vector<InputRecord> inputs() const;   // sorted by path
  // What the manifest lists of each input, without the stored facts (sorted by path).
  struct InputEntry {
    std::string path;
    uint64_t size = 0;
    std::string sha256, fate, archival_code, reason;
    bool container = false, standard_name = false, present = true;
  };
  std::vector<InputEntry> input_entries() const;
  int last_number(const std::string& scope) const;

  // Runs: the wall clock lives here and in the report, never in the manifest.
  int64_t begin_run(const std::string& started_at);
  void finish_run(int64_t run, const std::string& finished_at, const std::string& status, const std::string& summary);

  // Small key/value state between runs (the last run's inbox fingerprint, the manifest's hash).
  std::string state(const std::string& key) const;  // empty when unset
  void set_state(const std::map<std::string, std::string>& values);  // one transaction

 private:
  sql::DbPtr db_;
};

}  // namespace lh::filing
