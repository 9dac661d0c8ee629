// A book's typesetting as a reader of the PDF sees it (issue 11 items 3 and 4): roman front matter,
// a 篇 opening on a recto page, landscape 权责清单 pages with their running header, and tables that
// survive pagination (header row on every page, a merged 事项 cell named again after a break, a
// cell taller than a page). Poppler (poppler-glib) reads the produced file.
#include <gtest/gtest.h>
#include <poppler.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "layout/layout.h"
#include "layout_fixtures.h"
#include "pdf/pdf.h"
#include "poppler_chars.h"

using namespace lh;

namespace {

using lh::test::kMm;

struct Pdf {
  PopplerDocument* doc = nullptr;
  std::string bytes;
  explicit Pdf(std::string b) : bytes(std::move(b)) {
    GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
    doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
    g_bytes_unref(gb);
  }
  ~Pdf() { if (doc) g_object_unref(doc); }
  Pdf(const Pdf&) = delete;
  int pages() const { return doc ? poppler_document_get_n_pages(doc) : 0; }
  std::string label(int i) const {
    PopplerPage* p = poppler_document_get_page(doc, i);
    gchar* l = poppler_page_get_label(p);
    std::string s = l ? l : "";
    g_free(l);
    g_object_unref(p);
    return s;
  }
  std::pair<double, double> size(int i) const {
    PopplerPage* p = poppler_document_get_page(doc, i);
    double w = 0, h = 0;
    poppler_page_get_size(p, &w, &h);
    g_object_unref(p);
    return {w, h};
  }
  // The page's text without white space.
  std::string text(int i) const {
    std::string s;
    for (const auto& c : test::page_chars(doc, i))
      if (c.ch != " " && c.ch != "\n" && c.ch != "\t") s += c.ch;
    return s;
  }
};

std::string write_book_pdf(const model::Document& d) {
  pdf::PdfOptions o;
  o.date = "2024-03-05T10:00:00+08:00";
  return pdf::write_pdf(layout::lay_out(d, test::gongwen(), test::fonts()), o);
}

model::Paragraph para(const std::string& text, int heading = 0) {
  model::Paragraph p;
  p.heading_level = heading;
  p.runs.push_back(model::Run{.text = text});
  return p;
}

model::TableCell cell(const std::string& text) {
  model::TableCell c;
  c.blocks.push_back({para(text)});
  return c;
}

model::TableCell covered() {
  model::TableCell c;
  c.covered = true;
  return c;
}

// An A4 landscape page with the 公文 margins turned with it (天头 and 订口 keep their sides).
model::PageSetup landscape() {
  model::PageSetup p;
  p.width_mm = 297;
  p.height_mm = 210;
  p.top_mm = 28;
  p.bottom_mm = 26;
  p.left_mm = 37;
  p.right_mm = 35;
  return p;
}

model::HeaderFooter running_header(const std::string& text) {
  model::HeaderFooter h;
  h.paragraphs.push_back(para(text));
  return h;
}

const std::vector<std::string> kHeader = {"序号", "事项名称", "事项类型", "实施依据", "责任主体"};

// A 权责清单 of `rows` rows whose 实施依据 run from a few words to several lines (seeded).
model::Table duty_list(int rows, unsigned seed) {
  static const std::vector<std::string> basis = {
      "《中华人民共和国食品安全法》第一百二十二条", "《中华人民共和国行政处罚法》第五十一条、第五十二条",
      "《市场监督管理行政处罚程序规定》第十八条；《食品经营许可和备案管理办法》第五十条",
      "《中华人民共和国产品质量法》第四十九条至第五十四条，《工业产品生产许可证管理条例》第四十五条"};
  std::mt19937 rng(seed);
  model::Table t;
  t.col_widths_mm = {14, 48, 26, 104, 33};
  model::TableRow head;
  head.header = true;
  for (const auto& h : kHeader) head.cells.push_back(cell(h));
  t.rows.push_back(head);
  for (int r = 1; r <= rows; ++r) {
    model::TableRow row;
    std::string b;
    for (unsigned k = 0, n = 1 + rng() % 3; k < n; ++k) b += basis[rng() % basis.size()];
    row.cells = {cell(std::to_string(r)), cell("行政检查事项" + std::to_string(r)), cell("行政检查"), cell(b),
                 cell("市场监督管理所")};
    t.rows.push_back(row);
  }
  return t;
}

// The first line of text inside the text block (below the running header) of page i.
std::string first_body_line(const Pdf& pdf, int i, double top_pt) {
  std::string line;
  double y = -1;
  for (const auto& c : test::page_chars(pdf.doc, i)) {
    if (c.ch == " " || c.ch == "\n" || c.y1 < top_pt - 2) continue;
    if (y < 0) y = c.y2;
    if (std::abs(c.y2 - y) < 3) line += c.ch;
  }
  return line;
}

}  // namespace

