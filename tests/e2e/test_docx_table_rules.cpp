// A table's rules through our DOCX writer and back through our DOCX reader: what the PDF of a
// document draws, its DOCX copy must show in Word and read back the same.
#include <gtest/gtest.h>

#include "docx/docx.h"
#include "ingest/reader.h"
#include "layout_fixtures.h"

namespace {
using namespace lh;

model::Table two_cells(bool borders, const std::optional<model::CellRules>& first) {
  model::Table t;
  t.col_widths_mm = {52, 104};
  t.borders = borders;
  model::TableRow row;
  for (const char* text : {"个人信息", "工作经历"}) {
    model::TableCell c;
    model::Paragraph p;
    p.runs.push_back(model::Run{text});
    c.blocks.push_back({p});
    row.cells.push_back(c);
  }
  row.cells[0].rules = first;
  if (first) row.cells[1].rules = model::CellRules{};
  t.rows = {row, row};
  return t;
}

model::Table round_trip(const model::Table& t) {
  model::Section s;
  s.blocks.push_back({t});
  model::Document d;
  d.sections.push_back(s);
  const std::string bytes = docx::write_docx(d, test::gongwen(), {});
  ingest::ReadOptions opts;
  const ingest::ReadResult r = ingest::read_docx(ingest::Input{bytes, "round-trip.docx", &opts});
  if (r.error) throw std::runtime_error(r.error->message);
  for (const auto& sec : r.doc.sections)
    for (const auto& b : sec.blocks)
      if (const auto* back = std::get_if<model::Table>(&b.value)) return *back;
  throw std::runtime_error("no table read back");
}

// Regression: our DOCX writer gives a borderless table the style TableNormal, and the reader, which
// did not look at table styles, read every table without w:tblBorders as ruled: a reading copy's
// DOCX re-read (a book's source, an archived rendering) came back boxed.
TEST(DocxTableRules, ABorderlessTableStaysBorderlessThroughDocx) {
  EXPECT_FALSE(round_trip(two_cells(false, std::nullopt)).borders);
  EXPECT_TRUE(round_trip(two_cells(true, std::nullopt)).borders);
}

// A cell's own sides (w:tcBorders) are written and read back as they were.
TEST(DocxTableRules, ACellsOwnSidesSurviveTheDocx) {
  const model::Table back = round_trip(two_cells(false, model::CellRules{false, false, false, true}));
  EXPECT_FALSE(back.borders);
  ASSERT_EQ(back.rows.size(), 2u);
  for (const auto& row : back.rows) {
    ASSERT_EQ(row.cells.size(), 2u);
    ASSERT_TRUE(row.cells[0].rules.has_value());
    EXPECT_EQ(*row.cells[0].rules, (model::CellRules{false, false, false, true}));
    ASSERT_TRUE(row.cells[1].rules.has_value());
    EXPECT_EQ(*row.cells[1].rules, model::CellRules{});
  }
}

}  // namespace
