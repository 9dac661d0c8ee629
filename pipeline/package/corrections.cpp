#include "package/corrections.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "filing/archival_code.h"
#include "filing/boxes.h"
#include "filing/file_name.h"
#include "filing/scheme.h"
#include "filing/text_util.h"
#include "package/files.h"
#include "package/item_place.h"
#include "package/lock.h"
#include "package/manifest.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string one_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

CorrectionsResult failed(int status, std::string why) {
  CorrectionsResult r;
  r.status = status;
  r.error = std::move(why);
  return r;
}

json stored_item(const filing::Catalogue& cat, const std::string& identity) {
  std::string line = cat.item_manifest(identity);
  return line.empty() ? json() : json::parse(line, nullptr, false);
}

// The item's number after the correction: the same, or the next free 件号 of the new scope.
filing::Allocation number_after(filing::Catalogue& cat, const filing::Scheme& s, const json& item, const json& to) {
  auto code = filing::parse_archival_code(item.value("archival_code", ""), s.code_segments, s.item_digits);
  if (!code) throw std::runtime_error("unreadable 档号 " + item.value("archival_code", ""));
  filing::ArchivalCode proto = *code;
  proto.category = to.value("category", code->category);
  proto.year = to.value("year", code->year);
  proto.retention = to.value("retention", code->retention);
  const filing::Category* c = s.category(proto.category);
  return cat.renumber(item.value("identity", ""), proto.scope_key(s.sequence_scope), c ? c->box_capacity : 50,
                      [&](const std::string&, int n) {
                        filing::ArchivalCode x = proto;
                        x.item = n;
                        return x.format(s.code_segments, s.item_digits);
                      });
}

// Moves one file to its new path; a file already there (an apply repeated after a crash) stays.
void move_file(const fs::path& root, const std::string& from, const std::string& to) {
  if (from == to) return;
  std::error_code ec;
  if (!fs::exists(root / from, ec) && fs::exists(root / to, ec)) return;
  fs::create_directories((root / to).parent_path());
  std::string err;
  if (!rename_durable(root / from, root / to, err, false)) throw std::runtime_error(err);
}

// The item's files in their new place; fills the correction's old and new paths.
void move_files(const fs::path& root, json& item, const json& to, filing::Correction& c) {
  json old_paths = json::array(), new_paths = json::array();
  for (auto& f : item["files"]) {
    std::string from = f.value("path", ""), dest = original_path(to, filing::extension_lower(from));
    move_file(root, from, dest);
    old_paths.push_back(from);
    new_paths.push_back(dest);
    f["path"] = dest;
  }
  for (auto& f : item["versions"]) {
    std::string from = f.value("path", "");
    std::string dest = version_path(to, f.value("version", 0), filing::extension_lower(from));
    move_file(root, from, dest);
    old_paths.push_back(from);
    new_paths.push_back(dest);
    f["path"] = dest;
  }
  std::string err;
  if (!sync_filesystem(root, err)) throw std::runtime_error(err);
  c.old_paths = one_line(old_paths);
  c.new_paths = one_line(new_paths);
}

// The item's manifest entry at its new place (its 档号 and box too, when it changed scope).
void relocate_entry(json& item, const json& to, const filing::Allocation& al, const filing::Scheme& s,
                    const filing::Correction& c) {
  json moved = item.value("moved_from", json::array());
  moved.push_back({{"correction", filing::correction_id(c.id)}, {"archival_code", item.value("archival_code", "")},
                   {"paths", json::parse(c.old_paths)}, {"decided_at", c.decided_at}});
  item["moved_from"] = moved;
  for (const char* k : {"case_number", "case_key", "case_name", "volume", "slot"}) item[k] = to.value(k, "");
  item["slot_order"] = to.value("slot_order", 0);
  item["placed_by"] = to.value("placed_by", "") + "（更正 " + filing::correction_id(c.id) + "，人工确认）";
  auto code = filing::parse_archival_code(al.archival_code, s.code_segments, s.item_digits);
  if (!code) return;
  const filing::Category* cat = s.category(code->category);
  const int cap = cat ? cat->box_capacity : 50;
  item["archival_code"] = al.archival_code;
  item["item_number"] = al.item_number;
  item["category"] = code->category;
  item["category_name"] = cat ? cat->name : "";
  item["colour"] = cat ? cat->colour : "";
  item["year"] = code->year;
  if (item.value("retention", "") != code->retention)
    item["retention_by"] = code->retention + "：更正 " + filing::correction_id(c.id) + "（人工确认）";
  item["retention"] = code->retention;
  item["retention_name"] = s.period(code->retention) ? s.period(code->retention)->name : "";
  item["box"] = filing::box_label(*code, al.box_number, s.code_segments);
  item["box_range"] = {filing::first_item_in_box(al.box_number, cap), filing::first_item_in_box(al.box_number, cap) + cap - 1};
  item["location"] = filing::format_location(s.location, al.location_index);
}

