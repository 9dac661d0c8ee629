// read_csv (RFC 4180 quoting, separators, encodings) and register rows → InspectionRecords.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

#include "ingest/reader.h"
#include "ingest/register_columns.h"
#include "charset.h"

using namespace lh;

namespace {

using lh::test::encode;

ingest::ReadResult read_csv_bytes(const std::string& bytes) {
  static const ingest::ReadOptions opt;
  return ingest::read_csv(ingest::Input{bytes, "test.csv", &opt});
}

const model::Table& only_table(const ingest::ReadResult& r) {
  return std::get<model::Table>(r.doc.sections.at(0).blocks.at(0).value);
}

std::string cell(const model::Table& t, size_t row, size_t col) {
  std::string s;
  for (const auto& b : t.rows.at(row).cells.at(col).blocks) {
    if (!s.empty()) s += '\n';
    s += std::get<model::Paragraph>(b.value).plain_text();
  }
  return s;
}

}  // namespace

TEST(CsvReader, Rfc4180Quoting) {
  const auto r = read_csv_bytes(
      "名称,地址,备注\r\n"
      "\"某某超市, 有限公司\",\"幸福路\"\"一\"\"号\",\"第一行\r\n第二行\"\r\n"
      "丙,,\r\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.meta.format, model::Format::Csv);
  EXPECT_EQ(r.meta.encoding, "UTF-8");
  const auto& t = only_table(r);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_FALSE(t.rows[1].header);
  EXPECT_EQ(cell(t, 1, 0), "某某超市, 有限公司");
  EXPECT_EQ(cell(t, 1, 1), "幸福路\"一\"号");
  EXPECT_EQ(cell(t, 1, 2), "第一行\n第二行");
  EXPECT_EQ(t.rows[1].cells[2].blocks.size(), 2u);  // one paragraph per line inside the cell
  EXPECT_EQ(cell(t, 2, 0), "丙");
  EXPECT_EQ(cell(t, 2, 2), "");
  EXPECT_TRUE(r.records.empty());  // not a register
}

TEST(CsvReader, ShortRowsArePaddedAndBlankLinesSkipped) {
  const auto r = read_csv_bytes("a,b,c\n\n1\n2,3\n");
  const auto& t = only_table(r);
  ASSERT_EQ(t.rows.size(), 3u);
  for (const auto& row : t.rows) EXPECT_EQ(row.cells.size(), 3u);
}

TEST(CsvReader, UnterminatedQuoteIsAProblem) {
  const auto r = read_csv_bytes("a,b\n\"open,x\n");
  EXPECT_FALSE(r.error);
  ASSERT_FALSE(r.meta.problems.empty());
}

TEST(CsvReader, ExcelUnicodeTextIsUtf16LeWithTabs) {
  const std::string text = "检查对象\t检查时间\t检查结果\r\n某某超市\t2024/3/5\t合格\r\n";
  const auto r = read_csv_bytes("\xFF\xFE" + encode(text, "UTF-16LE"));
  EXPECT_EQ(r.meta.encoding, "UTF-16LE");
  const auto& t = only_table(r);
  ASSERT_EQ(t.rows.size(), 2u);
  ASSERT_EQ(t.rows[0].cells.size(), 3u);
  EXPECT_EQ(cell(t, 1, 0), "某某超市");
}

TEST(CsvReader, GbkRegisterToRecords) {
  const std::string text =
      "2024年日常监督检查台账,,,,,,,,,\r\n"
      "序号,被检查单位,统一社会信用代码,检查地点,检查时间,执法人员,执法证号,检查内容,检查结果,处理措施\r\n"
      "1,某某喆记餐饮店,91350100MA2XXXXXX1,幸福路1号,2024年3月5日,张三、李四,35010012、35010013,食品经营许可、从业人员健康证明,"
      "基本符合,\"责令改正，限期三日\"\r\n"
      "2,某某超市有限公司,９１３５０１００ＭＡ２ＹＹＹＹＹＹ２,\"解放路2号, 一层\",2024/03/06 09:30,王五；赵六,35010014；35010015,"
      "价格标签,符合,无\r\n";
  const auto r = read_csv_bytes(encode(text, "GBK"));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.meta.encoding, "GB18030");
  EXPECT_EQ(r.meta.title, "2024年日常监督检查台账");
  const auto& t = only_table(r);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_TRUE(t.rows[0].header);
  EXPECT_EQ(cell(t, 0, 1), "被检查单位");

  ASSERT_EQ(r.records.size(), 2u);
  const auto& a = r.records[0];
  EXPECT_EQ(a.source, "csv row 3");
  EXPECT_EQ(a.subject, "某某喆记餐饮店");
  EXPECT_EQ(a.credit_code, "91350100MA2XXXXXX1");
  EXPECT_EQ(a.address, "幸福路1号");
  EXPECT_EQ(a.inspected_at, "2024-03-05");
  ASSERT_EQ(a.officers.size(), 2u);
  EXPECT_EQ(a.officers[0].name, "张三");
  EXPECT_EQ(a.officers[0].certificate, "35010012");
  EXPECT_EQ(a.officers[1].name, "李四");
  EXPECT_EQ(a.officers[1].certificate, "35010013");
  EXPECT_EQ(a.content, "食品经营许可、从业人员健康证明");
  EXPECT_EQ(a.result, "基本符合");
  EXPECT_EQ(a.measures, "责令改正，限期三日");

  const auto& b = r.records[1];
  EXPECT_EQ(b.source, "csv row 4");
  EXPECT_EQ(b.credit_code, "91350100MA2YYYYYY2");  // full-width folded
  EXPECT_EQ(b.address, "解放路2号, 一层");
  EXPECT_EQ(b.inspected_at, "2024-03-06T09:30");
  ASSERT_EQ(b.officers.size(), 2u);
  EXPECT_EQ(b.officers[1].name, "赵六");
  EXPECT_EQ(b.officers[1].certificate, "35010015");
}

