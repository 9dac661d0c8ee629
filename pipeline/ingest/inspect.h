// The ingest stage as one call: walk the given paths, read every file (and every ZIP entry,
// recursively) in isolated worker processes, normalize its text and extract its fields.
// The result keeps the input order (sorted directory walks), so output is deterministic.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "ingest/pool.h"
#include "ingest/reader.h"
#include "model/inspected.h"

namespace lh::ingest {

struct InspectOptions {
  ReadOptions read;
  PoolOptions pool;
  bool simplify = true;   // 繁→简 of text before field extraction
  // Off: no field extraction (case numbers, dates, parties): `lianghua compile` wants only the
  // document, and extraction was 4 % of compiling a 300-page book (issue 11 §9).
  bool extract_fields = true;
  // Set: each ZIP entry's bytes are written to a file in this (existing) directory as soon as the
  // worker hands them over, and read from there (InspectedFile::spool_path), so the parent holds no
  // entry's bytes for the rest of the run (issue 12 §4; a ZIP may inflate to 1 GiB). Empty: they
  // stay in memory (InspectedFile::entry_bytes).
  std::string spool_dir;
};

// One root input: a file path, or a directory (walked recursively, sorted by name).
struct WalkedFile {
  std::string path;       // display path (relative to the directory given, or as given)
  std::string fs_path;    // path on disk
  uint64_t size = 0;
  int64_t mtime_ns = 0;
};
// Walk roots into files. Unreadable entries are returned too (reading them reports the error).
std::vector<WalkedFile> walk_inputs(const std::vector<std::string>& roots, bool relative_to_root);

using ProgressFn = std::function<void(size_t done, size_t total, const std::string& path)>;

// Inspect files in the worker pool (the nightly run passes only the inputs it has to read:
// package/night_scope.h).
std::vector<model::InspectedFile> inspect_files(const std::vector<WalkedFile>& files, const InspectOptions& opt,
                                                const ProgressFn& progress = {});

// In-process variant for one input's bytes (tests, render): same steps, no isolation.
model::InspectedFile inspect_bytes(const std::string& path, std::string_view bytes, const InspectOptions& opt,
                                   bool keep_document = false);

// The title a clerk would give the document: its recorded title unless generic, else its first
// heading or line, else the file's stem.
std::string derive_title(const ReadResult& r, const std::string& path);

}  // namespace lh::ingest
