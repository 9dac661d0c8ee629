#include <gtest/gtest.h>

#include "doc_of.h"
#include "normalize/structure.h"

using namespace lh::normalize;
using lh::model::Document;
using lh::model::Paragraph;
using lh::normalize::Role;

namespace {
using lh::test::doc_of;
const Paragraph& para(const Document& d, size_t i) { return std::get<Paragraph>(d.sections[0].blocks.at(i).value); }
}  // namespace

TEST(Structure, HeadingKindsOfGbt9704Numbers) {
  EXPECT_EQ(heading_kind("一、总体要求"), HeadingKind::Yi);
  EXPECT_EQ(heading_kind("（二）工作目标"), HeadingKind::ParenYi);
  EXPECT_EQ(heading_kind("3.明确责任"), HeadingKind::Arabic);
  EXPECT_EQ(heading_kind("（4）档案整理"), HeadingKind::ParenArabic);
  EXPECT_EQ(heading_kind("第十二章 附则"), HeadingKind::Zhang);
  EXPECT_EQ(heading_kind("第三条　为了规范"), HeadingKind::Tiao);
  EXPECT_EQ(heading_kind("　　一、总体要求"), HeadingKind::Yi);  // indented with U+3000
  int md = 0;
  EXPECT_EQ(heading_kind("## 二级标题", &md), HeadingKind::Markdown);
  EXPECT_EQ(md, 2);
}

// heading_kind runs the regexes only for the patterns a line's first character can open (第, a
// Chinese numeral, a bracket, a digit): every other opening still reaches its pattern.
TEST(Structure, EveryKindOfOpeningReachesItsPattern) {
  EXPECT_EQ(heading_kind("第二编 总则"), HeadingKind::Bian);
  EXPECT_EQ(heading_kind("第一节　一般规定"), HeadingKind::Jie);
  EXPECT_EQ(heading_kind("第一百零一条 罚则"), HeadingKind::Tiao);
  EXPECT_EQ(heading_kind("第十章"), HeadingKind::Zhang);
  EXPECT_EQ(heading_kind("第条"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第二章节"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第一条\t文字"), HeadingKind::Tiao);
  EXPECT_EQ(heading_kind("第一条A"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第一条文字"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第五条\u00A0罚则"), HeadingKind::Tiao);  // a no-break space: \p{Z}, left to ICU
  EXPECT_EQ(heading_kind("第五条，"), HeadingKind::None);
  EXPECT_EQ(heading_kind("(三)半角括号"), HeadingKind::ParenYi);
  EXPECT_EQ(heading_kind("(12)半角括号"), HeadingKind::ParenArabic);
  EXPECT_EQ(heading_kind("１．全角数字"), HeadingKind::Arabic);
  EXPECT_EQ(heading_kind("十、其他"), HeadingKind::Yi);
  EXPECT_EQ(heading_kind("〇、零号"), HeadingKind::Yi);
  EXPECT_EQ(heading_kind("根据第三条规定，一、二项不适用"), HeadingKind::None);  // numbers later in the line
  EXPECT_EQ(heading_kind("（注）本表"), HeadingKind::None);
  EXPECT_EQ(heading_kind(""), HeadingKind::None);
}

TEST(Structure, NumbersThatAreNotHeadings) {
  EXPECT_EQ(heading_kind("3.5万元罚款已缴纳"), HeadingKind::None);  // a decimal, not "3."
  EXPECT_EQ(heading_kind("第一次检查发现"), HeadingKind::None);
  EXPECT_EQ(heading_kind("#hashtag"), HeadingKind::None);
  EXPECT_EQ(heading_kind("一二三四"), HeadingKind::None);
}

TEST(Structure, LevelsAreRelativeToTheKindsPresent) {
  Document d = doc_of({"关于规范档案管理的通知", "一、总体要求", "正文段落，内容较长。", "（一）工作目标", "1.明确责任", "二、保障措施"});
  detect_structure(d);
  EXPECT_EQ(para(d, 0).style, "title");
  EXPECT_EQ(para(d, 1).heading_level, 1);
  EXPECT_EQ(para(d, 2).heading_level, 0);
  EXPECT_EQ(para(d, 3).heading_level, 2);
  EXPECT_EQ(para(d, 4).heading_level, 3);
  EXPECT_EQ(para(d, 5).heading_level, 1);
}

