#include "model/markup.h"
#include "package/volume_run.h"

#include <charconv>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "filing/catalogue.h"
#include "normalize/fields.h"
#include "package/derive_pool.h"
#include "package/test_hooks.h"
#include "package/derive_tasks.h"
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

// Part of every key: a new generator (2: 页号 on volumes, 责任者 per document, public outputs
// masked) rebuilds every output once, and a state of another generator is not read.
constexpr const char* kGenerator = "lianghua-derived/3";  // 3: document facts by type (issue 9 §3)

using Stamps = std::map<std::string, filing::DerivedStamp>;

// Last night's state entry, when its key is tonight's and every file it lists is intact: known by
// the stamp the catalogue recorded when it was written, re-hashed only when that differs
// (derive_tasks.h). The returned copy carries the files' stamps now (moved to the catalogue at the
// end). Null: build it again. `lianghua verify` re-hashes all.
json reusable(const json& prev, const std::string& key, const fs::path& root, const Stamps& recorded) {
  if (!prev.is_object() || prev.value("key", "") != key) return nullptr;
  json e = prev;
  auto files = e.find("files");
  if (files == e.end() || !files->is_array() || files->empty()) return nullptr;
  for (auto& f : *files) {
    auto it = f.is_object() ? recorded.find(f.value("path", "")) : recorded.end();
    if (!derived_file_intact(root, f, it == recorded.end() ? nullptr : &it->second)) return nullptr;
  }
  return e;
}

bool is_case(const filing::Scheme& s, const json& item) {
  const filing::Category* c = s.category(item.value("category", ""));
  return c && c->kind == filing::CategoryKind::Case;
}

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

// The last state with the items rendered so far laid over it (volumes and catalogues as they were;
// stale outputs are only removed at the end). Each output's SHA-256 is in it, so a file torn by a
// crash after the checkpoint is found out and rebuilt.
void write_checkpoint(const fs::path& root, const json& old_state, const json& done_items) {
  json st = old_state.is_object() && !old_state.empty() ? old_state : json{{"format", kGenerator}};
  st["format"] = kGenerator;
  for (const auto& [code, e] : done_items.items())
    if (!e.value("key", "").empty()) st["items"][code] = e;
  take_stamps(st);  // machine state, not derived.json's: these outputs are hashed once after a crash
  std::string err;
  if (!write_atomic(root / "derived.json", dump_json(st), err)) throw std::runtime_error(err);
  kill_point("checkpoint");
}

