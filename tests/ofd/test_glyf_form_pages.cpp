// The glyf forms of the CFF fonts (ofd/glyf_form.cpp) as a process that cuts fonts from them has
// them resident: only around what it reads (issue 12 §4, workers under 150 MiB each).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <sys/wait.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "ofd/internal.h"
#include "proc_status.h"
#include "test_support.h"

using namespace lh;
namespace fs = std::filesystem;

// Bug pinned: a form was written in one write() of 7-11 MB, which left it in the page cache in
// 2 MiB pieces (ext4's large folios, Linux 6.x), and a process that maps it gets 2 MiB resident
// around every glyph it reads: in `lianghua render --format ofd` of 80 documents the four forms
// were 25.4 MiB of its resident size, 7.9 MiB when written in 64 KiB pieces; in a derive worker
// ~40 MiB of its high-water mark (bench/RESULTS.md §4b). Here a form just made is mapped as
// hb-subset maps it (fonts::source_face) and read at 16 places. On a kernel or a file system that
// caches files in small pieces only, both ways read alike and the test cannot fail.
TEST(GlyfForm, AFormJustMadeIsResidentOnlyAroundThePlacesRead) {
  // A font of a path of its own: the form is made here, not found in this process's list of forms.
  const fs::path dir = test::temp_dir("glyf-form-pages"), cache = dir / "cache";
  fs::copy_file(test::source_dir() / "fonts" / "FandolFang-Regular.otf", dir / "FandolFang-Regular.otf");
  test::ScopedEnv env("LIANGHUA_FONT_CACHE", cache.string());
  const ofd::detail::EmbeddedFont none;
  const std::string form =
      ofd::detail::glyf_form((dir / "FandolFang-Regular.otf").string(), 0, ofd::detail::cut_request(none).drop_tables);
  ASSERT_EQ(fs::path(form).parent_path(), cache) << "the form was not made in the cache";
  const size_t size = fs::file_size(form);
  ASSERT_GT(size, 4u << 20);
  const int fd = ::open(form.c_str(), O_RDONLY | O_CLOEXEC);
  ASSERT_GE(fd, 0);
  const long before = test::self_status_kib("RssFile:");
  void* map = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ASSERT_NE(map, MAP_FAILED);
  const auto* bytes = static_cast<const volatile unsigned char*>(map);
  unsigned sum = 0;
  for (size_t i = 0; i < 16; ++i) sum += bytes[size / 16 * i];
  const long added = test::self_status_kib("RssFile:") - before;
  ::munmap(map, size);
  ::close(fd);
  std::printf("16 reads of a %zu KiB form made resident %ld KiB of it (checksum %u)\n", size >> 10, added, sum);
  EXPECT_LT(added, static_cast<long>(size >> 10) / 3) << "the form is resident whole after 16 reads";
}

namespace {

// The children of `pid` (from /proc/*/stat: "pid (comm) state ppid …").
std::vector<pid_t> children_of(pid_t pid) {
  std::vector<pid_t> out;
  for (const auto& e : fs::directory_iterator("/proc")) {
    const std::string name = e.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream in(e.path() / "stat");
    std::string stat;
    std::getline(in, stat);
    const size_t close = stat.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(stat.substr(close + 2));
    char state = 0;
    long ppid = 0;
    if (rest >> state >> ppid && ppid == pid) out.push_back(static_cast<pid_t>(std::stol(name)));
  }
  return out;
}

bool alive(pid_t pid) {  // a zombie or a reaped process is not alive
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  if (!std::getline(in, stat)) return false;
  const size_t close = stat.rfind(')');
  return close != std::string::npos && close + 2 < stat.size() && stat[close + 2] != 'Z' && stat[close + 2] != 'X';
}

}  // namespace

// Bug pinned: the child that makes a glyf form outlived a killed night, still holding the archive's
// lock it inherited, so the rerun right after was refused (exit 3) until the form was done.
TEST(GlyfForm, TheChildMakingAFormDiesWithTheProcessThatForkedIt) {
  const fs::path dir = test::temp_dir("glyf-form-orphan"), cache = dir / "cache";
  fs::copy_file(test::source_dir() / "fonts" / "NotoSerifCJKsc-Regular.subset.otf", dir / "face.otf");
  test::ScopedEnv env("LIANGHUA_FONT_CACHE", cache.string());
  const pid_t night = ::fork();
  ASSERT_GE(night, 0);
  if (night == 0) {
    const ofd::detail::EmbeddedFont none;
    ofd::detail::glyf_form((dir / "face.otf").string(), 0, ofd::detail::cut_request(none).drop_tables);
    ::_exit(0);
  }
  std::vector<pid_t> makers;
  for (int i = 0; i < 2000 && makers.empty(); ++i) {  // up to 2 s for the night to fork its maker
    ::usleep(1000);
    makers = children_of(night);
  }
  ASSERT_EQ(makers.size(), 1u) << "the form is made in a child of its own";
  ::kill(night, SIGKILL);
  int status = 0;
  ::waitpid(night, &status, 0);
  // Up to 0.2 s: the form itself takes half a second or more (a CJK face of 30,000 glyphs).
  bool gone = false;
  for (int i = 0; i < 40 && !gone; ++i) {
    gone = !alive(makers[0]);
    if (!gone) ::usleep(5000);
  }
  EXPECT_TRUE(gone) << "the form maker " << makers[0] << " outlived the process that forked it";
  if (!gone) ::kill(makers[0], SIGKILL);
}
