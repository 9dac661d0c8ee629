#include "package/archive.h"

#include <algorithm>
#include <cerrno>
#include <iostream>
#include <chrono>
#include <ctime>
#include <set>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "filing/archival_code.h"
#include "filing/boxes.h"
#include "filing/catalogue.h"
#include "filing/file_name.h"
#include "filing/office.h"
#include "filing/plan.h"
#include "filing/plan_ties.h"
#include "filing/scheme.h"
#include "filing/text_util.h"
#include "ingest/inspected_json.h"
#include "package/files.h"
#include "package/item_place.h"
#include "package/lock.h"
#include "package/manifest.h"
#include "package/night_scope.h"
#include "package/report.h"
#include "package/test_hooks.h"
#include "package/unchanged_run.h"
#include "package/volume_run.h"
#include "pdf/pdfa.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;
using filing::Fate;

namespace {

struct Member {          // one file of an item: the final or a version
  int input = -1;        // index into plan.inputs
  std::string role;      // original / version
  std::string sha256;
  uint64_t size = 0;
  fs::path staged;       // absolute, under .staging (empty when reused)
  std::string reused;    // relative path already in the archive holding these bytes
  std::string dest;      // relative path in the archive
  int version_no = 0;
};

// What one archive run hands from step to step (each step below is one function).
struct Run {
  const ArchiveOptions& opt;
  const filing::Scheme& s;
  filing::Catalogue& cat;
  const fs::path out;
  filing::Plan plan;
  RunInfo info;
  std::vector<std::vector<Member>> members;                   // per plan item
  std::vector<json> held_before;                              // each item's files of the last run, read once
  std::vector<bool> alive;
  std::vector<size_t> live;                                   // items that got a number, in order
  std::vector<filing::Allocation> allocs;                     // parallel to live
  std::vector<filing::Correction> proposals;                  // this night's proposed corrections
  std::vector<std::string> examined;                          // identities whose place was checked
  size_t new_items = 0;
  bool retry_next_night = false;                              // an input set aside for a passing reason
  json placed = json::array();                                // report["placements"]: new items, placed_by
  const NightScope* scope = nullptr;                          // which inputs were not planned tonight
  std::map<std::string, size_t> carried_by_fate;              // those inputs (not containers), by fate
  std::vector<std::pair<std::string, std::string>> carried_set_aside;  // those set aside: path, reason
};

json previous_files(const json& prev) {
  json out = json::array();
  if (!prev.is_object()) return out;
  for (const char* key : {"files", "versions"})
    if (prev.contains(key) && prev[key].is_array())
      for (const auto& f : prev[key]) out.push_back(f);
  return out;
}

bool same_input_record(const filing::InputRecord& a, const filing::InputRecord& b) {
  return a.size == b.size && a.mtime_ns == b.mtime_ns && a.sha256 == b.sha256 && a.fate == b.fate &&
         a.archival_code == b.archival_code && a.reason == b.reason && a.facts == b.facts &&
         a.present == b.present;
}

std::string error_lines(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& e : v) s += (s.empty() ? "" : "\n") + e;
  return s;
}

// The item's manifest line as the catalogue holds it (empty for a new item): asked per item, not
// loaded for the whole catalogue (issue 12 §4).
std::string stored_manifest(const Run& r, const std::string& identity) { return r.cat.item_manifest(identity); }

void quarantine_item_inputs(Run& r, size_t k, const std::string& why) {
  const auto& it = r.plan.items[k];
  std::vector<int> all = {it.final_input};
  all.insert(all.end(), it.version_inputs.begin(), it.version_inputs.end());
  all.insert(all.end(), it.duplicate_inputs.begin(), it.duplicate_inputs.end());
  for (int i : all) {
    auto& in = r.plan.inputs[static_cast<size_t>(i)];
    in.fate = Fate::Quarantined;
    in.reason = why;
    in.item = -1;
  }
  r.alive[k] = false;
}

