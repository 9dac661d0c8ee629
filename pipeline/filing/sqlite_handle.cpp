#include "filing/sqlite_handle.h"

namespace lh::filing::sql {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &st_, nullptr) != SQLITE_OK)
    throw Error(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
}
Statement::~Statement() { if (st_) sqlite3_finalize(st_); }

Statement& Statement::bind(int i, std::string_view v) {
  if (sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT) != SQLITE_OK)
    throw Error(std::string("sqlite bind: ") + sqlite3_errmsg(db_));
  return *this;
}
Statement& Statement::bind(int i, int64_t v) {
  if (sqlite3_bind_int64(st_, i, v) != SQLITE_OK) throw Error(std::string("sqlite bind: ") + sqlite3_errmsg(db_));
  return *this;
}
Statement& Statement::bind_null(int i) {
  if (sqlite3_bind_null(st_, i) != SQLITE_OK) throw Error(std::string("sqlite bind: ") + sqlite3_errmsg(db_));
  return *this;
}
bool Statement::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw Error(std::string("sqlite step: ") + sqlite3_errmsg(db_));
}
void Statement::run() { while (step()) {} }
void Statement::reset() { sqlite3_reset(st_); sqlite3_clear_bindings(st_); }
int64_t Statement::column_int(int i) const { return sqlite3_column_int64(st_, i); }
std::string Statement::column_text(int i) const {
  const unsigned char* t = sqlite3_column_text(st_, i);
  int n = sqlite3_column_bytes(st_, i);
  return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(n)) : std::string();
}
bool Statement::column_is_null(int i) const { return sqlite3_column_type(st_, i) == SQLITE_NULL; }

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown";
    sqlite3_free(err);
    throw Error("sqlite: " + m);
  }
}

Transaction::Transaction(sqlite3* db, bool immediate) : db_(db) { exec(db, immediate ? "BEGIN IMMEDIATE" : "BEGIN"); }
Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
}
void Transaction::commit() {
  exec(db_, "COMMIT");
  done_ = true;
}

}  // namespace lh::filing::sql
