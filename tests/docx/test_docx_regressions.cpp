// One test per bug found while writing the DOCX writer, named after it.
#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "codec/png_chunks.h"
#include "docx_test_util.h"
#include "test_support.h"

using namespace lh;
using namespace lh::docx::test;
namespace fs = std::filesystem;

namespace lh::docx::test {
fs::path soffice_convert(const std::string& docx, const std::string& tag, const std::string& filter,
                         const std::string& ext);
}

// The validator must reject what pandoc gets wrong (w:pStyle after w:numPr, README.md): proves
// the schema tests can fail at all.
TEST(DocxRegression, ValidatorRejectsMisorderedParagraphProperties) {
  if (!SchemaSet::schema_dir()) GTEST_SKIP() << "../shared/schemas/ooxml not present";
  const std::string bad =
      R"(<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:pStyle w:val="Heading1"/></w:pPr></w:p></w:body></w:document>)";
  EXPECT_NE(SchemaSet::instance().validate(bad, "wml-wrapper.xsd"), "");
}

// docGrid w:type="linesAndChars" with w:charSpace −842 (what Word's 公文 templates carry) made
// LibreOffice 7.4 put each 16 pt character into two 15.79 pt grid cells: 13 spread characters a
// line. Now: a line grid plus −0.25 pt character spacing → 28 characters a line, 22 lines a page.
TEST(DocxRegression, LinesAndCharsGridSpreadsCharactersInLibreOffice) {
  if (!lh::test::have_program("soffice") || !lh::test::have_program("pdftotext"))
    GTEST_SKIP() << "soffice or pdftotext not installed";
  model::Document d;
  model::Section s;
  model::Paragraph p = para("");
  p.first_line_indent_chars = 0;
  p.runs[0].text.clear();
  for (int i = 0; i < 10; ++i) p.runs[0].text += "一二三四五六七八九十";  // 100 characters
  s.blocks.push_back({p});
  for (int i = 0; i < 30; ++i) s.blocks.push_back({para("行" + std::to_string(i))});
  d.sections.push_back(s);
  const fs::path pdf = soffice_convert(docx::write_docx(d, gongwen_style(), {}), "grid", "pdf", "pdf");
  ASSERT_FALSE(pdf.empty());
  auto r = lh::test::run({"pdftotext", "-f", "1", "-l", "1", pdf.string(), "-"});
  ASSERT_EQ(r.exit_code, 0);
  std::istringstream in(r.out);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first, "一二三四五六七八九十一二三四五六七八九十一二三四五六七八");  // 28
  // 22 lines on page 1: 4 lines of the long paragraph, then 行0 … 行17.
  const std::string text = strip_space(r.out);  // pdftotext puts a space between 行 and digits
  EXPECT_NE(text.find("行17"), std::string::npos) << r.out;
  EXPECT_EQ(text.find("行18"), std::string::npos) << r.out;
}

// A page break used to be written as <w:br w:type="page"/> in its own paragraph, which leaves an
// empty line at the top of the next page; it is now pageBreakBefore on the next paragraph.
TEST(DocxRegression, PageBreakDoesNotLeaveAnEmptyLine) {
  model::Document d;
  model::Section s;
  s.blocks.push_back({para("第一页")});
  s.blocks.push_back({model::PageBreak{}});
  s.blocks.push_back({para("第二页")});
  d.sections.push_back(s);
  const std::string doc = unzip(docx::write_docx(d, gongwen_style(), {})).at("word/document.xml");
  EXPECT_NE(doc.find("<w:pageBreakBefore/>"), std::string::npos);
  EXPECT_EQ(doc.find("w:type=\"page\""), std::string::npos);
}

// A PNG whose text chunk after the pixels declares more than the file holds went into word/media as
// it came: Word's or LibreOffice's libpng would allocate what it declares (codec/png_chunks.h). It
// goes in up to that chunk, closed by an IEND.
TEST(DocxRegression, APngChunkDeclaringMoreThanTheFileHoldsIsNotEmbedded) {
  const std::string whole = tiny_png();
  model::Document d;
  model::Section s;
  model::Image img;
  img.media_type = "image/png";
  img.bytes = whole.substr(0, whole.rfind("IEND") - 4) + std::string("\x3F\x00\x00\x11tEXtComment", 15);
  img.width_px = 2;
  img.height_px = 1;
  s.blocks.push_back({img});
  d.sections.push_back(s);
  const Unzipped z = unzip(docx::write_docx(d, gongwen_style(), {}));
  ASSERT_TRUE(z.has("word/media/image1.png"));
  EXPECT_EQ(codec::png_overlong_chunk(z.at("word/media/image1.png")).at, std::string::npos);
  EXPECT_EQ(z.at("word/media/image1.png"), *codec::png_closed_before_overlong_chunk(img.bytes));
}

