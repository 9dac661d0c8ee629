#include "model/markup.h"
#include "package/report.h"

#include <algorithm>
#include <chrono>
#include <utility>
#include <vector>

#include "filing/completeness.h"
#include "filing/office.h"
#include "ingest/problem_text.h"
#include "package/archive.h"
#include "package/files.h"
#include "package/item_place.h"
#include "package/manifest.h"
#include "package/volume_run.h"

namespace lh::package {
using json = nlohmann::json;

namespace {

// The fates in the order a clerk reads them, with their Chinese names (machine names in parentheses
// wherever they are shown).
const std::vector<std::pair<std::string, std::string>>& fates_zh() {
  static const std::vector<std::pair<std::string, std::string>> k = {
      {"archived", "归档"}, {"version", "历史版本"}, {"duplicate", "重复（内容相同）"},
      {"junk", "清除（无用文件）"}, {"quarantined", "搁置（需要人工处理）"}};
  return k;
}

std::map<std::string, size_t> zero_by_fate() {
  std::map<std::string, size_t> m;
  for (const auto& [k, zh] : fates_zh()) m[k] = 0;
  return m;
}

}  // namespace

json run_json(const RunInfo& run) {
  std::map<std::string, size_t> now = zero_by_fate(), fresh = zero_by_fate();
  for (const auto& [k, n] : run.this_run) now[k] = n;
  for (const auto& [k, n] : run.new_this_run) fresh[k] = n;
  return {{"id", run.run_id}, {"started_at", run.started_at}, {"finished_at", run.finished_at},
          {"time_zone", run.time_zone}, {"inputs_by_fate", now}, {"new_inputs_by_fate", fresh},
          {"new_items", run.new_items}};
}

std::string now_iso(const std::string& time_zone) {
  return filing::local_time_iso(std::chrono::system_clock::now(), time_zone);
}

json needs_attention(const json& r) {
  size_t quarantined = 0, incomplete = 0, records = 0;
  for (const auto& s : r.value("set_aside", json::array()))
    if (s.value("fate", "") == "quarantined") ++quarantined;
  for (const auto& c : r.value("cases", json::array()))
    if (!c.value("complete", true)) ++incomplete;
  records += r.value("inspection_issues", json::array()).size() + r.value("invalid_credit_codes", json::array()).size();
  if (r.contains("derived") && r["derived"].is_object())
    records += r["derived"].value("record_issues", json::array()).size();
  const size_t corrections = r.value("corrections", json::array()).size();
  return {{"quarantined", quarantined}, {"corrections", corrections}, {"incomplete_cases", incomplete},
          {"records_missing_fields", records}, {"total", quarantined + corrections + incomplete + records}};
}

bool write_run_reports(json& report, const std::filesystem::path& out, ArchiveResult& res, std::string& err) {
  mask_json_strings(report);  // issue 5 §5: no full 身份证号 / mobile number in a run report
  report["needs_attention"] = needs_attention(report);
  std::string html = report_html(report);
  if (auto body = html.rfind("</body>"); report.contains("derived") && body != std::string::npos)
    html.insert(body, derived_report_html(report["derived"]));
  res.report_json = out / "reports" / "report.json";
  res.report_html = out / "reports" / "report.html";
  return write_atomic(res.report_json, dump_json(report), err) && write_atomic(res.report_html, html, err);
}

// What the report keeps while the manifest streams past: counts, and only the entries it lists.
struct ReportBuilder::State {
  const filing::Scheme& s;
  json archive;
  // 累计: every input the manifest lists, by fate; a ZIP itself is a container, counted apart (its
  // entries are the inputs). 已移出收件箱: of those, the ones no longer in the inbox.
  std::map<std::string, size_t> by_fate = zero_by_fate(), gone = zero_by_fate();
  size_t standard = 0, total = 0, containers = 0;
  json set_aside = json::array();
  std::map<std::string, size_t> by_category;
  std::map<std::string, json> cases;  // case_key → {…}
  json inspection = json::array();
  json credit = json::array();
  // Inputs kept whose reader warned of something (manifest "read_problems"): all counted, the first
  // kListedReadProblems listed (an office's 100,000 records must not make the page that long).
  size_t read_problem_inputs = 0;
  json read_problems = json::array();
  // Scans whose only warning is that they hold no text layer: read whole, only not searchable. An
  // office that files paper would see every scan listed, and the damaged files lost among them.
  size_t scans_without_text = 0;
};

static bool only_scan_notes(const json& problems) {
  for (const auto& p : problems)
    if (!p.is_string() || !ingest::is_no_text_layer_note(p.get<std::string>())) return false;
  return !problems.empty();
}

constexpr size_t kListedReadProblems = 500;

ReportBuilder::ReportBuilder(const filing::Scheme& s, json archive_header)
    : st_(std::make_unique<State>(State{s, std::move(archive_header)})) {}
ReportBuilder::~ReportBuilder() = default;

void ReportBuilder::add_input(const json& in) {
  State& t = *st_;
  std::string fate = in.value("fate", "");
  if (in.value("container", false)) {
    ++t.containers;
    return;
  }
  t.by_fate[fate]++;
  if (!in.value("in_inbox", true)) t.gone[fate]++;
  ++t.total;
  if (in.value("standard_name", false)) ++t.standard;
  if (fate == "junk" || fate == "quarantined")
    t.set_aside.push_back({{"path", in.value("path", "")}, {"fate", fate}, {"reason", in.value("reason", "")}});
  // A duplicate's bytes are a kept file's, listed there; a set-aside input's reason says it all.
  if ((fate == "archived" || fate == "version") && in.contains("read_problems")) {
    if (only_scan_notes(in["read_problems"])) {
      ++t.scans_without_text;
      return;
    }
    if (t.read_problem_inputs++ < kListedReadProblems)
      t.read_problems.push_back({{"path", in.value("path", "")}, {"fate", fate}, {"archival_code", in.value("archival_code", "")},
                                 {"problems", in["read_problems"]}});
  }
}

void ReportBuilder::add_item(const json& it) {
  State& t = *st_;
  std::string cat = it.value("category", "");
  t.by_category[cat]++;
  for (const auto& c : it.value("invalid_credit_codes", json::array()))
    t.credit.push_back({{"archival_code", it.value("archival_code", "")}, {"title", it.value("title", "")}, {"code", c}});
  if (!it.value("issues", json::array()).empty())
    t.inspection.push_back({{"archival_code", it.value("archival_code", "")}, {"title", it.value("title", "")},
                            {"issues", it["issues"]}});
  std::string key = it.value("case_key", "");
  if (key.empty()) return;
  json& c = t.cases[key];
  if (c.is_null()) c = {{"case", it.value("case_name", "")}, {"case_number", it.value("case_number", "")},
                        {"category", cat}, {"items", 0}, {"doc_numbers", json::array()}};
  c["items"] = c["items"].get<size_t>() + 1;
  c["doc_numbers"].push_back(it.value("doc_number", 0));
}

json ReportBuilder::finish(const RunInfo& run) {
  State& t = *st_;
  json r;
  r["run"] = run_json(run);
  r["archive"] = std::move(t.archive);
  r["counts"]["by_fate"] = t.by_fate;
  r["counts"]["gone_from_inbox_by_fate"] = t.gone;
  r["counts"]["containers"] = t.containers;
  r["counts"]["read_problems"] = t.read_problem_inputs;
  r["counts"]["scans_without_text"] = t.scans_without_text;
  json by_cat = json::array();
  for (const auto& [code, n] : t.by_category) {
    const filing::Category* c = t.s.category(code);
    by_cat.push_back({{"code", code}, {"name", c ? c->name : ""}, {"colour", c ? c->colour : ""}, {"items", n}});
  }
  r["counts"]["by_category"] = by_cat;

  json case_list = json::array();
  for (auto& [key, c] : t.cases) {
    const filing::Category* cat = t.s.category(c["category"].get<std::string>());
    std::vector<int> docs = c["doc_numbers"].get<std::vector<int>>();
    json missing = json::array();
    if (cat)
      for (const auto& m : filing::check_completeness(*cat, t.s, docs))
        missing.push_back({{"rule", m.rule}, {"message", m.message}, {"clause", m.clause}, {"documents", m.documents}});
    c.erase("doc_numbers");
    c["missing"] = missing;
    c["complete"] = missing.empty();
    case_list.push_back(std::move(c));
  }
  t.cases.clear();
  r["cases"] = std::move(case_list);
  r["inspection_issues"] = std::move(t.inspection);
  r["invalid_credit_codes"] = std::move(t.credit);
  r["set_aside"] = std::move(t.set_aside);
  r["read_problems"] = std::move(t.read_problems);
  r["naming_standard"] = {{"already_standard", t.standard}, {"inputs", t.total}};
  return r;
}

json build_report(const json& manifest, const filing::Scheme& s, const RunInfo& run) {
  ReportBuilder b(s, manifest.value("archive", json::object()));
  for (const auto& in : manifest["inputs"]) b.add_input(in);
  for (const auto& it : manifest["items"]) b.add_item(it);
  return b.finish(run);
}

namespace {

std::string str(const json& j, const char* k) {
  auto it = j.find(k);
  if (it == j.end() || it->is_null()) return {};
  return it->is_string() ? it->get<std::string>() : it->dump();
}

std::string esc(const json& j, const char* k) { return model::markup_escape(str(j, k)); }

size_t count_of(const json& obj, const std::string& key) {
  if (!obj.is_object()) return 0;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_number_integer()) return 0;
  return it->is_number_unsigned() ? it->get<size_t>() : static_cast<size_t>(std::max<int64_t>(0, it->get<int64_t>()));
}

// "2024-06-01T02:00:00+08:00" → "2024-06-01 02:00:00"; anything else as it is.
std::string clock_text(const std::string& iso) {
  if (iso.size() >= 19 && iso[10] == 'T') return iso.substr(0, 10) + " " + iso.substr(11, 8);
  return iso;
}

std::string zone_text(const json& run) {
  std::string tz = str(run, "time_zone");
  std::string iso = str(run, "started_at");
  std::string offset = iso.size() > 19 ? iso.substr(19) : "";
  std::string label = tz == "Asia/Shanghai" ? "北京时间" : tz;
  if (!offset.empty()) label += (label.empty() ? "" : "，") + std::string("UTC") + offset;
  return label;
}

std::string page_head(const json& r) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>归档报告</title>\n<style>\n"
      "body{font-family:'Noto Serif CJK SC','FandolSong',serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
      "th,td{border:1px solid #555;padding:4px 8px;text-align:left}th{background:#eee}.bad{color:#b00}.ok{color:#070}"
      ".needs{border:2px solid #b00;padding:0 1em;margin:1em 0}"
      "</style>\n</head>\n<body>\n";
  const json& a = r["archive"];
  const json& run = r["run"];
  h += "<h1>归档报告 — " + esc(a, "office") + "</h1>\n";
  h += "<p>全宗号 " + esc(a, "fonds") + "；本次运行 " + model::markup_escape(clock_text(str(run, "started_at"))) + " 至 " +
       model::markup_escape(clock_text(str(run, "finished_at"))) + "（" + model::markup_escape(zone_text(run)) + "）；新编件号 " +
       esc(run, "new_items") + " 件。</p>\n";
  return h;
}