// Part of a derived output's key when the scheme asks for it as PDF/A-2b or with an OFD-A copy, so
// switching a preservation format on or off rebuilds the outputs once (and nothing changes for a
// scheme that never asks).
std::string pdfa_key(const filing::Scheme& s, std::initializer_list<filing::DerivedOutput> outputs) {
  std::string k, o_k;
  for (filing::DerivedOutput o : outputs) {
    if (s.wants_pdfa(o)) k += std::string(k.empty() ? "\npdfa-2b:" : " ") + filing::derived_output_name(o);
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

json build_derived(const json& manifest, const fs::path& root, const filing::Scheme& s, const filing::Office& o,
                   const DerivedOptions& opt) {
  json state;
  {
    std::ifstream in(root / "derived.json", std::ios::binary);
    if (in) {
      std::ostringstream ss;
      ss << in.rdbuf();
      state = json::parse(ss.str(), nullptr, false);
    }
    if (!state.is_object() || state.value("format", "") != kGenerator) state = json::object();
    take_stamps(state);  // a derived.json that still carried stamps (a development build's) is read without them
  }
  const json old_state = std::move(state);
  const Stamps recorded = opt.catalogue ? opt.catalogue->derived_stamps() : Stamps();
  static const json kNoItems = json::array();
  const json& all_items = manifest.contains("items") && manifest["items"].is_array() ? manifest["items"] : kNoItems;
  json next = {{"format", kGenerator}, {"items", json::object()}, {"volumes", json::object()}, {"catalogues", json::object()}};
  json report = {{"volumes", json::array()}, {"record_issues", json::array()}, {"placeholders", json::array()},
                 {"catalogues", json::array()}, {"reading_copy_issues", json::array()}};
  size_t rebuilt = 0, reused = 0;

  const bool public_copies = s.is_public(filing::DerivedOutput::ReadingCopies);
  const bool public_records = s.is_public(filing::DerivedOutput::UniformRecords);
  const bool public_volumes = s.is_public(filing::DerivedOutput::Volumes);
  DeriveContext ctx{root, &s, &o, opt, public_copies, public_records, public_volumes, {}};
  // OFD copies: a source-PDF page the reading copy's task draws is drawn once, the 案卷's task finds
  // it in the night's work area (ofd_copy.h PagePictures), removed once the volumes are done.
  if (s.wants_ofd(filing::DerivedOutput::ReadingCopies) && s.wants_ofd(filing::DerivedOutput::Volumes))
    ctx.page_pictures.dir = root / ".staging" / "ofd-pages";
  const DeriveFn work = [&ctx](const json& payload) {
    return payload.contains("folder") ? derive_volume(payload, ctx) : derive_item(payload, ctx);
  };
  // A task the worker could not finish leaves an entry without a key, so the next run tries again.
  auto failed_entry = [](const json& result, const std::string& what) {
    return json{{"key", ""}, {"files", json::array()}, {"pages", 0}, {"how", "failed"},
                {"problem", what + "未能生成：" + result.value("error", "")}, {"problems", json::array({what + "未能生成：" + result.value("error", "")})}};
  };

  // 1. Per item: reading copy with the 归档章, uniform inspection records, page count, 文号, 责任者.
  std::vector<const json*> item_tasks;  // the manifest's own entries: no copies (peak memory)
  std::vector<std::string> item_keys, item_codes;
  for (const auto& item : all_items) {
    std::string code = item.value("archival_code", "");
    if (code.empty() || original_of(item).empty()) continue;
    std::string key = sha256_hex(std::string(kGenerator) + "\n" + code + "\n" + original_sha_of(item) + "\n" + item.value("title", "") +
                                 "\n" + item.value("format", "") + "\n" + o.organisation + "\n" + o.fonds + "\n" + o.name +
                                 "\npublic:" + (public_copies ? "reading-copies " : "") + (public_records ? "uniform-records" : "") +
                                 pdfa_key(s, {filing::DerivedOutput::ReadingCopies, filing::DerivedOutput::UniformRecords}));
    const json& prev = old_state.contains("items") && old_state["items"].contains(code) ? old_state["items"][code] : json();
    if (json e = reusable(prev, key, root, recorded); !e.is_null()) {
      next["items"][code] = std::move(e);
      ++reused;
    } else {
      item_tasks.push_back(&item);
      item_keys.push_back(key);
      item_codes.push_back(code);
    }
  }
  size_t items_done = 0;
  auto item_payload = [&](size_t i) { return json{{"item", *item_tasks[i]}, {"key", item_keys[i]}}; };
  run_derive_tasks(item_tasks.size(), item_payload, work, opt.pool, [&](size_t i, const json& result) {
    next["items"][item_codes[i]] = result.contains("error") ? failed_entry(result, "阅览本") : result;
    if (!result.contains("error")) ++rebuilt;
    if (opt.progress) opt.progress(++items_done, item_tasks.size(), item_codes[i]);
    // A first night renders thousands of copies: every checkpoint_interval(), the state records those
    // done so far, so a run killed now resumes where it stopped instead of rendering them all again.
    if (items_done % checkpoint_interval() == 0) write_checkpoint(root, old_state, next["items"]);
  });
  item_tasks.clear();
  for (const auto& item : all_items) {
    std::string code = item.value("archival_code", "");
    if (!next["items"].contains(code)) continue;
    const json& e = next["items"][code];
    for (const auto& ri : e.value("record_issues", json::array())) {
      json r = ri;
      r["archival_code"] = code;
      report["record_issues"].push_back(r);
    }
    if (e.value("how", "") == "placeholder")
      report["placeholders"].push_back({{"archival_code", code}, {"title", item.value("title", "")}, {"reason", e.value("problem", "")}});
    if (e.value("how", "") != "placeholder" && !e.value("problem", "").empty())
      report["reading_copy_issues"].push_back({{"archival_code", code}, {"title", item.value("title", "")}, {"issue", e.value("problem", "")}});
  }

  // A volume copies every page of its case, a catalogue lists a year: more time than one reading copy.
  ingest::PoolOptions volume_pool = opt.pool;
  volume_pool.timeout_s = std::max(volume_pool.timeout_s, 600.0);

  // 2. Case volumes.
  if (opt.volumes) {
    std::map<std::string, std::vector<const json*>> cases;  // case folder → its items in the manifest
    for (const auto& item : all_items)
      if (is_case(s, item) && !original_of(item).empty()) cases[case_folder_of(item)].push_back(&item);
    // 案卷号: 3 digits, allocated once per 门类/年度 in case-folder order, kept in derived.json.
    std::map<std::string, int> last_no;
    json prev_vols = old_state.value("volumes", json::object());
    for (auto& [folder, v] : prev_vols.items()) {
      std::string scope = fs::path(folder).parent_path().string();
      // A 案卷号 that is not a number (edited by hand) allocates nothing: the next one is counted
      // from the numbers that are.
      if (auto n = compose::forms::decimal(v.value("volume_no", ""))) last_no[scope] = std::max(last_no[scope], *n);
    }
    struct VolumeTask { std::string folder, volume_no, archived, key; const std::vector<const json*>* items; };
    std::vector<VolumeTask> volume_tasks;
    for (auto& [folder, items] : cases) {
      if (folder.empty()) continue;
      std::string scope = fs::path(folder).parent_path().string();
      const json& prev = prev_vols.contains(folder) ? prev_vols[folder] : json();
      std::string volume_no = prev.is_object() ? prev.value("volume_no", "") : "";
      if (volume_no.empty()) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%03d", ++last_no[scope] % 100000);
        volume_no = buf;
      }
      std::string archived = prev.is_object() ? prev.value("archived", "") : "";
      if (archived.empty()) archived = opt.run_date;
      std::string k = std::string(kGenerator) + "\n" + volume_no + "\n" + archived + "\n" + o.fonds + o.name + o.fonds_name +
                      (public_volumes ? "\npublic" : "") + pdfa_key(s, {filing::DerivedOutput::Volumes});
      std::sort(items.begin(), items.end(), [](const json* a, const json* b) {
        return a->value("archival_code", "") < b->value("archival_code", "");
      });
      for (const json* p : items) {
        const json& it = *p;
        k += "\n" + it.value("archival_code", "") + " " + original_sha_of(it) + " " + it.value("title", "") + " " +
             it.value("date", "") + " " + it.value("volume", "") + " " + std::to_string(it.value("slot_order", 0)) + " " +
             std::to_string(it.value("doc_number", 0)) + " " + it.value("retention", "") + " " + it.value("case_number", "");
      }
      std::string key = sha256_hex(k);
      if (json e = reusable(prev, key, root, recorded); !e.is_null()) {
        next["volumes"][folder] = std::move(e);
        ++reused;
      } else {
        volume_tasks.push_back({folder, volume_no, archived, key, &items});
      }
    }
    auto volume_payload = [&](size_t i) {
      const VolumeTask& t = volume_tasks[i];
      json items = json::array();
      for (const json* it : *t.items) items.push_back(*it);
      return json{{"folder", t.folder}, {"items", std::move(items)}, {"volume_no", t.volume_no}, {"archived", t.archived}, {"key", t.key}};
    };
    run_derive_tasks(volume_tasks.size(), volume_payload, work, volume_pool, [&](size_t i, const json& result) {
      json entry = result;
      if (result.contains("error")) {
        entry = failed_entry(result, "案卷");
        entry["volume_no"] = volume_tasks[i].volume_no;
        entry["archived"] = volume_tasks[i].archived;
      } else {
        ++rebuilt;
      }
      next["volumes"][volume_tasks[i].folder] = entry;
    });
    for (const auto& [folder, items] : cases) {
      if (folder.empty() || !next["volumes"].contains(folder)) continue;
      const json& entry = next["volumes"][folder];
      report["volumes"].push_back({{"case_folder", folder}, {"case_number", entry.value("case_number", "")},
                                   {"volume_no", entry.value("volume_no", "")}, {"pages", entry.value("pages", 0)},
                                   {"path", (fs::path(folder) / "案卷.pdf").string()},
                                   {"problems", entry.value("problems", json::array())}});
    }
  }

  if (!ctx.page_pictures.dir.empty()) {
    std::error_code ec;
    fs::remove_all(ctx.page_pictures.dir, ec);
  }

  // 3. 归档文件目录 per 门类 and 年度.
  if (opt.catalogues) {
    struct CatalogueTask { std::string folder, key; compose::CatalogueSpec spec; };
    std::vector<CatalogueTask> catalogue_tasks;
    std::vector<std::string> catalogue_folders;
    std::map<std::pair<std::string, int>, std::vector<const json*>> groups;
    for (const auto& item : all_items)
      groups[{item.value("category", ""), item.value("year", 0)}].push_back(&item);
    for (auto& [g, items] : groups) {
      if (g.first.empty() || g.second == 0) continue;
      const filing::Category* c = s.category(g.first);
      compose::CatalogueSpec spec;
      spec.fonds = o.fonds;
      spec.fonds_name = o.fonds_name;
      spec.year = std::to_string(g.second);
      spec.organisation = o.organisation;
      spec.category_name = c ? c->name : g.first;
      spec.office = o.name;
      std::set<std::string> periods;
      std::string maxdate;
      for (const json* it : items) {
        std::string code = it->value("archival_code", "");
        const json& st = next["items"].contains(code) ? next["items"][code] : json();
        compose::CatalogueRow r;
        r.archival_code = code;
        r.doc_number = st.is_object() ? st.value("doc_number", "") : "";
        r.author = st.is_object() && !st.value("author", "").empty() ? st.value("author", "") : o.name;
        r.title = it->value("title", "");
        r.date8 = compose::date8(it->value("date", ""));
        r.pages = st.is_object() && st.value("pages", 0) > 0 ? std::to_string(st.value("pages", 0)) : "";
        if (st.is_object() && st.value("how", "") == "placeholder") r.remark = "原件损坏";
        spec.rows.push_back(std::move(r));
        std::string rc = it->value("retention", "");
        periods.insert(s.period(rc) ? s.period(rc)->name : rc);
        maxdate = std::max(maxdate, it->value("date", ""));
      }
      for (const auto& p : periods) spec.retention += (spec.retention.empty() ? "" : "、") + p;
      spec.date = maxdate.size() >= 10 ? maxdate.substr(0, 10) : "";
      std::string folder = (fs::path(g.first) / spec.year).string();
      std::string k = std::string(kGenerator) + "\n" + spec.fonds + spec.fonds_name + spec.organisation + spec.office +
                      spec.retention + spec.date + pdfa_key(s, {filing::DerivedOutput::Catalogues});
      for (const auto& r : spec.rows)
        k += "\n" + r.archival_code + "|" + r.doc_number + "|" + r.author + "|" + r.title + "|" + r.date8 + "|" + r.pages + "|" +
             r.remark;
      std::string key = sha256_hex(k);
      const json prev = old_state.contains("catalogues") && old_state["catalogues"].contains(folder)
                            ? old_state["catalogues"][folder] : json();
      if (json e = reusable(prev, key, root, recorded); !e.is_null()) {
        next["catalogues"][folder] = std::move(e);
        ++reused;
      } else {
        catalogue_tasks.push_back({folder, key, std::move(spec)});
      }
      catalogue_folders.push_back(folder);
    }
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
                         json e = failed_entry(result, "归档文件目录");
                         e["rows"] = t.spec.rows.size();
                         next["catalogues"][t.folder] = e;
                       } else {
                         next["catalogues"][t.folder] = result;
                         ++rebuilt;
                       }
                     });
    for (const auto& folder : catalogue_folders)
      report["catalogues"].push_back({{"folder", folder}, {"rows", next["catalogues"][folder].value("rows", 0)}});
  }

  // 4. Outputs no longer produced (an item renamed, a case regrouped): remove them.
  std::set<std::string> now;
  for (const char* sec : {"items", "volumes", "catalogues"})
    for (auto& [k2, v] : next[sec].items())
      for (const auto& f : v.value("files", json::array())) now.insert(f.value("path", ""));
  for (const char* sec : {"items", "volumes", "catalogues"})
    if (old_state.contains(sec))
      for (auto& [k2, v] : old_state[sec].items())
        for (const auto& f : v.value("files", json::array())) {
          std::string p = f.value("path", "");
          if (!p.empty() && !now.count(p) && p.find("..") == std::string::npos) {
            std::error_code ec;
            fs::remove(root / p, ec);
          }
        }
  std::string err;
  // Every output written above is durable before the state that vouches for it (one syncfs).
  if (!sync_filesystem(root, err)) throw std::runtime_error(err);
  // The stamps go to the catalogue, after derived.json: a crash in between leaves stamps of other
  // SHA-256s or other files, which the next night does not trust (it re-hashes those outputs).
  const Stamps stamps = take_stamps(next);
  // Compared as trees (objects are ordered maps: equal trees dump to equal bytes), not dumped twice.
  if (next != old_state && !write_atomic(root / "derived.json", dump_json(next), err)) throw std::runtime_error(err);
  if (opt.catalogue) opt.catalogue->update_derived_stamps(recorded, stamps);
  report["derived_counts"] = {{"rebuilt", rebuilt}, {"reused", reused}};
  mask_json_strings(report);
  return report;
}

