#include <gtest/gtest.h>

#include "normalize/structure.h"

using namespace lh::normalize;
using lh::model::Document;
using lh::model::Paragraph;

namespace {
Document doc_of(std::initializer_list<const char*> lines) {
  Document d;
  d.sections.emplace_back();
  for (const char* l : lines) {
    Paragraph p;
    p.runs.push_back({.text = l});
    d.sections[0].blocks.push_back({p});
  }
  return d;
}
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