TEST(Structure, ChaptersOutrankChineseNumbers) {
  Document d = doc_of({"制度建设指引", "第一章 总则", "一、目的", "第二章 档案"});
  detect_structure(d);
  EXPECT_EQ(para(d, 1).heading_level, 1);
  EXPECT_EQ(para(d, 2).heading_level, 2);
  EXPECT_EQ(para(d, 3).heading_level, 1);
}

TEST(Structure, LongNumberedParagraphStaysBody) {
  Document d = doc_of({"一、根据《中华人民共和国行政处罚法》第三十二条的规定，当事人主动消除违法行为危害后果的，依法从轻处罚，本局决定如下。"});
  detect_structure(d);
  EXPECT_EQ(para(d, 0).heading_level, 0);
}

TEST(Structure, MarkdownMarkersAreRemoved) {
  Document d = doc_of({"# 标题一", "正文", "## 标题二"});
  detect_structure(d);
  EXPECT_EQ(para(d, 0).heading_level, 1);
  EXPECT_EQ(para(d, 0).plain_text(), "标题一");
  EXPECT_EQ(para(d, 2).heading_level, 2);
  EXPECT_EQ(para(d, 2).plain_text(), "标题二");
}

TEST(Structure, StyledDocumentsAreLeftAlone) {
  Document d = doc_of({"一、总体要求"});
  std::get<Paragraph>(d.sections[0].blocks[0].value).style = "title";
  detect_structure(d);
  EXPECT_EQ(para(d, 0).heading_level, 0);
}

// The render bug of issue 11 §2: every 第X条 line and every （一） item became a heading, giving a
// 15-page 目录 for a 40-page rule book and keep-with-next chains that left pages half empty.
TEST(Structure, ArticlesAndTheirItemsAreNotPromotedToHeadings) {
  Document d = doc_of({"石门市场监督管理所档案管理制度", "第一章 总则", "第一条 为规范档案管理，制定本制度。",
                       "第二条 档案工作应当做到：", "（一）归档及时", "（二）整理规范", "第二章 归档", "第三条 文件办结后归档。"});
  Outline o = detect_outline(d);
  detect_structure(d);
  EXPECT_EQ(para(d, 0).style, "title");
  EXPECT_EQ(para(d, 1).heading_level, 1);
  for (size_t i : {2u, 3u, 4u, 5u, 7u}) EXPECT_EQ(para(d, i).heading_level, 0) << para(d, i).plain_text();
  EXPECT_EQ(para(d, 6).heading_level, 1);
  size_t articles = 0;
  for (const auto& l : o.lines) articles += l.role == Role::Article;
  EXPECT_EQ(articles, 3u);
}

TEST(Structure, RunInItemEndingWithAFullStopIsBodyText) {
  Document d = doc_of({"关于加强食品安全监管的通知", "一、总体要求", "（一）加强组织领导。各所要高度重视。"});
  detect_structure(d);
  EXPECT_EQ(para(d, 1).heading_level, 1);
  EXPECT_EQ(para(d, 2).heading_level, 0);
}

TEST(Structure, HandTypedBoldHeadingIsFoundByItsFormatting) {
  Document d = doc_of({"会议制度", "会议安排", "每周一召开例会，研究部署工作。"});
  auto& p = std::get<Paragraph>(d.sections[0].blocks[1].value);
  p.runs[0].bold = true;
  Outline o = detect_outline(d);
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[1].level, 1);
  EXPECT_NE(o.lines[1].reason.find("加粗"), std::string::npos) << o.lines[1].reason;
}

