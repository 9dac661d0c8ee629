// Shared helpers for tests: where the project, the corpus and the built program are.
#pragma once
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lh::test {

std::filesystem::path source_dir();                 // the project root
std::optional<std::filesystem::path> corpus_dir();  // ../shared/corpus, or nullopt when absent
std::filesystem::path program();                    // the built lianghua binary
std::filesystem::path build_dir();                  // the build tree of the running test (build/, build-asan/)
std::string read_file(const std::filesystem::path& p);
void write_file(const std::filesystem::path& p, const std::string& bytes);
std::filesystem::path temp_dir(const std::string& tag);  // a fresh, empty directory

struct CommandResult { int exit_code; std::string out; std::string err; };
// Runs argv (no shell), capturing stdout and stderr.
CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_data = "");
bool have_program(const std::string& name);  // on PATH?
// The interpreter for the generators in scripts/ (make_office_inbox.py, make_book_sources.py):
// LIANGHUA_PYTHON, else Debian's /usr/bin/python3 (a version-manager shim on PATH costs a second
// or more per call), else python3 on PATH.
std::string python();

// One environment variable for the programs started while it lives (tests run one at a time); the
// value it had before (ctest's LIANGHUA_FONT_CACHE, say) comes back when it ends.
// Runs fn in a forked child; its peak RSS (KiB), or -1 when it failed. The caller holds nothing
// the child's work needs, so two measures start from the same heap (memory regression tests).
long child_peak_kib(const std::function<bool()>& fn);

struct ScopedEnv {
  std::string name;
  std::optional<std::string> before;
  ScopedEnv(std::string n, const std::string& v);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
};

// What this process writes to stderr (fd 2: libraries' own messages too) while it lives, until
// finish() restores stderr and returns it.
class StderrCapture {
 public:
  StderrCapture();
  std::string finish();
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

 private:
  int saved_ = -1;
  std::FILE* tmp_ = nullptr;
};

}  // namespace lh::test

// Skip a test cleanly where ../shared/corpus is absent (a user's clone has none).
#define LH_REQUIRE_CORPUS(var)                                   \
  auto var##_opt = ::lh::test::corpus_dir();                     \
  if (!var##_opt) GTEST_SKIP() << "../shared/corpus not present"; \
  const std::filesystem::path var = *var##_opt