// word/document.xml of a document that holds one picture (tiny_png's bytes) declared w × h px.
static std::string document_with_picture(int w_px, int h_px) {
  model::Document d;
  model::Section s;
  model::Image img;
  img.media_type = "image/png";
  img.bytes = tiny_png();
  img.width_px = w_px;
  img.height_px = h_px;
  s.blocks.push_back({img});
  d.sections.push_back(s);
  return unzip(docx::write_docx(d, gongwen_style(), {})).at("word/document.xml");
}

// A picture the model gives no size came out as wide as the text in the DOCX but at its pixels at
// 150 dpi in the PDF (layout/flow.cpp), so the two files of one document differed. Both now size it
// by layout::natural_width_pt: 300 × 150 px is 2 × 1 inches in each.
TEST(DocxRegression, AnUnsizedPictureIsAsWideAsInThePdf) {
  const std::string doc = document_with_picture(300, 150);
  EXPECT_NE(doc.find(R"(<wp:extent cx="1828800" cy="914400"/>)"), std::string::npos) << doc.substr(doc.find("<w:drawing>"), 400);
  // A picture wider than the text at 150 dpi is still fitted to the text block (156 mm in 公文).
  const std::string wide = document_with_picture(3000, 1500);
  EXPECT_NE(wide.find(R"(<wp:extent cx="5616000" cy="2808000"/>)"), std::string::npos) << wide.substr(wide.find("<w:drawing>"), 400);
}

// Exact 28.95 pt line spacing clipped an inline picture to one line: image paragraphs use single
// spacing.
TEST(DocxRegression, ImageParagraphIsNotClippedByExactLineSpacing) {
  EXPECT_NE(document_with_picture(2, 1).find(R"(<w:spacing w:line="240" w:lineRule="auto"/>)"), std::string::npos);
}

// Another office's 财务报销管理办法.docx has a 10-column table whose w:tblGrid is 14,300 twips
// (252 mm) wide on an A4 page. The PDF scaled it to the 156 mm 版心 (layout/table.cpp), but the
// DOCX kept the source's grid, so Word and LibreOffice drew it past both margins and cut its first
// and last columns. Both now take the widths from layout::table_column_widths: the grid, w:tblW
// and every w:tcW fit the text width, in the source's proportions.
TEST(DocxRegression, ASourceTableWiderThanThePageIsFittedToTheTextWidthAsInThePdf) {
  const std::vector<int> source_twips = {700, 1300, 2600, 1800, 1000, 1200, 900, 1300, 1800, 1700};
  model::Table t;
  model::TableRow row;
  for (int tw : source_twips) {
    t.col_widths_mm.push_back(tw / 1440.0 * 25.4);  // as ingest/docx_body.cpp reads w:gridCol
    model::TableCell c;
    c.blocks.push_back({para("序号")});
    row.cells.push_back(c);
  }
  row.cells[2].col_span = 2;  // a merge: its w:tcW is the two grid columns'
  row.cells[3].covered = true;
  t.rows = {row, row};
  model::Document d;
  model::Section s;
  s.blocks.push_back({t});
  d.sections.push_back(s);
  const std::string doc = unzip(docx::write_docx(d, gongwen_style(), {})).at("word/document.xml");
  const int64_t text_width = 11906 - 1587 - 1474;  // A4 less 28 and 26 mm margins: 156 mm 版心
  std::vector<int64_t> grid;
  const std::regex col(R"re(<w:gridCol w:w="(\d+)"/>)re");
  for (auto it = std::sregex_iterator(doc.begin(), doc.end(), col); it != std::sregex_iterator(); ++it)
    grid.push_back(std::stoll((*it)[1]));
  ASSERT_EQ(grid.size(), source_twips.size()) << doc.substr(0, 1500);
  int64_t sum = 0;
  for (int64_t w : grid) sum += w;
  EXPECT_LE(sum, text_width);
  EXPECT_GE(sum, text_width - 2);  // fitted to the text, not shrunk further
  for (size_t i = 0; i < grid.size(); ++i)  // the source's proportions, to a twip or two
    EXPECT_NEAR(static_cast<double>(grid[i]), source_twips[i] * static_cast<double>(text_width) / 14300, 2.0) << i;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(doc, m, std::regex(R"re(<w:tblW w:w="(\d+)" w:type="dxa"/>)re")));
  EXPECT_EQ(std::stoll(m[1]), sum);
  EXPECT_NE(doc.find(R"(<w:tblLayout w:type="fixed"/>)"), std::string::npos);  // Word keeps the grid
  const std::string merged = R"(<w:tcW w:w=")" + std::to_string(grid[2] + grid[3]) + R"(" w:type="dxa"/><w:gridSpan w:val="2"/>)";
  EXPECT_NE(doc.find(merged), std::string::npos) << merged;
}

