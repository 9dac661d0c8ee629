// ARCHIVE/manifest.json: the archive's own description, deterministic (sorted, no clock):
//   {"archive":{"fonds","office",…},
//    "items":[{"archival_code","category","case_number","year","retention","item_number","box","location",
//              "title","doc_type","date","files":[{"role","path","sha256"}],"versions":[…],…}],
//    "inputs":[{"path","sha256","fate","archival_code","reason",…}]}
// fate ∈ archived, duplicate, version, junk, quarantined. files paths relative to ARCHIVE, inputs
// paths relative to INBOX (a ZIP entry: "<zip path>/<entry name>").
// Issue 12 §4 (constant memory): write_manifest streams it from catalog.db entry by entry, so a run
// holds one entry at a time whatever the number of items (items sorted by 档号, inputs by path);
// manifest_items gives the items as one tree, for the derived outputs of issue 5, which need them all.
#pragma once
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "filing/catalogue.h"
#include "filing/office.h"
#include "filing/scheme.h"

namespace lh::package {

// The "archive" header of a run's manifest (office and scheme).
nlohmann::json manifest_header(const filing::Scheme& s, const filing::Office& o);

// {"items": [...]} alone: what the derived outputs read (they compare every item with derived.json).
nlohmann::json manifest_items(const filing::Catalogue& cat);

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

}  // namespace lh::package
