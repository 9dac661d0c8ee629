// Which sides of a DOCX table's cells are ruled (ECMA-376 Part 1 §17.4.38 tblBorders, §17.4.66
// tcBorders, §17.7.6 table styles), read into model::Table::borders and model::TableCell::rules.
#include <gtest/gtest.h>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using namespace ooxml_test;

// Word's built-in default table style, as Word and WPS write it into styles.xml: no borders.
const std::string kNormalTable =
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"a1\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/></w:tblPr></w:style>";

std::string single_sides(const std::vector<std::string>& sides) {
  std::string s;
  for (const std::string& side : sides) s += "<w:" + side + " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  return s;
}

std::string ruled_cell(const std::string& text, const std::string& tc_borders) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>" +
         (tc_borders.empty() ? "" : "<w:tcBorders>" + tc_borders + "</w:tcBorders>") +
         "</w:tcPr><w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
}

std::string two_by_two(const std::string& tbl_pr, const std::string& tc_borders) {
  return "<w:tbl><w:tblPr>" + tbl_pr + "</w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"
         "<w:tr>" + ruled_cell("甲", tc_borders) + ruled_cell("乙", tc_borders) + "</w:tr>"
         "<w:tr>" + ruled_cell("丙", tc_borders) + ruled_cell("丁", tc_borders) + "</w:tr></w:tbl>";
}

const model::Table& only_table(const ReadResult& r) {
  auto tables = blocks_of<model::Table>(r.doc);
  if (tables.size() != 1) throw std::runtime_error("expected one table, got " + std::to_string(tables.size()));
  return *tables[0];
}

// Regression (poi-tl's 工程方案优化审查 form and 付款通知书 in shared/corpus): a layout table with no
// style and no w:tblBorders (the default "Normal Table" rules nothing, as Word and LibreOffice show
// it) was drawn with a box round every cell, so the reading copy showed a frame the form has not.
TEST(DocxTables, ATableWithNoStyleAndNoBordersIsNotRuled) {
  auto r = read_docx_of({.body = two_by_two("", ""), .styles = kNormalTable});
  ASSERT_FALSE(r.error) << r.error->message;
  const model::Table& t = only_table(r);
  EXPECT_FALSE(t.borders);
  for (const auto& row : t.rows)
    for (const auto& c : row.cells) EXPECT_FALSE(c.rules.has_value());
}

// A table style ruling everything (Word's "Table Grid", inserted tables' default) rules its table;
// one whose borders are all "none" does not, whatever the reader would assume without it.
TEST(DocxTables, ATablesStyleDecidesItsRulesWhereTheTableSaysNothing) {
  const std::string grid =
      "<w:style w:type=\"table\" w:styleId=\"a5\"><w:name w:val=\"Table Grid\"/><w:basedOn w:val=\"a1\"/><w:tblPr><w:tblBorders>" +
      single_sides({"top", "left", "bottom", "right", "insideH", "insideV"}) + "</w:tblBorders></w:tblPr></w:style>";
  const std::string open =
      "<w:style w:type=\"table\" w:styleId=\"open\"><w:name w:val=\"Open\"/><w:basedOn w:val=\"a5\"/><w:tblPr><w:tblBorders>"
      "<w:top w:val=\"none\"/><w:left w:val=\"none\"/><w:bottom w:val=\"none\"/><w:right w:val=\"none\"/>"
      "<w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr></w:style>";
  auto ruled = read_docx_of({.body = two_by_two("<w:tblStyle w:val=\"a5\"/>", ""), .styles = kNormalTable + grid});
  ASSERT_FALSE(ruled.error) << ruled.error->message;
  EXPECT_TRUE(only_table(ruled).borders);
  auto unruled = read_docx_of({.body = two_by_two("<w:tblStyle w:val=\"open\"/>", ""), .styles = kNormalTable + grid + open});
  ASSERT_FALSE(unruled.error) << unruled.error->message;
  EXPECT_FALSE(only_table(unruled).borders);
  // The table's own w:tblBorders win over its style's (§17.7.2).
  auto direct = read_docx_of({.body = two_by_two("<w:tblStyle w:val=\"open\"/><w:tblBorders>" +
                                                     single_sides({"top", "left", "bottom", "right", "insideH", "insideV"}) +
                                                     "</w:tblBorders>", ""),
                              .styles = kNormalTable + grid + open});
  ASSERT_FALSE(direct.error) << direct.error->message;
  EXPECT_TRUE(only_table(direct).borders);
}

// Regression (the same form's inner table, WPS's habit): every cell ruled by its own w:tcBorders
// and the table by nothing is a fully ruled table; a cell ruled on one side only (a résumé's
// column rule) keeps just that side, where the reader either ruled every cell or none.
TEST(DocxTables, CellsRuledOneByOneKeepTheirOwnSides) {
  const std::string all = single_sides({"top", "left", "bottom", "right"});
  auto every = read_docx_of({.body = two_by_two("", all), .styles = kNormalTable});
  ASSERT_FALSE(every.error) << every.error->message;
  EXPECT_TRUE(only_table(every).borders);

  const std::string body =
      "<w:tbl><w:tblPr><w:tblBorders><w:top w:val=\"nil\"/><w:left w:val=\"nil\"/><w:bottom w:val=\"nil\"/>"
      "<w:right w:val=\"nil\"/><w:insideH w:val=\"nil\"/><w:insideV w:val=\"nil\"/></w:tblBorders></w:tblPr>"
      "<w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid><w:tr>" +
      ruled_cell("个人信息", "<w:right w:val=\"single\" w:sz=\"4\"/>") + ruled_cell("工作经历", "") + "</w:tr></w:tbl>";
  auto one_side = read_docx_of({.body = body, .styles = kNormalTable});
  ASSERT_FALSE(one_side.error) << one_side.error->message;
  const model::Table& t = only_table(one_side);
  EXPECT_FALSE(t.borders);
  ASSERT_EQ(t.rows.size(), 1u);
  ASSERT_EQ(t.rows[0].cells.size(), 2u);
  ASSERT_TRUE(t.rows[0].cells[0].rules.has_value());
  EXPECT_EQ(*t.rows[0].cells[0].rules, (model::CellRules{false, false, false, true}));
  ASSERT_TRUE(t.rows[0].cells[1].rules.has_value());
  EXPECT_EQ(*t.rows[0].cells[1].rules, model::CellRules{});
}

// A table ruled only above, below and between its rows (a 三线表-like style: no vertical rules):
// the outer sides at the edges, insideH between rows, and no left or right side anywhere.
TEST(DocxTables, ATableRuledOnlyBetweenRowsHasNoVerticalRules) {
  auto r = read_docx_of({.body = two_by_two("<w:tblBorders>" + single_sides({"top", "bottom", "insideH"}) +
                                                "<w:left w:val=\"none\"/><w:right w:val=\"none\"/><w:insideV w:val=\"none\"/></w:tblBorders>",
                                            ""),
                         .styles = kNormalTable});
  ASSERT_FALSE(r.error) << r.error->message;
  const model::Table& t = only_table(r);
  EXPECT_FALSE(t.borders);
  for (const auto& row : t.rows)
    for (const auto& c : row.cells) {
      ASSERT_TRUE(c.rules.has_value());
      EXPECT_TRUE(c.rules->top);
      EXPECT_TRUE(c.rules->bottom);
      EXPECT_FALSE(c.rules->left);
      EXPECT_FALSE(c.rules->right);
    }
}

}  // namespace
}  // namespace lh::ingest