// Why an input could not be staged, for the clerk: it went away or cannot be read since it was
// inspected. Either way it is the input's state tonight, so it is read again the next night.
std::string source_failure_reason(int source_errno, const std::string& detail) {
  if (source_errno == ENOENT) return "文件在读取后被删除或移走，下次运行再归档 (vanished_while_read)：" + detail;
  return "文件无法读取，下次运行再归档 (unreadable)：" + detail;
}

// Copies one member's bytes to .staging/<sha256> (or finds them already in the archive). False: not
// staged, `why` says why. A write that fails in the archive (disk full, read-only, I/O error) is the
// run's failure, not the input's: it throws before any 件号 is given, and the next run files the
// input (issue 13 §3 "the disk filling up during a run").
bool stage_member(Run& r, Member& mem, const model::InspectedFile& f, const json& prev_files, const fs::path& staging,
                  std::string& why) {
  for (const auto& pf : prev_files) {
    if (pf.value("sha256", "") != f.sha256) continue;
    std::string p = pf.value("path", "");
    std::error_code ec;
    if (!p.empty() && fs::is_regular_file(r.out / p, ec) && fs::file_size(r.out / p, ec) == f.size) { mem.reused = p; return true; }
  }
  mem.staged = staging / f.sha256;
  std::optional<std::string> got;
  std::string error;
  int source_errno = 0;
  // No fsync per file: one sync_filesystem() makes the whole batch durable.
  if (f.entry_bytes) got = write_hashed(*f.entry_bytes, mem.staged, error, false);
  else if (f.is_zip_entry && !f.spool_path.empty()) got = copy_hashed(f.spool_path, mem.staged, error, false, &source_errno);
  else if (!f.is_zip_entry && !f.source_path.empty()) got = copy_hashed(f.source_path, mem.staged, error, false, &source_errno);
  else why = "压缩包条目的内容不在内存中，请重新读取该压缩包 (entry_bytes_missing)";
  if (got && *got != f.sha256) why = "读取后文件已被改动（SHA-256 不一致），下次运行再归档 (changed_while_read)";
  if (got && *got == f.sha256) return true;
  std::error_code ec;
  fs::remove(mem.staged, ec);
  if (!got && !error.empty()) {
    if (source_errno == 0) throw std::runtime_error("the archive cannot be written, nothing was numbered tonight: " + error);
    why = source_failure_reason(source_errno, error);
  }
  return false;
}

// 1. Every member's bytes staged (verified against the inspected SHA-256) before any number is given.
void stage_members(Run& r, const fs::path& staging) {
  fs::remove_all(staging);
  fs::create_directories(staging);
  const size_t n = r.plan.items.size();
  r.members.assign(n, {});
  r.held_before.assign(n, json::array());
  r.alive.assign(n, true);
  for (size_t k = 0; k < n; ++k) {
    const auto& it = r.plan.items[k];
    const std::string stored = stored_manifest(r, it.identity);
    if (!stored.empty()) r.held_before[k] = previous_files(json::parse(stored, nullptr, false));
    std::vector<int> ids = {it.final_input};
    ids.insert(ids.end(), it.version_inputs.begin(), it.version_inputs.end());
    int vno = 0;
    for (size_t m = 0; m < ids.size(); ++m) {
      auto& in = r.plan.inputs[static_cast<size_t>(ids[m])];
      Member mem{ids[m], m == 0 ? "original" : "version", in.file->sha256, in.file->size, {}, {}, {}, 0};
      std::string why;
      if (!stage_member(r, mem, *in.file, r.held_before[k], staging, why)) {
        r.retry_next_night = true;  // gone, unreadable or changed tonight: maybe fine tomorrow
        if (m == 0) { quarantine_item_inputs(r, k, why); break; }
        in.fate = Fate::Quarantined;
        in.reason = why;
        in.item = -1;
        continue;
      }
      if (m > 0) mem.version_no = ++vno;
      if (!mem.staged.empty()) kill_point("stage");
      r.members[k].push_back(std::move(mem));
    }
  }
  std::string err;
  if (!sync_filesystem(staging, err)) throw std::runtime_error(err);
}

