#include "package/volume.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "docx/docx.h"
#include "ingest/inspect.h"
#include "layout/frames.h"
#include "layout/layout.h"
#include "normalize/fields.h"
#include "package/archive_stamp.h"
#include "package/render_document.h"
#include "package/uniform_record.h"
#include "package/volume_forms.h"
#include "pdf/assemble.h"
#include "pdf/pdf.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

const RenderKit& render_kit() {
  static const RenderKit kit = [] {
    RenderKit k{layout::FontSet::load(), layout::load_style("gongwen"), layout::load_style("plain")};
    k.form.page = k.gongwen.page;       // GB/T 9704-2012 §5.2.2 margins for the forms too
    k.form.page_number.enabled = false; // 封面, 目录, 备考表 are not numbered (编页, domain.md §2)
    return k;
  }();
  return kit;
}

std::string date8(const std::string& iso) {
  std::string o;
  for (char c : iso)
    if (c != '-') o += c;
  return o;
}

std::string page_range_text(const VolumeEntry& e) {
  if (e.first_page == e.last_page) return std::to_string(e.first_page);
  return std::to_string(e.first_page) + "-" + std::to_string(e.last_page);
}

std::string case_folder_of(const json& item) {
  if (!item.contains("files") || !item["files"].is_array() || item["files"].empty()) return {};
  fs::path p = fs::path(item["files"][0].value("path", "")).parent_path();
  std::string vol = item.value("volume", "");
  if (!vol.empty() && p.filename() == vol) p = p.parent_path();
  return p.string();
}

namespace {

std::string mask(const std::string& s) { return normalize::mask_personal_numbers(s); }

// A paragraph's runs with personal numbers masked. A number split over two runs (a change of
// formatting inside it) would escape a run-by-run mask, so such a paragraph becomes one run.
void mask_paragraph(model::Paragraph& p) {
  std::string whole, each;
  for (auto& r : p.runs) {
    whole += r.text;
    r.text = mask(r.text);
    each += r.text;
  }
  if (p.runs.empty() || mask(whole) == each) return;
  model::Run one = p.runs.front();
  one.text = mask(whole);
  p.runs = {std::move(one)};
}

void mask_blocks(std::vector<model::Block>& blocks) {
  for (auto& b : blocks) {
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) {
      mask_paragraph(*p);
    } else if (auto* t = std::get_if<model::Table>(&b.value)) {
      for (auto& row : t->rows)
        for (auto& c : row.cells) mask_blocks(c.blocks);
    } else if (auto* im = std::get_if<model::Image>(&b.value)) {
      im->description = mask(im->description);
    }
  }
}

// Lines of a text with their white space removed (Word and PDF text often space out names:
// 南 岭 县 市 场 …); a tab (a table row) becomes '|' so the row is never taken for a name.
std::vector<std::string> compact_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') { flush(); continue; }
    if (c == '\t') { cur += '|'; continue; }
    if (c == ' ' || c == '\r' || c == '\f') continue;
    if (text.compare(i, 3, "\u3000") == 0 || text.compare(i, 3, "\uFEFF") == 0) { i += 2; continue; }
    if (text.compare(i, 2, "\u00A0") == 0) { i += 1; continue; }
    cur += c;
  }
  flush();
  return out;
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The name without a trailing seal note: 南岭县市场监督管理局（印章） → 南岭县市场监督管理局. Other
// parentheses are part of the name (…管理局（知识产权局）).
std::string without_seal_note(std::string s) {
  for (const char* note : {"（印章）", "（盖章）", "（公章）", "（章）", "(印章)", "(盖章)", "(公章)"})
    if (ends_with(s, note)) s.resize(s.size() - std::string(note).size());
  return s;
}

// An organisation's name as a line of its own: 4–40 characters, no digits, no sentence or field
// punctuation, no signature words, ending with the word for an organisation (局, 所, 办公室, …,
// 公司 for a party's own paper). A parenthesised end (…局（知识产权局）) is judged by what precedes it.
bool is_agency_name(const std::string& line_in) {
  const std::string line = without_seal_note(line_in);
  const size_t n = code_points(line);
  if (n < 4 || n > 40) return false;
  for (char c : line)
    if ((c >= '0' && c <= '9') || c == '|' || c == ':' || c == ',' || c == ';' || c == '"' || c == '/' || c == '-')
      return false;
  for (const char* bad : {"：", "，", "。", "；", "、", "“", "”", "《", "》", "？", "！", "—", "…", "·", "〔", "〕", "【", "】",
                          "签名", "签字", "签章", "盖章", "日期", "电话", "地址"})
    if (line.find(bad) != std::string::npos) return false;
  std::string base = line;
  if (ends_with(base, "）")) {
    size_t open = base.rfind("（");
    if (open == std::string::npos || open == 0) return false;
    base.resize(open);
  }
  for (const char* end : {"局", "所", "办公室", "委员会", "委", "办", "厅", "院", "政府", "中心", "队", "站", "科", "股", "处",
                          "室", "部", "公司", "厂", "店", "社", "协会"})
    if (ends_with(base, end) && code_points(base) >= 4) return true;
  return false;
}

