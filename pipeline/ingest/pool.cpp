#include "ingest/pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <string_view>
#include <stdexcept>
#include <thread>

namespace lh::ingest {

namespace {

constexpr int kExitOutOfMemory = 71;
constexpr int kExitException = 70;

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kAddressSanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr bool kAddressSanitizer = true;
#else
constexpr bool kAddressSanitizer = false;
#endif
#else
constexpr bool kAddressSanitizer = false;
#endif

constexpr uint64_t kAsanQuarantineBytes = 256ull << 20;  // ASan's default quarantine_size_mb
constexpr int kRssPollMs = 50;                            // how often a busy worker's size is looked at

// Resident bytes of a process (the second field of /proc/<pid>/statm, in pages); 0 if unknown.
uint64_t resident_bytes(int pid) {
  const std::string path = "/proc/" + std::to_string(pid) + "/statm";
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  char buf[128];
  const ssize_t n = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (n <= 0) return 0;
  const std::string_view text(buf, static_cast<size_t>(n));
  const size_t space = text.find(' ');
  if (space == std::string_view::npos) return 0;
  uint64_t pages = 0;
  const std::string_view field = text.substr(space + 1);
  if (std::from_chars(field.data(), field.data() + field.size(), pages).ec != std::errc()) return 0;
  return pages * static_cast<uint64_t>(sysconf(_SC_PAGESIZE));
}

double now_s() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

bool write_all(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t k = ::write(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

bool read_all(int fd, char* p, size_t n) {
  while (n > 0) {
    ssize_t k = ::read(fd, p, n);
    if (k < 0 && errno == EINTR) continue;
    if (k <= 0) return false;
    p += k;
    n -= static_cast<size_t>(k);
  }
  return true;
}

[[noreturn]] void worker_loop(int in, int out, const WorkFn& fn) {
  // Nothing may unwind out of here: the child is a copy of the parent's stack, and an escaped
  // exception would resume the parent's code in the child.
  try {
    std::string task;
    while (read_frame(in, task)) {
      std::string result = fn(task);
      if (!write_frame(out, result)) break;
    }
  } catch (const std::bad_alloc&) {
    _exit(kExitOutOfMemory);
  } catch (...) {
    _exit(kExitException);
  }
  _exit(0);
}

std::string describe_status(int status) {
  if (WIFSIGNALED(status)) return std::string("killed by signal ") + strsignal(WTERMSIG(status));
  if (WIFEXITED(status) && WEXITSTATUS(status) == kExitOutOfMemory) return "ran out of its memory limit";
  if (WIFEXITED(status) && WEXITSTATUS(status) == kExitException) return "an exception escaped the parser";
  if (WIFEXITED(status)) return "worker exited with status " + std::to_string(WEXITSTATUS(status));
  return "worker ended";
}

}  // namespace

bool memory_limit_by_rss() { return kAddressSanitizer; }

bool write_frame(int fd, const std::string& data) {
  uint64_t n = data.size();
  unsigned char len[8];
  for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
  return write_all(fd, reinterpret_cast<const char*>(len), 8) && write_all(fd, data.data(), data.size());
}

bool read_frame(int fd, std::string& data) {
  unsigned char len[8];
  if (!read_all(fd, reinterpret_cast<char*>(len), 8)) return false;
  uint64_t n = 0;
  for (int i = 0; i < 8; ++i) n |= static_cast<uint64_t>(len[i]) << (8 * i);
  if (n > (4ull << 30)) return false;  // a corrupt length; never allocate on it
  data.resize(n);
  return read_all(fd, data.data(), n);
}

WorkerPool::WorkerPool(WorkFn fn, PoolOptions opt) : fn_(std::move(fn)), opt_(opt) {
  int n = opt_.jobs > 0 ? opt_.jobs : static_cast<int>(std::thread::hardware_concurrency());
  if (n <= 0) n = 1;
  signal(SIGPIPE, SIG_IGN);  // a dead worker must not kill the parent through a write
  workers_.resize(static_cast<size_t>(n));
  for (Worker& w : workers_) spawn(w);
}

WorkerPool::~WorkerPool() {
  for (Worker& w : workers_) {
    if (w.pid <= 0) continue;
    if (w.to >= 0) close(w.to);  // EOF ends an idle worker's loop
    if (w.busy) kill(w.pid, SIGKILL);
    int status;
    waitpid(w.pid, &status, 0);
    if (w.from >= 0) close(w.from);
  }
}

void WorkerPool::spawn(Worker& w) {
  int down[2], up[2];
  if (pipe2(down, O_CLOEXEC) != 0 || pipe2(up, O_CLOEXEC) != 0) throw std::runtime_error("cannot create pipes for workers");
  const pid_t parent = getpid();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot fork a worker process");
  if (pid == 0) {
    // A worker dies with its parent: a killed run leaves no orphan still rendering, and none still
    // holding the inherited ARCHIVE/.lock descriptor that would refuse the next run.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(0);  // the parent died before prctl took effect
    close(down[1]);
    close(up[0]);
    // Close the other workers' pipe ends inherited from the parent.
    for (const Worker& o : workers_) {
      if (&o == &w) continue;
      if (o.to >= 0) close(o.to);
      if (o.from >= 0) close(o.from);
    }
    if (opt_.memory_bytes > 0 && !memory_limit_by_rss()) {
      rlimit rl{opt_.memory_bytes, opt_.memory_bytes};
      setrlimit(RLIMIT_AS, &rl);
    }
    rlimit core{0, 0};
    setrlimit(RLIMIT_CORE, &core);  // a crashing parser must not fill the disk with cores
    worker_loop(down[0], up[1], fn_);
  }
  close(down[0]);
  close(up[1]);
  w = Worker{pid, down[1], up[0], false, 0, 0};
}

void WorkerPool::retire(Worker& w) {
  kill(w.pid, SIGKILL);
  int status;
  waitpid(w.pid, &status, 0);
  close(w.to);
  close(w.from);
  w = Worker{};
}

void WorkerPool::submit(size_t id, std::string payload) { queue_.emplace_back(id, std::move(payload)); }

void WorkerPool::dispatch() {
  for (Worker& w : workers_) {
    if (head_ >= queue_.size()) break;
    if (w.busy) continue;
    if (w.pid <= 0) spawn(w);
    auto& [id, payload] = queue_[head_];
    if (!write_frame(w.to, payload)) {  // the idle worker died (e.g. killed from outside): replace it and retry
      retire(w);
      spawn(w);
      if (!write_frame(w.to, payload)) throw std::runtime_error("cannot hand a task to a fresh worker");
    }
    w.busy = true;
    w.task = id;
    w.started = now_s();
    std::string().swap(payload);  // the bytes now live in the worker
    ++head_;
  }
  if (head_ == queue_.size()) {
    queue_.clear();
    head_ = 0;
  }
}

bool WorkerPool::next(TaskResult& out) {
  for (;;) {
    dispatch();
    std::vector<pollfd> fds;
    std::vector<Worker*> who;
    double deadline = 1e300;
    for (Worker& w : workers_)
      if (w.busy) {
        fds.push_back({w.from, POLLIN, 0});
        who.push_back(&w);
        deadline = std::min(deadline, w.started + opt_.timeout_s);
      }
    if (fds.empty()) return false;
    double wait = deadline - now_s();
    int ms = wait <= 0 ? 0 : static_cast<int>(std::min(wait * 1000 + 1, 60000.0));
    const bool poll_rss = opt_.memory_bytes > 0 && memory_limit_by_rss();
    if (poll_rss) ms = std::min(ms, kRssPollMs);
    int rc = poll(fds.data(), fds.size(), ms);
    if (rc < 0 && errno != EINTR) throw std::runtime_error("poll failed in the worker pool");
    for (size_t i = 0; i < fds.size(); ++i) {
      Worker& w = *who[i];
      if (rc > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        out = TaskResult{w.task, TaskStatus::Done, {}, {}};
        if (read_frame(w.from, out.payload)) {
          w.busy = false;
          return true;
        }
        // EOF without a result: the worker died inside the task.
        int status = 0;
        waitpid(w.pid, &status, 0);
        out.status = TaskStatus::Crashed;
        out.detail = describe_status(status);
        out.payload.clear();
        close(w.to);
        close(w.from);
        w = Worker{};
        spawn(w);
        return true;
      }
      if (poll_rss && resident_bytes(w.pid) > opt_.memory_bytes + opt_.memory_bytes / 8 + kAsanQuarantineBytes) {
        out = TaskResult{w.task, TaskStatus::Crashed, {}, "ran out of its memory limit (resident size, sanitizer build)"};
        retire(w);
        spawn(w);
        return true;
      }
      if (now_s() - w.started >= opt_.timeout_s) {
        out = TaskResult{w.task, TaskStatus::Timeout, {}, "no result after " + std::to_string(static_cast<int>(opt_.timeout_s)) + " s"};
        retire(w);
        spawn(w);
        return true;
      }
    }
  }
}

}  // namespace lh::ingest
