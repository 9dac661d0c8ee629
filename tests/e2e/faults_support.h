// Helpers of the fault tests (issue 13 §3, tests/e2e/test_faults*.cpp): the built program run on small
// inboxes made by the test, mounts a server meets (a small tmpfs that fills up, a read-only bind
// mount; root only, else the test skips and says why), a run stopped at a hook point
// (LIANGHUA_TEST_STOP_AT, package/test_hooks.h) while the test does something to the inbox.
#pragma once
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "archive_support.h"
#include "manifest_json.h"
#include "test_support.h"

extern char** environ;

namespace lh::faults {
namespace fs = std::filesystem;
using json = nlohmann::json;
// The fault tests' code is in this namespace (the folder's tests share unity translation units: no
// using-directive of it leaks into the next file); what they use of the shared helpers, by name.
using lh::test::input_of;
using lh::test::item_by_source;
using lh::test::kRunTime;
using lh::test::read_json;

inline fs::path office() { return lh::test::source_dir() / "samples" / "office.xml"; }

inline std::vector<std::string> archive_argv(const fs::path& in, const fs::path& out, std::vector<std::string> extra = {}) {
  std::vector<std::string> a = {lh::test::program().string(), "archive", "--in", in.string(), "--out", out.string(),
                                "--office", office().string(), "--jobs", "2"};
  a.insert(a.end(), extra.begin(), extra.end());
  return a;
}

inline lh::test::CommandResult archive(const fs::path& in, const fs::path& out, std::vector<std::string> extra = {},
                                       const std::string& run_time = kRunTime) {
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", run_time);
  return lh::test::run(archive_argv(in, out, std::move(extra)));
}

inline lh::test::CommandResult verify(const fs::path& out) {
  return lh::test::run({lh::test::program().string(), "verify", out.string()});
}

inline std::string text_doc(const std::string& title, const std::string& body) { return title + "\n" + body + "\n"; }

// A notice with a date of its own (the 年度 and the date come from it, not from the clock).
inline std::string notice(int n, const std::string& date = "2024年1月2日") {
  return text_doc("关于开展第" + std::to_string(n) + "次节前安全检查的通知", "各所：请于检查后报送情况。\n" + date);
}

// A mount made for one test and undone when it ends (MNT_DETACH: even if a file is still open).
struct ScopedMount {
  fs::path where;
  bool ok = false;
  std::string why;  // why not, for GTEST_SKIP
  ~ScopedMount() { if (ok) ::umount2(where.c_str(), MNT_DETACH); }
};

// A tmpfs of `size` (e.g. "1m") at `where` (created).
inline void mount_tmpfs(ScopedMount& m, const fs::path& where, const std::string& size) {
  fs::create_directories(where);
  m.where = where;
  m.ok = ::mount("tmpfs", where.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0;
  if (!m.ok) m.why = std::string("cannot mount a tmpfs (needs root or CAP_SYS_ADMIN): ") + std::strerror(errno);
}

inline bool resize_tmpfs(const ScopedMount& m, const std::string& size) {
  return ::mount("tmpfs", m.where.c_str(), "tmpfs", MS_REMOUNT, ("size=" + size).c_str()) == 0;
}

// `src` seen read-only at `where` (a bind mount, then remounted read-only).
inline void mount_read_only(ScopedMount& m, const fs::path& src, const fs::path& where) {
  fs::create_directories(where);
  m.where = where;
  m.ok = ::mount(src.c_str(), where.c_str(), nullptr, MS_BIND, nullptr) == 0;
  if (!m.ok) { m.why = std::string("cannot bind-mount (needs root): ") + std::strerror(errno); return; }
  if (::mount(nullptr, where.c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr) != 0)
    m.why = std::string("cannot remount read-only: ") + std::strerror(errno);
}

// Runs `argv` with LIANGHUA_TEST_STOP_AT=<point>: when the run stops itself there, `fault` acts on the
// inbox and the run goes on. Returns the exit code (stdout/stderr in `err_file`); `stopped` says
// whether the point was reached.
inline int run_stopped_at(const std::string& point, const std::vector<std::string>& argv, const fs::path& err_file,
                          const std::function<void()>& fault, bool& stopped) {
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", kRunTime);
  lh::test::ScopedEnv s("LIANGHUA_TEST_STOP_AT", point);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid;
  int rc = posix_spawn(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  stopped = false;
  int status = 0;
  for (;;) {
    if (waitpid(pid, &status, WUNTRACED) < 0) return -1;
    if (!WIFSTOPPED(status)) break;
    stopped = true;
    fault();
    kill(pid, SIGCONT);
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// True when s is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
inline bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
    if (n == 9 || (n == 1 && c < 0xC2) || i + n >= s.size() + (n ? 0 : 1)) return false;
    uint32_t cp = n == 0 ? c : c & (0x3F >> n);
    for (size_t k = 1; k <= n; ++k) {
      unsigned char t = static_cast<unsigned char>(s[i + k]);
      if ((t & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (t & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

}  // namespace lh::faults
