#include "test_support.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <gtest/gtest.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace lh::test {
namespace fs = std::filesystem;

fs::path source_dir() {
  if (const char* e = std::getenv("LIANGHUA_SOURCE_DIR")) return e;
  return LIANGHUA_SOURCE_DIR;
}

std::optional<fs::path> corpus_dir() {
  if (const char* e = std::getenv("LIANGHUA_CORPUS")) {
    if (fs::is_directory(e)) return fs::path(e);
    return std::nullopt;
  }
  fs::path p = source_dir().parent_path() / "shared" / "corpus";
  if (fs::is_regular_file(p / "MANIFEST.tsv")) return p;
  return std::nullopt;
}

fs::path build_dir() {
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? source_dir() / "build" : exe.parent_path();
}

namespace {

// The OFD writer keeps the glyf forms of the fonts in a per-user cache (ofd/glyf_form.cpp); a test
// run keeps them in its build tree instead, for itself and every program it starts, and leaves
// nothing outside it. Set before main(), unless the caller chose a cache.
const bool kFontCacheInBuildTree = [] {
  return setenv("LIANGHUA_FONT_CACHE", (build_dir() / "font-cache").c_str(), 0) == 0;
}();
}  // namespace

fs::path program() {
  if (const char* e = std::getenv("LIANGHUA_BINARY")) return e;
  if (const fs::path beside = build_dir() / "lianghua"; fs::exists(beside)) return beside;
  return source_dir() / "build" / "lianghua";
}

std::string read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& bytes) {
  if (p.has_parent_path()) fs::create_directories(p.parent_path());
  std::ofstream f(p, std::ios::binary | std::ios::trunc);
  f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!f) throw std::runtime_error("cannot write " + p.string());
}

ScopedEnv::ScopedEnv(std::string n, const std::string& v) : name(std::move(n)) {
  if (const char* old = std::getenv(name.c_str())) before = old;
  setenv(name.c_str(), v.c_str(), 1);
}
ScopedEnv::~ScopedEnv() {
  if (before) setenv(name.c_str(), before->c_str(), 1);
  else unsetenv(name.c_str());
}

StderrCapture::StderrCapture() {
  std::fflush(stderr);
  saved_ = dup(2);
  tmp_ = std::tmpfile();
  dup2(fileno(tmp_), 2);
}

std::string StderrCapture::finish() {
  std::fflush(stderr);
  dup2(saved_, 2);
  close(saved_);
  std::string out;
  std::rewind(tmp_);
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, tmp_)) > 0) out.append(buf, n);
  std::fclose(tmp_);
  return out;
}

namespace {
// Each test process's scratch directory, removed when the process exits: ctest runs every test as
// its own process, so a suite run left ~900 directories in /tmp (5,524 of them, 56 GB, on the
// development machine). It stays when a test failed, or with LIANGHUA_KEEP_TEST_DIRS set, so the
// files a failure names can be looked at; a child forked by a test (which may exit through the
// same destructors) leaves it alone.
struct ProcessScratch {
  pid_t owner = getpid();
  fs::path base = fs::temp_directory_path() / ("lianghua-test-" + std::to_string(getpid()));
  ~ProcessScratch() {
    if (getpid() != owner || std::getenv("LIANGHUA_KEEP_TEST_DIRS")) return;
    if (::testing::UnitTest::GetInstance()->Failed()) return;
    std::error_code ec;
    fs::remove_all(base, ec);
  }
};
}  // namespace

fs::path temp_dir(const std::string& tag) {
  static const ProcessScratch scratch;
  const fs::path& base = scratch.base;
  fs::path d = base / tag;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

CommandResult run(const std::vector<std::string>& argv, const std::string& stdin_data) {
  int in[2], out[2], err[2];
  if (pipe(in) || pipe(out) || pipe(err)) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  for (int fd : {in[0], in[1], out[0], out[1], err[0], err[1]}) posix_spawn_file_actions_addclose(&fa, fd);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawnp(&pid, args[0], &fa, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  close(in[0]); close(out[1]); close(err[1]);
  if (rc != 0) { close(in[1]); close(out[0]); close(err[0]); return {127, "", "spawn failed"}; }
  fcntl(in[1], F_SETFL, O_NONBLOCK);
  size_t written = 0;
  if (stdin_data.empty()) { close(in[1]); in[1] = -1; }
  CommandResult r{0, "", ""};
  bool out_open = true, err_open = true;
  char buf[65536];
  while (out_open || err_open || in[1] >= 0) {
    pollfd fds[3]; int n = 0;
    int io = -1, ie = -1, ii = -1;
    if (out_open) { io = n; fds[n++] = {out[0], POLLIN, 0}; }
    if (err_open) { ie = n; fds[n++] = {err[0], POLLIN, 0}; }
    if (in[1] >= 0) { ii = n; fds[n++] = {in[1], POLLOUT, 0}; }
    if (poll(fds, n, -1) < 0) break;
    auto drain = [&](int idx, int fd, std::string& dst, bool& open) {
      if (idx < 0 || !(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) return;
      ssize_t k = read(fd, buf, sizeof buf);
      if (k <= 0) open = false; else dst.append(buf, static_cast<size_t>(k));
    };
    drain(io, out[0], r.out, out_open);
    drain(ie, err[0], r.err, err_open);
    if (ii >= 0 && (fds[ii].revents & (POLLOUT | POLLERR | POLLHUP))) {
      ssize_t k = write(in[1], stdin_data.data() + written, stdin_data.size() - written);
      if (k > 0) written += static_cast<size_t>(k);
      if (k < 0 || written >= stdin_data.size()) { close(in[1]); in[1] = -1; }
    }
  }
  close(out[0]); close(err[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string python() {
  if (const char* p = std::getenv("LIANGHUA_PYTHON")) return p;
  return fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

bool have_program(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream ss(path);
  std::string dir;
  while (std::getline(ss, dir, ':'))
    if (!dir.empty() && access((fs::path(dir) / name).c_str(), X_OK) == 0) return true;
  return false;
}

long child_peak_kib(const std::function<bool()>& fn) {
  pid_t pid = fork();
  if (pid == 0) _exit(fn() ? 0 : 1);
  int status = 0;
  rusage ru{};
  if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return ru.ru_maxrss;
}

}  // namespace lh::test
