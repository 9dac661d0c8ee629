// read_text: decoding, paragraphs, title, declared charsets, lossy input.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <string>

#include "ingest/reader.h"
#include "ingest/text_decode.h"
#include "charset.h"

using namespace lh;

namespace {

using lh::test::encode;

ingest::ReadResult read_text_bytes(const std::string& bytes, ingest::Big5Policy policy = ingest::Big5Policy::Detect) {
  static ingest::ReadOptions opt;
  opt.big5 = policy;
  return ingest::read_text(ingest::Input{bytes, "test.txt", &opt});
}

std::vector<std::string> paragraphs(const model::Document& d) {
  std::vector<std::string> out;
  for (const auto& s : d.sections)
    for (const auto& b : s.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value)) out.push_back(p->plain_text());
  return out;
}

}  // namespace

TEST(TextReader, GbkTextParagraphsAndTitle) {
  const std::string text =
      "　　关于开展市场监管所标准化规范化建设试点工作的通知  \r\n\r\n"
      "各县市区局：\r\n"
      "　　为深入推进基层建设，现将有关事项通知如下。当事人张喆应按时报送材料。\r\n";
  const auto r = read_text_bytes(encode(text, "GBK"));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Text);
  EXPECT_EQ(r.meta.encoding, "GB18030");
  EXPECT_EQ(r.meta.title, "关于开展市场监管所标准化规范化建设试点工作的通知");
  const auto ps = paragraphs(r.doc);
  ASSERT_EQ(ps.size(), 3u);
  EXPECT_EQ(ps[1], "各县市区局：");
  EXPECT_EQ(ps[2], "为深入推进基层建设，现将有关事项通知如下。当事人张喆应按时报送材料。");
  EXPECT_TRUE(r.meta.problems.empty());
}

TEST(TextReader, TitleIsAtMostHundredCharacters) {
  std::string line;
  for (int i = 0; i < 150; ++i) line += "检";
  const auto r = read_text_bytes(line + "\n正文\n");
  EXPECT_EQ(r.meta.title.size(), 100u * 3);  // 100 three-byte characters
}

TEST(TextReader, Utf16LeWithoutBomAndBareCr) {
  const auto r = read_text_bytes(encode("检查记录\r第一行\r第二行", "UTF-16LE"));
  EXPECT_EQ(r.meta.encoding, "UTF-16LE");
  EXPECT_EQ(paragraphs(r.doc), (std::vector<std::string>{"检查记录", "第一行", "第二行"}));
}

// Another office's 请示, saved by Windows as UTF-16LE without a BOM: Chinese paragraphs indented by
// ideographic spaces (U+3000, zero byte at the even offset) with few line ends (zero byte at the
// odd one) were sniffed as binary and refused: "content is not a format lianghua reads".
TEST(TextReader, Utf16WithoutBomIsReadNotRefusedAsUnsupported) {
  const std::string text = "关于申请购置食品快速检测设备的请示\r\n　　为做好一线食品安全检查，拟购置快速检测设备一套。\r\n"
                           "　　妥否，请批示。";
  static ingest::ReadOptions opt;
  for (const char* order : {"UTF-16LE", "UTF-16BE"}) {
    const auto r = ingest::read_any(ingest::Input{encode(text, order), "请示.txt", &opt});
    ASSERT_FALSE(r.error) << order << ": " << r.error->message;
    EXPECT_EQ(r.meta.format, model::Format::Text);
    EXPECT_EQ(r.meta.encoding, order);
    EXPECT_EQ(r.meta.title, "关于申请购置食品快速检测设备的请示");
    EXPECT_EQ(paragraphs(r.doc).size(), 3u);
    EXPECT_TRUE(r.meta.problems.empty());
  }
}

TEST(TextReader, XmlDeclarationHonouredOverStatistics) {
  // Short Big5 text that statistics alone, with a GB preference, would call GB18030.
  const std::string xml = "<?xml version=\"1.0\" encoding=\"BIG5\"?>\n<t>" + encode("聆彸", "Big5") + "</t>\n";
  const auto r = read_text_bytes(xml, ingest::Big5Policy::PreferGb18030);
  EXPECT_EQ(r.meta.encoding, "Big5");
  EXPECT_EQ(paragraphs(r.doc)[1], "<t>聆彸</t>");
}

TEST(TextReader, HtmlMetaCharsetHonoured) {
  const std::string html = "<html><head><meta charset=gb2312><title>x</title></head>\n<body>" +
                           encode("测试", "GB2312") + "</body></html>";
  const auto r = read_text_bytes(html, ingest::Big5Policy::PreferBig5);
  EXPECT_EQ(r.meta.encoding, "GB18030");
  EXPECT_NE(paragraphs(r.doc)[1].find("测试"), std::string::npos);
  EXPECT_EQ(ingest::declared_charset("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GBK\">"), "GBK");
  EXPECT_FALSE(ingest::declared_charset("plain text, charset=GBK mentioned in passing"));
}

TEST(TextReader, WrongDeclarationFallsBackToDetection) {
  const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<t>" +
                          encode("关于开展市场监管所标准化规范化建设试点工作的通知", "GBK") + "</t>\n";
  const auto r = read_text_bytes(xml);
  EXPECT_EQ(r.meta.encoding, "GB18030");
  ASSERT_FALSE(r.meta.problems.empty());
  EXPECT_NE(r.meta.problems[0].find("UTF-8"), std::string::npos);
}

TEST(TextReader, LossyDecodeIsAProblemNotAnError) {
  std::string bytes = encode("关于开展市场监管所标准化规范化建设试点工作的通知，各县市区局认真执行。", "GBK");
  bytes.insert(10, "\xFF");
  const auto r = read_text_bytes(bytes);
  EXPECT_FALSE(r.error);
  EXPECT_EQ(r.meta.encoding, "GB18030");
  ASSERT_EQ(r.meta.problems.size(), 1u);
  EXPECT_NE(r.meta.problems[0].find("U+FFFD"), std::string::npos);
}

TEST(TextReader, EmptyFile) {
  const auto r = read_text_bytes("");
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(paragraphs(r.doc).empty());
  EXPECT_EQ(r.meta.title, "");
}