// The proposed place, with the file name under the item's (possibly new) 档号.
json destination(const json& proposed, const json& item, const filing::Allocation& al, const filing::Scheme& s) {
  json to = proposed;
  to.erase("path");
  to.erase("new_number");
  std::string ext = filing::extension_lower(item["files"].empty() ? "" : item["files"][0].value("path", ""));
  std::string file = filing::standard_name(s, al.archival_code, item.value("title", ""), ext);
  if (!ext.empty() && file.size() > ext.size() + 1) file.resize(file.size() - ext.size() - 1);
  to["file"] = file;
  return to;
}

void rewrite_manifest(const fs::path& root, const filing::Catalogue& cat) {
  std::ifstream in(root / "manifest.json", std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  json old = json::parse(ss.str(), nullptr, false);
  json header = old.is_object() ? old.value("archive", json::object()) : json::object();
  write_manifest(cat, header, root / "manifest.json");  // streamed, as a run writes it
}

}  // namespace

CorrectionsResult list_corrections(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / "catalog.db", ec)) return failed(2, dir.string() + " 不是归档目录（没有 catalog.db）");
  filing::Catalogue cat(dir / "catalog.db");
  CorrectionsResult r;
  r.listed = cat.corrections(true);
  return r;
}

CorrectionsResult apply_correction(const fs::path& dir, const fs::path& scheme_path, const std::string& id_text,
                                   const std::string& decided_at) {
  std::error_code ec;
  if (!fs::is_regular_file(dir / "catalog.db", ec)) return failed(2, dir.string() + " 不是归档目录（没有 catalog.db）");
  auto id = filing::parse_correction_id(id_text);
  if (!id) return failed(2, "更正编号无效：" + id_text + "（应为 C0001 这样的编号）");
  filing::SchemeLoad sl = filing::load_scheme(scheme_path);
  if (!sl.scheme) return failed(2, sl.errors.empty() ? "归档方案无法读取" : sl.errors.front());
  std::string err;
  auto lock = ArchiveLock::acquire(dir, err);
  if (!lock) return failed(3, err);
  filing::Catalogue cat(dir / "catalog.db");
  auto c = cat.correction(*id);
  if (!c) return failed(2, "没有这条更正建议：" + id_text);
  if (c->status != "proposed")
    return failed(2, filing::correction_id(c->id) + (c->status == "applied" ? " 已经应用过" : " 已撤回（证据已不再支持）"));
  json item = stored_item(cat, c->identity);
  json proposed = json::parse(c->proposed, nullptr, false);
  if (!item.is_object() || !proposed.is_object()) return failed(3, "目录库中找不到 " + c->archival_code + " 的条目");
  const filing::Scheme& s = *sl.scheme;
  filing::Allocation al = number_after(cat, s, item, proposed);
  json to = destination(proposed, item, al, s);
  c->decided_at = decided_at;
  if (al.archival_code != c->archival_code) c->new_archival_code = al.archival_code;
  move_files(dir, item, to, *c);
  relocate_entry(item, to, al, s, *c);
  cat.record_applied(*c, one_line(to), one_line(item));
  rewrite_manifest(dir, cat);
  CorrectionsResult r;
  r.applied = *c;
  return r;
}

}  // namespace lh::package
