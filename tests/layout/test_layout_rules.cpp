// The rules layout draws round table cells: a whole box per cell for a ruled table, each cell's own
// sides where the model gives them (model::TableCell::rules, from DOCX w:tcBorders), none else.
#include <gtest/gtest.h>

#include <string>

#include "layout/layout.h"
#include "layout_fixtures.h"
#include "sample_doc.h"
#include "test_support.h"

using namespace lh;

namespace {

struct CellRulesDrawn {
  std::vector<layout::RectItem> boxes;
  std::vector<layout::RuleItem> lines;
};

CellRulesDrawn rules_of_one_row(bool table_borders, const std::optional<model::CellRules>& left_cell,
                                const std::optional<model::CellRules>& right_cell) {
  model::Table t;
  t.col_widths_mm = {52, 104};  // the 版心, 156 mm
  t.borders = table_borders;
  model::TableRow row;
  for (const auto& [text, rules] : {std::pair{"个人信息", left_cell}, std::pair{"工作经历", right_cell}}) {
    model::TableCell c;
    c.blocks.push_back({sample::para(text)});
    c.rules = rules;
    row.cells.push_back(c);
  }
  t.rows = {row};
  model::Section s;
  s.blocks.push_back({t});
  model::Document d;
  d.sections.push_back(s);
  const layout::Laid laid = layout::lay_out(d, test::gongwen(), test::fonts());
  CellRulesDrawn out;
  for (const auto& it : laid.pages.at(0).items) {
    if (const auto* r = std::get_if<layout::RectItem>(&it)) out.boxes.push_back(*r);
    if (const auto* l = std::get_if<layout::RuleItem>(&it)) out.lines.push_back(*l);
  }
  return out;
}

// Regression (a résumé-like DOCX whose two columns are parted by one rule, the left cell's
// w:tcBorders right side): the table was drawn either boxed all round or not at all. Now the cell
// draws the one side it rules, a vertical line at the column's right edge, and nothing else.
TEST(LayoutRules, ACellRuledOnOneSideDrawsThatSideOnly) {
  const CellRulesDrawn d = rules_of_one_row(false, model::CellRules{false, false, false, true}, model::CellRules{});
  EXPECT_TRUE(d.boxes.empty());
  ASSERT_EQ(d.lines.size(), 1u);
  EXPECT_NEAR(d.lines[0].x1, d.lines[0].x2, 1e-6);  // vertical
  EXPECT_GT(d.lines[0].y2 - d.lines[0].y1, 10.0);
  // at the left column's right edge: 28 mm margin + 52 mm
  EXPECT_NEAR(d.lines[0].x1, (28 + 52) * test::kMm, 0.5);
}

// Without rules of their own, the cells follow the table: a box each when it has borders, nothing
// when it has none (a layout table such as the 范本 54 cover's).
TEST(LayoutRules, CellsWithoutRulesOfTheirOwnFollowTheTable) {
  const CellRulesDrawn boxed = rules_of_one_row(true, std::nullopt, std::nullopt);
  EXPECT_EQ(boxed.boxes.size(), 2u);
  EXPECT_TRUE(boxed.lines.empty());
  const CellRulesDrawn open = rules_of_one_row(false, std::nullopt, std::nullopt);
  EXPECT_TRUE(open.boxes.empty());
  EXPECT_TRUE(open.lines.empty());
  // A cell ruled all round draws four sides that meet at the corners.
  const CellRulesDrawn four = rules_of_one_row(false, model::CellRules{true, true, true, true}, std::nullopt);
  ASSERT_EQ(four.lines.size(), 4u);
  const layout::RuleItem& top = four.lines[0];
  const layout::RuleItem& left = four.lines[2];
  EXPECT_LT(top.x1, left.x1);  // the top side reaches past the left one by half a stroke
}

}  // namespace
