// package/files.h: a file is written whole or not at all (temporary beside it, fsync, rename). The
// temporary's name is the same for every writer of a file, so one left by a writer killed before
// its rename is taken over by the next writer instead of staying in the archive (see
// Archive.AWriterKilledBeforeRenamingItsTemporaryLeavesNothingBehindAfterTheRerun); a writer that
// is alive keeps its temporary, and a second writer beside it takes one of its own.
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <algorithm>

#include "package/files.h"
#include "test_support.h"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> names_in(const fs::path& dir) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(dir)) v.push_back(e.path().filename().string());
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST(AtomicFiles, ATemporaryLeftByAKilledWriterIsTakenOverByTheNextWriter) {
  const fs::path dir = lh::test::temp_dir("atomic-taken-over");
  const fs::path target = dir / "案卷.pdf";
  lh::test::write_file(dir / ".案卷.pdf.tmp", "torn bytes of a writer killed before its rename, longer than the new ones");
  std::string err;
  ASSERT_TRUE(lh::package::write_atomic(target, "whole", err)) << err;
  EXPECT_EQ(lh::test::read_file(target), "whole") << "no torn byte survives the takeover";
  EXPECT_EQ(names_in(dir), std::vector<std::string>{"案卷.pdf"});

  lh::test::write_file(dir / ".manifest.json.tmp", "torn");
  lh::package::AtomicWriter w(dir / "manifest.json");
  ASSERT_TRUE(w.append("{}"));
  ASSERT_TRUE(w.commit(err)) << err;
  EXPECT_EQ(lh::test::read_file(dir / "manifest.json"), "{}");
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{"manifest.json", "案卷.pdf"}));
}

TEST(AtomicFiles, AWriterThatIsAliveKeepsItsTemporaryAndTheOtherTakesItsOwn) {
  const fs::path dir = lh::test::temp_dir("atomic-live");
  const fs::path tmp = dir / ".book.pdf.tmp";
  int ready[2], go[2];
  ASSERT_EQ(pipe(ready), 0);
  ASSERT_EQ(pipe(go), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {  // a live writer: holds its temporary, has written part of its bytes
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT, 0644);
    const bool ok = fd >= 0 && ::flock(fd, LOCK_EX) == 0 && ::write(fd, "live", 4) == 4;
    (void)!::write(ready[1], ok ? "1" : "0", 1);
    char c;
    (void)!::read(go[0], &c, 1);
    _exit(0);
  }
  char c = 0;
  ASSERT_EQ(::read(ready[0], &c, 1), 1);
  ASSERT_EQ(c, '1');
  std::string err;
  EXPECT_TRUE(lh::package::write_atomic(dir / "book.pdf", "mine", err)) << err;
  EXPECT_EQ(lh::test::read_file(dir / "book.pdf"), "mine");
  EXPECT_EQ(lh::test::read_file(tmp), "live") << "a live writer's bytes are neither cut nor taken";
  EXPECT_EQ(names_in(dir), (std::vector<std::string>{".book.pdf.tmp", "book.pdf"})) << "the second writer's own temporary is gone";
  (void)!::write(go[1], "x", 1);
  int status = 0;
  waitpid(pid, &status, 0);
}