std::string set_aside_table(const json& r) {
  std::string h = "<h3>搁置的文件：未归档，请查看原因后处理（改正后放回收件箱，下次运行自动归档）</h3>\n"
                  "<table><tr><th>文件</th><th>原因</th></tr>\n";
  for (const auto& s : r["set_aside"])
    if (str(s, "fate") == "quarantined")
      h += "<tr><td>" + esc(s, "path") + "</td><td class=\"bad\">" + esc(s, "reason") + "</td></tr>\n";
  return h + "</table>\n";
}

std::string place_text(const json& p) {
  std::string t;
  for (const char* k : {"category", "case_number", "volume", "path"})
    if (!str(p, k).empty()) t += (t.empty() ? "" : "<br>") + esc(p, k);
  return t;
}

// Contract 1 (report["corrections"], filled by the filing step): a proposed move of an item already
// numbered. Applied only by a person: `lianghua corrections ARCHIVE --apply ID`.
std::string corrections_table(const json& r) {
  std::string h = "<h3>建议的更正：已编号的文件可能放错了位置，由人工决定是否更正"
                  "（<code>lianghua corrections ARCHIVE --apply 编号</code>）</h3>\n"
                  "<table><tr><th>编号</th><th>档号</th><th>题名</th><th>现在</th><th>建议</th><th>理由</th></tr>\n";
  for (const auto& c : r.value("corrections", json::array()))
    h += "<tr><td>" + esc(c, "id") + "</td><td>" + esc(c, "archival_code") + "</td><td>" + esc(c, "title") + "</td><td>" +
         place_text(c.value("current", json::object())) + "</td><td>" + place_text(c.value("proposed", json::object())) +
         "</td><td>" + esc(c, "reason") + "</td></tr>\n";
  return h + "</table>\n";
}

