// The XML reader: inspection-record exports (validated against templates/xsd/inspection-record.xsd),
// other XML as text, encodings, and the never-a-DTD rule.
#include <gtest/gtest.h>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;

const std::string kRecord = R"(<?xml version="1.0" encoding="UTF-8"?>
<检查记录集 xmlns="urn:lianghua:inspection-record:1">
  <检查记录 编号="JC2024-0001">
    <检查对象>某某食品有限公司</检查对象>
    <统一社会信用代码>914403001922038216</统一社会信用代码>
    <地址>广东省深圳市南山区某路1号</地址>
    <检查时间>2024-03-05T09:30:00+08:00</检查时间>
    <记录时间>2024-03-05</记录时间>
    <检查人员>
      <人员><姓名>张三</姓名><执法证号>44010020190001</执法证号></人员>
      <人员><姓名>李四</姓名><执法证号>44010020190002</执法证号></人员>
    </检查人员>
    <检查内容>检查食品经营许可证及进货查验记录。</检查内容>
    <检查结果>未发现问题。</检查结果>
    <处理措施>无</处理措施>
    <附件><文件 名称="现场照片1.jpg"/></附件>
  </检查记录>
</检查记录集>
)";

ReadResult xml(const std::string& s) { return read_with(read_xml, s); }

TEST(XmlReader, InspectionRecordExportIsValidAndComplete) {
  auto r = xml(kRecord);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Xml);
  EXPECT_EQ(r.meta.encoding, "UTF-8");
  EXPECT_TRUE(r.meta.problems.empty()) << r.meta.problems.at(0);
  ASSERT_EQ(r.records.size(), 1u);
  const auto& rec = r.records[0];
  EXPECT_EQ(rec.record_id, "JC2024-0001");
  EXPECT_EQ(rec.subject, "某某食品有限公司");
  EXPECT_EQ(rec.credit_code, "914403001922038216");
  EXPECT_EQ(rec.address, "广东省深圳市南山区某路1号");
  EXPECT_EQ(rec.inspected_at, "2024-03-05T09:30:00+08:00");
  EXPECT_EQ(rec.recorded_at, "2024-03-05");
  ASSERT_EQ(rec.officers.size(), 2u);
  EXPECT_EQ(rec.officers[1].name, "李四");
  EXPECT_EQ(rec.officers[1].certificate, "44010020190002");
  EXPECT_EQ(rec.content, "检查食品经营许可证及进货查验记录。");
  EXPECT_EQ(rec.result, "未发现问题。");
  EXPECT_EQ(rec.measures, "无");
  ASSERT_EQ(rec.attachments.size(), 1u);
  EXPECT_EQ(rec.attachments[0], "现场照片1.jpg");
  EXPECT_EQ(rec.source.rfind("xml", 0), 0u);
  // The Document: a heading and a label/value table, so text and fields work downstream.
  std::string text = r.doc.plain_text();
  EXPECT_NE(text.find("检查记录 JC2024-0001"), std::string::npos);
  EXPECT_NE(text.find("统一社会信用代码\t914403001922038216"), std::string::npos);
  EXPECT_NE(text.find("张三（执法证号 44010020190001）"), std::string::npos);
}

TEST(XmlReader, SingleRecordAsRoot) {
  std::string one = R"(<检查记录 xmlns="urn:lianghua:inspection-record:1" 编号="X1"><检查对象>甲</检查对象><地址>乙</地址>
<检查时间>2024-03-05</检查时间><检查人员><人员><姓名>张三</姓名><执法证号>1</执法证号></人员><人员><姓名>李四</姓名><执法证号>2</执法证号></人员></检查人员>
<检查内容>丙</检查内容><检查结果>丁</检查结果></检查记录>)";
  auto r = xml(one);
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.meta.problems.empty()) << r.meta.problems.at(0);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].record_id, "X1");
}

