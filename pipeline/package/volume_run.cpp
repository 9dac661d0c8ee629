// The derived outputs of a night (volume_run.h build_derived): 1. the items' reading copies and
// uniform records, 2. the case volumes, in the order a night runs them (derived_night.h; the
// catalogues and the state written at the end are in derived_night_catalogues.cpp and
// derived_night_state.cpp).
#include "package/volume_run.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "filing/catalogue.h"
#include "normalize/fields.h"
#include "package/derive_pool.h"
#include "package/test_hooks.h"
#include "package/derive_tasks.h"
#include "package/derived_night.h"
#include "package/derived_state.h"
#include "package/files.h"
#include "package/manifest.h"
#include "package/preservation.h"
#include "compose/volume.h"
#include "compose/volume_forms.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace night {
namespace {

// Every this many reading copies; LIANGHUA_TEST_CHECKPOINT_EVERY overrides it for tests.
size_t checkpoint_interval() {
  static const size_t n = [] {
    size_t v = 500;
    if (const char* e = std::getenv("LIANGHUA_TEST_CHECKPOINT_EVERY"))
      std::from_chars(e, e + std::strlen(e), v);
    return v == 0 ? size_t{500} : v;
  }();
  return n;
}

}  // namespace

// Part of a derived output's key when the scheme asks for it as PDF/A-2b or with an OFD-A copy, so
// switching a preservation format on or off rebuilds the outputs once (and nothing changes for a
// scheme that never asks). kPdfaPass is raised when the PDF/A pass can make conformant what it used
// to refuse, so the first night after an upgrade makes those copies again instead of keeping their
// refusal for ever: 2, a 宋体/黑体 font a source PDF does not embed gets our role face embedded
// (pdf/font_substitute.h).
constexpr int kPdfaPass = 2;

std::string pdfa_key(const filing::Scheme& s, std::initializer_list<filing::DerivedOutput> outputs) {
  std::string k, o_k;
  for (filing::DerivedOutput o : outputs) {
    if (s.wants_pdfa(o))
      k += (k.empty() ? "\npdfa-2b/" + std::to_string(kPdfaPass) + ":" : std::string(" ")) + filing::derived_output_name(o);
    if (s.wants_ofd(o)) o_k += std::string(o_k.empty() ? "\nofd-a:" : " ") + filing::derived_output_name(o);
  }
  return k + o_k;
}

}  // namespace night

std::string case_folder_of(const json& item) {
  if (!item.contains("files") || !item["files"].is_array() || item["files"].empty()) return {};
  fs::path p = fs::path(item["files"][0].value("path", "")).parent_path();
  std::string vol = item.value("volume", "");
  if (!vol.empty() && p.filename() == vol) p = p.parent_path();
  return p.string();
}

void mask_json_strings(json& j) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    std::string m = normalize::mask_personal_numbers(s);
    if (m != s) j = m;
  } else if (j.is_array() || j.is_object()) {
    for (auto& v : j) mask_json_strings(v);
  }
}

ItemFacts item_facts(size_t row, const json& item, const filing::Scheme& s) {
  ItemFacts f;
  f.row = row;
  f.code = item.value("archival_code", "");
  f.category = item.value("category", "");
  if (auto files = item.find("files"); files != item.end() && files->is_array())  // original_of, without a copy
    for (const auto& file : *files)
      if (file.value("role", "") == "original") {
        f.original = file.value("path", "");
        f.original_sha = file.value("sha256", "");
        break;
      }
  f.title = item.value("title", "");
  f.format = item.value("format", "");
  f.date = item.value("date", "");
  f.retention = item.value("retention", "");
  f.year = item.value("year", 0);
  const filing::Category* c = s.category(f.category);
  f.in_case = c && c->kind == filing::CategoryKind::Case && !f.original.empty();
  if (f.in_case) {
    f.volume = item.value("volume", "");
    f.case_number = item.value("case_number", "");
    f.slot_order = item.value("slot_order", 0);
    f.doc_number = item.value("doc_number", 0);
    f.case_folder = case_folder_of(item);
  }
  return f;
}

