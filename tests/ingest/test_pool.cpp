// Issue 2 §7: a hang or crash inside a library costs that one file; the worker is replaced.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <map>
#include <thread>

#include "ingest/pool.h"

namespace lh::ingest {
namespace {
std::string work(const std::string& in) {
  if (in == "crash") raise(SIGSEGV);
  if (in == "abort") std::abort();
  if (in == "hang") for (;;) pause();
  if (in == "hog") {  // allocate past the memory limit
    std::string s;
    for (;;) s.append(1 << 20, 'x');
  }
  return "ok:" + in;
}

std::map<size_t, TaskResult> run_all(const std::vector<std::string>& inputs, PoolOptions opt) {
  WorkerPool pool(work, opt);
  for (size_t i = 0; i < inputs.size(); ++i) pool.submit(i, inputs[i]);
  std::map<size_t, TaskResult> out;
  TaskResult r;
  while (pool.next(r)) out[r.id] = r;
  return out;
}
}  // namespace

TEST(WorkerPool, CrashingParseCostsOneFileOnly) {
  auto res = run_all({"a", "crash", "b", "abort", "c"}, {.jobs = 2, .timeout_s = 10});
  ASSERT_EQ(res.size(), 5u);
  EXPECT_EQ(res[0].payload, "ok:a");
  EXPECT_EQ(res[1].status, TaskStatus::Crashed);
  // Under AddressSanitizer (memory_limit_by_rss() is true there) the SEGV is ASan's to report, and the
  // worker exits with status 1 after its report instead of dying by the signal.
  if (!memory_limit_by_rss()) {
    EXPECT_NE(res[1].detail.find("signal"), std::string::npos);
  }
  EXPECT_FALSE(res[1].detail.empty());
  EXPECT_EQ(res[2].payload, "ok:b");
  EXPECT_EQ(res[3].status, TaskStatus::Crashed);
  EXPECT_EQ(res[4].payload, "ok:c");
}

TEST(WorkerPool, HangingParseTimesOutAndTheRunGoesOn) {
  auto start = std::chrono::steady_clock::now();
  auto res = run_all({"hang", "x", "y", "hang", "z"}, {.jobs = 2, .timeout_s = 0.5});
  double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(res.size(), 5u);
  EXPECT_EQ(res[0].status, TaskStatus::Timeout);
  EXPECT_EQ(res[3].status, TaskStatus::Timeout);
  EXPECT_EQ(res[1].payload, "ok:x");
  EXPECT_EQ(res[2].payload, "ok:y");
  EXPECT_EQ(res[4].payload, "ok:z");
  EXPECT_LT(took, 5.0);  // two half-second limits, not a hang
}

TEST(WorkerPool, MemoryHogIsStoppedByTheLimit) {
  auto res = run_all({"hog", "fine"}, {.jobs = 1, .timeout_s = 20, .memory_bytes = 256ull << 20});
  ASSERT_EQ(res.size(), 2u);
  EXPECT_EQ(res[0].status, TaskStatus::Crashed);  // bad_alloc escapes the work function: the worker ends
  EXPECT_NE(res[0].detail.find("memory"), std::string::npos) << res[0].detail;
  EXPECT_EQ(res[1].payload, "ok:fine");
}

TEST(WorkerPool, ManyTasksKeepTheirIds) {
  std::vector<std::string> in;
  for (int i = 0; i < 200; ++i) in.push_back(std::to_string(i));
  auto res = run_all(in, {.jobs = 2});
  ASSERT_EQ(res.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(res[static_cast<size_t>(i)].payload, "ok:" + std::to_string(i));
}

TEST(WorkerPool, LargePayloadsCrossThePipe) {
  std::string big(8 << 20, 'z');
  auto res = run_all({big}, {.jobs = 1});
  ASSERT_EQ(res[0].payload.size(), big.size() + 3);
}

}  // namespace lh::ingest
