#include "package/archive.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "filing/archival_code.h"
#include "filing/boxes.h"
#include "filing/catalogue.h"
#include "filing/file_name.h"
#include "filing/office.h"
#include "filing/plan.h"
#include "filing/scheme.h"
#include "filing/text_util.h"
#include "ingest/inspected_json.h"
#include "package/files.h"
#include "package/lock.h"
#include "package/manifest.h"
#include "package/report.h"
#include "package/test_hooks.h"
#include "package/unchanged_run.h"
#include "package/volume_run.h"

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

// Where an item's files go (relative to ARCHIVE); see archive.h.
fs::path item_dir(const filing::PlannedItem& it, const filing::ArchivalCode& code) {
  fs::path d = fs::path(code.category) / std::to_string(code.year);
  if (it.kind == filing::CategoryKind::Case) {
    d /= filing::clean_file_name(it.case_name.empty() ? "未分组" : it.case_name, 200);
    if (!it.place.volume_name.empty()) d /= filing::clean_file_name(it.place.volume_name, 64);
  } else {
    d /= code.retention;
  }
  return d;
}

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

ArchiveResult run_archive(const std::vector<model::InspectedFile>& inputs, const ArchiveOptions& opt, const ArchiveLock&) {
  ArchiveResult res;
  std::string err;

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
  const filing::Scheme& s = *sl.scheme;
  const filing::Office& o = *ol.office;
  const fs::path out = opt.out_dir;

  try {
    filing::Catalogue cat(out / "catalog.db");
    RunInfo run;
    run.time_zone = o.time_zone;
    run.started_at = opt.run_started_at.empty() ? now_iso(o.time_zone) : opt.run_started_at;
    run.run_id = cat.begin_run(run.started_at);

    filing::PlanContext ctx;
    ctx.known_identity = [&](const std::string& sha) { return cat.has_identity(sha); };
    ctx.archived_path = [&](const std::string& sha) { return cat.archived_path_for(sha); };
    filing::Plan plan = filing::plan_filing(inputs, s, o, opt.in_dir.string(), ctx);

    const fs::path staging = out / ".staging";
    {  // Scoped: what the catalogue held is released before the manifest is built (peak memory).
    std::unordered_map<std::string, std::string> stored_items;  // identity → stored manifest line
    for (auto& r : cat.items()) stored_items.emplace(std::move(r.identity), std::move(r.manifest));
    auto stored_files = [&](const std::string& identity) {
      auto p = stored_items.find(identity);
      return p == stored_items.end() || p->second.empty() ? json::array()
                                                          : previous_files(json::parse(p->second, nullptr, false));
    };

    // 1. Stage every member's bytes (verified against the inspected SHA-256) before any number is given.
    fs::remove_all(staging);
    fs::create_directories(staging);
    std::vector<std::vector<Member>> members(plan.items.size());
    std::vector<json> held_before(plan.items.size());  // each item's files of the last run, read once
    std::vector<bool> alive(plan.items.size(), true);
    auto quarantine_item_inputs = [&](size_t k, const std::string& why) {
      const auto& it = plan.items[k];
      std::vector<int> all = {it.final_input};
      all.insert(all.end(), it.version_inputs.begin(), it.version_inputs.end());
      all.insert(all.end(), it.duplicate_inputs.begin(), it.duplicate_inputs.end());
      for (int i : all) {
        auto& in = plan.inputs[static_cast<size_t>(i)];
        in.fate = Fate::Quarantined;
        in.reason = why;
        in.item = -1;
      }
      alive[k] = false;
    };
    for (size_t k = 0; k < plan.items.size(); ++k) {
      const auto& it = plan.items[k];
      held_before[k] = stored_files(it.identity);
      const json& prev_files_j = held_before[k];
      std::vector<int> ids = {it.final_input};
      ids.insert(ids.end(), it.version_inputs.begin(), it.version_inputs.end());
      int vno = 0;
      for (size_t m = 0; m < ids.size(); ++m) {
        auto& in = plan.inputs[static_cast<size_t>(ids[m])];
        const auto& f = *in.file;
        Member mem;
        mem.input = ids[m];
        mem.role = m == 0 ? "original" : "version";
        mem.sha256 = f.sha256;
        mem.size = f.size;
        if (m > 0) mem.version_no = ++vno;
        for (const auto& pf : prev_files_j) {
          if (pf.value("sha256", "") != f.sha256) continue;
          std::string p = pf.value("path", "");
          std::error_code ec;
          if (!p.empty() && fs::is_regular_file(out / p, ec) && fs::file_size(out / p, ec) == f.size) { mem.reused = p; break; }
        }
        std::string why;
        if (mem.reused.empty()) {
          mem.staged = staging / f.sha256;
          std::optional<std::string> got;
          // No fsync per file: one sync_filesystem() below makes the whole batch durable.
          if (f.entry_bytes) got = write_hashed(*f.entry_bytes, mem.staged, why, false);
          else if (!f.is_zip_entry && !f.source_path.empty()) got = copy_hashed(f.source_path, mem.staged, why, false);
          else why = "压缩包条目的内容不在内存中，请重新读取该压缩包 (entry_bytes_missing)";
          if (got && *got != f.sha256) why = "读取后文件已被改动（SHA-256 不一致），下次运行再归档 (changed_while_read)";
          if (!got || *got != f.sha256) {
            std::error_code ec;
            fs::remove(mem.staged, ec);
            if (m == 0) { quarantine_item_inputs(k, why); break; }
            in.fate = Fate::Quarantined;
            in.reason = why;
            in.item = -1;
            --vno;
            continue;
          }
        }
        if (!mem.staged.empty()) kill_point("stage");
        members[k].push_back(std::move(mem));
      }
    }

    // Every staged byte is on disk before any number is given for it.
    if (!sync_filesystem(staging, err)) throw std::runtime_error(err);

    // 2. Numbers: one transaction for the whole batch, in the plan's order.
    std::vector<filing::AllocationRequest> reqs;
    std::map<std::string, filing::ArchivalCode> proto;  // scope → code without 件号
    std::vector<size_t> live;
    for (size_t k = 0; k < plan.items.size(); ++k) {
      if (!alive[k]) continue;
      const auto& it = plan.items[k];
      const filing::Category* c = s.category(it.category);
      std::string scope = it.scope_key(s);
      proto[scope] = filing::ArchivalCode{it.fonds, it.category, it.year, it.retention, it.organisation, 0};
      reqs.push_back({it.identity, scope, c ? c->box_capacity : 50});
      live.push_back(k);
    }
    auto allocs = cat.allocate(reqs, [&](const std::string& scope, int n) {
      auto p = proto.find(scope);
      if (p == proto.end()) return std::string();
      filing::ArchivalCode c = p->second;
      c.item = n;
      return c.format(s.code_segments, s.item_digits);
    }, {[](size_t) { kill_point("number"); }});

    // 3. Place files, verify, build item entries.
    std::vector<filing::ItemRecord> records;
    for (size_t a = 0; a < live.size(); ++a) {
      size_t k = live[a];
      auto& it = plan.items[k];
      const auto& al = allocs[a];
      if (al.is_new) ++res.new_items;
      auto code = filing::parse_archival_code(al.archival_code, s.code_segments, s.item_digits);
      if (!code) throw std::runtime_error("catalogue holds an unreadable 档号: " + al.archival_code);
      fs::path dir = item_dir(it, *code);
      json files = json::array(), versions = json::array();
      std::set<std::string> now_paths;
      // Files already in the archive move first, so a new final never overwrites an old one that
      // is about to become a version.
      std::stable_sort(members[k].begin(), members[k].end(),
                       [](const Member& x, const Member& y) { return !x.reused.empty() && y.reused.empty(); });
      for (auto& mem : members[k]) {
        const auto& in = plan.inputs[static_cast<size_t>(mem.input)];
        std::string ext = it.ext;
        std::string in_ext = filing::extension_lower(in.path);
        if (mem.role == "version") {
          std::string vext = "v" + std::to_string(mem.version_no) + (in_ext.empty() ? "" : "." + in_ext);
          mem.dest = (dir / "versions" / filing::standard_name(s, al.archival_code, it.title, vext)).string();
        } else {
          mem.dest = (dir / filing::standard_name(s, al.archival_code, it.title, ext)).string();
        }
        fs::path dest = out / mem.dest;
        fs::create_directories(dest.parent_path());
        if (!mem.reused.empty()) {
          if (mem.reused != mem.dest && !rename_durable(out / mem.reused, dest, err, false)) throw std::runtime_error(err);
        } else {
          if (!rename_durable(mem.staged, dest, err, false)) throw std::runtime_error(err);
          auto check = sha256_file(dest);  // verified once in place
          if (!check || *check != mem.sha256)
            throw std::runtime_error("copy of " + in.path + " does not match its SHA-256 after writing " + mem.dest);
          kill_point("place");
        }
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
      for (const auto& pf : held_before[k]) {
          std::string p = pf.value("path", "");
          if (!p.empty() && !now_paths.count(p) && p.find("..") == std::string::npos) {
            std::error_code ec;
            fs::remove(out / p, ec);
          }
        }
      const filing::Category* c = s.category(code->category);
      int cap = c ? c->box_capacity : 50;
      json sources = json::array();
      sources.push_back(plan.inputs[static_cast<size_t>(it.final_input)].path);
      for (int d : it.duplicate_inputs)
        if (plan.inputs[static_cast<size_t>(d)].fate == Fate::Duplicate) sources.push_back(plan.inputs[static_cast<size_t>(d)].path);
      json issues = json::array();
      for (const auto& m : it.issues) issues.push_back({{"rule", m.rule}, {"message", m.message}, {"clause", m.clause}});
      json j = {
          {"archival_code", al.archival_code},
          {"category", code->category},
          {"category_name", c ? c->name : ""},
          {"colour", c ? c->colour : ""},
          {"case_number", it.case_number},
          {"case_name", it.case_name},
          {"case_key", it.case_key},
          {"volume", it.place.volume_name},
          {"slot", it.place.slot_name},
          {"slot_order", it.place.slot_order},
          {"year", code->year},
          {"retention", code->retention},
          {"retention_name", s.period(code->retention) ? s.period(code->retention)->name : ""},
          {"organisation", code->organisation},
          {"item_number", al.item_number},
          {"box", filing::box_label(*code, al.box_number, s.code_segments)},
          {"box_range", {filing::first_item_in_box(al.box_number, cap), filing::first_item_in_box(al.box_number, cap) + cap - 1}},
          {"location", filing::format_location(s.location, al.location_index)},
          {"title", it.title},
          {"doc_type", it.doc_type},
          {"doc_number", it.doc_number},
          {"date", it.date},
          {"format", it.format},
          {"files", files},
          {"versions", versions},
          {"sources", sources},
          {"identity", it.identity},
          {"issues", issues},
          {"invalid_credit_codes", it.invalid_credit_codes},
          {"warnings", it.warnings},
      };
      std::string line = j.dump(-1, ' ', false, json::error_handler_t::replace);
      // Only what changed is written: an unchanged item costs no catalogue write.
      if (auto p = stored_items.find(it.identity); p == stored_items.end() || p->second != line)
        records.push_back({it.identity, al.archival_code, std::move(line)});
    }

    // 4. Inputs, with what inspection learned (for incremental re-runs).
    std::map<int, std::string> code_of_item;
    for (size_t a = 0; a < live.size(); ++a) code_of_item[static_cast<int>(live[a])] = allocs[a].archival_code;
    std::vector<filing::InputRecord> in_records;
    std::unordered_map<std::string, filing::InputRecord> stored_inputs;
    for (auto& r : cat.inputs()) stored_inputs.emplace(r.path, std::move(r));
    for (const auto& in : plan.inputs) {
      const auto& f = *in.file;
      json facts = ingest::to_wire_json(f);
      facts["lh_container"] = in.container;
      facts["lh_standard_name"] = in.standard_name;
      std::string code = in.item >= 0 && code_of_item.count(in.item) ? code_of_item[in.item] : std::string();
      filing::InputRecord rec{in.path, f.size, f.mtime_ns, f.sha256, filing::fate_name(in.fate), code, in.reason,
                              facts.dump(-1, ' ', false, json::error_handler_t::replace)};
      const auto stored = stored_inputs.find(in.path);
      if (!in.container) {
        run.this_run[filing::fate_name(in.fate)]++;
        if (stored == stored_inputs.end()) run.new_this_run[filing::fate_name(in.fate)]++;
      }
      if (stored == stored_inputs.end() || !same_input_record(stored->second, rec)) in_records.push_back(std::move(rec));
      stored_inputs.erase(in.path);
    }
    // Inputs filed before and gone from the inbox now: kept (their items stay), marked as gone.
    for (auto& [path, rec] : stored_inputs)
      if (rec.present) {
        rec.present = false;
        in_records.push_back(std::move(rec));
      }
    // Every rename above is durable before the catalogue records where the files are.
    if (!sync_filesystem(out, err)) throw std::runtime_error(err);
    cat.save_batch(records, in_records);
    kill_point("save");
    }  // stored_items, records, in_records released

    // 5. Manifest and report, each written atomically.
    json manifest = build_manifest(cat, s, o);
    res.manifest = out / "manifest.json";
    if (!write_atomic(res.manifest, dump_json(manifest), err)) throw std::runtime_error(err);
    kill_point("manifest");
    run.new_items = res.new_items;
    run.finished_at = opt.run_started_at.empty() ? now_iso(o.time_zone) : opt.run_started_at;
    json report = build_report(manifest, s, run);
    // Issue 5: derived outputs (reading copies with 归档章, uniform 现场检查笔录, 案卷, 归档文件目录),
    // rebuilt only where their items changed (volume_run.h). A failure here does not undo the filing.
    if (opt.derived_outputs) {
      DerivedOptions dopt;
      dopt.run_date = run.started_at.substr(0, 10);
      dopt.pool = opt.derive_pool;
      dopt.progress = opt.derive_progress;
      try {
        report["derived"] = build_derived(manifest, out, s, o, dopt);
      } catch (const std::exception& e) {
        report["derived"] = {{"error", e.what()}};
      }
    }
    if (!write_run_reports(report, out, res, err)) throw std::runtime_error(err);
    fs::remove_all(staging);

    for (const auto& in : plan.inputs) {
      if (in.container) continue;
      res.by_fate[filing::fate_name(in.fate)]++;
      if (in.fate == filing::Fate::Quarantined) res.set_aside.push_back({in.path, in.reason});
    }
    res.items = manifest["items"].size();
    res.status = res.by_fate.count("quarantined") && res.by_fate["quarantined"] > 0 ? ArchiveStatus::SetAside : ArchiveStatus::Ok;
    // The next run with the same fingerprint and this manifest has nothing to do (unchanged_run.h).
    if (auto msha = sha256_file(res.manifest); msha && !opt.inbox_fingerprint.empty())
      cat.set_state({{kStateFingerprint, opt.inbox_fingerprint}, {kStateManifestSha, *msha}});
    cat.finish_run(run.run_id, run.finished_at, res.status == ArchiveStatus::Ok ? "ok" : "set-aside",
                   json(res.by_fate).dump());
  } catch (const std::exception& e) {
    res.status = ArchiveStatus::Failed;
    res.error = e.what();
  }
  return res;
}

}  // namespace lh::package