std::string missing_text(const json& list, const char* key) {
  std::string t;
  for (const auto& m : list) t += (t.empty() ? "" : "<br>") + esc(m, key);
  return t;
}

std::string incomplete_cases_table(const json& r) {
  std::string h = "<h3>不完整的案卷：缺少的文书（《市场监督管理行政处罚程序规定》第七十七、七十八条）</h3>\n"
                  "<table><tr><th>案件</th><th>件数</th><th>缺少</th></tr>\n";
  for (const auto& c : r["cases"])
    if (!c.value("complete", true))
      h += "<tr><td>" + esc(c, "case") + "</td><td>" + str(c, "items") + "</td><td class=\"bad\">" + missing_text(c["missing"], "message") +
           "</td></tr>\n";
  return h + "</table>\n";
}

std::string records_missing_fields_table(const json& r) {
  std::string h = "<h3>缺少或无效字段的记录</h3>\n<table><tr><th>档号</th><th>题名或检查对象</th><th>问题</th></tr>\n";
  for (const auto& i : r["inspection_issues"])
    h += "<tr><td>" + esc(i, "archival_code") + "</td><td>" + esc(i, "title") + "</td><td class=\"bad\">" +
         missing_text(i["issues"], "message") + "</td></tr>\n";
  for (const auto& c : r["invalid_credit_codes"])
    h += "<tr><td>" + esc(c, "archival_code") + "</td><td>" + esc(c, "title") + "</td><td class=\"bad\">统一社会信用代码校验未通过（GB 32100-2015）：" +
         esc(c, "code") + "</td></tr>\n";
  if (r.contains("derived") && r["derived"].is_object())
    for (const auto& d : r["derived"].value("record_issues", json::array()))
      h += "<tr><td>" + esc(d, "archival_code") + "</td><td>" + esc(d, "subject") + "</td><td class=\"bad\">" +
           missing_text(d.value("problems", json::array()), "message") + "</td></tr>\n";
  return h + "</table>\n";
}

