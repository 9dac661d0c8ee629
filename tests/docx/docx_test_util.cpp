#include "docx_test_util.h"

#include "ooxml_check.h"

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <zip.h>

#include <cctype>
#include <cstdarg>
#include <cstdio>
#include <regex>
#include <stdexcept>

#include "test_support.h"

namespace lh::docx::test {
namespace fs = std::filesystem;
using namespace lh::model;

layout::Style gongwen_style() {
  layout::Style s;
  s.name = "gongwen";
  s.page = PageSetup{};  // A4, 37/35/28/26 mm (§5.2.1)
  s.lines_per_page = 22;
  s.chars_per_line = 28;
  s.body = {{FontRole::Body, 16, false}, Align::Justify, 2, 0, 0, false};
  s.title = {{FontRole::Title, 22, false}, Align::Center, 0, 0, 1, true};
  s.headings = {{
      {{FontRole::Hei, 16, false}, Align::Justify, 2, 0, 0, true},
      {{FontRole::Kai, 16, false}, Align::Justify, 2, 0, 0, true},
      {{FontRole::Body, 16, false}, Align::Justify, 2, 0, 0, true},
      {{FontRole::Body, 16, false}, Align::Justify, 2, 0, 0, true},
  }};
  s.table_text = {{FontRole::Body, 14, false}, Align::Start, 0, 0, 0, false};
  s.header_footer = {{FontRole::Body, 14, false}, Align::Center, 0, 0, 0, false};
  s.page_number = layout::PageNumberStyle{};
  s.line_height_em = 1.2;
  s.table_line_spacing = 1.3;
  s.header_distance_mm = 20;
  s.footer_distance_mm = 15;
  return s;
}

Paragraph para(const std::string& text, int heading_level) {
  Paragraph p;
  p.heading_level = heading_level;
  p.runs.push_back({.text = text});
  return p;
}

Document simple_document() {
  Document d;
  Section s;
  Paragraph title = para("关于开展市场监管执法检查的通知");
  title.style = "Title";
  s.blocks.push_back({title});
  s.blocks.push_back({para("各区市场监督管理局：")});
  Paragraph h1 = para("总体要求", 1);
  h1.list = ListKind::ChineseLevel;
  s.blocks.push_back({h1});
  Paragraph body = para("以习近平新时代中国特色社会主义思想为指导，依法履行市场监管职责。");
  body.runs.push_back({.text = "重点检查", .bold = true});
  body.runs.push_back({.text = "食品安全。"});
  s.blocks.push_back({body});
  Paragraph h2 = para("检查范围", 2);
  h2.list = ListKind::ChineseLevel;
  s.blocks.push_back({h2});
  s.blocks.push_back({para("辖区内 2024 年登记的全部食品经营者。")});
  d.sections.push_back(s);
  return d;
}

std::string tiny_png() {
  static const char png[] =
      "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00"
      "\x01\x08\x02\x00\x00\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0d\x49\x44\x41\x54\x78\xda\x63\xf8\xcf"
      "\x00\x04\xff\x01\x07\x00\x01\xff\x3d\x7d\x8c\x49\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60"
      "\x82";
  return std::string(png, sizeof png - 1);
}

static TableCell cell(const std::string& text) {
  TableCell c;
  c.blocks.push_back({para(text)});
  return c;
}

static TableCell covered() {
  TableCell c;
  c.covered = true;
  return c;
}

// 4 columns: a header row; "甲" spans 2 rows; "合并两列" spans 2 columns; a 2×2 block.
static Table merged_table() {
  Table t;
  t.col_widths_mm = {30, 50, 40, 36};
  TableRow head;
  head.header = true;
  head.cant_split = true;
  head.cells = {cell("序号"), cell("单位名称"), cell("检查结果"), cell("备注")};
  t.rows.push_back(head);
  TableRow r1;
  TableCell a = cell("甲");
  a.row_span = 2;
  TableCell span2 = cell("合并两列");
  span2.col_span = 2;
  r1.cells = {a, span2, covered(), cell("无")};
  t.rows.push_back(r1);
  TableRow r2;
  TableCell block = cell("二乘二");
  block.col_span = 2;
  block.row_span = 2;
  r2.cells = {covered(), block, covered(), cell("有")};
  t.rows.push_back(r2);
  TableRow r3;
  r3.cant_split = true;
  r3.cells = {cell("乙"), covered(), covered(), cell("")};
  t.rows.push_back(r3);
  return t;
}

Document full_document() {
  Document d;
  Section s1;
  Paragraph title = para("市场监管执法检查工作方案");
  title.style = "Title";
  s1.blocks.push_back({title});
  s1.blocks.push_back({TableOfContents{}});
  s1.blocks.push_back({PageBreak{}});
  Paragraph h1 = para("总体要求", 1);
  h1.list = ListKind::ChineseLevel;
  h1.anchor = "yaoqiu";
  s1.blocks.push_back({h1});
  Paragraph body = para("本方案适用于全市。详见");
  body.runs.push_back({.text = "检查范围", .link = "#fanwei"});
  body.runs.push_back({.text = "，政策原文见"});
  body.runs.push_back({.text = "国家市场监督管理总局网站", .underline = true, .link = "https://www.samr.gov.cn/"});
  body.runs.push_back({.text = "。"});
  s1.blocks.push_back({body});
  Paragraph h2 = para("检查范围", 2);
  h2.list = ListKind::ChineseLevel;
  h2.anchor = "fanwei";
  s1.blocks.push_back({h2});
  for (int i = 0; i < 3; ++i) {
    Paragraph item = para("检查事项" + std::to_string(i + 1));
    item.list = ListKind::Decimal;
    s1.blocks.push_back({item});
  }
  Paragraph h3 = para("检查内容", 3);
  h3.list = ListKind::ChineseLevel;
  s1.blocks.push_back({h3});
  Paragraph h4 = para("具体要求", 4);
  h4.list = ListKind::ChineseLevel;
  s1.blocks.push_back({h4});
  Paragraph styled = para("红色楷体");
  styled.runs[0].role = FontRole::Kai;
  styled.runs[0].color_rgb = 0xC00000;
  styled.runs[0].italic = true;
  styled.runs[0].size_pt = 18;
  styled.runs.push_back({.text = "\t制表符\n换行"});
  s1.blocks.push_back({styled});
  // Control characters, U+FFFE and invalid UTF-8 from a dirty source: all dropped.
  s1.blocks.push_back({para(std::string("控制\x01字符\x0C测试\xEF\xBF\xBE结束\xC3(\xFF"))});
  s1.blocks.push_back({merged_table()});
  Image img;
  img.media_type = "image/png";
  img.bytes = tiny_png();
  img.width_px = 2;
  img.height_px = 1;
  img.width_mm = 40;
  img.description = "示意图 <1>";
  s1.blocks.push_back({img});
  Paragraph h1b = para("工作安排", 1);
  h1b.list = ListKind::ChineseLevel;
  s1.blocks.push_back({h1b});
  s1.blocks.push_back({para("  前后空格  ")});
  d.sections.push_back(s1);

  Section s2;  // landscape section with its own header and footer, numbering restarted
  s2.page.width_mm = 297;
  s2.page.height_mm = 210;
  s2.restart_numbering = true;
  s2.header = HeaderFooter{{para("附件")}};
  s2.footer = HeaderFooter{{para("第{PAGE}页")}};
  Paragraph h1c = para("附表", 1);
  s2.blocks.push_back({h1c});
  s2.blocks.push_back({merged_table()});
  d.sections.push_back(s2);
  return d;
}

Document book_document() {
  Document d;
  Section cover;
  cover.blocks.push_back({para("市场监督管理所制度建设指引")});
  Section front;
  front.numbering = Section::Numbering::LowerRoman;
  front.restart_numbering = true;
  front.header = HeaderFooter{{para("制度建设指引　{PAGE}")}};
  front.blocks.push_back({TableOfContents{}});
  front.blocks.push_back({para("编制说明", 1)});
  Section part = front;
  part.numbering = Section::Numbering::Decimal;
  part.start_on_odd_page = true;
  part.blocks = {{para("第一篇　党建工作", 1)}, {para("第一章　组织建设", 2)}, {para("第一条　正文。")}};
  Section duties = part;
  duties.page.width_mm = 297;
  duties.page.height_mm = 210;
  duties.restart_numbering = false;
  duties.header = HeaderFooter{{para("制度建设指引　权责清单　{PAGE}")}};
  Table t;
  t.col_widths_mm = {40, 60, 100};
  TableRow head;
  head.header = true;
  head.cells = {cell("事项名称"), cell("责任事项"), cell("追责情形")};
  t.rows.push_back(head);
  for (int r = 0; r < 3; ++r) {
    TableRow row;
    row.cells = {r == 0 ? cell("食品经营许可") : covered(), cell("受理"), cell("不依法受理的")};
    if (r == 0) row.cells[0].row_span = 3;
    t.rows.push_back(row);
  }
  duties.blocks = {{para("第二篇　权责清单", 1)}, {t}};
  d.sections = {cover, front, part, duties};
  return d;
}

Unzipped unzip(const std::string& docx) {
  Unzipped u;
  u.parts = lh::test::ooxml::unzip(docx, &u.names);
  return u;
}

// Schema checks are the shared ones of tests/support/ooxml_check.h; these wrappers keep the names the
// DOCX tests use.
std::optional<fs::path> SchemaSet::schema_dir() { return lh::test::ooxml::schema_dir(); }

SchemaSet& SchemaSet::instance() {
  static SchemaSet s;
  return s;
}

std::string SchemaSet::validate(const std::string& xml, const std::string& xsd_file) {
  return lh::test::ooxml::validate(xml, xsd_file);
}

std::string schema_for(const std::string& name) { return lh::test::ooxml::schema_for(name); }

std::string normalize_part(const std::string& name, const std::string& xml) {
  std::string s = xml;
  if (name == "docProps/core.xml")
    s = std::regex_replace(s, std::regex(R"(<dcterms:(created|modified)([^>]*)>[^<]*<)"), "<dcterms:$1$2>DATE<");
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    out += s[i];
    if (s[i] == '>' && i + 1 < s.size() && s[i + 1] == '<') out += '\n';
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string strip_space(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) continue;
    // U+3000 ideographic space, U+00A0 no-break space
    if (c == 0xE3 && i + 2 < s.size() && s[i + 1] == '\x80' && s[i + 2] == '\x80') { i += 2; continue; }
    if (c == 0xC2 && i + 1 < s.size() && s[i + 1] == '\xA0') { ++i; continue; }
    out += s[i];
  }
  return out;
}

}  // namespace lh::docx::test