// Wrong title: a manual's 印发通知 typed as a 公文 was titled by its 发文机关标志 ("…局…所", another
// office's book): the 目录 listed the agency, and the real title was set as body text. The
// 发文机关标志 and 发文字号 above a 公文's title (GB/T 9704-2012 §7.2.3, §7.2.4) are never its title.
TEST(Structure, ANoticeIsTitledByTheLineUnderItsIssuingAgencyNotByTheAgency) {
  Outline o = detect_outline(doc_of({"武陵山县市场监督管理局龙潭坪市场监督管理所", "关于印发《制度建设指引》的通知",
                                     "各岗位：", "现印发给你们，请认真遵照执行。"}));
  ASSERT_NE(o.title(), nullptr);
  EXPECT_EQ(o.title()->text, "关于印发《制度建设指引》的通知");
  EXPECT_NE(o.title()->reason.find("GB/T 9704"), std::string::npos) << o.title()->reason;
  o = detect_outline(doc_of({"武陵山县市场监督管理局文件", "武市监〔2024〕6号", "关于印发《制度建设指引》的通知", "正文。"}));
  ASSERT_NE(o.title(), nullptr);
  EXPECT_EQ(o.title()->text, "关于印发《制度建设指引》的通知");
  o = detect_outline(doc_of({"会议制度", "每周一召开例会。"}));  // a rule's own title stays the first line
  ASSERT_NE(o.title(), nullptr);
  EXPECT_EQ(o.title()->text, "会议制度");
}

TEST(Structure, WordStyleLevelIsKeptWithItsStyleNameAsReason) {
  Document d = doc_of({"考勤制度", "请假审批", "职工请假应当事先书面申请。"});
  auto& p = std::get<Paragraph>(d.sections[0].blocks[1].value);
  p.heading_level = 2;
  p.style = "标题 2";
  Outline o = detect_outline(d);
  ASSERT_EQ(o.lines.size(), 2u);
  EXPECT_EQ(o.lines[1].level, 1);
  EXPECT_NE(o.lines[1].reason.find("标题 2"), std::string::npos);
}

TEST(Structure, LevelJumpAndMissingTitleAreWarningsNamingTheParagraph) {
  Document d = doc_of({"一、总体要求", "正文。", "1.明确责任", "（一）工作目标"});
  Outline o = detect_outline(d);
  ASSERT_EQ(o.warnings.size(), 2u);
  EXPECT_NE(o.warnings[0].find("第1段"), std::string::npos) << o.warnings[0];
  EXPECT_NE(o.warnings[1].find("第3段"), std::string::npos) << o.warnings[1];
}

// Regression (render of a styled 调查终结报告): the centred, bold 发文机关 and 文号 lines above a
// Word-styled outline became level-1 headings once formatting counted as evidence.
TEST(Structure, FormattingIsNoEvidenceInAStyledDocument) {
  Document d = doc_of({"南岭县市场监督管理局", "南市监处罚〔2024〕12号", "案件调查终结报告", "一、当事人基本情况", "正文。"});
  for (size_t i : {0u, 1u}) {
    auto& p = std::get<Paragraph>(d.sections[0].blocks[i].value);
    p.align = lh::model::Align::Center;
    p.runs[0].bold = true;
  }
  std::get<Paragraph>(d.sections[0].blocks[3].value).heading_level = 1;
  detect_structure(d);
  EXPECT_EQ(para(d, 0).heading_level, 0);
  EXPECT_EQ(para(d, 1).heading_level, 0);
  EXPECT_EQ(para(d, 3).heading_level, 1);
}

TEST(Structure, DocumentNumberLineIsNeverAHeading) {
  Document d = doc_of({"会议制度", "石市监〔2024〕3号", "每周一召开例会。"});
  auto& p = std::get<Paragraph>(d.sections[0].blocks[1].value);
  p.align = lh::model::Align::Center;
  detect_structure(d);
  EXPECT_EQ(para(d, 1).heading_level, 0);
}