// A 成文日期 on a line of its own: 2024年5月6日, 二〇二四年五月六日, 2024.3.5, 2024-03-05.
bool is_date_line(const std::string& line) {
  static const std::regex digits(R"(^[0-9]{4}(年[0-9]{1,2}月[0-9]{1,2}日|[./-][0-9]{1,2}[./-][0-9]{1,2})$)");
  static const std::regex hanzi("^(〇|○|零|一|二|三|四|五|六|七|八|九|十)+年(〇|○|零|一|二|三|四|五|六|七|八|九|十)+月"
                                "(〇|○|零|一|二|三|四|五|六|七|八|九|十)+日$");
  return std::regex_match(line, digits) || std::regex_match(line, hanzi);
}

// 发文机关标志: the first line, "…文件" dropped (GB/T 9704-2012 §7.2.4).
std::string header_agency(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  std::string first = lines.front();
  if (ends_with(first, "文件")) first.resize(first.size() - std::string("文件").size());
  return is_agency_name(first) ? without_seal_note(first) : std::string();
}

// The organisation a signature line names: the line itself (南岭县市场监督管理局), or the value of
// a signer's field (申辩人：南岭县鲜丰食品贸易有限公司（盖章）, 委托人（盖章）：…). A person's name
// (被询问人签名：王振东) is no organisation and names none.
std::string signer(const std::string& line) {
  if (is_agency_name(line)) return without_seal_note(line);
  const size_t colon = line.rfind("：");
  if (colon == std::string::npos) return {};
  const std::string label = line.substr(0, colon), value = line.substr(colon + std::string("：").size());
  const bool signer_field = label.find("人") != std::string::npos || label.find("单位") != std::string::npos ||
                            label.find("机关") != std::string::npos;
  return signer_field && is_agency_name(value) ? without_seal_note(value) : std::string();
}

// 落款: the organisation signing just above the closing date (within three lines: a 法定代表人 line
// may stand between), near the end of the text.
std::string signature_agency(const std::vector<std::string>& lines) {
  const size_t n = lines.size();
  for (size_t i = n; i-- > 1 && n - i <= 16;) {
    if (!is_date_line(lines[i])) continue;
    for (size_t k = i; k-- > 0 && i - k <= 3;)
      if (std::string who = signer(lines[k]); !who.empty()) return who;
  }
  return {};
}

// A 笔录 naming the office that inspected (检查机关：…所, 执法机关：…): that office made the record,
// whatever letterhead the form carries.
std::string inspecting_office(const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size() && i < 40; ++i)
    for (const char* label : {"检查机关：", "检查单位：", "检查机构：", "执法机关：", "执法单位："})
      if (lines[i].rfind(label, 0) == 0) {
        std::string name = without_seal_note(lines[i].substr(std::string(label).size()));
        if (is_agency_name(name)) return name;
      }
  return {};
}

// A 公文 title naming its issuer: 南岭县市场监督管理局办公室关于做好…的通知.
std::string title_agency(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  size_t at = lines.front().find("关于");
  if (at == std::string::npos || at == 0) return {};
  std::string prefix = lines.front().substr(0, at);
  return is_agency_name(prefix) ? prefix : std::string();
}

