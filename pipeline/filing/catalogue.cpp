#include "filing/catalogue.h"

#include <charconv>
#include <cstdio>

namespace lh::filing {
namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS sequences(
  scope TEXT PRIMARY KEY,
  last_number INTEGER NOT NULL CHECK(last_number >= 0)
);
CREATE TABLE IF NOT EXISTS items(
  identity TEXT PRIMARY KEY,
  scope TEXT NOT NULL,
  item_number INTEGER NOT NULL CHECK(item_number >= 1),
  archival_code TEXT NOT NULL UNIQUE,
  box_number INTEGER NOT NULL,
  manifest TEXT,
  UNIQUE(scope, item_number)
);
CREATE TABLE IF NOT EXISTS boxes(
  scope TEXT NOT NULL,
  box_number INTEGER NOT NULL,
  location_index INTEGER NOT NULL UNIQUE,
  PRIMARY KEY(scope, box_number)
);
CREATE TABLE IF NOT EXISTS inputs(
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  fate TEXT NOT NULL CHECK(fate IN ('archived','duplicate','version','junk','quarantined')),
  archival_code TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT '',
  facts TEXT NOT NULL DEFAULT '{}',
  present INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS inputs_sha ON inputs(sha256);
CREATE TABLE IF NOT EXISTS runs(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  status TEXT NOT NULL DEFAULT 'running',
  summary TEXT
);
CREATE TABLE IF NOT EXISTS corrections(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  identity TEXT NOT NULL,
  archival_code TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  current TEXT NOT NULL,
  proposed TEXT NOT NULL,
  reason TEXT NOT NULL,
  status TEXT NOT NULL CHECK(status IN ('proposed','applied','withdrawn')),
  proposed_at TEXT NOT NULL,
  decided_at TEXT NOT NULL DEFAULT '',
  new_archival_code TEXT NOT NULL DEFAULT '',
  old_paths TEXT NOT NULL DEFAULT '[]',
  new_paths TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS corrections_identity ON corrections(identity, status);
CREATE TABLE IF NOT EXISTS state(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS input_ties(
  tie TEXT NOT NULL,
  path TEXT NOT NULL,
  PRIMARY KEY(tie, path)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS input_ties_path ON input_ties(path);
CREATE TABLE IF NOT EXISTS derived_stamps(
  path TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  inode INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS derived_entries(
  section TEXT NOT NULL,
  name TEXT NOT NULL,
  summary TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY(section, name)
);
)SQL";

// The location sequence shares the sequences table under a key no scope can take.
constexpr const char* kLocationScope = "#box-locations";

// Catalogues written before a column existed gain it: inputs `present` (every input then in the
// inbox), items `placement` (filled from what the next run finds in place, see save_batch).
void add_column_if_missing(sqlite3* db, const char* table, const char* column, const char* definition) {
  sql::Statement q(db, std::string("SELECT 1 FROM pragma_table_info('") + table + "') WHERE name = '" + column + "'");
  if (!q.step()) sql::exec(db, (std::string("ALTER TABLE ") + table + " ADD COLUMN " + column + " " + definition).c_str());
}

}  // namespace

Catalogue::Catalogue(const std::filesystem::path& path) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  db_.reset(raw);
  if (rc != SQLITE_OK) throw sql::Error("cannot open catalogue " + path.string() + ": " + (raw ? sqlite3_errmsg(raw) : "?"));
  sqlite3_busy_timeout(db_.get(), 5000);
  sql::exec(db_.get(), "PRAGMA journal_mode=WAL");
  // FULL: a 件号 once reported must never be lost, not even on power loss (libraries.md §7).
  sql::exec(db_.get(), "PRAGMA synchronous=FULL");
  sql::exec(db_.get(), "PRAGMA foreign_keys=ON");
  sql::exec(db_.get(), kSchema);
  add_column_if_missing(db_.get(), "inputs", "present", "INTEGER NOT NULL DEFAULT 1");
  add_column_if_missing(db_.get(), "items", "placement", "TEXT NOT NULL DEFAULT ''");
  // case_place() is asked once per case the night plans: by an index on the committed place's
  // case_key, not by reading every item's place (a one-new-document night on 10,000 items spent
  // 2 minutes of its 2.6 in that scan, issue 12 §5).
  sql::exec(db_.get(),
            "CREATE INDEX IF NOT EXISTS items_case_key ON items(json_extract(placement, '$.case_key'), item_number) "
            "WHERE placement != ''");
}

namespace {

// file: URI of a path ('%', '?' and '#' escaped; every other byte stands for itself).
std::string sqlite_uri(const std::filesystem::path& p, const char* params) {
  std::string u = "file:";
  for (char c : p.string()) {
    if (c == '%') u += "%25";
    else if (c == '?') u += "%3f";
    else if (c == '#') u += "%23";
    else u += c;
  }
  return u + "?" + params;
}

// An item row's first four columns (scope, item_number, archival_code, box_number), as both
// look-ups by identity select them.
void read_item_row(sql::Statement& q, Allocation& a) {
  a.scope = q.column_text(0);
  a.item_number = static_cast<int>(q.column_int(1));
  a.archival_code = q.column_text(2);
  a.box_number = static_cast<int>(q.column_int(3));
}

// The statements one allocate() batch runs, prepared once inside its transaction, and the steps
// made of them.
class AllocationStatements {
 public:
  explicit AllocationStatements(sqlite3* db)
      : find_item_(db, "SELECT scope, item_number, archival_code, box_number, placement FROM items WHERE identity = ?1"),
        last_(db, "SELECT last_number FROM sequences WHERE scope = ?1"),
        set_last_(db,
                  "INSERT INTO sequences(scope, last_number) VALUES(?1, ?2) "
                  "ON CONFLICT(scope) DO UPDATE SET last_number = excluded.last_number"),
        insert_item_(db,
                     "INSERT INTO items(identity, scope, item_number, archival_code, box_number, placement) "
                     "VALUES(?1, ?2, ?3, ?4, ?5, ?6)"),
        find_box_(db, "SELECT location_index FROM boxes WHERE scope = ?1 AND box_number = ?2"),
        insert_box_(db, "INSERT INTO boxes(scope, box_number, location_index) VALUES(?1, ?2, ?3)") {}

  // The 件号, 档号, box and place an identity was given before, into a; false for a new identity.
  bool committed(const std::string& identity, Allocation& a) {
    find_item_.reset();
    find_item_.bind(1, identity);
    if (!find_item_.step()) return false;
    read_item_row(find_item_, a);
    a.placement = find_item_.column_text(4);
    return true;
  }

  // The number after the last one the scope gave out (1 for a new scope).
  int64_t next_of(const std::string& scope) {
    last_.reset();
    last_.bind(1, scope);
    int64_t n = last_.step() ? last_.column_int(0) : 0;
    return n + 1;
  }

  // A box's place: the one it was given, else the next of the location sequence.
  int64_t box_location(const std::string& scope, int box) {
    find_box_.reset();
    find_box_.bind(1, scope).bind(2, static_cast<int64_t>(box));
    if (find_box_.step()) return find_box_.column_int(0);
    int64_t loc = next_of(kLocationScope) - 1;  // 0-based
    insert_box_.reset();
    insert_box_.bind(1, scope).bind(2, static_cast<int64_t>(box)).bind(3, loc);
    insert_box_.run();
    set_last(kLocationScope, loc + 1);
    return loc;
  }

  // A new item's row, numbered n, and its scope's last number moved on to n.
  void record(const AllocationRequest& r, const Allocation& a, int64_t n) {
    insert_item_.reset();
    insert_item_.bind(1, r.identity).bind(2, r.scope).bind(3, n).bind(4, a.archival_code).bind(5, static_cast<int64_t>(a.box_number))
        .bind(6, a.placement);
    insert_item_.run();
    set_last(r.scope, n);
  }

 private:
  void set_last(std::string_view scope, int64_t n) {
    set_last_.reset();
    set_last_.bind(1, scope).bind(2, n);
    set_last_.run();
  }

  sql::Statement find_item_, last_, set_last_, insert_item_, find_box_, insert_box_;
};

}  // namespace

Catalogue::Catalogue(const std::filesystem::path& path, ReadOnly) {
  // A reader writes nothing into the archive. A WAL database opened mode=ro creates an empty -wal
  // and a 32 KiB -shm beside it that only a writer removes, so `verify` (whose help says it writes
  // nothing) left two files in every archive it checked. With no -wal beside it the database file
  // holds every committed transaction (the last writer checkpointed and removed it: SQLite's
  // wal.html, "the WAL file is deleted when the last connection closes"), so it is read as immutable,
  // which creates nothing. With a -wal (a run in progress, or one that crashed) mode=ro reads the
  // committed frames in it; on a read-only mount whose -shm cannot be created, immutable again.
  std::error_code ec;
  const bool wal_beside = std::filesystem::exists(std::filesystem::path(path.string() + "-wal"), ec);
  const std::vector<const char*> attempts =
      wal_beside ? std::vector<const char*>{"mode=ro", "mode=ro&immutable=1"} : std::vector<const char*>{"mode=ro&immutable=1"};
  for (const char* params : attempts) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(sqlite_uri(path, params).c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, nullptr);
    db_.reset(raw);
    if (rc == SQLITE_OK) {
      sqlite3_busy_timeout(db_.get(), 5000);
      if (sqlite3_exec(db_.get(), "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK) return;
    }
  }
  throw sql::Error("cannot open catalogue " + path.string() + ": " + (db_ ? sqlite3_errmsg(db_.get()) : "?"));
}

std::vector<Allocation> Catalogue::allocate(const std::vector<AllocationRequest>& batch,
                                            const std::function<std::string(const std::string&, int)>& format,
                                            const Hooks& hooks) {
  std::vector<Allocation> out;
  out.reserve(batch.size());
  sql::Transaction tx(db_.get());
  AllocationStatements st(db_.get());
  size_t new_count = 0;
  for (const auto& r : batch) {
    Allocation a;
    a.identity = r.identity;
    if (st.committed(r.identity, a)) {
      a.location_index = st.box_location(a.scope, a.box_number);
      out.push_back(std::move(a));
      continue;
    }
    int64_t n = st.next_of(r.scope);
    a.scope = r.scope;
    if (r.last_number > 0 && n > r.last_number) {  // the scope's 件号 are used up: set aside, not an error
      a.sequence_full = true;
      out.push_back(std::move(a));
      continue;
    }
    a.item_number = static_cast<int>(n);
    a.archival_code = format(r.scope, a.item_number);
    if (a.archival_code.empty())
      throw sql::Error("no 档号 can be formed for number " + std::to_string(n) + " in scope " + r.scope +
                       " (the 件号 segment is full?)");
    int cap = r.box_capacity < 1 ? 1 : r.box_capacity;
    a.box_number = static_cast<int>((n - 1) / cap + 1);
    a.placement = r.placement ? r.placement(a.archival_code) : std::string();
    st.record(r, a, n);
    a.location_index = st.box_location(a.scope, a.box_number);
    a.is_new = true;
    out.push_back(std::move(a));
    if (hooks.after_each_new) hooks.after_each_new(new_count);
    ++new_count;
  }
  tx.commit();
  return out;
}

std::optional<Allocation> Catalogue::find(const std::string& identity) const {
  sql::Statement q(db_.get(),
      "SELECT i.scope, i.item_number, i.archival_code, i.box_number, COALESCE(b.location_index, -1) FROM items i "
      "LEFT JOIN boxes b ON b.scope = i.scope AND b.box_number = i.box_number WHERE i.identity = ?1");
  q.bind(1, identity);
  if (!q.step()) return std::nullopt;
  Allocation a;
  a.identity = identity;
  read_item_row(q, a);
  a.location_index = q.column_int(4);
  return a;
}

// A prepared statement lent for one look-up, reset (bindings cleared, read finished) when done.
class Catalogue::Lookup {
 public:
  explicit Lookup(sql::Statement& q) : q_(q) {}
  Lookup(const Lookup&) = delete;
  ~Lookup() { q_.reset(); }
  sql::Statement& operator*() { return q_; }
  sql::Statement* operator->() { return &q_; }
 private:
  sql::Statement& q_;
};

Catalogue::Lookup Catalogue::lookup(const char* sql) const {
  auto& q = prepared_[sql];
  if (!q) q = std::make_unique<sql::Statement>(db_.get(), sql);
  return Lookup(*q);
}

bool Catalogue::has_identity(const std::string& identity) const {
  static constexpr const char* kSql = "SELECT 1 FROM items WHERE identity = ?1";
  Lookup q = lookup(kSql);
  q->bind(1, identity);
  return q->step();
}

std::optional<InputRecord> Catalogue::lookup_unchanged(const std::string& path, uint64_t size, int64_t mtime_ns) const {
  static constexpr const char* kSql =
      "SELECT sha256, fate, archival_code, reason, facts FROM inputs WHERE path = ?1 AND size = ?2 AND mtime_ns = ?3 "
      "AND present = 1";
  Lookup l = lookup(kSql);
  sql::Statement& q = *l;
  q.bind(1, path).bind(2, static_cast<int64_t>(size)).bind(3, mtime_ns);
  if (!q.step()) return std::nullopt;
  InputRecord r{path, size, mtime_ns, q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3), q.column_text(4)};
  return r;
}

std::optional<std::string> Catalogue::archived_path_for(const std::string& sha256) const {
  static constexpr const char* kSql = "SELECT path FROM inputs WHERE sha256 = ?1 AND fate = 'archived' ORDER BY path LIMIT 1";
  Lookup l = lookup(kSql);
  sql::Statement& q = *l;
  q.bind(1, sha256);
  if (!q.step()) return std::nullopt;
  return q.column_text(0);
}

Catalogue::Batch::Batch(Catalogue& cat)
    : tx_(cat.db_.get()),
      up_item_(cat.db_.get(),
               "UPDATE items SET manifest = ?2, placement = CASE WHEN placement = '' THEN ?3 ELSE placement END WHERE identity = ?1"),
      up_input_(cat.db_.get(),
                "INSERT INTO inputs(path, size, mtime_ns, sha256, fate, archival_code, reason, facts, present) "
                "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(path) DO UPDATE SET size = excluded.size, "
                "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256, fate = excluded.fate, "
                "archival_code = excluded.archival_code, reason = excluded.reason, facts = excluded.facts, "
                "present = excluded.present"),
      gone_(cat.db_.get(), "UPDATE inputs SET present = 0 WHERE path = ?1"),
      del_ties_(cat.db_.get(), "DELETE FROM input_ties WHERE path = ?1"),
      add_tie_(cat.db_.get(), "INSERT OR IGNORE INTO input_ties(tie, path) VALUES(?1, ?2)"),
      db_(cat.db_.get()) {}

void Catalogue::Batch::item(const ItemRecord& it) {
  up_item_.reset();
  up_item_.bind(1, it.identity).bind(2, it.manifest).bind(3, it.placement);
  up_item_.run();
  if (sqlite3_changes(db_) != 1) throw sql::Error("item " + it.identity + " has no 件号 (allocate first)");
}

void Catalogue::Batch::input(const InputRecord& in) {
  up_input_.reset();
  up_input_.bind(1, in.path).bind(2, static_cast<int64_t>(in.size)).bind(3, in.mtime_ns).bind(4, in.sha256)
      .bind(5, in.fate).bind(6, in.archival_code).bind(7, in.reason).bind(8, in.facts.empty() ? std::string("{}") : in.facts)
      .bind(9, int64_t{in.present ? 1 : 0});
  up_input_.run();
}

void Catalogue::Batch::gone(const std::string& path) {
  gone_.reset();
  gone_.bind(1, path);
  gone_.run();
}

void Catalogue::Batch::ties(const std::string& path, const std::vector<std::string>& ties) {
  del_ties_.reset();
  del_ties_.bind(1, path);
  del_ties_.run();
  for (const auto& t : ties) {
    if (t.empty()) continue;
    add_tie_.reset();
    add_tie_.bind(1, t).bind(2, path);
    add_tie_.run();
  }
}

void Catalogue::Batch::commit() { tx_.commit(); }

void Catalogue::save_batch(const std::vector<ItemRecord>& items, const std::vector<InputRecord>& inputs) {
  Batch b(*this);
  for (const auto& it : items) b.item(it);
  for (const auto& in : inputs) b.input(in);
  b.commit();
}

void Catalogue::for_each_present_input_path(const std::function<void(const std::string&)>& fn) const {
  sql::Statement q(db_.get(), "SELECT path FROM inputs WHERE present = 1 ORDER BY path");
  while (q.step()) fn(q.column_text(0));
}

namespace {

constexpr const char* kInputColumns = "SELECT path, size, mtime_ns, sha256, fate, archival_code, reason, facts, present FROM inputs ";

InputRecord input_row(const sql::Statement& q) {
  return {q.column_text(0), static_cast<uint64_t>(q.column_int(1)), q.column_int(2), q.column_text(3),
          q.column_text(4), q.column_text(5), q.column_text(6), q.column_text(7), q.column_int(8) != 0};
}

}  // namespace

void Catalogue::for_each_item(const std::function<void(const ItemRecord&)>& fn) const {
  sql::Statement q(db_.get(),
      "SELECT identity, archival_code, COALESCE(manifest, ''), placement FROM items ORDER BY archival_code, identity");
  while (q.step()) fn({q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3)});
}

void Catalogue::for_each_input(const std::function<void(const InputRecord&)>& fn) const {
  sql::Statement q(db_.get(), std::string(kInputColumns) + "ORDER BY path");
  while (q.step()) fn(input_row(q));
}

void Catalogue::for_each_input_under(const std::string& prefix, const std::function<void(const InputRecord&)>& fn) const {
  // A range on the primary key (BINARY order, as std::string compares): every path that starts
  // with prefix is >= prefix and < prefix with its last byte raised by one.
  if (prefix.empty() || static_cast<unsigned char>(prefix.back()) == 0xFF) {
    for_each_input([&](const InputRecord& r) { if (r.path.compare(0, prefix.size(), prefix) == 0) fn(r); });
    return;
  }
  std::string upper = prefix;
  upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
  sql::Statement q(db_.get(), std::string(kInputColumns) + "WHERE path >= ?1 AND path < ?2 ORDER BY path");
  q.bind(1, prefix).bind(2, upper);
  while (q.step()) fn(input_row(q));
}

namespace {

constexpr const char* kInputEntryColumns =
    "SELECT path, size, sha256, fate, archival_code, reason, "
    "COALESCE(json_extract(facts, '$.lh_container'), 0), COALESCE(json_extract(facts, '$.lh_standard_name'), 0), present, "
    "COALESCE(json_extract(facts, '$.problems'), '[]') "
    "FROM inputs ";

Catalogue::InputEntry input_entry_row(const sql::Statement& q) {
  return {q.column_text(0), static_cast<uint64_t>(q.column_int(1)), q.column_text(2), q.column_text(3),
          q.column_text(4), q.column_text(5), q.column_int(6) != 0, q.column_int(7) != 0, q.column_int(8) != 0,
          q.column_text(9)};
}

}  // namespace

void Catalogue::for_each_input_entry(const std::function<void(const InputEntry&)>& fn) const {
  sql::Statement q(db_.get(), std::string(kInputEntryColumns) + "ORDER BY path");
  while (q.step()) fn(input_entry_row(q));
}

void Catalogue::for_each_input_entry(const std::string& fate, const std::function<void(const InputEntry&)>& fn) const {
  sql::Statement q(db_.get(), std::string(kInputEntryColumns) + "WHERE fate = ?1 ORDER BY path");
  q.bind(1, fate);
  while (q.step()) fn(input_entry_row(q));
}

std::optional<Catalogue::InputEntry> Catalogue::input_entry(const std::string& path) const {
  static const std::string kSql = std::string(kInputEntryColumns) + "WHERE path = ?1";
  Lookup l = lookup(kSql.c_str());
  l->bind(1, path);
  if (!l->step()) return std::nullopt;
  return input_entry_row(*l);
}

std::vector<ItemRecord> Catalogue::items() const {
  std::vector<ItemRecord> out;
  for_each_item([&](const ItemRecord& r) { out.push_back(r); });
  return out;
}

std::vector<InputRecord> Catalogue::inputs() const {
  std::vector<InputRecord> out;
  for_each_input([&](const InputRecord& r) { out.push_back(r); });
  return out;
}

std::vector<Catalogue::InputEntry> Catalogue::input_entries() const {
  std::vector<InputEntry> out;
  for_each_input_entry([&](const InputEntry& r) { out.push_back(r); });
  return out;
}

std::string Catalogue::item_manifest(const std::string& identity) const {
  static constexpr const char* kSql = "SELECT COALESCE(manifest, '') FROM items WHERE identity = ?1";
  Lookup l = lookup(kSql);
  sql::Statement& q = *l;
  q.bind(1, identity);
  return q.step() ? q.column_text(0) : std::string();
}

std::string Catalogue::item_manifest_by_code(const std::string& archival_code) const {
  static constexpr const char* kSql = "SELECT COALESCE(manifest, '') FROM items WHERE archival_code = ?1";
  Lookup l = lookup(kSql);
  l->bind(1, archival_code);
  return l->step() ? l->column_text(0) : std::string();
}

std::optional<ItemRecord> Catalogue::item(const std::string& identity) const {
  static constexpr const char* kSql = "SELECT identity, archival_code, COALESCE(manifest, ''), placement FROM items WHERE identity = ?1";
  Lookup l = lookup(kSql);
  sql::Statement& q = *l;
  q.bind(1, identity);
  if (!q.step()) return std::nullopt;
  return ItemRecord{q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3)};
}

std::optional<InputRecord> Catalogue::input(const std::string& path) const {
  static const std::string kSql = std::string(kInputColumns) + "WHERE path = ?1";
  Lookup l = lookup(kSql.c_str());
  sql::Statement& q = *l;
  q.bind(1, path);
  if (!q.step()) return std::nullopt;
  return input_row(q);
}

int Catalogue::last_number(const std::string& scope) const {
  sql::Statement q(db_.get(), "SELECT last_number FROM sequences WHERE scope = ?1");
  q.bind(1, scope);
  return q.step() ? static_cast<int>(q.column_int(0)) : 0;
}

std::optional<std::string> Catalogue::case_place(const std::string& case_key) const {
  sql::Statement q(db_.get(),
      "SELECT placement FROM items WHERE placement != '' AND json_extract(placement, '$.case_key') = ?1 "
      "ORDER BY item_number LIMIT 1");
  q.bind(1, case_key);
  if (!q.step()) return std::nullopt;
  return q.column_text(0);
}

std::string Catalogue::derived_entry_text(const std::string& section, const std::string& name) const {
  static constexpr const char* kSql = "SELECT text FROM derived_entries WHERE section = ?1 AND name = ?2";
  Lookup l = lookup(kSql);
  l->bind(1, section).bind(2, name);
  return l->step() ? l->column_text(0) : std::string();
}

}  // namespace lh::filing
