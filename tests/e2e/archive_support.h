// What the tests that run `lianghua archive` on an inbox share (tests/e2e: test_archive, test_placement,
// the fault tests): the run time they pin, and the state of every file of an inbox or an archive, to
// tell what a run touched.
#pragma once
#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>

#include "package/files.h"

namespace lh::test {

// LIANGHUA_RUN_TIME of the archive runs: the manifest has no clock; the report does.
inline constexpr const char* kRunTime = "2024-06-01T02:00:00+0800";

struct FileState {
  std::string sha256;
  int64_t mtime_ns = 0;
  bool operator==(const FileState&) const = default;
};

// Every regular file under root (relative path → hash, mtime), optionally skipping some top-level names.
inline std::map<std::string, FileState> snapshot(const std::filesystem::path& root,
                                                 const std::set<std::string>& skip_top = {}) {
  namespace fs = std::filesystem;
  std::map<std::string, FileState> m;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    std::string rel = fs::relative(it->path(), root).generic_string();
    std::string top = rel.substr(0, rel.find('/'));
    if (skip_top.count(top)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    struct stat st{};
    lstat(it->path().c_str(), &st);
    m[rel] = {lh::package::sha256_file(it->path()).value_or(""),
              int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
  }
  return m;
}

}  // namespace lh::test
