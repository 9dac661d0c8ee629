// An item's place in the archive (issue 9 item 1: placement is decided once). The place is a small JSON
// object committed in the catalogue with the 件号 (Catalogue::allocate), read back every later night:
//   {"category","case_number","case_key","case_name","volume","slot","slot_order",
//    "folder": "AJ/2024/南市监处罚〔2024〕12号/正卷", "file": "<档号> <题名>", "placed_by": "本文案号 …",
//    "slot_by": "送达回证所送达的文书：…" (only where the served document chose the slot)}
// "file" is the original's name without its extension (a later final of another format keeps the
// name). DA/T 22-2015: a 档号 and its place are permanent; only a person's correction moves an item.
#pragma once
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "filing/archival_code.h"
#include "filing/catalogue.h"
#include "filing/plan.h"
#include "filing/scheme.h"

namespace lh::package {

// Where the plan would put the item, given its 档号 (ARCHIVE/<门类>/<年度>/<保管期限>/ for 文书 and
// 检查记录; ARCHIVE/AJ/<年度>/<案号>/<正卷|副卷>/ for a case, 一案一卷 第七十八条).
nlohmann::json planned_place(const filing::PlannedItem& it, const filing::ArchivalCode& code, const filing::Scheme& s);

// The committed place: the catalogue's; for an item numbered before places were kept, what its stored
// manifest shows (where its files are); else the planned one.
nlohmann::json committed_place(const std::string& stored_placement, const std::string& stored_manifest,
                               const nlohmann::json& planned);

// The path of a file of the item: the original ("<folder>/<file>.<ext>") or version N
// ("<folder>/versions/<file>.vN.<ext>").
std::string original_path(const nlohmann::json& place, const std::string& ext);
std::string version_path(const nlohmann::json& place, int version, const std::string& ext);

// A proposed correction when the evidence of this night would place the item elsewhere (another
// 门类, case, volume or folder); nullopt when it agrees with the committed place.
std::optional<filing::Correction> correction_for(const std::string& identity, const std::string& archival_code,
                                                 const std::string& title, const std::string& ext,
                                                 const nlohmann::json& committed, const nlohmann::json& planned,
                                                 bool new_number);

// The contract-1 entry of report["corrections"] for a stored correction.
nlohmann::json correction_json(const filing::Correction& c);

// The report["placements"] entry of an item numbered this night: where it went and why (placed_by).
nlohmann::json placement_json(const std::string& archival_code, const std::string& title, const nlohmann::json& place,
                              const std::string& ext);

// The report's HTML section on where this night's new items went and why (the proposed corrections
// are in the report's 需要处理 section, report.cpp).
std::string placements_html(const nlohmann::json& report);

}  // namespace lh::package