TEST(BookPdf, HeaderRowStartsEveryPageOfALandscapeTable) {
  model::Document d;
  model::Section s;
  s.page = landscape();
  s.header = running_header("制度建设指引　权责清单");
  s.blocks.push_back({duty_list(60, 11)});
  d.sections.push_back(s);
  Pdf pdf(write_book_pdf(d));
  ASSERT_GE(pdf.pages(), 3);
  for (int i = 0; i < pdf.pages(); ++i) {
    auto [w, h] = pdf.size(i);
    EXPECT_GT(w, h) << "page " << i + 1;
    const std::string first = first_body_line(pdf, i, 28 * kMm);
    for (const auto& h : kHeader) EXPECT_NE(first.find(h), std::string::npos) << "page " << i + 1 << ": " << first;
  }
  std::string all;
  for (int i = 0; i < pdf.pages(); ++i) all += pdf.text(i);
  for (int r = 1; r <= 60; ++r)
    EXPECT_NE(all.find("行政检查事项" + std::to_string(r)), std::string::npos) << r;
}

TEST(BookPdf, LandscapeRunningHeaderIsUprightAndOnThePage) {
  model::Document d;
  model::Section portrait;
  portrait.header = running_header("制度建设指引");
  portrait.blocks.push_back({para("第一篇　党建工作", 1)});
  model::Section wide;
  wide.page = landscape();
  wide.header = running_header("制度建设指引　权责清单");
  wide.blocks.push_back({duty_list(30, 5)});
  d.sections = {portrait, wide};
  Pdf pdf(write_book_pdf(d));
  ASSERT_GE(pdf.pages(), 2);
  auto [w, h] = pdf.size(1);
  ASSERT_GT(w, h);
  std::vector<test::PageChar> head;
  for (const auto& c : test::page_chars(pdf.doc, 1))
    if (c.ch != " " && c.ch != "\n" && c.y2 < 28 * kMm) head.push_back(c);
  std::string text;
  for (const auto& c : head) text += c.ch;
  ASSERT_EQ(text, "制度建设指引权责清单");
  for (size_t i = 0; i < head.size(); ++i) {
    EXPECT_GE(head[i].x1, 37 * kMm - 1);          // inside the text block's width
    EXPECT_LE(head[i].x2, w - 35 * kMm + 1);
    EXPECT_GT(head[i].y1, 0);
    EXPECT_NEAR(head[i].y2 - head[i].y1, head[0].y2 - head[0].y1, 0.5);  // one line, upright:
    EXPECT_NEAR(head[i].y2, head[0].y2, 0.5);                            // glyphs side by side
    if (i) {
      EXPECT_GT(head[i].x1, head[i - 1].x1);
    }
    EXPECT_LT(head[i].x2 - head[i].x1, 1.3 * (head[i].y2 - head[i].y1));  // not stretched or turned
  }
}

TEST(BookPdf, MergedCellCutByAPageBreakIsNamedOnBothPages) {
  model::Table t;
  t.col_widths_mm = {40, 116};
  model::TableRow head;
  head.header = true;
  head.cells = {cell("事项名称"), cell("责任事项")};
  t.rows.push_back(head);
  const int span = 30;  // more rows than a portrait page holds
  for (int r = 0; r < span; ++r) {
    model::TableRow row;
    row.cells.push_back(r == 0 ? cell("食品经营许可") : covered());
    if (r == 0) row.cells[0].row_span = span;
    row.cells.push_back(cell("责任" + std::to_string(r + 1) + "：对申请材料进行审查，依法作出许可决定。"));
    t.rows.push_back(row);
  }
  model::Document d;
  model::Section s;
  s.blocks.push_back({t});
  d.sections.push_back(s);
  Pdf pdf(write_book_pdf(d));
  ASSERT_GE(pdf.pages(), 2);
  for (int i = 0; i < pdf.pages(); ++i) {
    const std::string text = pdf.text(i);
    EXPECT_NE(text.find("食品经营许可"), std::string::npos) << "page " << i + 1 << ": " << text;
    EXPECT_NE(text.find("事项名称"), std::string::npos) << "page " << i + 1;
  }
  std::string all;
  for (int i = 0; i < pdf.pages(); ++i) all += pdf.text(i);
  for (int r = 1; r <= span; ++r) EXPECT_NE(all.find("责任" + std::to_string(r) + "："), std::string::npos) << r;
}