TEST(XmlReader, MissingRequiredFieldIsAProblemNotInvented) {
  std::string s = kRecord;
  s.erase(s.find("    <检查对象>"), std::string("    <检查对象>某某食品有限公司</检查对象>\n").size());
  // One officer only: 程序规定 第二十二条 asks for two.
  size_t li = s.find("      <人员><姓名>李四");
  s.erase(li, s.find("</人员>", li) + std::string("</人员>\n").size() - li);
  auto r = xml(s);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].subject, "");  // never invented
  EXPECT_EQ(r.records[0].address, "广东省深圳市南山区某路1号");
  EXPECT_EQ(r.records[0].officers.size(), 1u);
  ASSERT_GE(r.meta.problems.size(), 2u);
  bool schema_line = false, named = false;
  for (const auto& p : r.meta.problems) {
    if (p.rfind("inspection-record.xsd line ", 0) == 0) schema_line = true;
    if (p.find("缺少 检查对象、检查人员（至少两名）") != std::string::npos) named = true;
  }
  EXPECT_TRUE(schema_line) << r.meta.problems[0];
  EXPECT_TRUE(named) << r.meta.problems.back();
}

TEST(XmlReader, BadDateAndCreditCodeAreProblems) {
  std::string s = kRecord;
  s.replace(s.find("2024-03-05T09:30:00+08:00"), 25, "2024年3月5日");
  s.replace(s.find("914403001922038216"), 18, "91440300192203821I");
  auto r = xml(s);
  ASSERT_FALSE(r.error);
  EXPECT_GE(r.meta.problems.size(), 2u);
  EXPECT_EQ(r.records.at(0).inspected_at, "2024年3月5日");  // kept as written
}

TEST(XmlReader, OtherXmlIsText) {
  auto r = xml("<?xml version=\"1.0\"?><公告><标题>关于开展检查的通知</标题><正文>各单位：<b>请</b>按时报送。</正文></公告>");
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.records.empty());
  EXPECT_EQ(r.doc.plain_text(), "关于开展检查的通知\n各单位：请按时报送。\n");
}

TEST(XmlReader, GbkDeclaredXml) {
  // "<通知>检查</通知>" with GBK bytes: 通 CDA8 知 D6AA 检 BCEC 查 B2E9.
  std::string s = "<?xml version=\"1.0\" encoding=\"GBK\"?><\xCD\xA8\xD6\xAA>\xBC\xEC\xB2\xE9</\xCD\xA8\xD6\xAA>";
  auto r = xml(s);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.encoding, "GB18030");
  EXPECT_EQ(r.doc.plain_text(), "检查\n");
}

TEST(XmlReader, Utf16WithBom) {
  std::string u8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a>hi</a>";
  std::string s = "\xFF\xFE";
  for (char c : u8) s += std::string{c, '\0'};
  auto r = xml(s);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.encoding, "UTF-16LE");
  EXPECT_EQ(r.doc.plain_text(), "hi\n");
}

TEST(XmlReader, DoctypeRejectedEvenHarmless) {
  auto r = xml("<?xml version=\"1.0\"?><!DOCTYPE 检查记录集><检查记录集 xmlns=\"urn:lianghua:inspection-record:1\"/>");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
}

TEST(XmlReader, MalformedIsDamagedWithLine) {
  auto r = xml("<a>\n<b>\n</a>");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
  EXPECT_NE(r.error->message.find("line"), std::string::npos);
}

TEST(XmlReader, SchemaFileIsInTemplates) {
  auto p = test::source_dir() / "templates" / "xsd" / "inspection-record.xsd";
  EXPECT_TRUE(std::filesystem::is_regular_file(p));
  EXPECT_TRUE(std::filesystem::is_regular_file(test::source_dir() / "templates" / "xsd" / "README.md"));
}

TEST(XmlReaderCorpus, DtdFilesAreUnsafe) {
  LH_REQUIRE_CORPUS(corpus);
  for (const char* f : {"xml/tika-testXXE.xml", "xml/pandas-doc_ch_utf.xml"}) {
    auto r = xml(test::read_file(corpus / f));
    ASSERT_TRUE(r.error) << f;
    EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml) << f;
  }
}

TEST(XmlReaderCorpus, Utf16AndUndeclaredEntity) {
  LH_REQUIRE_CORPUS(corpus);
  auto u = xml(test::read_file(corpus / "xml/tika-test-utf16le.xml"));
  ASSERT_FALSE(u.error) << u.error->message;
  EXPECT_EQ(u.meta.encoding, "UTF-16LE");
  auto e = xml(test::read_file(corpus / "xml/tika-undeclared_entity.xml"));
  ASSERT_TRUE(e.error);
  EXPECT_EQ(e.error->kind, ErrorKind::Damaged);
  EXPECT_NE(e.error->message.find("line 22"), std::string::npos) << e.error->message;
}

}  // namespace
}  // namespace lh::ingest
