// RAII over SQLite 3 handles: a connection, prepared statements (the only way SQL gets values),
// and a transaction that rolls back unless committed.
#pragma once
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lh::filing::sql {

struct Error : std::runtime_error { using std::runtime_error::runtime_error; };

struct CloseDb { void operator()(sqlite3* d) const { if (d) sqlite3_close_v2(d); } };
using DbPtr = std::unique_ptr<sqlite3, CloseDb>;

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&&) = default;
  ~Statement();
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, int64_t v);
  Statement& bind_null(int i);
  bool step();            // true: a row is available; false: done. Throws on error.
  void run();             // step to completion (statements without rows)
  void reset();
  int64_t column_int(int i) const;
  std::string column_text(int i) const;
  bool column_is_null(int i) const;
 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

void exec(sqlite3* db, const char* sql);  // fixed SQL only (no values)

class Transaction {
 public:
  explicit Transaction(sqlite3* db, bool immediate = true);
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();
 private:
  sqlite3* db_;
  bool done_ = false;
};

}  // namespace lh::filing::sql
