#include "package/derive_pool.h"

#include <malloc.h>

#include "fonts/font_pages.h"

namespace lh::package {
using json = nlohmann::json;

void run_derive_tasks(const std::vector<json>& payloads, const DeriveFn& fn, const ingest::PoolOptions& opt,
                      const DeriveDone& done) {
  run_derive_tasks(payloads.size(), [&payloads](size_t i) { return payloads[i]; }, fn, opt, done);
}

void run_derive_tasks(size_t count, const std::function<json(size_t)>& payload, const DeriveFn& fn,
                      const ingest::PoolOptions& opt, const DeriveDone& done) {
  if (count == 0) return;
  ingest::PoolOptions o = opt;
  if (o.jobs > 0 && count < static_cast<size_t>(o.jobs)) o.jobs = static_cast<int>(count);  // no idle forks
  // A forked worker's resident size counts every page of the parent it inherits (shared until
  // written, but its own for the 150 MiB of issue 12 §4): the parent's free heap (an earlier
  // phase's payloads and results) goes back to the system first, so the workers start without it
  // (bench/RESULTS.md §4b).
  malloc_trim(0);
  ingest::WorkerPool pool(
      [&fn](const std::string& msg) {
        json result;
        try {
          result = fn(json::parse(msg));
        } catch (const std::exception& e) {
          result = {{"error", e.what()}};
        }
        std::string answer = result.dump(-1, ' ', false, json::error_handler_t::replace);
        result = nullptr;
        // A worker renders thousands of documents: what one task freed goes back to the system
        // before the next, instead of staying in glibc's arenas as the worker's resident size,
        // once more than kKeptFreeHeapBytes is free. Below that it stays: the next document's page
        // surfaces and font files reuse it instead of faulting in fresh pages, which cost a
        // third of the preservation copies' CPU on this VM (bench/RESULTS.md §8a1). The worker's
        // peak is its largest task's either way.
        if (mallinfo2().fordblks > kKeptFreeHeapBytes) malloc_trim(0);
        // And the font files' pages this task touched (three libraries map each role font, and each
        // kept every page it ever read: 57.6 of a reading-copy worker's 178 MiB at 2,000 documents,
        // bench/RESULTS.md §4c). The next task maps again, from the page cache, the few it reads.
        fonts::release_font_pages();
        return answer;
      },
      o);
  for (size_t i = 0; i < count; ++i) pool.submit(i, payload(i).dump(-1, ' ', false, json::error_handler_t::replace));
  ingest::TaskResult r;
  while (pool.next(r)) {
    json result;
    if (r.status == ingest::TaskStatus::Done) {
      result = json::parse(r.payload, nullptr, false);
      if (result.is_discarded()) result = {{"error", "unreadable answer from the worker"}, {"failed", "crashed"}};
    } else if (r.status == ingest::TaskStatus::Timeout) {
      result = {{"error", "took longer than the time limit"}, {"failed", "timeout"}};
    } else {
      result = {{"error", "the renderer crashed (" + r.detail + ")"}, {"failed", "crashed"}};
    }
    done(r.id, result);
  }
}

}  // namespace lh::package
