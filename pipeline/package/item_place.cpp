#include "package/item_place.h"

#include <filesystem>

#include "filing/file_name.h"
#include "filing/text_util.h"
#include "model/markup.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

json planned_place(const filing::PlannedItem& it, const filing::ArchivalCode& code, const filing::Scheme& s) {
  fs::path folder = fs::path(code.category) / std::to_string(code.year);
  const bool is_case = it.kind == filing::CategoryKind::Case && !it.case_number.empty();
  if (is_case) {
    folder /= filing::clean_file_name(it.case_name.empty() ? it.case_number : it.case_name, 200);
    if (!it.place.volume_name.empty()) folder /= filing::clean_file_name(it.place.volume_name, 64);
  } else {
    folder /= code.retention;
  }
  std::string file = filing::standard_name(s, code.format(s.code_segments, s.item_digits), it.title, it.ext);
  if (!it.ext.empty() && file.size() > it.ext.size() + 1) file.resize(file.size() - it.ext.size() - 1);
  json place = {{"category", code.category},
          {"year", code.year},
          {"retention", code.retention},
          {"case_number", is_case ? it.case_number : ""},
          {"case_key", is_case ? it.case_key : ""},
          {"case_name", is_case ? it.case_name : ""},
          {"volume", is_case ? it.place.volume_name : ""},
          {"slot", is_case ? it.place.slot_name : ""},
          {"slot_order", is_case ? it.place.slot_order : 0},
          {"folder", folder.string()},
          {"file", file},
          {"placed_by", it.placed_by}};
  // Why this slot, where the kind alone did not say (a 送达回证's served document, case_order.h).
  if (is_case && !it.place.slot_by.empty()) place["slot_by"] = it.place.slot_by;
  return place;
}

json committed_place(const std::string& stored_placement, const std::string& stored_manifest, const json& planned) {
  json p = json::parse(stored_placement, nullptr, false);
  if (p.is_object() && p.contains("folder")) return p;
  json m = json::parse(stored_manifest, nullptr, false);
  if (!m.is_object() || !m.contains("files") || m["files"].empty()) return planned;
  // Numbered before places were kept: the place is where its original is.
  const std::string path = m["files"][0].value("path", "");
  json from_files = planned;
  for (const char* k : {"category", "case_number", "case_key", "case_name", "volume", "slot"})
    from_files[k] = m.value(k, std::string());
  from_files["slot_order"] = m.value("slot_order", 0);
  from_files["folder"] = fs::path(path).parent_path().string();
  from_files["file"] = fs::path(path).stem().string();
  from_files["placed_by"] = m.value("placed_by", std::string("按编号时的位置（早于位置登记）"));
  return from_files;
}

std::string original_path(const json& place, const std::string& ext) {
  std::string name = place.value("file", std::string()) + (ext.empty() ? "" : "." + ext);
  return (fs::path(place.value("folder", std::string())) / name).string();
}

std::string version_path(const json& place, int version, const std::string& ext) {
  std::string name = place.value("file", std::string()) + ".v" + std::to_string(version) + (ext.empty() ? "" : "." + ext);
  return (fs::path(place.value("folder", std::string())) / "versions" / name).string();
}

namespace {

std::string where(const json& p) {
  std::string s = p.value("category", std::string());
  if (!p.value("case_number", std::string()).empty()) s += " " + p.value("case_number", std::string());
  if (!p.value("volume", std::string()).empty()) s += " " + p.value("volume", std::string());
  return s + "（" + p.value("folder", std::string()) + "）";
}

}  // namespace

std::optional<filing::Correction> correction_for(const std::string& identity, const std::string& archival_code,
                                                 const std::string& title, const std::string& ext,
                                                 const json& committed, const json& planned, bool new_number) {
  bool same = true;
  for (const char* k : {"category", "case_number", "volume", "folder"})
    same = same && committed.value(k, std::string()) == planned.value(k, std::string());
  if (same) return std::nullopt;
  filing::Correction c;
  c.identity = identity;
  c.archival_code = archival_code;
  c.title = title;
  json cur = committed, prop = planned;
  cur["path"] = original_path(committed, ext);
  // In another scope the 件号 is given only when a person applies it: the folder is what is known now.
  prop["path"] = new_number ? (fs::path(planned.value("folder", std::string())) / "（另编档号）").string()
                            : original_path(planned, ext);
  prop["new_number"] = new_number;  // another 门类/年度/保管期限: applying gives the next 件号 there
  c.current = cur.dump(-1, ' ', false, json::error_handler_t::replace);
  c.proposed = prop.dump(-1, ' ', false, json::error_handler_t::replace);
  c.reason = "新证据：" + planned.value("placed_by", std::string()) + "；现在 " + where(committed) + " 依据：" +
             committed.value("placed_by", std::string()) + "；建议移至 " + where(planned) +
             (new_number ? "，另编档号" : "") + " (new_evidence)";
  return c;
}

json correction_json(const filing::Correction& c) {
  auto part = [](const std::string& s) {
    json p = json::parse(s, nullptr, false);
    if (!p.is_object()) p = json::object();
    return json{{"category", p.value("category", "")}, {"case_number", p.value("case_number", "")},
                {"volume", p.value("volume", "")}, {"path", p.value("path", "")}};
  };
  return {{"id", filing::correction_id(c.id)}, {"archival_code", c.archival_code}, {"title", c.title},
          {"current", part(c.current)}, {"proposed", part(c.proposed)}, {"reason", c.reason}};
}

json placement_json(const std::string& archival_code, const std::string& title, const json& place, const std::string& ext) {
  return {{"archival_code", archival_code}, {"title", title}, {"category", place.value("category", "")},
          {"case_number", place.value("case_number", "")}, {"volume", place.value("volume", "")},
          {"path", original_path(place, ext)}, {"placed_by", place.value("placed_by", "")}};
}

namespace {

std::string cell(const json& j, const char* key) { return "<td>" + model::markup_escape(j.value(key, std::string())) + "</td>"; }

std::string place_cell(const json& p) {
  std::string s = p.value("category", std::string());
  if (!p.value("case_number", std::string()).empty()) s += " " + p.value("case_number", std::string());
  if (!p.value("volume", std::string()).empty()) s += " " + p.value("volume", std::string());
  return "<td>" + model::markup_escape(s) + "<br><small>" + model::markup_escape(p.value("path", std::string())) + "</small></td>";
}

}  // namespace

std::string placements_html(const json& r) {
  std::string h;
  h += "<h2>本次新编号文件的位置及依据 (placed_by)</h2>\n<table><tr><th>档号</th><th>题名</th><th>位置</th><th>依据</th></tr>\n";
  for (const auto& p : r.value("placements", json::array()))
    h += "<tr>" + cell(p, "archival_code") + cell(p, "title") + place_cell(p) + cell(p, "placed_by") + "</tr>\n";
  return h + "</table>\n";
}

}  // namespace lh::package
