// tests/support/shared_dir.h: the folder several test processes share is made once per key, made
// again when what the key names changes, and a test that wrote into it is caught.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "shared_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh;

namespace {

// A tag no other process uses, removed with what it made when the test ends.
struct Tag {
  std::string name = "shared-dir-test-" + std::to_string(getpid()) + "-" +
                     ::testing::UnitTest::GetInstance()->current_test_info()->name();
  ~Tag() {
    const fs::path base = test::build_dir() / "test-shared";
    for (const char* suffix : {"", ".key", ".listing", ".lock", ".making"}) fs::remove_all(base / (name + suffix));
  }
};

}  // namespace

TEST(SharedDir, IsMadeOnceForTheSameKey) {
  Tag tag;
  int made = 0;
  auto make = [&](const fs::path& dir) {
    ++made;
    test::write_file(dir / "a/b.txt", "made");
    return std::string();
  };
  const test::SharedDir first = test::shared_dir(tag.name, {"command one"}, make);
  const test::SharedDir second = test::shared_dir(tag.name, {"command one"}, make);
  EXPECT_EQ(made, 1);
  EXPECT_EQ(first.error, "");
  EXPECT_EQ(second.error, "");
  EXPECT_EQ(first.dir, second.dir);
  EXPECT_EQ(test::read_file(second.dir / "a/b.txt"), "made");
  test::shared_dir(tag.name, {"command two"}, make);
  EXPECT_EQ(made, 2) << "another key";
}

TEST(SharedDir, IsMadeAgainWhenAFileTheKeyNamesChanges) {
  Tag tag;
  const fs::path input = test::temp_dir("shared-dir-input") / "inbox";
  test::write_file(input / "1.txt", "one");
  int made = 0;
  auto make = [&](const fs::path&) {
    ++made;
    return std::string();
  };
  test::shared_dir(tag.name, {input.string()}, make);
  test::shared_dir(tag.name, {input.string()}, make);
  EXPECT_EQ(made, 1);
  // An input rewritten with the same size, its mtime a second on (a rebuilt program, an edited sample).
  test::write_file(input / "1.txt", "two");
  fs::last_write_time(input / "1.txt", fs::last_write_time(input / "1.txt") + std::chrono::seconds(1));
  test::shared_dir(tag.name, {input.string()}, make);
  EXPECT_EQ(made, 2);
  test::write_file(input / "2.txt", "new");
  test::shared_dir(tag.name, {input.string()}, make);
  EXPECT_EQ(made, 3);
}

TEST(SharedDir, ATestThatWroteIntoItIsReportedAndTheFolderMadeAgain) {
  Tag tag;
  int made = 0;
  auto make = [&](const fs::path& dir) {
    ++made;
    test::write_file(dir / "ARCHIVE/manifest.json", "{}");
    return std::string();
  };
  const fs::path dir = test::shared_dir(tag.name, {"k"}, make).dir;
  // What a reader of an archive may leave (SQLite's -wal/-shm, .lock) is not a change.
  test::write_file(dir / "ARCHIVE/catalog.db-shm", "x");
  test::write_file(dir / "ARCHIVE/.lock", "123");
  EXPECT_EQ(test::shared_dir(tag.name, {"k"}, make).error, "");
  EXPECT_EQ(made, 1);
  test::write_file(dir / "ARCHIVE/qr-0.png", "a picture a test should have put elsewhere");
  const test::SharedDir again = test::shared_dir(tag.name, {"k"}, make);
  EXPECT_NE(again.error.find("was changed after it was made"), std::string::npos) << again.error;
  EXPECT_EQ(made, 2);
  EXPECT_FALSE(fs::exists(again.dir / "ARCHIVE/qr-0.png"));
  EXPECT_EQ(test::shared_dir(tag.name, {"k"}, make).error, "");
}

TEST(SharedDir, AFailedMakingLeavesNothingAndIsTriedAgain) {
  Tag tag;
  int made = 0;
  auto fail = [&](const fs::path& dir) {
    ++made;
    test::write_file(dir / "half.txt", "half");
    return std::string("archive exit 2: cannot write");
  };
  const test::SharedDir first = test::shared_dir(tag.name, {"k"}, fail);
  EXPECT_EQ(first.error, "archive exit 2: cannot write");
  EXPECT_TRUE(first.dir.empty());
  EXPECT_FALSE(fs::exists(test::build_dir() / "test-shared" / tag.name));
  test::shared_dir(tag.name, {"k"}, fail);
  EXPECT_EQ(made, 2);
}

// The program reads the source tree's templates/ (the scheme, the XSDs) and fonts/: an edited scheme
// makes the folder again though no key names it.
TEST(SharedDir, IsMadeAgainWhenTheTemplatesChange) {
  Tag tag;
  const fs::path tree = test::temp_dir("shared-dir-source");
  test::write_file(tree / "templates/scheme/default.xml", "<scheme/>");
  test::ScopedEnv source("LIANGHUA_SOURCE_DIR", tree.string());
  int made = 0;
  auto make = [&](const fs::path&) {
    ++made;
    return std::string();
  };
  test::shared_dir(tag.name, {"k"}, make);
  test::shared_dir(tag.name, {"k"}, make);
  EXPECT_EQ(made, 1);
  test::write_file(tree / "templates/scheme/default.xml", "<scheme version=\"2\"/>");
  test::shared_dir(tag.name, {"k"}, make);
  EXPECT_EQ(made, 2);
}
