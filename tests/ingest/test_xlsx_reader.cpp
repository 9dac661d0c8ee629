// The XLSX reader: cells of every kind, dates, merges, sheet headings, register records.
#include <gtest/gtest.h>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;

const std::string kStyles = R"X(<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>
<numFmt numFmtId="165" formatCode="[$-F800]dddd\,\ mmmm\ dd\,\ yyyy"/><numFmt numFmtId="166" formatCode="#,##0.00_);[Red]\(#,##0.00\)"/></numFmts>
<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="22"/><xf numFmtId="20"/><xf numFmtId="166"/><xf numFmtId="10"/></cellXfs>
</styleSheet>)X";

const model::Table& table_at(const ReadResult& r, size_t i) { return *blocks_of<model::Table>(r.doc).at(i); }

TEST(XlsxReader, CellKindsAndSheetHeadings) {
  std::string si = "<si><t>检查对象</t></si><si><r><rPr><b/><color rgb=\"FFFF0000\"/><sz val=\"14\"/></rPr><t>红</t></r><r><t>字</t></r></si>";
  std::string data =
      "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>内联</t></is></c></row>"
      "<row r=\"2\"><c r=\"A2\"><v>42</v></c><c r=\"B2\"><v>0.1</v></c><c r=\"C2\" t=\"b\"><v>1</v></c><c r=\"D2\" t=\"e\"><v>#N/A</v></c>"
      "<c r=\"E2\" t=\"str\"><f>A1</f><v>公式</v></c><c r=\"F2\"><v>914403001922038</v></c></row>";
  auto r = read_with(read_xlsx, make_xlsx({{"台账", data, ""}, {"空表", "", ""}}, si));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Xlsx);
  EXPECT_EQ(r.meta.pages, 2);
  auto paras = blocks_of<model::Paragraph>(r.doc);
  ASSERT_EQ(paras.size(), 2u);
  EXPECT_EQ(paras[0]->plain_text(), "台账");
  EXPECT_EQ(paras[0]->heading_level, 1);
  EXPECT_EQ(paras[1]->plain_text(), "空表");
  const auto& t = table_at(r, 0);
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_EQ(t.rows[0].cells.size(), 6u);
  EXPECT_EQ(cell_text(t.rows[0].cells[0]), "检查对象");
  EXPECT_EQ(cell_text(t.rows[0].cells[1]), "红字");
  const auto& rich = std::get<model::Paragraph>(t.rows[0].cells[1].blocks.at(0).value);
  ASSERT_EQ(rich.runs.size(), 2u);
  EXPECT_TRUE(rich.runs[0].bold);
  EXPECT_EQ(rich.runs[0].color_rgb, 0xFF0000u);
  EXPECT_DOUBLE_EQ(rich.runs[0].size_pt, 14.0);
  EXPECT_FALSE(rich.runs[1].bold);
  EXPECT_EQ(cell_text(t.rows[0].cells[2]), "内联");
  EXPECT_EQ(cell_text(t.rows[1].cells[0]), "42");
  EXPECT_EQ(cell_text(t.rows[1].cells[1]), "0.1");
  EXPECT_EQ(cell_text(t.rows[1].cells[2]), "TRUE");
  EXPECT_EQ(cell_text(t.rows[1].cells[3]), "#N/A");
  EXPECT_EQ(cell_text(t.rows[1].cells[4]), "公式");
  EXPECT_EQ(cell_text(t.rows[1].cells[5]), "914403001922038");
}

TEST(XlsxReader, DatesFromBuiltinAndCustomFormats) {
  std::string data =
      "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>45356</v></c><c r=\"B1\" s=\"2\"><v>45356</v></c><c r=\"C1\" s=\"3\"><v>45356.395833333336</v></c>"
      "<c r=\"D1\" s=\"4\"><v>0.5</v></c><c r=\"E1\" s=\"5\"><v>1234.5</v></c><c r=\"F1\" s=\"6\"><v>0.125</v></c><c r=\"G1\" s=\"1\"><v>59</v></c>"
      "<c r=\"H1\" s=\"0\"><v>45356</v></c></row>";
  auto r = read_with(read_xlsx, make_xlsx({{"日期", data, ""}}, "", kStyles));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& row = table_at(r, 0).rows.at(0);
  EXPECT_EQ(cell_text(row.cells[0]), "2024-03-05");           // numFmt 14
  EXPECT_EQ(cell_text(row.cells[1]), "2024-03-05");           // yyyy"年"m"月"d"日"
  EXPECT_EQ(cell_text(row.cells[2]), "2024-03-05T09:30:00");  // numFmt 22
  EXPECT_EQ(cell_text(row.cells[3]), "12:00:00");             // numFmt 20
  EXPECT_EQ(cell_text(row.cells[4]), "1234.5");               // a number format, not a date
  EXPECT_EQ(cell_text(row.cells[5]), "12.5%");
  EXPECT_EQ(cell_text(row.cells[6]), "1900-02-28");           // before the phantom leap day
  EXPECT_EQ(cell_text(row.cells[7]), "45356");                // General
}