TEST(CsvRegister, HeaderSynonyms) {
  using C = ingest::RegisterColumn;
  EXPECT_EQ(ingest::register_column("检查对象"), C::Subject);
  EXPECT_EQ(ingest::register_column("被检查单位"), C::Subject);
  EXPECT_EQ(ingest::register_column("单位名称"), C::Subject);
  EXPECT_EQ(ingest::register_column("被检查单位地址"), C::Address);
  EXPECT_EQ(ingest::register_column("统一社会信用代码（注册号）"), C::CreditCode);
  EXPECT_EQ(ingest::register_column("检查时间（年月日）"), C::InspectedAt);
  EXPECT_EQ(ingest::register_column(" 检查日期 "), C::InspectedAt);
  EXPECT_EQ(ingest::register_column("检查人员"), C::Officers);
  EXPECT_EQ(ingest::register_column("执法人员"), C::Officers);
  EXPECT_EQ(ingest::register_column("执法证号"), C::Certificates);
  EXPECT_EQ(ingest::register_column("检查人员执法证号"), C::Certificates);
  EXPECT_EQ(ingest::register_column("检查内容"), C::Content);
  EXPECT_EQ(ingest::register_column("检查结果"), C::Result);
  EXPECT_EQ(ingest::register_column("处理措施"), C::Measures);
  EXPECT_EQ(ingest::register_column("处理结果"), C::Measures);
  EXPECT_EQ(ingest::register_column("记录日期"), C::RecordedAt);
  EXPECT_EQ(ingest::register_column("序号"), C::None);
  EXPECT_EQ(ingest::register_column("备注"), C::None);
  EXPECT_TRUE(ingest::looks_like_register({"序号", "检查对象", "地址", "检查时间"}));
  EXPECT_FALSE(ingest::looks_like_register({"单位名称", "地址", "联系电话"}));  // a contact list
}

TEST(CsvRegister, OfficerWithNumberInBrackets) {
  model::Table t;
  auto add_row = [&](std::vector<std::string> cells) {
    model::TableRow row;
    for (auto& c : cells) {
      model::TableCell cell;
      model::Paragraph p;
      p.runs.push_back(model::Run{c});
      cell.blocks.push_back(model::Block{p});
      row.cells.push_back(cell);
    }
    t.rows.push_back(row);
  };
  add_row({"检查对象", "检查日期", "检查人员"});
  add_row({"某某药店", "2024.3.5", "张三（执法证号：35010012），李四(35010013)"});
  const auto recs = ingest::records_from_table(t, "xlsx 台账!");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].source, "xlsx 台账!2");
  EXPECT_EQ(recs[0].inspected_at, "2024-03-05");
  ASSERT_EQ(recs[0].officers.size(), 2u);
  EXPECT_EQ(recs[0].officers[0].name, "张三");
  EXPECT_EQ(recs[0].officers[0].certificate, "35010012");
  EXPECT_EQ(recs[0].officers[1].name, "李四");
  EXPECT_EQ(recs[0].officers[1].certificate, "35010013");
}

// make_book_sources.py seed 58: a rule saved as UTF-16LE text with a Tab after its numbers
// ("第一章\t总则", "第一条\t为了…") has one tab on most lines; it was read as a two-column table and
// compiled into the book as a landscape 权责清单. In GB18030 it was sniffed as CSV outright.
TEST(CsvReader, ARuleTypedWithATabAfterItsNumbersIsTextNotATable) {
  const std::string rule =
      "第一章\t总则\r\n\r\n第一条\t为了规范消费维权工作，制定本制度。\r\n\r\n第二条\t本制度适用于全所。\r\n\r\n"
      "（一）受理投诉；\r\n\r\n第二章\t附则\r\n\r\n第三条\t本制度自印发之日起施行。\r\n";
  static const ingest::ReadOptions opt;
  for (const std::string& bytes : {"\xFF\xFE" + encode(rule, "UTF-16LE"), encode(rule, "GB18030")}) {
    const auto r = ingest::read_any(ingest::Input{bytes, "01 消费维权制度.txt", &opt});
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(r.meta.format, model::Format::Text);
    EXPECT_FALSE(std::holds_alternative<model::Table>(r.doc.sections.at(0).blocks.at(0).value));
  }
  // A register whose rows carry the tabs stays a table.
  const std::string reg = "序号\t事项名称\t备注\r\n1\t对违法广告的处罚\t\r\n2\t食品经营许可\t无\r\n";
  const auto t = ingest::read_any(ingest::Input{std::string("\xFF\xFE") + encode(reg, "UTF-16LE"), "清单.txt", &opt});
  EXPECT_EQ(t.meta.format, model::Format::Csv);
}
