// The report's part on the derived outputs (volume_run.h derived_report_html): what tonight's 案卷,
// placeholders, reading copies, uniform records and 归档文件目录 ask a person to look at, as HTML.
#include "model/markup.h"
#include "package/volume_run.h"

namespace lh::package {
using json = nlohmann::json;

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

// Tonight's preservation copies that conform but differ from their sources in a way a person may
// want to see (volume_run.cpp note_preservation): substituted fonts, OFD pages kept as pictures.
// At most kMostNotesShown rows (a first night can have thousands); derived.json holds them all.
constexpr size_t kMostNotesShown = 500;

std::string list_html(const json& texts) {
  std::string h;
  for (const auto& t : texts)
    if (t.is_string()) h += (h.empty() ? "" : "<br>") + model::markup_escape(t.get<std::string>());
  return h.empty() ? "—" : h;
}

std::string preservation_notes_html(const json& d) {
  const json rows = d.value("preservation_notes", json::array());
  if (rows.empty()) return {};
  std::string h = "<h2>长期保存副本：替换的字体与以图像保存的页（今晚生成）</h2>\n"
                  "<p>这些副本符合 PDF/A-2b 或 OFD-A，但与原件有别：原件未嵌入的字体，PDF/A 副本以本系统的字体代替"
                  "（ISO 19005-2 6.2.11.4.1 要求嵌入字体程序，原件没有），字形与原件所用字体可能不同；"
                  "OFD 副本中无法如实转为文字和图形的页，以原页的图像保存，其下附识别出的文字（GB/T 42133-2022 6.2.4）。"
                  "核对时请以原件为准。</p>\n"
                  "<table><tr><th>副本</th><th>替换的字体（PDF/A）</th><th>以图像保存的页（OFD）</th></tr>\n";
  size_t shown = 0;
  for (const auto& r : rows) {
    if (shown++ == kMostNotesShown) break;
    h += "<tr><td>" + model::markup_escape(r.value("path", "")) + "</td><td>" + list_html(r.value("fonts", json::array())) + "</td><td>" +
         list_html(r.value("pictures", json::array())) + "</td></tr>\n";
  }
  h += "</table>\n";
  if (rows.size() > kMostNotesShown)
    h += "<p>另有 " + std::to_string(rows.size() - kMostNotesShown) + " 份副本未列出，见 derived.json 各文件的 "
         "pdfa_font_substitutes 与 picture_pages。</p>\n";
  return h;
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
  h += preservation_notes_html(d);
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