filing::ArchivalCode code_of(const Run& r, const std::string& archival_code) {
  auto code = filing::parse_archival_code(archival_code, r.s.code_segments, r.s.item_digits);
  if (!code) throw std::runtime_error("catalogue holds an unreadable 档号: " + archival_code);
  return *code;
}

// Why an item got no 件号, for the clerk: its scope (the 档号 without 件号) and what to change. The
// file is named beside it by the report and the CLI's "set aside" line.
std::string sequence_full_reason(const Run& r, const filing::ArchivalCode& scope) {
  const long last = filing::largest_item_number(r.s.item_digits);
  return "件号已用完，未编号 (item_numbers_exhausted)：范围 " + scope.prefix(r.s.code_segments) + " 的件号已编到 " +
         std::to_string(last) + "（方案 item-digits=\"" + std::to_string(r.s.item_digits) +
         "\"；DA/T 22-2015 件号为 4 位，在分类方案最低一级类目内编号）。已编的件号不变。请在归档方案或单位配置中细分此范围"
         "（机构（问题）代码、保管期限规则或门类），此后的运行即为本件编号";
}

// 2. Numbers and places: one transaction for the whole batch, in the plan's order. A new item's place
// is committed with its 件号; a numbered item keeps the place it has. A scope whose 件号 are used up
// (DA/T 22-2015: 4 digits, at most 9,999 in the lowest category; the scheme's item-digits) numbers no
// further item: those are set aside with the reason, the rest of the night is filed, and every later
// full run tries them again (previous_run.cpp reads an input set aside without a reading error again).
void allocate_numbers(Run& r) {
  std::vector<filing::AllocationRequest> reqs;
  std::vector<size_t> asked;                          // plan item of each request
  std::map<std::string, filing::ArchivalCode> proto;  // scope → code without 件号
  const int64_t last_number = filing::largest_item_number(r.s.item_digits);
  for (size_t k = 0; k < r.plan.items.size(); ++k) {
    if (!r.alive[k]) continue;
    const auto& it = r.plan.items[k];
    const filing::Category* c = r.s.category(it.category);
    std::string scope = it.scope_key(r.s);
    proto[scope] = filing::ArchivalCode{it.fonds, it.category, it.year, it.retention, it.organisation, 0};
    auto place = [&r, k](const std::string& code) {
      return planned_place(r.plan.items[k], code_of(r, code), r.s).dump(-1, ' ', false, json::error_handler_t::replace);
    };
    reqs.push_back({it.identity, scope, c ? c->box_capacity : 50, place, last_number});
    asked.push_back(k);
  }
  std::vector<filing::Allocation> got = r.cat.allocate(reqs, [&](const std::string& scope, int n) {
    auto p = proto.find(scope);
    if (p == proto.end()) return std::string();
    filing::ArchivalCode c = p->second;
    c.item = n;
    return c.format(r.s.code_segments, r.s.item_digits);
  }, {[](size_t) { kill_point("number"); }});
  for (size_t q = 0; q < got.size(); ++q) {
    if (got[q].sequence_full) {
      quarantine_item_inputs(r, asked[q], sequence_full_reason(r, proto[got[q].scope]));
      continue;
    }
    r.live.push_back(asked[q]);
    r.allocs.push_back(std::move(got[q]));
  }
}

// Moves or renames one member into its place and checks it there.
void place_member(Run& r, Member& mem) {
  std::string err;
  fs::path dest = r.out / mem.dest;
  fs::create_directories(dest.parent_path());
  if (!mem.reused.empty()) {
    if (mem.reused != mem.dest && !rename_durable(r.out / mem.reused, dest, err, false)) throw std::runtime_error(err);
    return;
  }
  if (!rename_durable(mem.staged, dest, err, false)) throw std::runtime_error(err);
  auto check = sha256_file(dest);  // verified once in place
  if (!check || *check != mem.sha256)
    throw std::runtime_error("copy of " + r.plan.inputs[static_cast<size_t>(mem.input)].path +
                             " does not match its SHA-256 after writing " + mem.dest);
  kill_point("place");
}

