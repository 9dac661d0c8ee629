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

#include "filing/catalogue.h"
#include "normalize/fields.h"
#include "package/derive_pool.h"
#include "package/test_hooks.h"
#include "package/derive_tasks.h"
#include "package/derived_state.h"
#include "compose/catalogue_doc.h"
#include "package/files.h"
#include "package/manifest.h"
#include "package/preservation.h"
#include "compose/volume.h"
#include "compose/volume_forms.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

constexpr const char* kGenerator = kDerivedGenerator;

using Stamps = std::map<std::string, filing::DerivedStamp>;

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

// The XMP of a year's 归档文件目录 (DA/T 22-2015 §7.2): title, 全宗 as 责任者, the last document's date.
pdf::PdfaMetadata catalogue_pdfa_metadata(const compose::CatalogueSpec& spec) {
  pdf::PdfaMetadata m;
  m.title = "归档文件目录 " + spec.category_name + " " + spec.year;
  m.author = spec.office.empty() ? spec.fonds_name : spec.office;
  m.date = spec.date;
  for (const auto& [name, v] : {std::pair<const char*, std::string>{"全宗号", spec.fonds}, {"年度", spec.year}, {"保管期限", spec.retention},
                                {"题名", m.title}, {"责任者", m.author}, {"日期", spec.date}, {"立档单位名称", spec.office}})
    if (!v.empty()) m.dat46.emplace_back(name, v);
  return m;
}

}  // namespace

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

namespace {

const auto& kSections = kDerivedSections;

// Last night's state in the catalogue (derived_state.h): derived.json imported whole when the rows do
// not vouch for it (or when asked to, the oracle); true when that state has the generator's shape.
bool stored_state_ready(const DerivedOptions& opt, const fs::path& root) {
  if (!opt.catalogue) throw std::invalid_argument("build_derived: the derived outputs' state lives in the catalogue");
  if (!opt.whole_state_file && stored_state_current(*opt.catalogue, root)) return true;
  return import_state_file(*opt.catalogue, root);
}

// One night's derived outputs. Last night's entries (their summaries) are moved, not copied, into
// tonight's state as they are found reusable: the parent holds the state once (issue 12 §4), and
// what is left of `old_state` at the end is what was rebuilt or is gone (stale files, whether
// derived.json changed). Each entry's text stays in the catalogue, or in `fresh` when made tonight.
struct DerivedNight {
  const fs::path& root;
  const filing::Scheme& s;
  const filing::Office& o;
  const DerivedOptions& opt;
  const bool old_shape = stored_state_ready(opt, root);
  filing::Catalogue& cat = *opt.catalogue;
  StoredState old_state = read_stored_state(cat);
  EntryTexts fresh;
  const Stamps recorded = cat.derived_stamps();
  Stamps stamps;  // tonight's outputs' stamps that are not the ones recorded, for the catalogue
  std::vector<ItemFacts> items;
  StoredState next;
  json report = {{"volumes", json::array()}, {"record_issues", json::array()}, {"placeholders", json::array()},
                 {"catalogues", json::array()}, {"reading_copy_issues", json::array()}};
  size_t rebuilt = 0, reused = 0;
  size_t interrupted = 0;  // tasks whose worker crashed or timed out (derive_pool.h): tried again tomorrow
  size_t reused_in[3] = {0, 0, 0};  // per kSections
  bool public_copies = s.is_public(filing::DerivedOutput::ReadingCopies);
  bool public_records = s.is_public(filing::DerivedOutput::UniformRecords);
  bool public_volumes = s.is_public(filing::DerivedOutput::Volumes);
  DeriveContext ctx{root, &s, &o, opt, public_copies, public_records, public_volumes, {}};
  DeriveFn work = [this](const json& payload) {
    return payload.contains("folder") ? derive_volume(payload, ctx) : derive_item(payload, ctx);
  };
  ingest::PoolOptions volume_pool = opt.pool;

  bool reuse(int section, const std::string& name, const std::string& key);
  void set(int section, const std::string& name, json entry);
  json failed(const json& result, const std::string& what);
  std::optional<json> whole_item(const ItemFacts& f) const;
  void derive_items();
  void report_items();
  void derive_volumes();
  void volume_report(const std::map<std::string, std::vector<const ItemFacts*>>& cases);
  void derive_catalogues();
  void remove_stale() const;
  bool state_changed() const;
  void write_checkpoint() const;
  void write_state() const;
  void keep_entries() const;
  void keep_stamps() const;
};

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
  take_entry_stamps(entry, stamps);
  fresh[static_cast<size_t>(section)][name] = entry_text(entry);
  next[static_cast<size_t>(section)][name] = entry_summary(entry);
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

}  // namespace

