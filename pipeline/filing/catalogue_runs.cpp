// The catalogue's record of runs and of the derived outputs (catalogue.h): each night's start and
// end, the key-value state a night leaves for the next (set_state), and the stamps and entries of
// the derived documents (reading copies, volumes, catalogues) the next night compares with. Split
// from catalogue.cpp so each file reads in one sitting.
#include "filing/catalogue.h"

namespace lh::filing {

int64_t Catalogue::begin_run(const std::string& started_at) {
  sql::Statement q(db_.get(), "INSERT INTO runs(started_at) VALUES(?1)");
  q.bind(1, started_at);
  q.run();
  return sqlite3_last_insert_rowid(db_.get());
}

void Catalogue::finish_run(int64_t run, const std::string& finished_at, const std::string& status, const std::string& summary) {
  sql::Statement q(db_.get(), "UPDATE runs SET finished_at = ?2, status = ?3, summary = ?4 WHERE id = ?1");
  q.bind(1, run).bind(2, finished_at).bind(3, status).bind(4, summary);
  q.run();
}

std::string Catalogue::state(const std::string& key) const {
  sql::Statement q(db_.get(), "SELECT value FROM state WHERE key = ?1");
  q.bind(1, key);
  return q.step() ? q.column_text(0) : std::string();
}

// One state value written (set_state, DerivedRows::commit).
constexpr const char* kPutState =
    "INSERT INTO state(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value";

void Catalogue::set_state(const std::map<std::string, std::string>& values) {
  sql::Transaction tx(db_.get());
  sql::Statement q(db_.get(), kPutState);
  for (const auto& [k, v] : values) {
    q.reset();
    q.bind(1, k).bind(2, v);
    q.run();
  }
  tx.commit();
}

std::map<std::string, DerivedStamp> Catalogue::derived_stamps() const {
  std::map<std::string, DerivedStamp> m;
  sql::Statement q(db_.get(), "SELECT path, sha256, size, mtime_ns, inode FROM derived_stamps");
  while (q.step())
    m.emplace_hint(m.end(), q.column_text(0),
                   DerivedStamp{q.column_text(1), static_cast<uint64_t>(q.column_int(2)), q.column_int(3), static_cast<uint64_t>(q.column_int(4))});
  return m;
}

void Catalogue::update_derived_stamps(const std::map<std::string, DerivedStamp>& put, const std::vector<std::string>& drop) {
  if (put.empty() && drop.empty()) return;
  sql::Transaction tx(db_.get());
  sql::Statement up(db_.get(),
      "INSERT INTO derived_stamps(path, sha256, size, mtime_ns, inode) VALUES(?1, ?2, ?3, ?4, ?5) "
      "ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, mtime_ns = excluded.mtime_ns, "
      "inode = excluded.inode");
  sql::Statement del(db_.get(), "DELETE FROM derived_stamps WHERE path = ?1");
  for (const auto& [path, st] : put) {
    up.reset();
    up.bind(1, path).bind(2, st.sha256).bind(3, static_cast<int64_t>(st.size)).bind(4, st.mtime_ns).bind(5, static_cast<int64_t>(st.inode));
    up.run();
  }
  for (const auto& path : drop) {
    del.reset();
    del.bind(1, path);
    del.run();
  }
  tx.commit();
}

void Catalogue::for_each_derived_entry(bool with_text, const std::function<void(DerivedEntry&&)>& fn) const {
  sql::Statement q(db_.get(), std::string("SELECT section, name, summary, ") + (with_text ? "text" : "''") +
                                  " FROM derived_entries ORDER BY section, name");
  while (q.step()) fn({q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3)});
}

Catalogue::DerivedCursor::DerivedCursor(const Catalogue& cat)
    : q_(cat.db_.get(), "SELECT section, name, text FROM derived_entries ORDER BY section, name") {}

bool Catalogue::DerivedCursor::next(DerivedEntry& e) {
  if (!q_.step()) return false;
  e.section = q_.column_text(0);
  e.name = q_.column_text(1);
  e.summary.clear();
  e.text = q_.column_text(2);
  return true;
}

Catalogue::DerivedRows::DerivedRows(Catalogue& cat, bool replace_all)
    : tx_(cat.db_.get()),
      put_(cat.db_.get(),
           "INSERT INTO derived_entries(section, name, summary, text) VALUES(?1, ?2, ?3, ?4) "
           "ON CONFLICT(section, name) DO UPDATE SET summary = excluded.summary, text = excluded.text"),
      drop_(cat.db_.get(), "DELETE FROM derived_entries WHERE section = ?1 AND name = ?2"),
      state_(cat.db_.get(), kPutState) {
  if (replace_all) sql::exec(cat.db_.get(), "DELETE FROM derived_entries");
}

void Catalogue::DerivedRows::put(const DerivedEntry& e) {
  put_.reset();
  put_.bind(1, e.section).bind(2, e.name).bind(3, e.summary).bind(4, e.text);
  put_.run();
}

void Catalogue::DerivedRows::drop(const std::string& section, const std::string& name) {
  drop_.reset();
  drop_.bind(1, section).bind(2, name);
  drop_.run();
}

void Catalogue::DerivedRows::commit(const std::string& state_key, const std::string& state_value) {
  state_.bind(1, state_key).bind(2, state_value);
  state_.run();
  tx_.commit();
}

}  // namespace lh::filing