// 3a. The item's files in its committed place; returns {files, versions} of the manifest entry.
std::pair<json, json> place_item_files(Run& r, size_t k, const json& place) {
  auto& it = r.plan.items[k];
  json files = json::array(), versions = json::array();
  std::set<std::string> now_paths;
  // Files already in the archive move first, so a new final never overwrites an old one that is
  // about to become a version.
  std::stable_sort(r.members[k].begin(), r.members[k].end(),
                   [](const Member& x, const Member& y) { return !x.reused.empty() && y.reused.empty(); });
  for (auto& mem : r.members[k]) {
    const auto& in = r.plan.inputs[static_cast<size_t>(mem.input)];
    mem.dest = mem.role == "version" ? version_path(place, mem.version_no, filing::extension_lower(in.path))
                                     : original_path(place, it.ext);
    place_member(r, mem);
    now_paths.insert(mem.dest);
    json fj = {{"role", mem.role}, {"path", mem.dest}, {"sha256", mem.sha256}, {"size", mem.size}, {"source", in.path}};
    if (mem.role == "version") {
      fj["version"] = mem.version_no;
      fj["mtime_ns"] = in.file->mtime_ns;
      versions.push_back(fj);
    } else {
      files.push_back(fj);
    }
  }
  std::sort(versions.begin(), versions.end(),
            [](const json& x, const json& y) { return x["version"].get<int>() < y["version"].get<int>(); });
  // Files this item held before and no longer does (its final changed): remove them.
  for (const auto& pf : r.held_before[k]) {
    std::string p = pf.value("path", "");
    if (!p.empty() && !now_paths.count(p) && p.find("..") == std::string::npos) {
      std::error_code ec;
      fs::remove(r.out / p, ec);
    }
  }
  return {files, versions};
}

// Why the item has the 保管期限 of its 档号: the plan's rule where the 档号 is in the planned 门类
// and period; else the reason stored when it was numbered (new evidence moves nothing, its reason
// neither), or, for an entry stored before reasons were kept, that an earlier run fixed it.
std::string retention_reason(const filing::PlannedItem& it, const filing::ArchivalCode& code, const json& stored) {
  if (code.retention == it.retention && code.category == it.category) return it.retention_by;
  if (stored.is_object() && stored.value("retention", "") == code.retention && stored.contains("retention_by"))
    return stored.value("retention_by", "");
  return code.retention + "：前次归档已定（档号一经编定不再变动）";
}

