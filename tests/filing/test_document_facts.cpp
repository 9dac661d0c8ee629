// Issue 9 §3: an item's 题名, date and 文号 by its document type, each with the rule that gave it
// (manifest title_by / date_by). The texts are written here, in other forms than samples/.
#include <gtest/gtest.h>

#include "filing/document_facts.h"
#include "filing_test_util.h"
#include "normalize/fields.h"

using namespace lh;
using lh::filing::testing::default_scheme;

namespace {

model::InspectedFile file_with_text(const std::string& path, const std::string& text, const std::string& recorded_title = "") {
  model::InspectedFile f;
  f.path = path;
  f.title = recorded_title;
  f.mtime_ns = 1717200000LL * 1000000000LL;  // 2024-06-01 08:00 +08:00
  f.fields = normalize::extract_fields(text, recorded_title);
  return f;
}

}  // namespace

TEST(DocumentFacts, InterviewRecordIsDatedByItsInterviewTimeNotAPurchaseDateInTheAnswers) {
  auto f = file_with_text("案/笔录3.txt",
                          "询问笔录\n询问时间：2024年3月5日9时至10时\n问：何时进货？\n答：2024年2月18日进的货，二〇二四年二月二十日开卖。\n");
  auto x = filing::item_facts(f, default_scheme(), 14);
  EXPECT_EQ(x.date, "2024-03-05");
  EXPECT_NE(x.date_by.find("询问时间"), std::string::npos) << x.date_by;
}

TEST(DocumentFacts, InspectionRecordIsDatedByItsInspectionTimeNotTheRectificationDeadline) {
  auto f = file_with_text("检查/0408.txt",
                          "日常监督检查记录\n被检查单位：梅州市梅江区某某粮油店\n检查时间：2024/4/8\n责令于2024年4月15日前整改。\n");
  ASSERT_EQ(f.fields.doc_type, "检查记录");
  auto x = filing::item_facts(f, default_scheme(), 0);
  EXPECT_EQ(x.date, "2024-04-08");
  EXPECT_NE(x.date_by.find("检查时间"), std::string::npos) << x.date_by;
}

// A quarter's records in one file: dated by the last date, not by the first record's 检查时间.
TEST(DocumentFacts, FileOfSeveralRecordsIsDatedByItsLastDate) {
  auto f = file_with_text("检查/2024Q1.xml", "检查记录\n检查时间：2024年1月9日\n检查时间：2024年3月26日\n");
  f.records.resize(2);
  f.records[0].inspected_at = "2024-01-09";
  f.records[1].inspected_at = "2024-03-26";
  auto x = filing::item_facts(f, default_scheme(), 0);
  EXPECT_EQ(x.date, "2024-03-26");
  EXPECT_NE(x.date_by.find("2 条检查记录"), std::string::npos) << x.date_by;
}

// Wrong date: a register whose rows are not in date order was dated by its last row (2025-03-05)
// while its newest record was of 2025-03-12, and the reason said 落款, which a register has none of
// (another office's hand-made XLSX).
TEST(DocumentFacts, ARegisterIsDatedByItsLatestRecordWhateverTheRowOrder) {
  auto f = file_with_text("台账/2025年3月日常检查台账.xlsx", "检查时间\n2025-03-03\n2025-03-12\n2025-03-05\n");
  f.records.resize(3);
  f.records[0].inspected_at = "2025-03-03";
  f.records[1].inspected_at = "2025-03-12T10:00:00+08:00";
  f.records[2].inspected_at = "2025-03-05";
  auto x = filing::item_facts(f, default_scheme(), 0);
  EXPECT_EQ(x.date, "2025-03-12");
  EXPECT_EQ(x.date_by.find("落款"), std::string::npos) << x.date_by;
  EXPECT_NE(x.date_by.find("3 条检查记录"), std::string::npos) << x.date_by;
}