// What needs a person, first: each part is shown only when it holds something.
std::string needs_section(const json& r) {
  const json n = r.contains("needs_attention") ? r["needs_attention"] : needs_attention(r);
  std::string h = "<div class=\"needs\">\n<h2>需要处理</h2>\n";
  if (n.value("total", size_t{0}) == 0) return h + "<p class=\"ok\">本次没有需要人工处理的事项。</p>\n</div>\n";
  h += "<p>搁置的文件 " + str(n, "quarantined") + " 个；建议的更正 " + str(n, "corrections") + " 条；不完整的案卷 " +
       str(n, "incomplete_cases") + " 卷；缺少或无效字段的记录 " + str(n, "records_missing_fields") + " 条。</p>\n";
  if (n.value("quarantined", size_t{0})) h += set_aside_table(r);
  if (n.value("corrections", size_t{0})) h += corrections_table(r);
  if (n.value("incomplete_cases", size_t{0})) h += incomplete_cases_table(r);
  if (n.value("records_missing_fields", size_t{0})) h += records_missing_fields_table(r);
  return h + "</div>\n";
}

std::string fates_table(const json& r) {
  const json& run = r["run"];
  const json& counts = r["counts"];
  std::string h = "<h2>输入文件去向</h2>\n<p>本次收件箱 + 已移出收件箱 = 累计；压缩包本身另计（其中的条目各算一个输入）。</p>\n"
                  "<table><tr><th>去向</th><th>本次收件箱</th><th>其中本次新收</th><th>已移出收件箱</th><th>累计</th></tr>\n";
  size_t sums[4] = {0, 0, 0, 0};
  for (const auto& [k, zh] : fates_zh()) {
    const size_t cells[4] = {count_of(run["inputs_by_fate"], k), count_of(run.value("new_inputs_by_fate", json::object()), k),
                             count_of(counts.value("gone_from_inbox_by_fate", json::object()), k), count_of(counts["by_fate"], k)};
    h += "<tr><td>" + zh + " (" + k + ")</td>";
    for (int c = 0; c < 4; ++c) {
      h += "<td>" + std::to_string(cells[c]) + "</td>";
      sums[c] += cells[c];
    }
    h += "</tr>\n";
  }
  h += "<tr><th>合计</th>";
  for (size_t s : sums) h += "<th>" + std::to_string(s) + "</th>";
  h += "</tr>\n</table>\n<p>压缩包 " + std::to_string(count_of(counts, "containers")) + " 个。</p>\n";
  return h;
}