// 3b. The item's manifest entry: its 档号 and box from the catalogue, its place as committed.
json item_entry(const Run& r, size_t k, const filing::Allocation& al, const json& place, json files, json versions,
               const std::string& stored_line) {
  const auto& it = r.plan.items[k];
  const filing::ArchivalCode code = code_of(r, al.archival_code);
  const filing::Category* c = r.s.category(code.category);
  const int cap = c ? c->box_capacity : 50;
  const json stored = json::parse(stored_line, nullptr, false);  // the entry as numbered, if any
  json sources = json::array();
  sources.push_back(r.plan.inputs[static_cast<size_t>(it.final_input)].path);
  for (int d : it.duplicate_inputs)
    if (r.plan.inputs[static_cast<size_t>(d)].fate == Fate::Duplicate) sources.push_back(r.plan.inputs[static_cast<size_t>(d)].path);
  json issues = json::array();
  for (const auto& m : it.issues) issues.push_back({{"rule", m.rule}, {"message", m.message}, {"clause", m.clause}});
  json j = {{"archival_code", al.archival_code}, {"category", code.category}, {"category_name", c ? c->name : ""},
            {"colour", c ? c->colour : ""}, {"case_number", place.value("case_number", "")},
            {"case_name", place.value("case_name", "")}, {"case_key", place.value("case_key", "")},
            {"volume", place.value("volume", "")}, {"slot", place.value("slot", "")},
            {"slot_order", place.value("slot_order", 0)}, {"placed_by", place.value("placed_by", "")},
            {"year", code.year}, {"retention", code.retention},
            {"retention_name", r.s.period(code.retention) ? r.s.period(code.retention)->name : ""},
            {"retention_by", retention_reason(it, code, stored)},
            {"organisation", code.organisation}, {"item_number", al.item_number},
            {"box", filing::box_label(code, al.box_number, r.s.code_segments)},
            {"box_range", {filing::first_item_in_box(al.box_number, cap), filing::first_item_in_box(al.box_number, cap) + cap - 1}},
            {"location", filing::format_location(r.s.location, al.location_index)},
            {"title", it.title}, {"title_by", it.title_by}, {"doc_type", it.doc_type}, {"doc_number", it.doc_number},
            {"date", it.date}, {"date_by", it.date_by},
            {"format", it.format}, {"files", std::move(files)}, {"versions", std::move(versions)},
            {"sources", sources}, {"identity", it.identity}, {"issues", issues},
            {"invalid_credit_codes", it.invalid_credit_codes}, {"warnings", it.warnings}};
  if (place.contains("slot_by")) j["slot_by"] = place["slot_by"];  // a 送达回证's served document (case_order.h)
  // An item moved by a correction keeps the pointer from its old place (issue 9 item 1).
  if (stored.is_object() && stored.contains("moved_from")) j["moved_from"] = stored["moved_from"];
  return j;
}

// 3. Every numbered item in its committed place; new evidence that would place it elsewhere becomes
// a proposed correction, never a move. Each changed entry goes into the open batch as it is made.
void place_items(Run& r, filing::Catalogue::Batch& batch) {
  for (size_t a = 0; a < r.live.size(); ++a) {
    size_t k = r.live[a];
    const auto& it = r.plan.items[k];
    const auto& al = r.allocs[a];
    if (al.is_new) ++r.new_items;
    filing::ArchivalCode code = code_of(r, al.archival_code);
    filing::ArchivalCode as_planned{it.fonds, it.category, it.year, it.retention, it.organisation, code.item};
    json planned = planned_place(it, as_planned, r.s);
    const std::string stored = stored_manifest(r, it.identity);
    json place = committed_place(al.placement, stored, planned_place(it, code, r.s));
    r.examined.push_back(it.identity);
    if (al.is_new) r.placed.push_back(placement_json(al.archival_code, it.title, place, it.ext));
    if (auto c = correction_for(it.identity, al.archival_code, it.title, it.ext, place, planned,
                                al.scope != it.scope_key(r.s)))
      r.proposals.push_back(std::move(*c));
    auto [files, versions] = place_item_files(r, k, place);
    std::string line = item_entry(r, k, al, place, std::move(files), std::move(versions), stored)
                           .dump(-1, ' ', false, json::error_handler_t::replace);
    // Only what changed is written: an unchanged item costs no catalogue write.
    if (stored != line) batch.item({it.identity, al.archival_code, std::move(line), place.dump(-1, ' ', false, json::error_handler_t::replace)});
  }
}