// A form whose date field is blank, a decision, a text with no date at all.
TEST(DocumentFacts, SignatureDateThenMetadataThenFileTime) {
  auto blank = filing::item_facts(file_with_text("a.txt", "询问笔录\n询问时间：    年  月  日\n被询问人签名\n2024年3月6日\n"), default_scheme(), 14);
  EXPECT_EQ(blank.date, "2024-03-06");
  EXPECT_NE(blank.date_by.find("询问时间未填"), std::string::npos) << blank.date_by;
  auto decision = filing::item_facts(
      file_with_text("b.txt", "行政处罚决定书\n当事人：某某\n请于2024年5月20日前缴纳。\n梅州市梅江区市场监督管理局\n2024年5月6日\n"),
      default_scheme(), 45);
  EXPECT_EQ(decision.date, "2024-05-06");
  EXPECT_NE(decision.date_by.find("落款"), std::string::npos);
  auto none = filing::item_facts(file_with_text("c.txt", "会议签到表\n张三\n李四\n"), default_scheme(), 0);
  EXPECT_EQ(none.date, "2024-06-01");
  EXPECT_NE(none.date_by.find("修改时间"), std::string::npos) << none.date_by;
}

// Scans and photos with no date in their text were dated by the day their file was saved, and
// nobody was told (another office's 现场笔录.png of 2025-03-04 filed as 2025-06-04, behind the
// case's 询问笔录). The name's day comes first, then the file's properties, then a ZIP entry's own
// day; the last two are only saving days, so the item says 日期待核.
TEST(DocumentFacts, AFileWithNoDateOfItsOwnIsDatedByItsNameElseMarkedUnsure) {
  auto camera = filing::item_facts(file_with_text("收件/IMG_20250412_093015.jpg", ""), default_scheme(), 0);
  EXPECT_EQ(camera.date, "2025-04-12");
  EXPECT_NE(camera.date_by.find("文件名"), std::string::npos) << camera.date_by;
  EXPECT_FALSE(camera.date_unsure);
  auto clerk = file_with_text("当场处罚/20250318 李记水果摊 当场处罚.jpg", "");
  clerk.meta.created = "2025-06-03T10:00:00+08:00";  // the scan's, not the document's
  EXPECT_EQ(filing::item_facts(clerk, default_scheme(), 0).date, "2025-03-18");
  auto scan = file_with_text("送达回证（决定书）.pdf", "");
  scan.meta.created = "2025-06-03T10:00:00+08:00";
  EXPECT_TRUE(filing::item_facts(scan, default_scheme(), 0).date_unsure);
  scan.text_chars = 120;  // a born-digital file: its creation is close to the document's making
  EXPECT_FALSE(filing::item_facts(scan, default_scheme(), 0).date_unsure);
  auto photo = file_with_text("现场照片.jpg", "");
  photo.meta.format = model::Format::Image;
  photo.meta.created = "2024-03-05T09:41:17+08:00";  // EXIF DateTimeOriginal: the day it was taken
  EXPECT_FALSE(filing::item_facts(photo, default_scheme(), 0).date_unsure);
  photo.path = "IMG_20240306_080000.jpg";  // a copy renamed later: the camera's record wins
  EXPECT_EQ(filing::item_facts(photo, default_scheme(), 0).date, "2024-03-05");
  auto entry = file_with_text("撤案材料.zip/现场照片1.jpg", "");
  entry.entry_date = "2024-12-05";
  auto in_zip = filing::item_facts(entry, default_scheme(), 0);
  EXPECT_EQ(in_zip.date, "2024-12-05");
  EXPECT_TRUE(in_zip.date_unsure);
  auto saved = filing::item_facts(file_with_text("鑫旺副食店 现场笔录.png", ""), default_scheme(), 0);
  EXPECT_EQ(saved.date, "2024-06-01");
  EXPECT_TRUE(saved.date_unsure);
  EXPECT_NE(saved.date_by.find("修改时间"), std::string::npos) << saved.date_by;
  // Not days: a record's serial, a phone number, an ID number; two different days are no answer.
  for (const char* name : {"JC2025-1001.txt", "13812345678.jpg", "430102199001011234.jpg", "20250301-20250331 汇总.xlsx"})
    EXPECT_EQ(normalize::file_name_date(name), "") << name;
  EXPECT_EQ(normalize::file_name_date("微信图片_20250412093015.jpg"), "2025-04-12");
  EXPECT_EQ(normalize::file_name_date("检查记录（2025年3月5日）.txt"), "2025-03-05");
  EXPECT_EQ(normalize::file_name_date("2025.03.05 与 20250305 同日.txt"), "2025-03-05");
}

