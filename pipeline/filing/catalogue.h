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
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "filing/sqlite_handle.h"

namespace lh::filing {

struct AllocationRequest {
  std::string identity;    // content hash of the item (stable across runs)
  std::string scope;       // sequence scope key (ArchivalCode::scope_key)
  int box_capacity = 50;   // 定量 of the category
  // The item's place (JSON: category, case, volume, slot, folder, file stem, placed_by) given its new
  // 档号; committed with the 件号 in the same transaction (issue 9: placement is decided once).
  std::function<std::string(const std::string& archival_code)> placement;
  // The largest 件号 the scheme's width holds (largest_item_number); 0: no limit. A new item whose
  // number would pass it gets none (Allocation::sequence_full) and the batch goes on.
  int64_t last_number = 0;
};

struct Allocation {
  std::string identity;
  std::string scope;       // the scope the number lives in (an old item keeps its first scope)
  int item_number = 0;
  std::string archival_code;
  int box_number = 0;
  int64_t location_index = 0;  // 0-based place of the box (柜-列-层-盒), allocated at first sight
  bool is_new = false;
  std::string placement;   // the committed place (JSON); empty for an item numbered before places were kept
  bool sequence_full = false;  // not numbered: its scope's 件号 reached the request's last_number (nothing written)
};

// A proposed correction of an item's place (issue 9 item 1): new evidence never moves a numbered item;
// a person applies it (`lianghua corrections ARCHIVE --apply C0001`), and the log keeps both places.
struct Correction {
  int64_t id = 0;                       // shown as C0001
  std::string identity, archival_code, title;
  std::string current, proposed;        // placement JSON
  std::string reason;                   // 中文理由 (machine_kind)
  std::string status = "proposed";      // proposed, applied, withdrawn
  std::string proposed_at, decided_at;
  std::string new_archival_code;        // when applying gave the item a number in another 门类/年度/期限
  std::string old_paths, new_paths;     // JSON arrays: the files' paths before and after (applied only)
};
std::string correction_id(int64_t id);                  // 7 → "C0007"
std::optional<int64_t> parse_correction_id(const std::string& s);  // "C0007" or "7" → 7

// A derived output as written: its SHA-256 (as derived.json records it) and the size, mtime (ns) and
// inode it had then (package/files.h FileStamp).
struct DerivedStamp {
  std::string sha256;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  uint64_t inode = 0;
  bool operator==(const DerivedStamp&) const = default;
};

// One entry of ARCHIVE/derived.json as the catalogue keeps it beside the file (issue 12: the
// one-new-document night on 10,000 items parsed, freed and re-dumped the whole 14.5 MB file): the
// night reads the summaries and writes derived.json by concatenating the texts. Trusted only while
// derived.json's stamp is the one recorded with them (package/derived_state.h); otherwise the night
// imports the file whole again, every row replaced.
struct DerivedEntry {
  std::string section;   // items, volumes, catalogues
  std::string name;      // 档号, case folder, 门类/年度
  std::string summary;   // the fields a night reads (key, files, pages, …), as package/derived_state.h encodes them
  std::string text;      // the entry exactly as derived.json prints it, two levels down
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
  std::string placement;   // fills the committed place of an item numbered before places were kept
};

class Catalogue {
 public:
  // Opens or creates the database; throws sql::Error.
  explicit Catalogue(const std::filesystem::path& db);
  // Opens it for reading only (`lianghua verify`: writes nothing, works on a read-only mount or
  // medium too, issue 13 §3); throws sql::Error.
  enum class ReadOnly { Yes };
  Catalogue(const std::filesystem::path& db, ReadOnly);
  Catalogue(const Catalogue&) = delete;
  Catalogue& operator=(const Catalogue&) = delete;

  // Test hook: called after each new number is written, inside the open transaction.
  struct Hooks { std::function<void(size_t)> after_each_new; };