// make_book_sources.py seed 12: "第一章总则", the name typed right after 章, was no chapter; the TXT's
// five chapters were lost and the first became its title. References stay what they are.
TEST(Structure, AChapterNameTypedRightAfterItsNumberIsStillAChapter) {
  EXPECT_EQ(heading_kind("第一章总则"), HeadingKind::Zhang);
  EXPECT_EQ(heading_kind("第二节一般规定"), HeadingKind::Jie);
  EXPECT_EQ(heading_kind("第一编党建工作"), HeadingKind::Bian);
  EXPECT_EQ(heading_kind("第二章节"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第三章第五条"), HeadingKind::None);
  EXPECT_EQ(heading_kind("第一条为了规范"), HeadingKind::None);  // "第三条规定的…" reads the same
  Document d = doc_of({"节能降耗制度", "第一章总则", "第一条　为了节约能源，制定本制度。", "第二章附则",
                       "第二章规定的情形，按照有关规定处理。"});
  detect_structure(d);
  EXPECT_EQ(para(d, 0).style, "title");
  EXPECT_EQ(para(d, 1).heading_level, 1);
  EXPECT_EQ(para(d, 3).heading_level, 1);
  EXPECT_EQ(para(d, 4).heading_level, 0) << "a sentence that opens with a reference is body text";
}

// make_book_sources.py seed 1: "1、专项整治" under "（一）" was no heading number (only "1." and
// "1．" were), so a styled 1、 heading took its style's level, the level of the 一、 headings.
TEST(Structure, AnArabicNumberWithADunIsAHeadingNumber) {
  EXPECT_EQ(heading_kind("1、专项整治"), HeadingKind::Arabic);
  EXPECT_EQ(heading_kind("１、专项整治"), HeadingKind::Arabic);
  EXPECT_EQ(heading_kind("2024、"), HeadingKind::None);
  Document d = doc_of({"关于规范档案管理的通知", "一、总体要求", "（一）工作目标", "1、明确责任", "正文。",
                       "2、按月检查台账，发现问题及时整改。"});
  detect_structure(d);
  EXPECT_EQ(para(d, 3).heading_level, 3);
  EXPECT_EQ(para(d, 5).heading_level, 0) << "a numbered sentence is body text";
}

// make_book_sources.py seed 1: the 题注 under a rule's title, "（2024年3月1日所务会议审议通过）",
// centred, was taken for a heading by its formatting and listed in the 目录.
TEST(Structure, TheBracketedNoteUnderATitleIsNoHeading) {
  Document d = doc_of({"内务管理办法", "（2024年3月1日所务会议审议通过）", "第一条　为了规范内务管理，制定本办法。",
                       "第二条　本办法自印发之日起施行。"});
  for (size_t i : {0, 1}) std::get<Paragraph>(d.sections[0].blocks[i].value).align = lh::model::Align::Center;
  const Outline o = detect_outline(d);
  ASSERT_TRUE(o.has_title());
  EXPECT_EQ(o.title()->text, "内务管理办法");
  for (const auto& l : o.lines) EXPECT_NE(l.role, Role::Heading) << l.text << " (" << l.reason << ")";
}

// A TXT rule with a 目录 typed by hand, rendered (render keeps the typed lines: a page list may be
// the document itself): its entries "第一章　总则…………1" opened 第X章 like the chapters, so each
// chapter came twice in the outline, the bookmarks and a --toc, once with a stale page number.
TEST(Structure, ALineOfATypedTocIsNoHeading) {
  Document d = doc_of({"会议制度", "目　录", "第一章　总则…………………1", "第二章　附则…………………3", "第一章　总则",
                       "第一条　为了规范会议，制定本制度。", "第二章　附则", "第二条　本制度自印发之日起施行。"});
  detect_structure(d);
  EXPECT_EQ(para(d, 2).heading_level, 0);
  EXPECT_EQ(para(d, 3).heading_level, 0);
  EXPECT_EQ(para(d, 4).heading_level, 1);
  EXPECT_EQ(para(d, 6).heading_level, 1);
  EXPECT_EQ(para(d, 2).plain_text(), "第一章　总则…………………1") << "the line itself is kept";
}