// 4. Inputs, with what inspection learned (for incremental re-runs); only changed rows are written.
void input_records(Run& r, filing::Catalogue::Batch& batch) {
  std::map<int, std::string> code_of_item;
  for (size_t a = 0; a < r.live.size(); ++a) code_of_item[static_cast<int>(r.live[a])] = r.allocs[a].archival_code;
  std::unordered_set<std::string> tonight;  // this night's input paths (the inbox, not the catalogue)
  for (const auto& in : r.plan.inputs) {
    const auto& f = *in.file;
    json facts = ingest::to_wire_json(f);
    facts["lh_container"] = in.container;
    facts["lh_standard_name"] = in.standard_name;
    std::string code = in.item >= 0 && code_of_item.count(in.item) ? code_of_item[in.item] : std::string();
    filing::InputRecord rec{in.path, f.size, f.mtime_ns, f.sha256, filing::fate_name(in.fate), code, in.reason,
                            facts.dump(-1, ' ', false, json::error_handler_t::replace)};
    const std::optional<filing::InputRecord> stored = r.cat.input(in.path);
    if (!in.container) {
      r.info.this_run[filing::fate_name(in.fate)]++;
      if (!stored) r.info.new_this_run[filing::fate_name(in.fate)]++;
    }
    if (!stored || !same_input_record(*stored, rec)) batch.input(rec);
    // What tonight's decision about it depended on, for the nights that plan only what changed.
    std::vector<std::string> ties = filing::planning_ties(f, in.path, r.s);
    if (in.item >= 0) ties.push_back(filing::case_tie(r.plan.items[static_cast<size_t>(in.item)].case_key));
    batch.ties(in.path, ties);
    tonight.insert(in.path);
  }
  // Inputs filed before and not planned tonight: in the inbox and unchanged, their rows stand and
  // count as tonight's (night_scope.h); gone from the inbox, they are kept (their items stay) and
  // marked as gone (after the query: rows are not changed under it).
  std::vector<std::string> gone;
  r.cat.for_each_input_entry([&](const filing::Catalogue::InputEntry& e) {
    if (!e.present || tonight.count(e.path)) return;
    if (!r.scope || !r.scope->carried(e.path)) {
      gone.push_back(e.path);
      return;
    }
    if (e.container) return;
    r.info.this_run[e.fate]++;
    r.carried_by_fate[e.fate]++;
    if (e.fate == filing::fate_name(Fate::Quarantined)) r.carried_set_aside.push_back({e.path, e.reason});
  });
  for (const auto& path : gone) batch.gone(path);
}

// Steps 1–4: staged, numbered, placed, saved. What the batch held is released on return.
void file_the_batch(Run& r, const fs::path& staging) {
  stage_members(r, staging);
  allocate_numbers(r);
  // One transaction, filled as items are placed and inputs recorded: no list of every row is held.
  filing::Catalogue::Batch batch(r.cat);
  place_items(r, batch);
  input_records(r, batch);
  // Every rename above is durable before the catalogue records where the files are.
  std::string err;
  if (!sync_filesystem(r.out, err)) throw std::runtime_error(err);
  batch.commit();
  r.cat.propose_corrections(r.proposals, r.examined, r.info.started_at);
  kill_point("save");
  r.held_before.clear();
  r.members.clear();
}

// 5. Manifest and report, each written atomically; then the derived documents (issue 5).
void write_outputs(Run& r, ArchiveResult& res, const filing::Office& o) {
  std::string err;
  // Streamed from the catalogue entry by entry, the report built from the same entries on the way
  // (issue 12 §4: the parent's memory does not grow with the archive).
  const json header = manifest_header(r.s, o);
  ReportBuilder report_builder(r.s, header);
  std::vector<ItemFacts> facts;  // what the derived outputs read of each item, from the same entries
  res.manifest = r.out / "manifest.json";
  res.items = write_manifest(r.cat, header, res.manifest,
                             {[&](const json& in) { report_builder.add_input(in); },
                              [&](const json& it) {
                                report_builder.add_item(it);
                                if (r.opt.derived_outputs) facts.push_back(item_facts(facts.size(), it, r.s));
                              }});
  kill_point("manifest");
  r.info.new_items = res.new_items = r.new_items;
  r.info.finished_at = r.opt.run_started_at.empty() ? now_iso(o.time_zone) : r.opt.run_started_at;
  json report = report_builder.finish(r.info);
  res.read_problems = report["counts"].value("read_problems", size_t{0});
  report["corrections"] = json::array();  // contract 1: proposed corrections, for a person
  for (const auto& c : r.cat.corrections(true)) report["corrections"].push_back(correction_json(c));
  report["placements"] = r.placed;  // where this night's new items went, and why
  // Derived outputs (reading copies with 归档章, uniform 现场检查笔录, 案卷, 归档文件目录), rebuilt only
  // where their items changed (volume_run.h). A failure here does not undo the filing.
  if (r.opt.derived_outputs) {
    DerivedOptions dopt;
    dopt.run_date = r.info.started_at.substr(0, 10);
    dopt.pool = r.opt.derive_pool;
    dopt.progress = r.opt.derive_progress;
    dopt.catalogue = &r.cat;
    dopt.whole_state_file = r.opt.plan_every_input;
    dopt.facts = &facts;
    try {
      // The derived outputs read the items one at a time from the catalogue (manifest.h ManifestItems).
      report["derived"] = build_derived(manifest_items(r.cat), r.out, r.s, o, dopt);
      // Outputs whose worker died are missing: an unchanged night would skip them for ever.
      if (report["derived"].value("interrupted_tasks", 0) > 0) r.retry_next_night = true;
    } catch (const std::exception& e) {
      report["derived"] = {{"error", e.what()}};
    }
  }
  if (!write_run_reports(report, r.out, res, err)) throw std::runtime_error(err);
}