// Kept, but read with a warning: the original is in the archive as it came; what was made from it
// (a reading copy, the record's fields) may lack the part the reader could not read.
std::string read_problems_table(const json& r) {
  const json counts = r.value("counts", json::object());
  const size_t n = count_of(counts, "read_problems"), scans = count_of(counts, "scans_without_text");
  if (n == 0 && scans == 0) return {};
  std::string h = "<h2>读取时发现的问题（" + std::to_string(n) + " 个文件）</h2>\n";
  if (scans > 0)
    h += "<p>" + std::to_string(scans) +
         " 个扫描件没有文字层：已完整读取并归档，但全文检索查不到其中的文字（manifest.json 中各输入的 read_problems 有记录）。</p>\n";
  if (n == 0) return h;
  h += "<p>这些文件已按原样归档，原件未改动；由其生成的阅览本等可能缺少相应内容，请核对原件，必要时补交完好的文件。</p>\n"
       "<table><tr><th>文件</th><th>档号</th><th>问题</th></tr>\n";
  for (const auto& p : r.value("read_problems", json::array())) {
    std::string problems;
    for (const auto& x : p.value("problems", json::array()))
      problems += (problems.empty() ? "" : "<br>") + model::markup_escape(ingest::read_problem_text(x.is_string() ? x.get<std::string>() : x.dump()));
    h += "<tr><td>" + esc(p, "path") + "</td><td>" + esc(p, "archival_code") + "</td><td>" + problems + "</td></tr>\n";
  }
  h += "</table>\n";
  const size_t listed = r.value("read_problems", json::array()).size();
  if (n > listed) h += "<p>另有 " + std::to_string(n - listed) + " 个，见 manifest.json 中各输入的 read_problems。</p>\n";
  return h;
}

std::string categories_table(const json& r) {
  std::string h = "<h2>门类</h2>\n<table><tr><th>代码</th><th>门类</th><th>件数</th></tr>\n";
  for (const auto& c : r["counts"]["by_category"])
    h += "<tr><td style=\"border-left:8px solid " + esc(c, "colour") + "\">" + esc(c, "code") + "</td><td>" + esc(c, "name") +
         "</td><td>" + str(c, "items") + "</td></tr>\n";
  return h + "</table>\n";
}

std::string cases_table(const json& r) {
  std::string h = "<h2>案卷完整性</h2>\n<table><tr><th>案件</th><th>件数</th><th>缺少</th></tr>\n";
  for (const auto& c : r["cases"]) {
    std::string miss = missing_text(c["missing"], "message");
    h += "<tr><td>" + esc(c, "case") + "</td><td>" + str(c, "items") + "</td><td class=\"" + (miss.empty() ? "ok\">齐全" : "bad\">" + miss) +
         "</td></tr>\n";
  }
  return h + "</table>\n";
}

std::string junk_table(const json& r) {
  std::string h = "<h2>清除的文件（不归档，按规则识别）</h2>\n<table><tr><th>文件</th><th>规则</th></tr>\n";
  for (const auto& s : r["set_aside"])
    if (str(s, "fate") == "junk") h += "<tr><td>" + esc(s, "path") + "</td><td>" + esc(s, "reason") + "</td></tr>\n";
  return h + "</table>\n";
}

}  // namespace

std::string report_html(const json& r) {
  std::string h = page_head(r);
  h += needs_section(r);
  h += fates_table(r);
  h += read_problems_table(r);
  h += categories_table(r);
  h += cases_table(r);
  h += placements_html(r);  // issue 9: where this night's new items went, and why (placed_by)
  h += junk_table(r);
  h += "<h2>命名规范</h2>\n<p>已符合“&lt;档号&gt; &lt;题名&gt;.&lt;扩展名&gt;”的输入文件：" + str(r["naming_standard"], "already_standard") + " / " +
       str(r["naming_standard"], "inputs") + "</p>\n";
  h += "</body>\n</html>\n";
  return h;
}

}  // namespace lh::package
