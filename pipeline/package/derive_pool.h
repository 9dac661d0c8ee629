// Derived outputs (issue 5) are rendered in the worker pool of ingest/pool.h, like reading: every
// reading copy and volume sends an untrusted source PDF through poppler and qpdf again, so a crash or
// a hang must cost one output, not the night; and both cores should work. Each task is a JSON payload;
// the worker renders, writes its files itself (atomically) and answers with a small JSON result, so the
// parent never holds a rendered PDF and its memory stays flat however large the archive is.
#pragma once
#include <cstddef>
#include <functional>
#include <vector>

#include <nlohmann/json.hpp>

#include "ingest/pool.h"

namespace lh::package {

// Freed heap a worker keeps between tasks: what one document's page pictures need again (a 15 MB
// surface, Poppler's 9 MB substitute font, ofd_copy.cpp), so the next document reuses it instead of
// faulting fresh pages in. Past this much free, a task's leftovers go back to the system.
constexpr size_t kKeptFreeHeapBytes = 64u << 20;

// Runs inside a worker: payload → result. Exceptions are caught and become {"error": what()}.
using DeriveFn = std::function<nlohmann::json(const nlohmann::json& payload)>;
// Called in the parent as each result arrives (index into payloads, the result).
using DeriveDone = std::function<void(size_t index, const nlohmann::json& result)>;

// Every payload's result reaches `done` exactly once, in completion order. A task that crashed or
// timed out gives {"error": "<why>", "failed": "crashed"|"timeout"}.
void run_derive_tasks(const std::vector<nlohmann::json>& payloads, const DeriveFn& fn, const ingest::PoolOptions& opt,
                      const DeriveDone& done);
// The same with payload(i) for i < count made on demand, so the caller need not hold them all.
void run_derive_tasks(size_t count, const std::function<nlohmann::json(size_t)>& payload, const DeriveFn& fn,
                      const ingest::PoolOptions& opt, const DeriveDone& done);

}  // namespace lh::package
