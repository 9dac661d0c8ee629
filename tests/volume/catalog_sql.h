// A statement run straight on an archive's catalogue (catalog.db), past the program: how the tests
// make an archive look like one an older lianghua left, or one whose catalogue lost a table.
#pragma once
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "filing/catalogue.h"

namespace lh::test {

inline void sql_in(const std::filesystem::path& archive, const std::string& statement) {
  filing::Catalogue cat(archive / "catalog.db");  // opened once, so the schema is there
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((archive / "catalog.db").c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  EXPECT_EQ(sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &err), SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

}  // namespace lh::test