// Titles read from file names kept the clerk's sorting number: "06 送达回证" in another office's
// catalogue. The number orders the folder; a year, a date or a decimal is no such number.
TEST(DocumentFacts, AFileNameTitleLosesTheClerksOrderNumber) {
  auto scan = file_with_text("康源药房/06 送达回证.jpg", "", "06 送达回证");  // a picture's title is its name
  auto x = filing::item_facts(scan, default_scheme(), 0);
  EXPECT_EQ(x.title, "送达回证");
  EXPECT_NE(x.title_by.find("排序号“06”"), std::string::npos) << x.title_by;
  EXPECT_EQ(filing::item_facts(file_with_text("案卷/03、询问笔录.pdf", ""), default_scheme(), 0).title, "询问笔录");
  EXPECT_EQ(filing::item_facts(file_with_text("案卷/1.现场照片.jpg", ""), default_scheme(), 0).title, "现场照片");
  EXPECT_EQ(filing::item_facts(file_with_text("案卷/001 立案审批表.pdf", ""), default_scheme(), 0).title, "立案审批表");
  for (const char* kept : {"2024年度工作总结", "20250318 李记水果摊 当场处罚", "1.5米货架照片", "110 报警记录截图", "3"})
    EXPECT_EQ(filing::item_facts(file_with_text(std::string("x/") + kept + ".jpg", ""), default_scheme(), 0).title, kept) << kept;
}

TEST(DocumentFacts, TextDocumentIsNotTitledByItsLetterhead) {
  // The recorded title (a text reader's first line) is the agency's name; the title line wins.
  auto f = file_with_text("综合/s.txt", "梅州市梅江区市场监督管理局\n2024年上半年工作总结\n一、……\n", "梅州市梅江区市场监督管理局");
  auto x = filing::item_facts(f, default_scheme(), 0);
  EXPECT_EQ(x.title, "2024年上半年工作总结");
  // No title line at all: the file name, never the agency's name.
  auto g = file_with_text("综合/会议签到.txt", "梅州市梅江区市场监督管理局\n张三　李四\n", "梅州市梅江区市场监督管理局");
  auto y = filing::item_facts(g, default_scheme(), 0);
  EXPECT_EQ(y.title, "会议签到");
  EXPECT_NE(y.title_by.find("机构名称"), std::string::npos) << y.title_by;
}

// A generated office inbox (make_office_inbox.py seed 1233) filed "2024年3月日常检查台账.xlsx" as
// "J031-JC·2024-D10-JPS-0002 Sheet1": the xlsx reader's first line is the sheet's name, and the
// spreadsheet program's default name was taken for the 题名. A default sheet name gives way to the
// file name; a sheet its clerk named is still the title.
TEST(DocumentFacts, ASpreadsheetIsNotTitledByItsDefaultSheetName) {
  for (const char* sheet : {"Sheet1", "sheet2", "Sheet 1", "工作表1", "工作表12"}) {
    auto f = file_with_text("检查/2024年3月日常检查台账.xlsx", std::string(sheet) + "\n序号\t商户\t检查日期\n1\t顺达茶叶店\t2024-03-08\n", sheet);
    auto x = filing::item_facts(f, default_scheme(), 0);
    EXPECT_EQ(x.title, "2024年3月日常检查台账") << sheet;
    EXPECT_NE(x.title_by.find("默认的工作表名"), std::string::npos) << x.title_by;
  }
  for (const char* named : {"三月检查台账", "Sheets", "Sheet1（汇总）"}) {
    auto f = file_with_text("检查/台账.xlsx", std::string(named) + "\n序号\t商户\n", named);
    f.meta.format = model::Format::Xlsx;
    EXPECT_NE(filing::item_facts(f, default_scheme(), 0).title, "台账") << named << " is a name the clerk gave";
  }
}