namespace {

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
  for (auto& [folder, members] : cases) {
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

// One 门类/年度's 归档文件目录 as drawn, from its items' facts and tonight's item entries (文号, 责任者, pages).
compose::CatalogueSpec catalogue_spec(const std::string& category, int year, const std::vector<const ItemFacts*>& members,
                                      const std::map<std::string, EntrySummary>& item_entries, const filing::Scheme& s,
                                      const filing::Office& o) {
  const filing::Category* c = s.category(category);
  compose::CatalogueSpec spec;
  spec.fonds = o.fonds;
  spec.fonds_name = o.fonds_name;
  spec.year = std::to_string(year);
  spec.organisation = o.organisation;
  spec.category_name = c ? c->name : category;
  spec.office = o.name;
  std::set<std::string> periods;
  std::string maxdate;
  static const EntrySummary kNone;
  for (const ItemFacts* it : members) {
    auto at = item_entries.find(it->code);
    const EntrySummary& st = at != item_entries.end() ? at->second : kNone;
    compose::CatalogueRow r;
    r.archival_code = it->code;
    r.doc_number = st.doc_number;
    r.author = !st.author.empty() ? st.author : o.name;
    r.title = it->title;
    r.date8 = compose::date8(it->date);
    r.pages = st.pages > 0 ? std::to_string(st.pages) : "";
    if (st.how == "placeholder") r.remark = "原件损坏";
    spec.rows.push_back(std::move(r));
    periods.insert(s.period(it->retention) ? s.period(it->retention)->name : it->retention);
    maxdate = std::max(maxdate, it->date);
  }
  for (const auto& p : periods) spec.retention += (spec.retention.empty() ? "" : "、") + p;
  spec.date = maxdate.size() >= 10 ? maxdate.substr(0, 10) : "";
  return spec;
}

std::string catalogue_key(const compose::CatalogueSpec& spec, const filing::Scheme& s) {
  std::string k = std::string(kGenerator) + "\n" + spec.fonds + spec.fonds_name + spec.organisation + spec.office +
                  spec.retention + spec.date + pdfa_key(s, {filing::DerivedOutput::Catalogues});
  for (const auto& r : spec.rows)
    k += "\n" + r.archival_code + "|" + r.doc_number + "|" + r.author + "|" + r.title + "|" + r.date8 + "|" + r.pages + "|" + r.remark;
  return sha256_hex(k);
}

// 3. 归档文件目录 per 门类 and 年度.
void DerivedNight::derive_catalogues() {
  struct CatalogueTask { std::string folder, key; compose::CatalogueSpec spec; };
  std::vector<CatalogueTask> catalogue_tasks;
  std::vector<std::string> catalogue_folders;
  std::map<std::pair<std::string, int>, std::vector<const ItemFacts*>> groups;
  for (const ItemFacts& f : items) groups[{f.category, f.year}].push_back(&f);
  for (auto& [g, members] : groups) {
    if (g.first.empty() || g.second == 0) continue;
    compose::CatalogueSpec spec = catalogue_spec(g.first, g.second, members, next[0], s, o);
    std::string folder = (fs::path(g.first) / spec.year).string();
    std::string key = catalogue_key(spec, s);
    if (!reuse(2, folder, key)) catalogue_tasks.push_back({folder, key, std::move(spec)});
    catalogue_folders.push_back(folder);
  }
  groups.clear();
  const fs::path& root = this->root;
  // Rendered in the workers too: a year's catalogue of thousands of rows is a long table, and the
  // fonts it loads would otherwise stay mapped in the parent for the rest of the night. A worker
  // is forked with catalogue_tasks in its memory, so a task names its index only.
  const bool catalogue_pdfa = s.wants_pdfa(filing::DerivedOutput::Catalogues);
  const bool catalogue_ofd = s.wants_ofd(filing::DerivedOutput::Catalogues);
  const DeriveFn draw = [&catalogue_tasks, &root, catalogue_pdfa, catalogue_ofd](const json& payload) {
    const CatalogueTask& t = catalogue_tasks.at(payload.at("catalogue").get<size_t>());
    return derive_catalogue(root, t.folder, t.key, t.spec, catalogue_pdfa, catalogue_ofd, catalogue_pdfa_metadata(t.spec));
  };
  run_derive_tasks(catalogue_tasks.size(), [](size_t i) { return json{{"catalogue", i}}; }, draw, volume_pool,
                   [&](size_t i, const json& result) {
                     const CatalogueTask& t = catalogue_tasks[i];
                     if (result.contains("error")) {
                       json e = failed(result, "归档文件目录");
                       e["rows"] = t.spec.rows.size();
                       set(2, t.folder, std::move(e));
                     } else {
                       set(2, t.folder, result);
                       ++rebuilt;
                     }
                   });
  for (const auto& folder : catalogue_folders) {
    auto at = next[2].find(folder);
    report["catalogues"].push_back({{"folder", folder}, {"rows", at != next[2].end() ? at->second.rows : 0}});
  }
}

// 4. Outputs no longer produced (an item renamed, a case regrouped): removed. Only last night's
// entries not reused can name one (a reused entry is tonight's, files and all).
void DerivedNight::remove_stale() const {
  std::set<std::string> gone;
  for (const auto& sec : old_state)
    for (const auto& [name, v] : sec)
      for (const auto& [p, sha] : v.files)
        if (!p.empty() && p.find("..") == std::string::npos) gone.insert(p);
  if (gone.empty()) return;
  for (const auto& sec : next)
    for (const auto& [name, v] : sec)
      for (const auto& [p, sha] : v.files) gone.erase(p);
  for (const auto& p : gone) {
    std::error_code ec;
    fs::remove(root / p, ec);
  }
}

// Tonight's state differs from last night's: what is left of the old one (rebuilt or gone) is not
// exactly what tonight built, compared by the entries' texts (without walking the reused ones).
bool DerivedNight::state_changed() const {
  if (!old_shape) return true;
  for (size_t i = 0; i < 3; ++i) {
    if (next[i].size() != reused_in[i] + old_state[i].size()) return true;
    for (const auto& [name, e] : old_state[i]) {
      auto f = fresh[i].find(name);  // an old entry left over and in tonight's state was rebuilt
      if (f == fresh[i].end() || f->second != cat.derived_entry_text(kSections[i], name)) return true;
    }
  }
  return false;
}

// The last state with the items rendered so far laid over it (volumes and catalogues as they were;
// stale outputs are only removed at the end). Each output's SHA-256 is in it, so a file torn by a
// crash after the checkpoint is found out and rebuilt. An item rebuilt without success (no key)
// leaves last night's entry in place; last night's entries still stored are written as they are.
void DerivedNight::write_checkpoint() const {
  std::array<std::vector<std::string>, 3> names;
  EntryTexts texts;
  for (size_t i = 0; i < 3; ++i) {
    std::set<std::string> all;
    for (const auto& [name, e] : old_state[i]) all.insert(name);
    for (const auto& [name, e] : next[i]) {
      if (e.key.empty()) continue;
      all.insert(name);
      if (auto f = fresh[i].find(name); f != fresh[i].end()) texts[i].insert(*f);
    }
    names[i].assign(all.begin(), all.end());
  }
  write_state_texts(root / "derived.json", names, texts, cat);
  kill_point("checkpoint");
}

// Tonight's state to derived.json, from the entries' texts: tonight's, and the stored ones of the
// entries reused (derived_state.h: the bytes dump_json writes of the whole state).
void DerivedNight::write_state() const {
  std::array<std::vector<std::string>, 3> names;
  for (size_t i = 0; i < 3; ++i)
    for (const auto& [name, e] : next[i]) names[i].push_back(name);
  write_state_texts(root / "derived.json", names, fresh, cat);
}

// The catalogue's rows brought up to tonight's state with the stamp of derived.json as it is now:
// tonight's entries written, the gone ones removed, the reused ones left as they are.
void DerivedNight::keep_entries() const {
  const std::string stamp = derived_json_stamp(root);
  bool same = stamp == cat.state(kStateDerivedStamp);
  for (size_t i = 0; i < 3 && same; ++i) same = fresh[i].empty() && old_state[i].empty();
  if (same) return;  // nothing rebuilt, nothing gone: no transaction
  filing::Catalogue::DerivedRows rows(cat, false);
  for (size_t i = 0; i < 3; ++i) {
    for (const auto& [name, text] : fresh[i])
      if (auto at = next[i].find(name); at != next[i].end()) rows.put({kSections[i], name, encode_summary(at->second), text});
    for (const auto& [name, e] : old_state[i])
      if (!next[i].count(name)) rows.drop(kSections[i], name);
  }
  rows.commit(kStateDerivedStamp, stamp);
}

// The catalogue's stamps brought up to tonight's outputs: those written or found changed tonight
// recorded, those of outputs no longer listed removed (the others stand as recorded).
void DerivedNight::keep_stamps() const {
  std::vector<std::string_view> listed;  // every file tonight's state lists, sorted
  for (const auto& sec : next)
    for (const auto& [name, e] : sec)
      for (const auto& [path, sha] : e.files) listed.push_back(path);
  std::sort(listed.begin(), listed.end());
  std::vector<std::string> gone;
  auto at = listed.begin();
  for (const auto& [path, st] : recorded) {
    at = std::lower_bound(at, listed.end(), std::string_view(path));
    if ((at == listed.end() || *at != path) && !stamps.count(path)) gone.push_back(path);
  }
  cat.update_derived_stamps(stamps, gone);
}

}  // namespace

json build_derived(const ManifestItems& manifest_items, const fs::path& root, const filing::Scheme& s, const filing::Office& o,
                   const DerivedOptions& opt) {
  DerivedNight night{root, s, o, opt};
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
  night.report["derived_counts"] = {{"rebuilt", night.rebuilt}, {"reused", night.reused}};
  if (night.interrupted) night.report["interrupted_tasks"] = night.interrupted;
  mask_json_strings(night.report);
  return std::move(night.report);
}

}  // namespace lh::package