namespace night {

// Last night's state in the catalogue (derived_state.h): derived.json imported whole when the rows do
// not vouch for it (or when asked to, the oracle); true when that state has the generator's shape.
bool stored_state_ready(const DerivedOptions& opt, const fs::path& root) {
  if (!opt.catalogue) throw std::invalid_argument("build_derived: the derived outputs' state lives in the catalogue");
  if (!opt.whole_state_file && stored_state_current(*opt.catalogue, root)) return true;
  return import_state_file(*opt.catalogue, root);
}

namespace {

// A task whose worker died (a crash, the time limit, the night killed with its workers) may well
// succeed tomorrow; a task that answered with an error would answer the same.
bool interrupted_task(const json& result) {
  const std::string why = result.value("failed", "");
  return why == "crashed" || why == "timeout";
}

// A task the worker could not finish leaves an entry without a key, so the next run tries again.
json failed_entry(const json& result, const std::string& what) {
  return json{{"key", ""}, {"files", json::array()}, {"pages", 0}, {"how", "failed"},
              {"problem", what + "未能生成：" + result.value("error", "")}, {"problems", json::array({what + "未能生成：" + result.value("error", "")})}};
}

}  // namespace

// The entry of a task that failed; one whose worker died is counted, so tomorrow is a full night.
json DerivedNight::failed(const json& result, const std::string& what) {
  interrupted += interrupted_task(result);
  return failed_entry(result, what);
}

// Last night's entry moved into tonight's state when its key is tonight's and every file it lists is
// intact: known by the stamp the catalogue recorded when it was written, re-hashed only when that
// differs (derive_tasks.h). A file's stamp now goes to `stamps` (the catalogue's at the end) when it
// is not the one recorded.
// False: build it again (the old entry stays as it was). `lianghua verify` re-hashes all.
bool DerivedNight::reuse(int section, const std::string& name, const std::string& key) {
  auto& sec = old_state[static_cast<size_t>(section)];
  auto prev = sec.find(name);
  if (prev == sec.end() || prev->second.key != key || prev->second.files.empty()) return false;
  std::vector<FileStamp> now;
  for (const auto& [path, sha] : prev->second.files) {
    auto it = recorded.find(path);
    auto st = derived_file_intact(root, path, sha, it == recorded.end() ? nullptr : &it->second);
    if (!st) return false;
    now.push_back(*st);
  }
  for (size_t i = 0; i < now.size(); ++i) {
    const auto& [path, sha] = prev->second.files[i];
    filing::DerivedStamp st{sha, now[i].size, now[i].mtime_ns, now[i].inode};
    if (auto it = recorded.find(path); it == recorded.end() || !(it->second == st)) stamps[path] = std::move(st);
  }
  next[static_cast<size_t>(section)].insert(sec.extract(prev));
  ++reused_in[section];
  ++reused;
  return true;
}

// A rebuilt (or failed) entry: its stamps to `stamps`, the entry to tonight's state.
void DerivedNight::set(int section, const std::string& name, json entry) {
  if (section < 2) note_preservation(entry);
  take_entry_stamps(entry, stamps);
  fresh[static_cast<size_t>(section)][name] = entry_text(entry);
  next[static_cast<size_t>(section)][name] = entry_summary(entry);
}

// What a person may want to see of tonight's preservation copies although they conform (the report's
// derived part, derived_report.cpp): a PDF/A copy that draws a font its source names without
// embedding it with one of lianghua's faces ("pdfa_font_substitutes": the source had no font program
// to embed, ISO 19005-2 6.2.11.4.1, so the copy's letters are not the source's), and the pages of an
// OFD copy kept as pictures of the source's pages, with why ("picture_pages", GB/T 42133-2022 6.2.4).
// Only entries made tonight: a copy reused from an earlier night was reported that night.
void DerivedNight::note_preservation(const json& entry) {
  for (const json& f : entry.value("files", json::array())) {
    json fonts = f.value("pdfa_font_substitutes", json::array()), pictures = f.value("picture_pages", json::array());
    if (fonts.empty() && pictures.empty()) continue;
    report["preservation_notes"].push_back({{"path", f.value("path", "")}, {"fonts", std::move(fonts)}, {"pictures", std::move(pictures)}});
  }
}

// The whole manifest entry of an item (for a task's payload), read again from the catalogue by 档号:
// one indexed look-up, not a pass over every item (build_derived needs the catalogue). Read as each
// payload is made, after the workers are forked: read beforehand for every task (2,000 entries of
// ~8 KB as trees on a first night), they were in the parent's heap when it forked, and so in every
// worker's resident size for the whole night (issue 12 §4, bench/RESULTS.md §4b).
std::optional<json> DerivedNight::whole_item(const ItemFacts& f) const {
  json item = json::parse(cat.item_manifest_by_code(f.code), nullptr, false);
  if (item.is_object() && item.value("archival_code", "") == f.code) return item;
  return std::nullopt;
}

// 1. Per item: reading copy with the 归档章, uniform inspection records, page count, 文号, 责任者.
void DerivedNight::derive_items() {
  std::vector<const ItemFacts*> tasks;
  std::vector<std::string> keys;
  const std::string pdfa = pdfa_key(s, {filing::DerivedOutput::ReadingCopies, filing::DerivedOutput::UniformRecords});
  for (const ItemFacts& f : items) {
    if (f.code.empty() || f.original.empty()) continue;
    std::string key = sha256_hex(std::string(kGenerator) + "\n" + f.code + "\n" + f.original_sha + "\n" + f.title + "\n" + f.format +
                                 "\n" + o.organisation + "\n" + o.fonds + "\n" + o.name + "\npublic:" +
                                 (public_copies ? "reading-copies " : "") + (public_records ? "uniform-records" : "") + pdfa);
    if (!reuse(0, f.code, key)) {
      tasks.push_back(&f);
      keys.push_back(std::move(key));
    }
  }
  size_t items_done = 0;
  auto payload = [&](size_t i) {
    std::optional<json> item = whole_item(*tasks[i]);
    return json{{"item", item ? std::move(*item) : json::object()}, {"key", keys[i]}};
  };
  run_derive_tasks(tasks.size(), payload, work, opt.pool, [&](size_t i, const json& result) {
    const std::string& code = tasks[i]->code;
    set(0, code, result.contains("error") ? failed(result, "阅览本") : result);
    if (!result.contains("error")) ++rebuilt;
    if (opt.progress) opt.progress(++items_done, tasks.size(), code);
    // A first night renders thousands of copies: every checkpoint_interval(), the state records those
    // done so far, so a run killed now resumes where it stopped instead of rendering them all again.
    if (items_done % checkpoint_interval() == 0) write_checkpoint();
  });
}

// What the items' entries say a person must look at: record issues, placeholders, reading copies.
void DerivedNight::report_items() {
  const auto& done = next[0];
  for (const ItemFacts& f : items) {
    auto at = done.find(f.code);
    if (at == done.end()) continue;
    const EntrySummary& e = at->second;
    const json issues = e.record_issues.empty() ? json::array() : json::parse(e.record_issues, nullptr, false);
    if (issues.is_array())
      for (const auto& issue : issues) {
        json r = issue;
        r["archival_code"] = f.code;
        report["record_issues"].push_back(std::move(r));
      }
    const std::string& how = e.how;
    const std::string& problem = e.problem;
    if (how == "placeholder")
      report["placeholders"].push_back({{"archival_code", f.code}, {"title", f.title}, {"reason", problem}});
    if (how != "placeholder" && !problem.empty())
      report["reading_copy_issues"].push_back({{"archival_code", f.code}, {"title", f.title}, {"issue", problem}});
  }
}

// 2. Case volumes. 案卷号: 3 digits, allocated once per 门类/年度 in case-folder order, kept in derived.json.
void DerivedNight::derive_volumes() {
  std::map<std::string, std::vector<const ItemFacts*>> cases;  // case folder → its items
  for (const ItemFacts& f : items)
    if (f.in_case) cases[f.case_folder].push_back(&f);
  std::map<std::string, int> last_no;
  const auto& prev_vols = old_state[1];
  for (const auto& [folder, v] : prev_vols) {
    std::string scope = fs::path(folder).parent_path().string();
    // A 案卷号 that is not a number (edited by hand) allocates nothing: the next one is counted
    // from the numbers that are.
    if (auto n = compose::forms::decimal(v.volume_no)) last_no[scope] = std::max(last_no[scope], *n);
  }
  struct VolumeTask { std::string folder, volume_no, archived, key; const std::vector<const ItemFacts*>* items; };
  std::vector<VolumeTask> tasks;
  const std::string head = std::string(o.fonds) + o.name + o.fonds_name + (public_volumes ? "\npublic" : "") +
                           pdfa_key(s, {filing::DerivedOutput::Volumes});
  // 案卷号 in the order of the cases' 件号 (the plan numbers a year's cases in the order of their 案号),
  // not of their folders' names, where 〔2024〕3号 came after 〔2024〕35号.
  std::vector<std::pair<std::string, decltype(cases)::value_type*>> by_first_item;  // first 档号 → case
  for (auto& c : cases) {
    std::string first;
    for (const ItemFacts* m : c.second)
      if (first.empty() || m->code < first) first = m->code;
    by_first_item.push_back({first, &c});
  }
  std::sort(by_first_item.begin(), by_first_item.end(),
            [](const auto& a, const auto& b) { return std::tie(a.first, a.second->first) < std::tie(b.first, b.second->first); });
  for (const auto& [first_code, c] : by_first_item) {
    const std::string& folder = c->first;
    std::vector<const ItemFacts*>& members = c->second;
    if (folder.empty()) continue;
    std::string scope = fs::path(folder).parent_path().string();
    auto at = prev_vols.find(folder);
    const EntrySummary prev_none;
    const EntrySummary& prev = at != prev_vols.end() ? at->second : prev_none;
    std::string volume_no = prev.volume_no;
    if (volume_no.empty()) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "%03d", ++last_no[scope] % 100000);
      volume_no = buf;
    }
    std::string archived = prev.archived;
    if (archived.empty()) archived = opt.run_date;
    std::string k = std::string(kGenerator) + "\n" + volume_no + "\n" + archived + "\n" + head;
    std::sort(members.begin(), members.end(), [](const ItemFacts* a, const ItemFacts* b) { return a->code < b->code; });
    for (const ItemFacts* it : members)
      k += "\n" + it->code + " " + it->original_sha + " " + it->title + " " + it->date + " " + it->volume + " " +
           std::to_string(it->slot_order) + " " + std::to_string(it->doc_number) + " " + it->retention + " " + it->case_number;
    std::string key = sha256_hex(k);
    if (!reuse(1, folder, key)) tasks.push_back({folder, volume_no, archived, key, &members});
  }
  auto payload = [&](size_t i) {
    const VolumeTask& t = tasks[i];
    json members = json::array();
    for (const ItemFacts* f : *t.items)
      if (std::optional<json> item = whole_item(*f)) members.push_back(std::move(*item));
    return json{{"folder", t.folder}, {"items", std::move(members)}, {"volume_no", t.volume_no}, {"archived", t.archived}, {"key", t.key}};
  };
  run_derive_tasks(tasks.size(), payload, work, volume_pool, [&](size_t i, const json& result) {
    json entry = result;
    if (result.contains("error")) {
      entry = failed(result, "案卷");
      entry["volume_no"] = tasks[i].volume_no;
      entry["archived"] = tasks[i].archived;
    } else {
      ++rebuilt;
    }
    set(1, tasks[i].folder, std::move(entry));
  });
  volume_report(cases);
}