  // One transaction for the whole batch. format(scope, number) gives the 档号 of a new number (it
  // must return a non-empty string; the batch is rolled back otherwise). Requests are handled in
  // order; an identity seen before returns its stored allocation; a new identity whose scope is full
  // (last_number) returns sequence_full, and its scope's sequence stays where it is.
  std::vector<Allocation> allocate(const std::vector<AllocationRequest>& batch,
                                   const std::function<std::string(const std::string& scope, int number)>& format,
                                   const Hooks& hooks = {});

  std::optional<Allocation> find(const std::string& identity) const;
  bool has_identity(const std::string& identity) const;

  // Unchanged since the last run (same path, size and mtime_ns, and in the inbox then): the stored
  // hash and result. An input that left the inbox and came back is read again.
  std::optional<InputRecord> lookup_unchanged(const std::string& path, uint64_t size, int64_t mtime_ns) const;
  // The input path that was archived with these bytes, if any.
  std::optional<std::string> archived_path_for(const std::string& sha256) const;

  // One transaction: upsert item manifests and input rows.
  void save_batch(const std::vector<ItemRecord>& items, const std::vector<InputRecord>& inputs);

  // The same transaction filled row by row as a run produces the rows (issue 12 §4: a night of
  // 100,000 inputs holds no list of them): nothing is visible to another connection, and nothing
  // survives a crash, before commit(); destroyed uncommitted, it rolls back. This connection's reads
  // see the rows written so far. No other transaction may be opened on the catalogue meanwhile.
  class Batch {
   public:
    explicit Batch(Catalogue& cat);
    void item(const ItemRecord& it);     // throws when the item has no 件号 (allocate first)
    void input(const InputRecord& in);
    void gone(const std::string& path);  // an input filed before, no longer in the inbox
    // Replaces the input's planning ties (filing/plan_ties.h).
    void ties(const std::string& path, const std::vector<std::string>& ties);
    void commit();
   private:
    sql::Transaction tx_;  // first: begun before the statements, rolled back after they are freed
    sql::Statement up_item_, up_input_, gone_, del_ties_, add_tie_;
    sqlite3* db_;
  };
  // Planning ties (filing/plan_ties.h), kept per input so that a night plans again only the inputs
  // tied to what changed (package/night_scope.h). Paths of the inputs that carry a tie, sorted; the
  // ties of an input and of the ZIP entries below it (path + "/…").
  void for_each_path_with_tie(const std::string& tie, const std::function<void(const std::string& path)>& fn) const;
  std::vector<std::string> ties_of(const std::string& path) const;
  // Paths of the inputs still marked in the inbox, sorted.
  void for_each_present_input_path(const std::function<void(const std::string& path)>& fn) const;

  std::vector<ItemRecord> items() const;     // sorted by archival_code
  std::vector<InputRecord> inputs() const;   // sorted by path
  // What the manifest lists of each input, without the stored facts (sorted by path).
  struct InputEntry {
    std::string path;
    uint64_t size = 0;
    std::string sha256, fate, archival_code, reason;
    bool container = false, standard_name = false, present = true;
    std::string read_problems = "[]";  // what the reader warned of (its facts' "problems"), a JSON array
  };
  std::vector<InputEntry> input_entries() const;
  // The same, one row at a time (issue 12 §4: the manifest of 100,000 items is written without a
  // list of them in memory). The callback must not write to this catalogue.
  void for_each_item(const std::function<void(const ItemRecord&)>& fn) const;
  void for_each_input(const std::function<void(const InputRecord&)>& fn) const;
  void for_each_input_entry(const std::function<void(const InputEntry&)>& fn) const;
  // The same for the inputs of one fate (sorted by path), and for one input by path.
  void for_each_input_entry(const std::string& fate, const std::function<void(const InputEntry&)>& fn) const;
  std::optional<InputEntry> input_entry(const std::string& path) const;
  // Inputs whose path starts with `prefix` (a ZIP's entries: "<zip path>/"), sorted by path.
  void for_each_input_under(const std::string& prefix, const std::function<void(const InputRecord&)>& fn) const;
  // One row by key, for a run that asks about the items and inputs it handles instead of loading all.
  std::string item_manifest(const std::string& identity) const;  // empty when none
  std::string item_manifest_by_code(const std::string& archival_code) const;  // empty when none
  std::optional<ItemRecord> item(const std::string& identity) const;
  std::optional<InputRecord> input(const std::string& path) const;
  int last_number(const std::string& scope) const;
  // The committed place (JSON) of the first-numbered item of a case (its case_key), if any.
  std::optional<std::string> case_place(const std::string& case_key) const;