std::string read_all(const fs::path& p, bool& ok) {
  std::ifstream f(p, std::ios::binary);
  ok = static_cast<bool>(f);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string original_path(const json& item) {
  for (const auto& f : item.value("files", json::array()))
    if (f.value("role", "") == "original") return f.value("path", "");
  return {};
}

// The value written after a label in a form: "案由\t涉嫌…", "案由：…".
std::string label_value(const std::string& text, const std::string& label) {
  size_t pos = 0;
  while ((pos = text.find(label, pos)) != std::string::npos) {
    size_t v = pos + label.size();
    auto skip = [&](const std::string& s) {
      if (text.compare(v, s.size(), s) == 0) { v += s.size(); return true; }
      return false;
    };
    bool sep = false;
    while (skip("\t") || skip("：") || skip(":") || skip(" ") || skip("　")) sep = true;
    if (sep) {
      size_t end = text.find_first_of("\t\n", v);
      std::string val = text.substr(v, end == std::string::npos ? std::string::npos : end - v);
      if (!val.empty()) return val;
    }
    pos += label.size();
  }
  return {};
}

// 处罚结果 from a decision's text: the numbered lines after "如下行政处罚", else the sentence
// holding "罚款". Empty when neither is there.
std::string penalty_result(const std::string& text) {
  for (const char* marker : {"如下行政处罚", "处罚如下", "作出如下处罚"}) {
    size_t p = text.find(marker);
    if (p == std::string::npos) continue;
    size_t nl = text.find('\n', p);
    std::string out;
    std::istringstream lines(nl == std::string::npos ? "" : text.substr(nl + 1));
    std::string line;
    for (int n = 0; n < 6 && std::getline(lines, line); ++n) {
      if (line.empty()) continue;
      if (line.find("、") != std::string::npos && line.find("、") < 8 && line.find("罚") == std::string::npos) break;
      if (line.find("履行") != std::string::npos) break;
      out += (out.empty() ? "" : "") + line;
      if (out.size() > 300) break;
    }
    if (!out.empty()) return out;
  }
  size_t p = text.find("罚款");
  if (p == std::string::npos) return {};
  size_t b = text.rfind("。", p);
  b = b == std::string::npos ? 0 : b + std::string("。").size();
  size_t nlb = text.rfind('\n', p);
  if (nlb != std::string::npos && nlb + 1 > b) b = nlb + 1;
  size_t e = text.find("。", p);
  return text.substr(b, e == std::string::npos ? std::string::npos : e - b + std::string("。").size());
}

bool issues_own_number(int doc) {  // 范本 documents served on the party carry their own 文号
  static const int kDocs[] = {2, 3, 4, 5, 6, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 31, 32, 33, 34, 37, 39, 44, 45, 46, 47, 48, 49, 51};
  return std::find(std::begin(kDocs), std::end(kDocs), doc) != std::end(kDocs);
}

model::Document placeholder_doc(const RenderKit& k, const std::string& code, const std::string& title,
                                const std::string& original, const std::string& why) {
  model::Document d;
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("文件无法编入本卷", 18)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("档号：" + code, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("题名：" + title, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para("原件：" + original, model::Align::Start, 12)));
  s.blocks.push_back(forms::block(forms::para("原因：" + why, model::Align::Start, 14)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::para("本页为占位页。原件按原样保存在档案中，未作改动；请核对原件或补充完好的副本后重新立卷。",
                                              model::Align::Start, 12, false, model::FontRole::Song, 2)));
  d.sections.push_back(std::move(s));
  return d;
}

model::Document image_doc(const RenderKit& k, const std::string& media_type, const std::string& bytes,
                          const std::string& caption) {
  model::Image img;
  img.media_type = media_type;
  img.bytes = bytes;
  auto [w, h] = layout::image_pixel_size(img);
  img.width_px = w;
  img.height_px = h;
  img.description = caption;
  const model::PageSetup& pg = k.form.page;
  double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 12;
  double iw = bw, ih = bh;
  if (w > 0 && h > 0) {
    double sc = std::min(bw / w, bh / h);
    iw = w * sc;
    ih = h * sc;
  }
  model::Section s = forms::section(pg);
  std::vector<model::Frame> frames;
  frames.push_back(model::PlacedImage{pg.left_mm + (bw - iw) / 2, pg.top_mm + (bh - ih) / 2, iw, ih, img});
  model::TextBox cap{pg.left_mm, pg.height_mm - pg.bottom_mm - 10, bw, 10, {}, model::FontRole::Song, 6, 10.5,
                     model::Align::Center, true, 0, 1.2};
  model::Run r;
  r.text = caption;
  cap.runs.push_back(r);
  frames.push_back(cap);
  s.fixed_pages.push_back(std::move(frames));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

RenderedDocument render_pdf(const model::Document& d, const layout::Style& st, const std::string& date,
                            const std::string& title = "") {
  RenderOptions ro;
  ro.date = date;
  ro.docx = false;
  ro.title = title;
  return render_document(d, st, render_kit().fonts, ro);
}

std::string media_type_of(const std::string& bytes) {
  if (bytes.size() > 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8)
    return "image/jpeg";
  if (bytes.size() > 8 && bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) return "image/png";
  return {};
}

// --- the three 范本 forms --------------------------------------------------------------------------

model::Document cover_doc(const RenderKit& k, const CaseFacts& f, int items, int pages) {
  model::Section s = forms::section(k.form.page);
  model::Table top;
  top.col_widths_mm = {22, 22, 22};
  top.rows.push_back(forms::row({"全宗号", "目录号", "案卷号"}, 10.5, false, model::Align::Center));
  top.rows.push_back(forms::row({f.fonds, f.catalogue_no, f.volume_no}, 10.5, false, model::Align::Center));
  // Right-aligned small table: pad with an empty first column.
  model::Table head;
  head.borders = false;
  head.col_widths_mm = {90, 66};
  model::TableRow hr;
  hr.cells.push_back(forms::cell(""));
  model::TableCell tc;
  tc.blocks.push_back(forms::block(std::move(top)));
  hr.cells.push_back(std::move(tc));
  head.rows.push_back(std::move(hr));
  s.blocks.push_back(forms::block(std::move(head)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  s.blocks.push_back(forms::block(forms::title(f.office, 18)));
  s.blocks.push_back(forms::block(forms::title("行政处罚案卷", 26)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {36, 120};
  auto add = [&](const std::string& k2, const std::string& v) { t.rows.push_back(forms::row({k2, v}, 12)); };
  add("案　　号", f.case_number);
  add("案　　由", f.cause);
  add("当 事 人", f.party);
  add("处罚结果", f.result);
  add("立案日期", forms::chinese_date(f.opened));
  add("结案日期", forms::chinese_date(f.closed));
  add("办案机构", f.office);
  add("归档日期", forms::chinese_date(f.archived));
  add("保管期限", f.retention_name);
  add("本卷件数、页数", "共 " + std::to_string(items) + " 件，" + std::to_string(pages) + " 页");
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}


model::Document contents_doc(const RenderKit& k, const std::vector<VolumeEntry>& entries) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内文件目录", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {10, 30, 24, 48, 18, 12, 14};
  t.rows.push_back(forms::row({"序号", "文号", "责任者", "题名", "日期", "页号", "备注"}, 10.5, true));
  std::string vol;
  for (const auto& e : entries) {
    if (e.volume_name != vol) {
      vol = e.volume_name;
      model::TableRow vr;
      vr.cells.push_back(forms::cell(vol.empty() ? "其他" : vol, model::Align::Start, 10.5, true, 7));
      t.rows.push_back(std::move(vr));
    }
    t.rows.push_back(forms::row({std::to_string(e.seq), e.doc_number, e.author, e.title, e.date, page_range_text(e), e.remark},
                                9));
  }
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

model::Document notes_doc(const RenderKit& k, const CaseFacts& f, size_t items, int numbered, int total,
                          const std::vector<std::string>& notes) {
  model::Section s = forms::section(k.form.page);
  s.blocks.push_back(forms::block(forms::title("卷内备考表", 22)));
  s.blocks.push_back(forms::block(forms::para(" ")));
  model::Table t;
  t.col_widths_mm = {156};
  model::TableRow r;
  model::TableCell c;
  c.blocks.push_back(forms::block(forms::para("本卷情况说明：", model::Align::Start, 14, true, model::FontRole::Hei)));
  c.blocks.push_back(forms::block(forms::para("本卷共有文件材料 " + std::to_string(items) + " 件，共 " + std::to_string(numbered) +
                                                  " 页（不含卷宗封面、卷内文件目录和本表）；连同卷宗封面、卷内文件目录和本表，全卷共 " +
                                                  std::to_string(total) + " 页。",
                                              model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (const auto& n : notes)
    c.blocks.push_back(forms::block(forms::para(n, model::Align::Justify, 12, false, model::FontRole::Song, 2)));
  for (int i = 0; i < 3; ++i) c.blocks.push_back(forms::block(forms::para(" ")));
  c.blocks.push_back(forms::block(forms::para("立卷人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("检查人：", model::Align::Start, 14)));
  c.blocks.push_back(forms::block(forms::para("立卷时间：" + forms::chinese_date(f.archived), model::Align::Start, 14)));
  r.cells.push_back(std::move(c));
  t.rows.push_back(std::move(r));
  s.blocks.push_back(forms::block(std::move(t)));
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

// The cover of a public volume: every fact taken from the documents, masked.
void mask_facts(CaseFacts& f) {
  for (std::string* v : {&f.case_number, &f.cause, &f.party, &f.result}) *v = mask(*v);
}

int volume_rank(const filing::Scheme& s, const json& item) {
  const filing::Category* c = s.category(item.value("category", ""));
  std::string v = item.value("volume", "");
  if (c)
    for (size_t i = 0; i < c->volumes.size(); ++i)
      if (c->volumes[i].name == v || c->volumes[i].code == v) return static_cast<int>(i);
  return 99;
}

}  // namespace

model::Document masked_document(model::Document d) {
  for (auto& sec : d.sections) {
    mask_blocks(sec.blocks);
    for (auto* hf : {&sec.header, &sec.footer})
      if (*hf)
        for (auto& p : (*hf)->paragraphs) mask_paragraph(p);
    for (auto& page : sec.fixed_pages)
      for (auto& fr : page)
        if (auto* tb = std::get_if<model::TextBox>(&fr))
          for (auto& r : tb->runs) r.text = mask(r.text);
  }
  return d;
}

std::string issuing_agency(const std::string& text) {
  const auto lines = compact_lines(text);
  for (auto find : {inspecting_office, header_agency, signature_agency, title_agency})
    if (std::string a = find(lines); !a.empty()) return a;
  return {};
}

std::string responsible_party(const std::string& text, const filing::Office& o) {
  std::string a = issuing_agency(text);
  return a.empty() ? o.name : a;
}

ItemPages render_item(const json& it, const fs::path& archive_dir, const std::string& date, bool masked) {
  const RenderKit& k = render_kit();
  ingest::InspectOptions iopt;
  ItemPages p;
  auto shown = [&](const std::string& s) { return masked ? mask(s) : s; };
  const std::string title = shown(it.value("title", ""));
  std::string rel = original_path(it);
  std::string fmt = it.value("format", "");
  bool ok = false;
  std::string bytes = rel.empty() ? std::string() : read_all(archive_dir / rel, ok);
  if (!ok) {
    p.problem = "原件无法读取（" + rel + "）";
  } else if (fmt == "image") {
    std::string mt = media_type_of(bytes);
    if (mt.empty()) {
      // TIFF and others: ingest converts them into the document model.
      auto f = ingest::inspect_bytes(rel, bytes, iopt, true);
      if (f.doc)
        for (const auto& sec : f.doc->sections)
          for (const auto& b : sec.blocks)
            if (auto im = std::get_if<model::Image>(&b.value); im && !media_type_of(im->bytes).empty() && mt.empty()) {
              mt = media_type_of(im->bytes);
              bytes = im->bytes;
            }
    }
    if (mt.empty()) {
      p.problem = "图像格式无法编入（仅支持 JPEG、PNG、TIFF）";
    } else {
      p.image_type = mt;
      p.image_bytes = bytes;
      try {
        auto r = render_pdf(image_doc(k, mt, bytes, title), k.form, date);
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "image";
      } catch (const std::exception& e) {
        p.problem = std::string("图像无法排版：") + e.what();
      }
    }
  } else {
    auto f = ingest::inspect_bytes(rel, bytes, iopt, true);
    p.fields = f.fields;
    p.records = f.records;
    if (f.doc) p.text = f.doc->plain_text();
    if (masked && f.doc) f.doc = std::make_shared<model::Document>(masked_document(*f.doc));
    if (fmt == "pdf" || f.meta.format == model::Format::Pdf) {
      auto probe = pdf::probe_pdf(bytes);
      if (probe.ok) {
        p.pdf = std::move(bytes);
        p.pages = probe.pages;
        p.how = "pdf";
        p.unmasked_numbers = masked && mask(p.text) != p.text;
      } else {
        p.problem = "PDF 原件已损坏，无法复制其页面（" + probe.error + "）";
      }
    } else if (f.error) {
      p.problem = "原件无法读取（" + std::string(model::error_kind_name(f.error->kind)) + "：" + f.error->message + "）";
    } else if ((!f.doc || f.doc->sections.empty()) && !f.records.empty()) {
      // Records only (an export without prose): the uniform 现场检查笔录 of each record.
      auto d = std::make_shared<model::Document>();
      for (const auto& rec : f.records)
        for (auto& sec : uniform_record_document(rec, "", masked).sections) d->sections.push_back(std::move(sec));
      try {
        auto r = render_pdf(*d, k.form, date, title);
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "typeset";
        p.doc = d;
      } catch (const std::exception& e) {
        p.problem = std::string("检查记录无法排版：") + e.what();
      }
    } else if (!f.doc || f.doc->sections.empty()) {
      p.problem = "原件没有可排版的内容";
    } else {
      try {
        auto r = render_pdf(*f.doc, k.gongwen, date, title);
        p.pdf = std::move(r.pdf);
        p.pages = r.pages;
        p.how = "typeset";
        p.doc = f.doc;
      } catch (const std::exception& e) {
        p.problem = std::string("原件无法重新排版：") + e.what();
      }
    }
  }
  if (!p.problem.empty() || p.pages <= 0) {
    if (p.problem.empty()) p.problem = "原件没有页面";
    auto r = render_pdf(placeholder_doc(k, it.value("archival_code", ""), title, shown(rel), shown(p.problem)), k.form, date);
    p.pdf = std::move(r.pdf);
    p.pages = r.pages;
    p.how = "placeholder";
  }
  p.text = shown(p.text);
  p.problem = shown(p.problem);
  return p;
}

VolumeBuild build_case_volume(const std::vector<json>& items_in, const fs::path& archive_dir, const filing::Scheme& s,
                              const filing::Office& o, const VolumeOptions& opt,
                              const ItemSource& source) {
  const RenderKit& k = render_kit();
  VolumeBuild vb;
  // 第七十八条 order: volume (正卷, 副卷), slot, date, title, 档号.
  std::vector<const json*> items;
  std::vector<const json*> replaced;  // a source 卷宗封面/卷内文件目录/卷内备考表: superseded by ours
  for (const auto& it : items_in) {
    int dn = it.value("doc_number", 0);
    (dn == 54 || dn == 55 || dn == 56 ? replaced : items).push_back(&it);
  }
  std::sort(items.begin(), items.end(), [&](const json* a, const json* b) {
    auto key = [&](const json* j) {
      return std::make_tuple(volume_rank(s, *j), j->value("slot_order", 0), j->value("date", ""), j->value("title", ""),
                             j->value("archival_code", ""));
    };
    return key(a) < key(b);
  });
  const std::string date = opt.archived_date;

  // 1. Each document → its pages.
  std::vector<ItemPages> own;
  std::vector<const ItemPages*> parts_p;
  own.reserve(items.size());
  for (const json* it : items) {
    if (source) parts_p.push_back(&source(*it));
    else { own.push_back(render_item(*it, archive_dir, date)); parts_p.push_back(&own.back()); }
  }
  struct PartView { const json* item; const ItemPages* p; };
  std::vector<PartView> parts;
  for (size_t i = 0; i < items.size(); ++i) {
    parts.push_back({items[i], parts_p[i]});
    if (parts_p[i]->how == "placeholder")
      vb.problems.push_back(items[i]->value("archival_code", "") + " " + items[i]->value("title", "") + "：" + parts_p[i]->problem);
  }

  // 2. Facts for the cover, from the documents themselves (never invented).
  CaseFacts& f = vb.facts;
  f.fonds = o.fonds;
  f.office = o.name;
  f.catalogue_no = opt.catalogue_no;
  f.volume_no = opt.volume_no;
  f.archived = opt.archived_date;
  std::string best_retention;
  for (const json* it : items) {
    if (f.case_number.empty()) f.case_number = it->value("case_number", "");
    if (f.year.empty() && it->contains("year")) f.year = std::to_string(it->value("year", 0));
    std::string r = it->value("retention", "");
    if (best_retention.empty() || s.retention_rank(r) > s.retention_rank(best_retention)) best_retention = r;
  }
  f.retention = best_retention;
  f.retention_name = s.period(best_retention) ? s.period(best_retention)->name : best_retention;
  auto by_doc = [&](std::initializer_list<int> docs) -> const ItemPages* {
    for (int d : docs)
      for (const auto& pv : parts)
        if (pv.item->value("doc_number", 0) == d && !pv.p->text.empty()) return pv.p;
    return nullptr;
  };
  for (const ItemPages* p : {by_doc({7}), by_doc({45, 44, 46}), by_doc({1, 35})}) {
    if (!p) continue;
    if (f.cause.empty()) {
      f.cause = label_value(p->text, "案由");
      if (f.cause.rfind("涉嫌", 0) == 0) f.cause = f.cause.substr(std::string("涉嫌").size());
    }
    if (f.party.empty() && !p->fields.parties.empty()) f.party = p->fields.parties.front();
    if (f.party.empty()) f.party = label_value(p->text, "当事人");
  }
  if (const ItemPages* d = by_doc({45, 44, 46})) f.result = penalty_result(d->text);
  for (const auto& pv : parts) {
    int dn = pv.item->value("doc_number", 0);
    if (dn == 7 && f.opened.empty()) f.opened = pv.item->value("date", "");
    if (dn == 53 && f.closed.empty()) f.closed = pv.item->value("date", "");
  }
  if (f.case_number.empty()) f.case_number = items.empty() ? "" : items.front()->value("case_name", "");
  if (f.cause.empty() && !items.empty()) {  // the case folder name without its 案号
    std::string n = items.front()->value("case_name", "");
    if (!f.case_number.empty() && n.find(f.case_number) != std::string::npos) n.erase(n.find(f.case_number), f.case_number.size());
    while (!n.empty() && (n[0] == ' ')) n.erase(0, 1);
    if (n != f.case_number) f.cause = n;
  }
  if (opt.mask) mask_facts(f);
  if (f.cause.empty()) vb.problems.push_back("案由未能从立案审批表或决定书中取得，封面留空");
  if (f.party.empty()) vb.problems.push_back("当事人未能从文书中取得，封面留空");
  if (f.result.empty()) vb.problems.push_back("处罚结果未能从行政处罚决定书中取得，封面留空");
  if (f.opened.empty()) vb.problems.push_back("没有立案审批表：立案日期留空");
  if (f.closed.empty()) vb.problems.push_back("没有结案审批表：结案日期留空");

  // 3. The 卷内文件目录 rows, with the pages of the assembled volume (编页: documents only).
  int page = 1;
  for (size_t i = 0; i < parts.size(); ++i) {
    const json& it = *parts[i].item;
    const ItemPages& pp = *parts[i].p;
    VolumeEntry e;
    e.seq = static_cast<int>(i) + 1;
    e.archival_code = it.value("archival_code", "");
    int dn = it.value("doc_number", 0);
    if (issues_own_number(dn))
      for (const auto& cn : pp.fields.case_numbers) { e.doc_number = cn.normalized; break; }
    e.author = responsible_party(pp.text, o);
    e.title = opt.mask ? mask(it.value("title", "")) : it.value("title", "");
    const filing::DocumentType* dt = s.document(dn);
    if (dt && e.title.find(dt->name) == std::string::npos &&
        (e.title.empty() || e.title == o.fonds_name || e.title == o.name))
      e.title = "[" + dt->name + "]";  // archivist-supplied title (DA/T 22-2015)
    e.date = date8(it.value("date", ""));
    e.volume_name = it.value("volume", "");
    e.first_page = page;
    e.last_page = page + pp.pages - 1;
    page += pp.pages;
    e.how = pp.how;
    e.problem = pp.problem;
    e.original = original_path(it);
    if (e.how == "placeholder") e.remark = "原件损坏，见占位页";
    else if (e.how == "typeset") e.remark = "重排";
    if (pp.unmasked_numbers)
      vb.problems.push_back(e.archival_code + " " + e.title + "：公开案卷中按原样复制的 PDF 含居民身份证号或手机号，无法遮蔽，请人工处理");
    vb.entries.push_back(std::move(e));
  }
  vb.numbered_pages = page - 1;

  // 4. Front and back matter. The 目录 does not change the 页号 (it is not numbered), so it is laid
  // out once; the 备考表 states the total, which depends on its own length: lay out until stable.
  std::vector<std::string> notes;
  for (const auto& e : vb.entries)
    if (e.how == "placeholder") notes.push_back("第" + std::to_string(e.seq) + "号文件（" + e.archival_code + "）" + e.problem + "，以占位页代替。");
  for (const json* r : replaced)
    notes.push_back("原卷内" + r->value("doc_type", std::string("目录")) + "（" + r->value("archival_code", "") +
                    "）已由本卷生成的封面、目录和备考表取代，原件保存在档案中。");
  auto cover = render_pdf(cover_doc(k, f, static_cast<int>(items.size()), vb.numbered_pages), k.form, date);
  auto contents = render_pdf(contents_doc(k, vb.entries), k.form, date);
  vb.front_pages = cover.pages + contents.pages;
  int back_pages = 1;
  RenderedDocument back;
  for (int tries = 0; tries < 3; ++tries) {
    vb.total_pages = vb.front_pages + vb.numbered_pages + back_pages;
    back = render_pdf(notes_doc(k, f, items.size(), vb.numbered_pages, vb.total_pages, notes), k.form, date);
    if (back.pages == back_pages) break;
    back_pages = back.pages;
  }
  vb.total_pages = vb.front_pages + vb.numbered_pages + back.pages;
  for (auto& e : vb.entries) e.first_index = vb.front_pages + e.first_page - 1;

  // 5. Assembly: outline (one bookmark per document under 正卷/副卷), page labels, metadata.
  pdf::AssembleOptions ao;
  ao.title = f.case_number + (f.cause.empty() ? "" : " " + f.cause);
  ao.author = o.name;
  ao.subject = "行政处罚案卷（《市场监督管理行政处罚程序规定》第七十八条）";
  ao.keywords = f.case_number;
  ao.date = date;
  ao.outline.push_back({"卷宗封面", 0, true, {}});
  ao.outline.push_back({"卷内文件目录", cover.pages, true, {}});
  for (const auto& e : vb.entries) {
    std::string vol = e.volume_name.empty() ? "其他" : e.volume_name;
    if (ao.outline.back().title != vol || ao.outline.back().page >= 0) ao.outline.push_back({vol, -1, true, {}});
    ao.outline.back().children.push_back({std::to_string(e.seq) + " " + e.title, e.first_index, true, {}});
  }
  ao.outline.push_back({"卷内备考表", vb.front_pages + vb.numbered_pages, true, {}});
  ao.labels.push_back({0, "封面", false, 1});
  ao.labels.push_back({cover.pages, "目录", contents.pages > 1, 1});
  if (vb.numbered_pages > 0) ao.labels.push_back({vb.front_pages, "", true, 1});
  ao.labels.push_back({vb.front_pages + vb.numbered_pages, "备考表", back.pages > 1, 1});
  std::vector<const std::string*> pdfs = {&cover.pdf, &contents.pdf};
  for (const auto& pv : parts) pdfs.push_back(&pv.p->pdf);
  pdfs.push_back(&back.pdf);
  // 编页: the 页号 the 目录 gives, printed upper right on each numbered page (domain.md §2).
  vb.pdf = stamp_page_numbers(pdf::assemble_pdf(pdfs, ao), vb.front_pages, vb.numbered_pages);

  // 6. 案卷.docx: the same front matter, the re-typeset documents, PDF originals listed with pages.
  if (opt.docx) {
    model::Document d;
    auto append = [&](model::Document&& part) {
      for (auto& sec : part.sections) d.sections.push_back(std::move(sec));
    };
    append(cover_doc(k, f, static_cast<int>(items.size()), vb.numbered_pages));
    append(contents_doc(k, vb.entries));
    for (size_t i = 0; i < parts.size(); ++i) {
      const auto& e = vb.entries[i];
      const ItemPages& p = *parts[i].p;
      if (p.how == "typeset" && p.doc) {
        model::Document copy = *p.doc;
        append(std::move(copy));
      } else if (p.how == "image") {
        model::Section sec = forms::section(k.form.page);
        model::Image img;
        img.media_type = p.image_type;
        img.bytes = p.image_bytes;
        auto [w, h] = layout::image_pixel_size(img);
        img.width_px = w;
        img.height_px = h;
        const auto& pg = k.form.page;
        double bw = pg.width_mm - pg.left_mm - pg.right_mm, bh = pg.height_mm - pg.top_mm - pg.bottom_mm - 20;
        if (w > 0 && h > 0) {
          double sc = std::min(bw / w, bh / h);
          img.width_mm = w * sc;
          img.height_mm = h * sc;
        }
        sec.blocks.push_back(model::Block{img});
        sec.blocks.push_back(forms::block(forms::para(e.title, model::Align::Center, 10.5)));
        d.sections.push_back(std::move(sec));
      } else {
        model::Section sec = forms::section(k.form.page);
        sec.blocks.push_back(forms::block(forms::title(e.title, 18)));
        std::string what = p.how == "pdf" ? "PDF 原件，按原样编入 案卷.pdf 第 " + std::to_string(e.first_index + 1) + "–" +
                                                std::to_string(e.first_index + e.last_page - e.first_page + 1) +
                                                " 页（页号 " + page_range_text(e) + "）。"
                                          : "占位：" + e.problem;
        sec.blocks.push_back(forms::block(forms::para("档号：" + e.archival_code, model::Align::Start, 14)));
        sec.blocks.push_back(forms::block(forms::para(what, model::Align::Start, 14)));
        sec.blocks.push_back(forms::block(forms::para("原件：" + e.original, model::Align::Start, 12)));
        d.sections.push_back(std::move(sec));
      }
    }
    append(notes_doc(k, f, items.size(), vb.numbered_pages, vb.total_pages, notes));
    docx::DocxOptions dopt;
    dopt.title = ao.title;
    dopt.author = ao.author;
    dopt.subject = ao.subject;
    if (auto t = parse_iso_date(date)) dopt.timestamp = *t;
    vb.docx = docx::write_docx(d, k.gongwen, dopt);
  }
  return vb;
}

}  // namespace lh::package