void DerivedNight::volume_report(const std::map<std::string, std::vector<const ItemFacts*>>& cases) {
  const auto& vols = next[1];
  for (const auto& [folder, members] : cases) {
    auto at = folder.empty() ? vols.end() : vols.find(folder);
    if (at == vols.end()) continue;
    const EntrySummary& entry = at->second;
    report["volumes"].push_back({{"case_folder", folder}, {"case_number", entry.case_number},
                                 {"volume_no", entry.volume_no}, {"pages", entry.pages},
                                 {"path", (fs::path(folder) / "案卷.pdf").string()},
                                 {"problems", entry.problems.empty() ? json::array() : json::parse(entry.problems, nullptr, false)}});
  }
}

}  // namespace night

json build_derived(const ManifestItems& manifest_items, const fs::path& root, const filing::Scheme& s, const filing::Office& o,
                   const DerivedOptions& opt) {
  night::DerivedNight night{root, s, o, opt};
  if (opt.facts) night.items = std::move(*opt.facts);
  else manifest_items(nullptr, [&](size_t row, const json& item) { night.items.push_back(item_facts(row, item, s)); });
  // OFD copies: a source-PDF page the reading copy's task draws is drawn once, the 案卷's task finds
  // it in the night's work area (ofd_copy.h PagePictures), removed once the volumes are done.
  if (s.wants_ofd(filing::DerivedOutput::ReadingCopies) && s.wants_ofd(filing::DerivedOutput::Volumes))
    night.ctx.page_pictures.dir = root / ".staging" / "ofd-pages";
  // A volume copies every page of its case, a catalogue lists a year: more time than one reading copy.
  night.volume_pool.timeout_s = std::max(night.volume_pool.timeout_s, 600.0);
  night.derive_items();
  night.report_items();
  if (opt.volumes) night.derive_volumes();
  if (!night.ctx.page_pictures.dir.empty()) {
    std::error_code ec;
    fs::remove_all(night.ctx.page_pictures.dir, ec);
  }
  if (opt.catalogues) night.derive_catalogues();
  night.remove_stale();
  std::string err;
  // Every output written above is durable before the state that vouches for it (one syncfs).
  if (!sync_filesystem(root, err)) throw std::runtime_error(err);
  // The stamps go to the catalogue, after derived.json: a crash in between leaves stamps of other
  // SHA-256s or other files, which the next night does not trust (it re-hashes those outputs).
  if (night.state_changed()) night.write_state();
  night.keep_entries();
  night.keep_stamps();
  // Tasks end in any order: the notes in path order, so that the same night writes the same report.
  json& notes = night.report["preservation_notes"];
  std::sort(notes.begin(), notes.end(), [](const json& a, const json& b) { return a.value("path", "") < b.value("path", ""); });
  night.report["derived_counts"] = {{"rebuilt", night.rebuilt}, {"reused", night.reused}};
  if (night.interrupted) night.report["interrupted_tasks"] = night.interrupted;
  mask_json_strings(night.report);
  return std::move(night.report);
}

}  // namespace lh::package
