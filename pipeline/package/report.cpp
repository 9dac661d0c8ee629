#include "model/markup.h"
#include "package/report.h"

#include <chrono>
#include <ctime>

#include "filing/completeness.h"
#include "package/archive.h"
#include "package/files.h"
#include "package/item_place.h"
#include "package/manifest.h"
#include "package/volume_run.h"

namespace lh::package {
using json = nlohmann::json;

json run_json(const RunInfo& run) {
  return {{"id", run.run_id}, {"started_at", run.started_at}, {"finished_at", run.finished_at},
          {"inputs_by_fate", run.this_run}, {"new_items", run.new_items}};
}

std::string now_iso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
  return buf;
}

bool write_run_reports(json& report, const std::filesystem::path& out, ArchiveResult& res, std::string& err) {
  mask_json_strings(report);  // issue 5 §5: no full 身份证号 / mobile number in a run report
  std::string html = report_html(report);
  if (auto body = html.rfind("</body>"); report.contains("derived") && body != std::string::npos)
    html.insert(body, derived_report_html(report["derived"]));
  res.report_json = out / "reports" / "report.json";
  res.report_html = out / "reports" / "report.html";
  return write_atomic(res.report_json, dump_json(report), err) && write_atomic(res.report_html, html, err);
}

json build_report(const json& manifest, const filing::Scheme& s, const RunInfo& run) {
  json r;
  r["run"] = run_json(run);
  r["archive"] = manifest.value("archive", json::object());

  std::map<std::string, size_t> by_fate = {{"archived", 0}, {"duplicate", 0}, {"version", 0}, {"junk", 0}, {"quarantined", 0}};
  size_t standard = 0, total = 0;
  json set_aside = json::array();
  for (const auto& in : manifest["inputs"]) {
    std::string fate = in.value("fate", "");
    by_fate[fate]++;
    if (in.value("container", false)) continue;
    ++total;
    if (in.value("standard_name", false)) ++standard;
    if (fate == "junk" || fate == "quarantined")
      set_aside.push_back({{"path", in.value("path", "")}, {"fate", fate}, {"reason", in.value("reason", "")}});
  }
  r["counts"]["by_fate"] = by_fate;

  std::map<std::string, size_t> by_category;
  std::map<std::string, json> cases;  // case_key → {…}
  json inspection = json::array();
  json credit = json::array();
  for (const auto& it : manifest["items"]) {
    std::string cat = it.value("category", "");
    by_category[cat]++;
    for (const auto& c : it.value("invalid_credit_codes", json::array()))
      credit.push_back({{"archival_code", it.value("archival_code", "")}, {"title", it.value("title", "")}, {"code", c}});
    if (!it.value("issues", json::array()).empty())
      inspection.push_back({{"archival_code", it.value("archival_code", "")}, {"title", it.value("title", "")},
                            {"issues", it["issues"]}});
    std::string key = it.value("case_key", "");
    if (key.empty()) continue;
    json& c = cases[key];
    if (c.is_null()) c = {{"case", it.value("case_name", "")}, {"case_number", it.value("case_number", "")},
                          {"category", cat}, {"items", 0}, {"doc_numbers", json::array()}};
    c["items"] = c["items"].get<size_t>() + 1;
    c["doc_numbers"].push_back(it.value("doc_number", 0));
  }
  json by_cat = json::array();
  for (const auto& [code, n] : by_category) {
    const filing::Category* c = s.category(code);
    by_cat.push_back({{"code", code}, {"name", c ? c->name : ""}, {"colour", c ? c->colour : ""}, {"items", n}});
  }
  r["counts"]["by_category"] = by_cat;

  json case_list = json::array();
  for (auto& [key, c] : cases) {
    const filing::Category* cat = s.category(c["category"].get<std::string>());
    std::vector<int> docs = c["doc_numbers"].get<std::vector<int>>();
    json missing = json::array();
    if (cat)
      for (const auto& m : filing::check_completeness(*cat, s, docs))
        missing.push_back({{"rule", m.rule}, {"message", m.message}, {"clause", m.clause}, {"documents", m.documents}});
    c.erase("doc_numbers");
    c["missing"] = missing;
    c["complete"] = missing.empty();
    case_list.push_back(c);
  }
  r["cases"] = case_list;
  r["inspection_issues"] = inspection;
  r["invalid_credit_codes"] = credit;
  r["set_aside"] = set_aside;
  r["naming_standard"] = {{"already_standard", standard}, {"inputs", total}};
  return r;
}

namespace {
std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}
}  // namespace

