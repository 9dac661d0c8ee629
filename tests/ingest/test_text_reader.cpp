// read_text: decoding, paragraphs, title, declared charsets, lossy input.
#include <gtest/gtest.h>
#include <unicode/ucnv.h>

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

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

namespace {

// Columns as a fixed-width screen counts them, for the test's own texts: ASCII 1, any other
// character (CJK, full-width punctuation) 2.
size_t test_columns(const std::string& s) {
  size_t cols = 0;
  for (unsigned char c : s)
    if (c < 0x80) cols += 1;
    else if ((c & 0xC0) != 0x80) cols += 2;
  return cols;
}

// Breaks each paragraph at `width` columns as an old system or a mail client does: a new line
// where the next character would pass the width, but a closing mark (，。；：、）) hangs on the line
// it closes (避头尾), so a line may run two columns over.
std::vector<std::string> hard_wrap(const std::vector<std::string>& paras, size_t width) {
  static const std::string kHang[] = {"，", "。", "；", "：", "、", "）"};
  std::vector<std::string> lines;
  for (const std::string& p : paras) {
    std::string line;
    for (size_t i = 0; i < p.size();) {
      size_t n = 1;
      while (i + n < p.size() && (static_cast<unsigned char>(p[i + n]) & 0xC0) == 0x80) ++n;
      const std::string ch = p.substr(i, n);
      i += n;
      const bool hangs = std::find(std::begin(kHang), std::end(kHang), ch) != std::end(kHang);
      if (!line.empty() && test_columns(line + ch) > width && !hangs) lines.push_back(line), line.clear();
      line += ch;
    }
    lines.push_back(line);
  }
  return lines;
}

std::string trimmed(std::string s) {
  while (s.rfind("　", 0) == 0) s.erase(0, 3);
  return s;
}

// A 值班值守 rule as a county office's old document system saved it: every paragraph broken at a
// fixed width, the 首行缩进 kept. Each line came out a paragraph of its own, so a reading copy and a
// manual chapter showed ragged short paragraphs with an indent in the middle of a sentence.
const std::vector<std::string> kDutyRule = {
    "南岭县市场监督管理局值班值守管理办法",
    "第一章　总则",
    "　　第一条　为加强节假日及夜间值班值守工作，确保各类投诉举报和突发事件得到及时处置，根据上级有关规定，结合本局实际，制定本办法。",
    "　　第二条　本办法适用于本局机关各科室、各市场监督管理所的值班值守工作，值班人员应当熟悉本辖区食品药品和特种设备等重点监管对象的基本情况和应急处置流程。",
    "　　第三条　值班人员应当做到：",
    "　　（一）按时到岗，不得擅自离岗脱岗，确需调班的应当提前报经分管负责人同意并在值班记录中写明调班原因和接班人员姓名；",
    "　　（二）如实填写值班记录。",
    "　　第四条　值班期间接到的投诉举报，值班人员应当在接报后及时登记，属于本局管辖的，按照规定的时限转交承办科室或者市场监督管理所办理，不属于本局管辖的告知投诉举报人向有权处理的部门反映。",
    "第二章　附则",
    "　　第五条　本办法自印发之日起施行，由办公室负责解释。",
    "2024年3月1日",
};

}  // namespace

// Another office's rules, saved as .txt by an old system that wraps every line at a fixed width
// (30, 36, 40 CJK characters), in GBK as such systems write and in UTF-8: each wrapped paragraph is
// read as one again, and nothing else is joined (headings, items, the date, the sentences' ends).
TEST(TextReader, HardWrappedTextIsRejoinedIntoItsParagraphs) {
  std::vector<std::string> want;
  for (const std::string& p : kDutyRule) want.push_back(trimmed(p));
  for (size_t width : {60u, 72u, 80u}) {
    for (const char* charset : {"GBK", "UTF-8"}) {
      for (const char* between : {"", "\r\n"}) {
        std::string text;  // between[0]: a blank line after each paragraph, as a mail client sends them
        for (const std::string& p : kDutyRule) {
          for (const std::string& line : hard_wrap({p}, width)) text += line + "\r\n";
          text += between;
        }
        const auto r = read_text_bytes(std::string(charset) == "GBK" ? encode(text, "GBK") : text);
        ASSERT_FALSE(r.error);
        EXPECT_EQ(paragraphs(r.doc), want) << width << " columns, " << charset << (between[0] ? ", blank lines" : "");
        EXPECT_EQ(r.meta.title, "南岭县市场监督管理局值班值守管理办法");
      }
    }
  }
}

// Texts typed one paragraph a line are read as they always were, even where many lines happen to
// have one width: clauses of a rule generated from a template (each ending in ；or ：), a list of
// short names, a table aligned with spaces, titles of a 收文 list and a form's fields, each 42
// columns wide and ending in no punctuation.
TEST(TextReader, LinesOfOneWidthThatAreNoWrapStayParagraphs) {
  const std::vector<std::vector<std::string>> texts = {
      {"　　第四条　学习培训工作应当符合下列要求：", "　　（一）建立健全学习记录，做到记录真实；",
       "　　（二）严格落实工作计划，做到程序合法；", "　　（三）严格落实整改措施，做到程序合法；",
       "　　第六条　学习培训工作应当符合下列要求：", "　　（一）统筹安排学习记录，做到记录真实；",
       "　　（二）其他需要报告的事项。"},
      {"值班人员名单", "张明　李华", "王芳　赵强", "刘洋　陈静", "周杰　吴敏"},
      {"姓名    岗位          联系电话", "张  明  登记注册岗    0730-1234567", "李  华  食品安全岗    0730-1234568",
       "王  芳  综合执法岗    0730-1234569", "赵  强  消费维权岗    0730-1234560"},
      {"关于开展2024年度食品安全专项整治行动的通知", "关于做好2024年度特种设备安全监察工作的意见",
       "关于印发石门所网格化监管工作实施方案的通知", "关于进一步加强农村集体聚餐食品安全管理的通知"},
      {"当事人：南岭县鲜丰食品贸易有限公司石门分店", "住所：南岭县石门镇建设路十八号附近临街商铺",
       "经营场所：南岭县石门镇建设路十八号一楼门面", "法定代表人：张国华（身份证号码见卷内附件）"},
  };
  for (const auto& lines : texts) {
    std::string text;
    std::vector<std::string> want;
    for (const std::string& l : lines) text += l + "\r\n", want.push_back(trimmed(l));
    EXPECT_EQ(paragraphs(read_text_bytes(encode(text, "GBK")).doc), want) << lines[0];
  }
}