// What the plan's rules depend on besides the inputs: the program, the scheme, the office profile
// and the reader options (the inbox fingerprint without the inbox).
std::string plan_basis(const ArchiveOptions& opt) { return run_fingerprint({}, opt); }

// Plans tonight's inputs and the unchanged ones tied to them; then, while the plan files an item in
// a case whose other inputs are not planned yet, those too (a case's items share 年度, 期限 and
// parties), planning again from the start: the plan points into `planned`.
filing::Plan plan_the_night(Run& r, NightScope& scope, std::vector<model::InspectedFile>& planned, const filing::Office& o,
                            const filing::PlanContext& ctx) {
  planned = scope.first_inputs();
  for (;;) {
    filing::Plan plan = filing::plan_filing(planned, r.s, o, r.opt.in_dir.string(), ctx);
    std::set<std::string> cases;
    for (const auto& it : plan.items)
      if (!it.case_key.empty()) cases.insert(it.case_key);
    std::vector<model::InspectedFile> more = scope.more_for_cases(cases);
    if (more.empty()) return plan;
    for (auto& f : more) planned.push_back(std::move(f));
  }
}

void finish(Run& r, ArchiveResult& res) {
  for (const auto& in : r.plan.inputs) {
    if (in.container) continue;
    res.by_fate[filing::fate_name(in.fate)]++;
    if (in.fate != filing::Fate::Quarantined) continue;
    res.set_aside.push_back({in.path, in.reason});
    if (in.file->error && in.file->error->kind == model::ErrorKind::Unreadable) r.retry_next_night = true;
  }
  for (const auto& [fate, n] : r.carried_by_fate) res.by_fate[fate] += n;
  res.set_aside.insert(res.set_aside.end(), r.carried_set_aside.begin(), r.carried_set_aside.end());
  std::stable_sort(res.set_aside.begin(), res.set_aside.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  res.status = res.by_fate.count("quarantined") && res.by_fate["quarantined"] > 0 ? ArchiveStatus::SetAside : ArchiveStatus::Ok;
  // The next run with the same fingerprint and this manifest has nothing to do (unchanged_run.h),
  // unless an input was set aside for a reason that may pass by then (no permission, gone or changed
  // while read): that night is a full run, which reads those inputs again (previous_run.cpp).
  // Every input's ties are recorded under tonight's rules: the next night may plan only what changes.
  std::map<std::string, std::string> state = {{kStatePlanBasis, plan_basis(r.opt)}};
  if (r.retry_next_night) state[kStateFingerprint] = "";
  else if (auto msha = sha256_file(res.manifest); msha && !r.opt.inbox_fingerprint.empty())
    state.insert({{kStateFingerprint, r.opt.inbox_fingerprint}, {kStateManifestSha, *msha},
                  {kStateManifestStamp, stamp_text(res.manifest)}});
  r.cat.set_state(state);  // one transaction
  r.cat.finish_run(r.info.run_id, r.info.finished_at, res.status == ArchiveStatus::Ok ? "ok" : "set-aside",
                   json(res.by_fate).dump());
}

}  // namespace