namespace {

// Reading copies a person has to look at: a 归档章 with no blank top area to sit on, a public copy
// whose copied PDF pages show a personal number lianghua cannot mask (issue 5 §5).
std::string reading_copy_issues_html(const json& d) {
  const json rows = d.value("reading_copy_issues", json::array());
  if (rows.empty()) return {};
  std::string h = "<h2>阅览本：需要人工处理的问题</h2>\n<table><tr><th>档号</th><th>题名</th><th>问题</th></tr>\n";
  for (const auto& r : rows)
    h += "<tr><td>" + model::markup_escape(r.value("archival_code", "")) + "</td><td>" + model::markup_escape(r.value("title", "")) +
         "</td><td class=\"bad\">" + model::markup_escape(r.value("issue", "")) + "</td></tr>\n";
  return h + "</table>\n";
}

}  // namespace

std::string derived_report_html(const json& d) {
  std::string h = "<h2>案卷</h2>\n<table><tr><th>案卷</th><th>案卷号</th><th>页数</th><th>问题</th></tr>\n";
  for (const auto& v : d.value("volumes", json::array())) {
    std::string probs;
    for (const auto& p : v.value("problems", json::array())) probs += (probs.empty() ? "" : "<br>") + model::markup_escape(p.get<std::string>());
    h += "<tr><td>" + model::markup_escape(v.value("path", "")) + "</td><td>" + model::markup_escape(v.value("volume_no", "")) + "</td><td>" +
         std::to_string(v.value("pages", 0)) + "</td><td class=\"" + (probs.empty() ? "ok\">无" : "bad\">" + probs) + "</td></tr>\n";
  }
  h += "</table>\n<h2>无法编入的原件（占位页）</h2>\n<table><tr><th>档号</th><th>题名</th><th>原因</th></tr>\n";
  for (const auto& p : d.value("placeholders", json::array()))
    h += "<tr><td>" + model::markup_escape(p.value("archival_code", "")) + "</td><td>" + model::markup_escape(p.value("title", "")) + "</td><td class=\"bad\">" +
         model::markup_escape(p.value("reason", "")) + "</td></tr>\n";
  h += "</table>\n";
  h += reading_copy_issues_html(d);
  h += "<h2>现场检查笔录：缺少或无效的项目</h2>\n<table><tr><th>档号</th><th>记录编号</th><th>检查对象</th><th>问题</th></tr>\n";
  for (const auto& r : d.value("record_issues", json::array())) {
    std::string probs;
    for (const auto& p : r.value("problems", json::array()))
      probs += (probs.empty() ? "" : "<br>") + model::markup_escape(p.value("message", "")) + "（" + model::markup_escape(p.value("clause", "")) + "）";
    h += "<tr><td>" + model::markup_escape(r.value("archival_code", "")) + "</td><td>" + model::markup_escape(r.value("record_id", "")) + "</td><td>" +
         model::markup_escape(r.value("subject", "")) + "</td><td class=\"bad\">" + probs + "</td></tr>\n";
  }
  h += "</table>\n<h2>归档文件目录</h2>\n<table><tr><th>目录</th><th>条目</th></tr>\n";
  for (const auto& c : d.value("catalogues", json::array()))
    h += "<tr><td>" + model::markup_escape(c.value("folder", "")) + "/归档文件目录.{pdf,docx,xlsx}</td><td>" + std::to_string(c.value("rows", 0)) +
         "</td></tr>\n";
  h += "</table>\n";
  return h;
}

}  // namespace lh::package