std::string report_html(const json& r) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>归档报告</title>\n<style>\n"
       "body{font-family:'Noto Serif CJK SC','FandolSong',serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
       "th,td{border:1px solid #555;padding:4px 8px;text-align:left}th{background:#eee}.bad{color:#b00}.ok{color:#070}"
       "</style>\n</head>\n<body>\n";
  const json& a = r["archive"];
  h += "<h1>归档报告 — " + model::markup_escape(str(a, "office")) + "</h1>\n";
  h += "<p>全宗号 " + model::markup_escape(str(a, "fonds")) + "；本次运行 " + model::markup_escape(str(r["run"], "started_at")) + " 至 " +
       model::markup_escape(str(r["run"], "finished_at")) + "；新编件号 " + model::markup_escape(str(r["run"], "new_items")) + " 件。</p>\n";
  h += placement_html(r);  // issue 9: proposed corrections (for a person) and this night's placed_by
  static const std::map<std::string, std::string> fate_zh = {
      {"archived", "归档"}, {"duplicate", "重复"}, {"version", "历史版本"}, {"junk", "清除（无用文件）"}, {"quarantined", "搁置"}};
  h += "<h2>输入文件去向</h2>\n<table><tr><th>去向</th><th>本次</th><th>累计</th></tr>\n";
  for (const auto& [k, zh] : fate_zh) {
    std::string now = r["run"]["inputs_by_fate"].contains(k) ? str(r["run"]["inputs_by_fate"], k.c_str()) : "0";
    h += "<tr><td>" + zh + " (" + k + ")</td><td>" + now + "</td><td>" + str(r["counts"]["by_fate"], k.c_str()) + "</td></tr>\n";
  }
  h += "</table>\n<h2>门类</h2>\n<table><tr><th>代码</th><th>门类</th><th>件数</th></tr>\n";
  for (const auto& c : r["counts"]["by_category"])
    h += "<tr><td style=\"border-left:8px solid " + model::markup_escape(str(c, "colour")) + "\">" + model::markup_escape(str(c, "code")) + "</td><td>" +
         model::markup_escape(str(c, "name")) + "</td><td>" + str(c, "items") + "</td></tr>\n";
  h += "</table>\n<h2>案卷完整性</h2>\n<table><tr><th>案件</th><th>件数</th><th>缺少</th></tr>\n";
  for (const auto& c : r["cases"]) {
    std::string miss;
    for (const auto& m : c["missing"]) miss += (miss.empty() ? "" : "<br>") + model::markup_escape(str(m, "message"));
    h += "<tr><td>" + model::markup_escape(str(c, "case")) + "</td><td>" + str(c, "items") + "</td><td class=\"" +
         (miss.empty() ? "ok\">齐全" : "bad\">" + miss) + "</td></tr>\n";
  }
  h += "</table>\n<h2>检查记录问题</h2>\n<table><tr><th>档号</th><th>题名</th><th>问题</th></tr>\n";
  for (const auto& i : r["inspection_issues"]) {
    std::string is;
    for (const auto& m : i["issues"]) is += (is.empty() ? "" : "<br>") + model::markup_escape(str(m, "message"));
    h += "<tr><td>" + model::markup_escape(str(i, "archival_code")) + "</td><td>" + model::markup_escape(str(i, "title")) + "</td><td class=\"bad\">" + is + "</td></tr>\n";
  }
  h += "</table>\n<h2>统一社会信用代码校验未通过</h2>\n<table><tr><th>档号</th><th>题名</th><th>代码</th></tr>\n";
  for (const auto& c : r["invalid_credit_codes"])
    h += "<tr><td>" + model::markup_escape(str(c, "archival_code")) + "</td><td>" + model::markup_escape(str(c, "title")) + "</td><td class=\"bad\">" + model::markup_escape(str(c, "code")) + "</td></tr>\n";
  h += "</table>\n<h2>搁置与清除的文件</h2>\n<table><tr><th>文件</th><th>去向</th><th>原因</th></tr>\n";
  for (const auto& s : r["set_aside"])
    h += "<tr><td>" + model::markup_escape(str(s, "path")) + "</td><td>" + model::markup_escape(fate_zh.count(str(s, "fate")) ? fate_zh.at(str(s, "fate")) : str(s, "fate")) +
         "</td><td>" + model::markup_escape(str(s, "reason")) + "</td></tr>\n";
  h += "</table>\n<h2>命名规范</h2>\n<p>已符合“&lt;档号&gt; &lt;题名&gt;.&lt;扩展名&gt;”的输入文件：" +
       str(r["naming_standard"], "already_standard") + " / " + str(r["naming_standard"], "inputs") + "</p>\n";
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace lh::package
