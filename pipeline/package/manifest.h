// ARCHIVE/manifest.json: the archive's own description, deterministic (sorted, no clock):
//   {"archive":{"fonds","office",…},
//    "items":[{"archival_code","category","case_number","year","retention","item_number","box","location",
//              "title","doc_type","date","files":[{"role","path","sha256"}],"versions":[…],…}],
//    "inputs":[{"path","sha256","fate","archival_code","reason",…}]}
// fate ∈ archived, duplicate, version, junk, quarantined. files paths relative to ARCHIVE, inputs
// paths relative to INBOX (a ZIP entry: "<zip path>/<entry name>").
// Issue 12 §4 (constant memory): write_manifest streams it from catalog.db entry by entry, so a run
// holds one entry at a time whatever the number of items (items sorted by 档号, inputs by path);
// manifest_items hands the derived outputs of issue 5 the items one at a time, as often as they ask.
#pragma once
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "filing/catalogue.h"
#include "filing/office.h"
#include "filing/scheme.h"

namespace lh::package {

// The "archive" header of a run's manifest (office and scheme).
nlohmann::json manifest_header(const filing::Scheme& s, const filing::Office& o);

// The placed items' manifest entries, one at a time in 档号 order, each with its row (0, 1, … in
// that order, the same on every call while the catalogue is unchanged). `want`, when set, is asked
// the row first: an entry not wanted is not parsed. What the derived outputs read (volume_run.h):
// every item once for its facts, then again only the few a task needs whole (issue 12 §4: the
// parent held every item as one tree, ~10 KB each).
using ManifestItemFn = std::function<void(size_t row, const nlohmann::json& item)>;
using ManifestItems = std::function<void(const std::function<bool(size_t row)>& want, const ManifestItemFn& fn)>;
ManifestItems manifest_items(const filing::Catalogue& cat);
// The same over the "items" array of a manifest tree (tests, tools).
ManifestItems manifest_items(const nlohmann::json& manifest);

// Whoever builds something else from the same entries (the run report) gets each one as it is
// written: the catalogue is read once and no list of entries is kept.
struct ManifestSink {
  std::function<void(const nlohmann::json& input)> input;
  std::function<void(const nlohmann::json& item)> item;
};

// Writes `path` atomically (temp, fsync, rename), one entry at a time, with exactly the bytes the
// runs before issue 12 §4 wrote by dumping the whole manifest as one tree with dump_json
// (tests/package/test_manifest_stream.cpp keeps that code to compare). Returns the number of items
// written; throws std::runtime_error on an I/O error.
size_t write_manifest(const filing::Catalogue& cat, const nlohmann::json& archive_header,
                      const std::filesystem::path& path, const ManifestSink& sink = {});

// Reads manifest.json one item at a time (issue 12 §4: `lianghua verify` at 100,000 items held
// the whole tree, 1.1 GiB): each element of "items" is handed to `item` and dropped before the next
// is read; the elements of the other top-level arrays ("inputs") are dropped unread. False when the
// file is missing, not valid JSON, or has no "items" array (`item` may have been called before a
// syntax error further on was found).
bool for_each_manifest_item(const std::filesystem::path& path, const std::function<void(const nlohmann::json& item)>& item);

// Pretty, UTF-8 unescaped, invalid UTF-8 replaced, trailing newline: the bytes written to disk.
std::string dump_json(const nlohmann::json& j);
// `value` as dump_json prints it `depth` levels down inside a larger tree (no trailing newline).
std::string dump_json_at(const nlohmann::json& value, int depth);
// The same from the compact text nlohmann's dump(-1, ' ', false, replace) writes (the catalogue's
// manifest lines), without building the tree: false, with `out` unspecified, for any text that
// dump would not have written character for character (whitespace between tokens, keys unsorted or
// escaped, other escapes, invalid UTF-8, numbers other than integers): parse and dump those.
bool indent_compact_json(std::string_view compact, int depth, std::string& out);

}  // namespace lh::package