namespace {

// Twips of the w:gridCol of the w:tbl opening at `at` in `doc` (its own grid, not a nested one's).
int64_t grid_sum_at(const std::string& doc, size_t at) {
  const size_t end = doc.find("</w:tblGrid>", at);
  const std::regex col(R"re(<w:gridCol w:w="(\d+)"/>)re");
  int64_t sum = 0;
  for (auto it = std::sregex_iterator(doc.begin() + static_cast<std::ptrdiff_t>(at), doc.begin() + static_cast<std::ptrdiff_t>(end), col);
       it != std::sregex_iterator(); ++it)
    sum += std::stoll((*it)[1]);
  return sum;
}

}  // namespace

// A table nested in a cell (a form laid out in a borderless table, the 范本 54 cover's 全宗号 box)
// got the page's width in the DOCX: its w:tblGrid was shared from the 156 mm 版心, not from its
// cell, so Word and LibreOffice drew it across the outer table's other columns and past the margin,
// where the PDF (layout/table.cpp, nested_widths) fits it in the cell. Now the blocks of a cell are
// written in the cell's width less its left and right margins (w:tblCellMar, 108 twips each): a
// nested grid, in equal shares or in its source's proportions, sums to at most that.
TEST(DocxRegression, ATableNestedInACellGetsTheCellsWidthNotThePages) {
  auto plain_cell = [](const std::string& text) {
    model::TableCell c;
    c.blocks.push_back({para(text)});
    return c;
  };
  model::Table shares;  // no widths: equal shares of what it is given
  shares.rows.push_back({{plain_cell("全宗号"), plain_cell("目录号"), plain_cell("案卷号")}});
  model::Table wide;  // the source's widths, 140 mm together: wider than its 116 mm cell
  wide.col_widths_mm = {60, 80};
  wide.rows.push_back({{plain_cell("案由"), plain_cell("涉嫌销售过期食品")}});
  model::TableCell left, right;
  left.blocks.push_back({shares});
  right.blocks.push_back({wide});
  model::Table outer;
  outer.col_widths_mm = {40, 116};
  outer.borders = false;
  outer.rows.push_back({{left, right}});
  model::Document d;
  model::Section s;
  s.blocks.push_back({outer});
  d.sections.push_back(s);
  const std::string doc = unzip(docx::write_docx(d, gongwen_style(), {})).at("word/document.xml");
  std::vector<int64_t> cell_w;  // the outer row's w:tcW, in document order (the inner ones follow each)
  std::vector<size_t> tables;
  for (size_t at = doc.find("<w:tbl>"); at != std::string::npos; at = doc.find("<w:tbl>", at + 1)) tables.push_back(at);
  ASSERT_EQ(tables.size(), 3u) << doc.substr(0, 2000);
  const std::regex tcw(R"re(<w:tcW w:w="(\d+)")re");
  std::smatch m;
  for (size_t inner : {tables[1], tables[2]}) {
    // The w:tcW last written before the inner table opens is its enclosing cell's.
    std::string before = doc.substr(0, inner);
    int64_t enclosing = -1;
    for (auto it = std::sregex_iterator(before.begin(), before.end(), tcw); it != std::sregex_iterator(); ++it)
      enclosing = std::stoll((*it)[1]);
    cell_w.push_back(enclosing);
    EXPECT_GT(grid_sum_at(doc, inner), 0);
    EXPECT_LE(grid_sum_at(doc, inner), enclosing - 2 * 108) << "nested table at byte " << inner;
    EXPECT_GE(grid_sum_at(doc, inner), enclosing - 2 * 108 - 3);  // fitted to the cell, not shrunk further
  }
  EXPECT_NEAR(static_cast<double>(cell_w[0]), 40 / 25.4 * 1440, 2.0);
  EXPECT_NEAR(static_cast<double>(cell_w[1]), 116 / 25.4 * 1440, 2.0);
}