TEST(BookPdf, CellTallerThanAPageSplitsAndKeepsAllItsText) {
  std::string longest;
  const int n = 400;
  for (int i = 0; i < n; ++i) longest += "甲" + std::to_string(i) + "，";
  model::Table t;
  t.col_widths_mm = {30, 126};
  model::TableRow head;
  head.header = true;
  head.cells = {cell("事项"), cell("追责情形")};
  model::TableRow row;
  row.cells = {cell("乙"), cell(longest)};
  t.rows = {head, row};
  model::Document d;
  model::Section s;
  s.blocks.push_back({para("前文")});
  s.blocks.push_back({t});
  d.sections.push_back(s);
  Pdf pdf(write_book_pdf(d));
  ASSERT_GE(pdf.pages(), 2);
  std::string all;
  for (int i = 0; i < pdf.pages(); ++i) all += pdf.text(i);
  size_t count = 0;
  for (size_t at = 0; (at = all.find("甲", at)) != std::string::npos; at += 3) ++count;
  EXPECT_EQ(count, static_cast<size_t>(n));
  // The row starts on page 1 right under the header: it is split, not pushed to the next page.
  EXPECT_NE(pdf.text(0).find("甲0，"), std::string::npos);
  EXPECT_NE(pdf.text(pdf.pages() - 1).find("甲" + std::to_string(n - 1) + "，"), std::string::npos);
}

TEST(BookPdf, FrontMatterIsNumberedInRomanAndTheBodyRestartsAtOne) {
  model::Document d;
  model::Section front;
  front.numbering = model::Section::Numbering::LowerRoman;
  front.header = running_header("编制说明　第{PAGE}页");
  for (int i = 0; i < 3; ++i) {
    if (i) front.blocks.push_back({model::PageBreak{}});
    front.blocks.push_back({para("编制说明第" + std::to_string(i + 1) + "页")});
  }
  model::Section body;
  body.restart_numbering = true;
  body.header = running_header("正文　第{PAGE}页");
  body.blocks.push_back({para("第一篇")});
  body.blocks.push_back({model::PageBreak{}});
  body.blocks.push_back({para("第二篇")});
  d.sections = {front, body};
  Pdf pdf(write_book_pdf(d));
  ASSERT_EQ(pdf.pages(), 5);
  const std::vector<std::string> want = {"i", "ii", "iii", "1", "2"};
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(pdf.label(i), want[static_cast<size_t>(i)]);
    const std::string text = pdf.text(i);
    EXPECT_NE(text.find("第" + want[static_cast<size_t>(i)] + "页"), std::string::npos) << text;  // {PAGE}
    EXPECT_NE(text.find("—" + want[static_cast<size_t>(i)] + "—"), std::string::npos) << text;    // GB/T 9704 §7.5
  }
}

TEST(BookPdf, PartOpeningOnARectoStartsOnAnOddPage) {
  // Front matter of 1 page, then 篇 of 1, 2 and 1 pages, each opening on a recto.
  model::Document d;
  auto section = [](const std::string& title, int pages, bool odd) {
    model::Section s;
    s.start_on_odd_page = odd;
    s.header = running_header("页眉" + title);
    for (int i = 0; i < pages; ++i) {
      if (i) s.blocks.push_back({model::PageBreak{}});
      s.blocks.push_back({para(title + "第" + std::to_string(i + 1) + "页")});
    }
    return s;
  };
  d.sections = {section("前言", 1, false), section("第一篇", 1, true), section("第二篇", 2, true),
                section("第三篇", 1, true)};
  Pdf pdf(write_book_pdf(d));
  // 前言 p1, blank p2, 第一篇 p3, blank p4, 第二篇 p5–6, 第三篇 p7 (no blank needed).
  ASSERT_EQ(pdf.pages(), 7);
  EXPECT_NE(pdf.text(2).find("第一篇第1页"), std::string::npos);
  EXPECT_NE(pdf.text(4).find("第二篇第1页"), std::string::npos);
  EXPECT_NE(pdf.text(6).find("第三篇第1页"), std::string::npos);
  EXPECT_EQ(pdf.text(1), "");  // blank: no header, no page number
  EXPECT_EQ(pdf.text(3), "");
  EXPECT_EQ(pdf.label(6), "7");
}