  // Corrections. One transaction: each proposal of this run is stored (an open proposal of the same
  // item and the same proposed place keeps its id); the open proposals of the `examined` identities
  // that this run no longer proposes are withdrawn (the evidence went away).
  void propose_corrections(const std::vector<Correction>& proposals, const std::vector<std::string>& examined,
                           const std::string& at);
  std::vector<Correction> corrections(bool open_only) const;  // by id
  std::optional<Correction> correction(int64_t id) const;
  // Applying, step 1 (its own transaction): the item's number in new_scope (the next free 件号 there;
  // its old number stays unused, logged by step 2). Repeating it after a crash returns the same number.
  Allocation renumber(const std::string& identity, const std::string& new_scope, int box_capacity,
                      const std::function<std::string(const std::string& scope, int number)>& format);
  // Applying, step 2, once the files are in their new place: the item's place and manifest, and the
  // correction marked applied with the old and new paths, in one transaction.
  void record_applied(const Correction& c, const std::string& placement, const std::string& manifest);

  // Runs: the wall clock lives here and in the report, never in the manifest.
  int64_t begin_run(const std::string& started_at);
  void finish_run(int64_t run, const std::string& finished_at, const std::string& status, const std::string& summary);

  // Small key/value state between runs (the last run's inbox fingerprint, the manifest's hash).
  std::string state(const std::string& key) const;  // empty when unset
  void set_state(const std::map<std::string, std::string>& values);  // one transaction

  // Each derived output's stamp as written (issue 12 §5: the next night trusts an unchanged stamp
  // instead of re-hashing), keyed by its path relative to ARCHIVE. Machine state, kept here and not
  // in derived.json, which stays byte-identical across runs on the same inputs. An archive of an
  // older version has no rows: every output is hashed once and recorded.
  std::map<std::string, DerivedStamp> derived_stamps() const;
  // One transaction: the rows of `put` written, the rows of `drop` removed.
  void update_derived_stamps(const std::map<std::string, DerivedStamp>& put, const std::vector<std::string>& drop);

  // derived.json's entries (DerivedEntry), ordered by section and name (bytewise, as derived.json
  // orders them); with_text false leaves `text` empty (it is most of a row's bytes).
  void for_each_derived_entry(bool with_text, const std::function<void(DerivedEntry&&)>& fn) const;
  // The same, pulled one at a time while derived.json is written (no list of 10,000 texts held).
  class DerivedCursor {
   public:
    explicit DerivedCursor(const Catalogue& cat);
    bool next(DerivedEntry& e);  // false at the end
   private:
    sql::Statement q_;
  };
  // One stored entry's text; empty when there is none.
  std::string derived_entry_text(const std::string& section, const std::string& name) const;
  // Rewrites the stored entries in one transaction: every row removed first when `replace_all`; then
  // `put` rows upserted, `drop` rows removed, and `state_value` stored under state `state_key` (the
  // derived.json stamp that vouches for the rows).
  class DerivedRows {
   public:
    DerivedRows(Catalogue& cat, bool replace_all);
    void put(const DerivedEntry& e);
    void drop(const std::string& section, const std::string& name);
    void commit(const std::string& state_key, const std::string& state_value);
   private:
    sql::Transaction tx_;
    sql::Statement put_, drop_, state_;
  };

 private:
  sql::DbPtr db_;
  // The look-ups a night makes once per input or item (tens of thousands), prepared once: keyed
  // by the SQL literal's address; declared after db_, so finalized before it is closed.
  mutable std::map<const char*, std::unique_ptr<sql::Statement>> prepared_;
  class Lookup;
  Lookup lookup(const char* sql) const;
};

}  // namespace lh::filing
