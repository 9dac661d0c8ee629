// Isolation of untrusted parsing (issue 2 §7). Tika's lesson (anchors.md §2): a thread cannot be
// killed, a process can. Each task runs in a forked worker process under a CPU-time/wall-clock
// limit and an address-space limit; a hang or crash costs that one task, the worker is replaced.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lh::ingest {

struct PoolOptions {
  int jobs = 0;                          // worker processes; 0 = number of cores
  double timeout_s = 30;                 // wall-clock limit per task
  uint64_t memory_bytes = 1ull << 30;    // RLIMIT_AS per worker (0 = none); see memory_limit_by_rss()
};

// True in an AddressSanitizer build (LIANGHUA_SANITIZE): ASan reserves terabytes of address space
// for its shadow memory at start-up, so under RLIMIT_AS every worker would die at its first
// allocation. There the parent enforces the limit instead by polling each busy worker's resident
// size (/proc/<pid>/statm) and kills one that grows past memory_bytes plus ASan's own overhead
// (shadow: 1/8 of the memory used; quarantine of freed blocks: 256 MiB by default). The worker is
// reported as Crashed "ran out of its memory limit", as under RLIMIT_AS.
bool memory_limit_by_rss();

enum class TaskStatus { Done, Timeout, Crashed };

struct TaskResult {
  size_t id = 0;
  TaskStatus status = TaskStatus::Done;
  std::string payload;                   // the work function's output when Done
  std::string detail;                    // for Crashed: the signal or exit status
};

// The work function runs inside a worker: input payload -> output payload. It must not throw
// (an escaped exception ends the worker and counts as a crash).
using WorkFn = std::function<std::string(const std::string&)>;

class WorkerPool {
 public:
  WorkerPool(WorkFn fn, PoolOptions opt);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  void submit(size_t id, std::string payload);
  // Blocks until some task finishes; false when nothing is queued or running.
  bool next(TaskResult& out);
  int jobs() const { return static_cast<int>(workers_.size()); }

 private:
  struct Worker { int pid = -1; int to = -1; int from = -1; bool busy = false; size_t task = 0; double started = 0; };
  void spawn(Worker& w);
  void retire(Worker& w);
  void dispatch();
  WorkFn fn_;
  PoolOptions opt_;
  std::vector<Worker> workers_;
  std::vector<std::pair<size_t, std::string>> queue_;  // FIFO via head index
  size_t head_ = 0;
};

// Framing for pipes: a little-endian u64 length, then the bytes.
bool write_frame(int fd, const std::string& data);
bool read_frame(int fd, std::string& data);

}  // namespace lh::ingest