// Another office's register was titled by its sheet's tab, "一季度", though its file was named
// "2025年一季度日常监督检查台账.xlsx": a label that is only a piece of the file's name names less.
TEST(DocumentFacts, AWorkbookIsNotTitledByASheetLabelThatIsAPieceOfItsFileName) {
  auto f = file_with_text("台账/2025年一季度日常监督检查台账.xlsx", "一季度\n序号\t检查对象\n", "一季度");
  f.meta.format = model::Format::Xlsx;
  auto x = filing::item_facts(f, default_scheme(), 0);
  EXPECT_EQ(x.title, "2025年一季度日常监督检查台账");
  EXPECT_NE(x.title_by.find("工作表名“一季度”"), std::string::npos) << x.title_by;
  auto other = file_with_text("台账/一季度.xlsx", "一季度\n序号\t检查对象\n", "一季度");  // the same name: nothing fuller
  other.meta.format = model::Format::Xlsx;
  EXPECT_EQ(filing::item_facts(other, default_scheme(), 0).title, "一季度");
}

TEST(DocumentFacts, BareFormTitleGetsThePartySoRowsDoNotReadTheSame) {
  auto f = file_with_text("x.docx", "梅州市梅江区市场监督管理局\n行 政 处 罚 决 定 书\n梅市监处罚〔2024〕8号\n当事人：梅州市某某五金店\n");
  auto x = filing::item_facts(f, default_scheme(), 45);
  EXPECT_EQ(x.title, "梅州市某某五金店行政处罚决定书");
  EXPECT_NE(x.title_by.find("当事人"), std::string::npos);
}

TEST(DocumentFacts, DocNumberOnlyWhereTheTypePrintsOne) {
  const auto& s = default_scheme();
  auto decision = normalize::extract_fields("行政处罚决定书\n梅市监处罚〔2024〕8号\n当事人：某某\n", "");
  EXPECT_EQ(filing::own_doc_number(s, 45, "行政处罚决定书", decision), "梅市监处罚〔2024〕8号");
  // A 询问笔录 that prints the 案号 on its own line: the type carries no 文号 of its own.
  auto interview = normalize::extract_fields("询问笔录\n梅市监处罚〔2024〕8号\n询问时间：2024年3月5日\n", "");
  ASSERT_FALSE(interview.own_number.empty());
  EXPECT_EQ(filing::own_doc_number(s, 14, "询问笔录", interview), "");
  // A 通知 keeps its 发文字号.
  auto notice = normalize::extract_fields("梅州市梅江区市场监督管理局文件\n梅江市监〔2024〕3号\n关于开展检查的通知\n", "");
  EXPECT_EQ(filing::own_doc_number(s, 0, "", notice), notice.own_number);
  EXPECT_FALSE(notice.own_number.empty());
}

TEST(DocumentFacts, SchemeRefusesAFactRuleForAnUnknownType) {
  auto root = lh::test::source_dir();
  std::string xsd = lh::test::read_file(root / "templates/scheme/scheme.xsd");
  std::string xml = lh::test::read_file(root / "templates/scheme/default.xml");
  size_t at = xml.find("<type names=\"询问笔录\"");
  ASSERT_NE(at, std::string::npos);
  xml.replace(at, std::string("<type names=\"询问笔录\"").size(), "<type names=\"询问记录单\"");
  auto r = filing::load_scheme_text(xml, xsd, "facts.xml");
  EXPECT_FALSE(r.scheme);
  ASSERT_FALSE(r.errors.empty());
  EXPECT_NE(r.errors.front().find("询问记录单"), std::string::npos) << r.errors.front();
  // The shipped rules: 询问笔录 by 询问时间, the decision with its own 文号.
  const auto& s = default_scheme();
  const filing::FactRule* q = s.fact_rule(14, "询问笔录");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->date_labels.front(), "询问时间");
  ASSERT_TRUE(s.fact_rule(45, ""));
  EXPECT_TRUE(s.fact_rule(45, "")->own_number);
  EXPECT_FALSE(s.fact_rule(0, "检查记录")->own_number);
}
