// ARCHIVE/manifest.json: the archive's own description, deterministic (sorted, no clock):
//   {"archive":{"fonds","office",…},
//    "items":[{"archival_code","category","case_number","year","retention","item_number","box","location",
//              "title","doc_type","date","files":[{"role","path","sha256"}],"versions":[…],…}],
//    "inputs":[{"path","sha256","fate","archival_code","reason",…}]}
// fate ∈ archived, duplicate, version, junk, quarantined. files paths relative to ARCHIVE, inputs
// paths relative to INBOX (a ZIP entry: "<zip path>/<entry name>").
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "filing/catalogue.h"
#include "filing/office.h"
#include "filing/scheme.h"

namespace lh::package {

// Built from the catalogue alone (items sorted by 档号, inputs by path).
nlohmann::json build_manifest(const filing::Catalogue& cat, const filing::Scheme& s, const filing::Office& o);
// The same under a given "archive" header (a correction applied between runs keeps the last run's).
nlohmann::json build_manifest(const filing::Catalogue& cat, nlohmann::json archive_header);

// Pretty, UTF-8 unescaped, invalid UTF-8 replaced, trailing newline: the bytes written to disk.
std::string dump_json(const nlohmann::json& j);

}  // namespace lh::package