TEST(XlsxReader, Date1904System) {
  auto r = read_with(read_xlsx, make_xlsx({{"s", "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c></row>", ""}}, "", kStyles, true));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(cell_text(table_at(r, 0).rows.at(0).cells.at(0)), "1904-01-01");
}

TEST(XlsxReader, MergedCellsAndGaps) {
  std::string data = "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>标题</t></is></c></row>"
                     "<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>甲</t></is></c><c r=\"D3\" t=\"inlineStr\"><is><t>丙</t></is></c></row>";
  auto r = read_with(read_xlsx, make_xlsx({{"s", data, "<mergeCells count=\"1\"><mergeCell ref=\"B2:D2\"/></mergeCells>"}}, ""));
  ASSERT_FALSE(r.error);
  const auto& t = table_at(r, 0);
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_EQ(t.rows[0].cells.size(), 3u);  // columns B..D
  EXPECT_EQ(t.rows[0].cells[0].col_span, 3);
  EXPECT_TRUE(t.rows[0].cells[1].covered);
  EXPECT_TRUE(t.rows[0].cells[2].covered);
  EXPECT_EQ(cell_text(t.rows[1].cells[1]), "");
  EXPECT_EQ(cell_text(t.rows[1].cells[2]), "丙");
}

TEST(XlsxReader, RegisterSheetGivesRecords) {
  auto s = [](const std::string& ref, const std::string& v) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + v + "</t></is></c>";
  };
  std::string data = "<row r=\"1\">" + s("A1", "2024年日常检查台账") + "</row>"
                     "<row r=\"2\">" + s("A2", "检查对象") + s("B2", "统一社会信用代码") + s("C2", "检查时间") + s("D2", "执法人员") +
                     s("E2", "执法证号") + s("F2", "检查结果") + "</row>"
                     "<row r=\"3\">" + s("A3", "某某食品有限公司") + s("B3", "914403001922038216") + s("C3", "2024-03-05") +
                     s("D3", "张三、李四") + s("E3", "44010020190001、44010020190002") + s("F3", "未发现问题") + "</row>";
  auto r = read_with(read_xlsx, make_xlsx({{"台账", data, ""}}, ""));
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].subject, "某某食品有限公司");
  EXPECT_EQ(r.records[0].source, "xlsx 台账!3");
  EXPECT_EQ(r.records[0].officers.size(), 2u);
}

TEST(XlsxReader, DoctypeInSharedStringsIsUnsafe) {
  std::string bytes = make_zip(
      {{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
       {"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"},
       {"xl/sharedStrings.xml", "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><sst><si><t>&b;</t></si></sst>"}});
  auto r = read_with(read_xlsx, bytes);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
}

TEST(XlsxReader, HugeSparseReferenceIsBounded) {
  std::string data = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>2</v></c></row>";
  auto r = read_with(read_xlsx, make_xlsx({{"s", data, ""}}, ""));
  ASSERT_FALSE(r.error);
  const auto& t = table_at(r, 0);
  EXPECT_LE(t.rows.size() * t.rows.at(0).cells.size(), 1'000'000u);
  EXPECT_FALSE(r.meta.problems.empty());
}

TEST(XlsxReaderCorpus, XmlBombIsUnsafe) {
  LH_REQUIRE_CORPUS(corpus);
  std::string bytes = test::read_file(corpus / "docx/poi-poc-xmlbomb.xlsx");
  auto r = read_with(read_xlsx, bytes);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
}

}  // namespace
}  // namespace lh::ingest