ArchiveResult run_archive(const std::vector<model::InspectedFile>& inputs, const ArchiveOptions& opt) {
  std::string err;
  auto lock = ArchiveLock::acquire(opt.out_dir, err);
  if (!lock) {
    ArchiveResult res;
    res.status = ArchiveStatus::LockHeld;
    res.error = err;
    return res;
  }
  return run_archive(inputs, opt, *lock);
}

ArchiveResult run_archive(const std::vector<model::InspectedFile>& inputs, const ArchiveOptions& opt, const ArchiveLock& held) {
  NightInputs night;
  night.inspected = inputs;
  return run_archive(std::move(night), opt, held);
}

ArchiveResult run_archive(NightInputs&& night, const ArchiveOptions& opt, const ArchiveLock&) {
  ArchiveResult res;
  filing::SchemeLoad sl = filing::load_scheme(opt.scheme);
  fs::path office_xsd = opt.office_xsd.empty() ? opt.scheme.parent_path() / "office.xsd" : opt.office_xsd;
  filing::OfficeLoad ol = filing::load_office(opt.office, office_xsd);
  if (!sl.scheme || !ol.office) {
    std::vector<std::string> errs = sl.errors;
    errs.insert(errs.end(), ol.errors.begin(), ol.errors.end());
    res.status = ArchiveStatus::BadConfig;
    res.error = error_lines(errs);
    return res;
  }
  // A scheme that asks for PDF/A-2b copies needs the sRGB profile (pdf/pdfa.h): missing, the run
  // stops here, before anything is written, naming the package, rather than failing every copy.
  if (opt.derived_outputs)
    for (filing::DerivedOutput d : {filing::DerivedOutput::ReadingCopies, filing::DerivedOutput::UniformRecords,
                                    filing::DerivedOutput::Volumes, filing::DerivedOutput::Catalogues})
      if (sl.scheme->wants_pdfa(d)) {
        try {
          pdf::require_srgb_profile();
        } catch (const std::exception& e) {
          res.status = ArchiveStatus::Failed;
          res.error = std::string("the scheme asks for PDF/A-2b copies, but ") + e.what();
          return res;
        }
        break;
      }
  try {
    filing::Catalogue cat(opt.out_dir / "catalog.db");
    Run r{opt, *sl.scheme, cat, opt.out_dir, {}, {}, {}, {}, {}, {}, {}, {}, {}, 0, false, json::array()};
    r.info.time_zone = ol.office->time_zone;
    r.info.started_at = opt.run_started_at.empty() ? now_iso(ol.office->time_zone) : opt.run_started_at;
    r.info.run_id = cat.begin_run(r.info.started_at);
    filing::PlanContext ctx;
    ctx.known_identity = [&](const std::string& sha) { return cat.has_identity(sha); };
    ctx.archived_path = [&](const std::string& sha) { return cat.archived_path_for(sha); };
    ctx.case_scope = [&](const std::string& key) -> std::optional<std::pair<int, std::string>> {
      json p = json::parse(cat.case_place(key).value_or(""), nullptr, false);
      if (!p.is_object() || !p.contains("year")) return std::nullopt;
      return std::make_pair(p.value("year", 0), p.value("retention", std::string()));
    };
    NightScope scope(cat, r.s, opt.in_dir, night, plan_basis(opt), opt.plan_every_input);
    std::vector<model::InspectedFile> planned;  // outlives the plan, which points into it
    r.plan = plan_the_night(r, scope, planned, *ol.office, ctx);
    r.scope = &scope;
    res.replanned = scope.planned_unchanged();
    if (scope.full()) res.planned_every_input = scope.why_full();
    const fs::path staging = r.out / ".staging";
    file_the_batch(r, staging);
    write_outputs(r, res, *ol.office);
    fs::remove_all(staging);
    finish(r, res);
  } catch (const std::exception& e) {
    res.status = ArchiveStatus::Failed;
    res.error = e.what();
  }
  return res;
}

}  // namespace lh::package
