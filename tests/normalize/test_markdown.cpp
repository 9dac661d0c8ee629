#include <gtest/gtest.h>

#include "doc_of.h"
#include "normalize/markdown.h"
#include "normalize/structure.h"

using namespace lh::normalize;
using lh::model::Document;
using lh::model::Paragraph;
using lh::model::Table;

namespace {
using lh::test::doc_of;
}  // namespace

// Issue 11 §2: the front matter was printed as three lines of "key: value" text.
TEST(Markdown, YamlFrontMatterIsReadNotPrinted) {
  Document d = doc_of({"---", "title: \"投诉举报处理规范\"", "author: 石门所", "date: 2024-03-01", "---", "## 一、受理", "正文。"});
  ASSERT_TRUE(looks_like_markdown(d));
  FrontMatter fm = apply_markdown(d);
  EXPECT_EQ(fm.title, "投诉举报处理规范");
  EXPECT_EQ(fm.author, "石门所");
  EXPECT_EQ(fm.date, "2024-03-01");
  const std::string text = d.plain_text();
  EXPECT_EQ(text.find("author"), std::string::npos) << text;
  EXPECT_EQ(text.find("---"), std::string::npos) << text;
  detect_structure(d);
  EXPECT_EQ(std::get<Paragraph>(d.sections[0].blocks[0].value).style, "title");
}

// Wrong outline: a Markdown rule with a YAML title and the same "# " heading under it (as Pandoc's
// and Jekyll's files are written) printed its title twice, and every "##" fell a level under the
// repeated one (another office's book). The heading is the YAML title again: it is kept once.
TEST(Markdown, AYamlTitleRepeatedAsTheFirstHeadingIsOneTitle) {
  Document d = doc_of({"---", "title: 学习培训制度", "---", "", "# 学习培训制度", "## 一、学习内容", "正文。"});
  apply_markdown(d);
  const Outline o = detect_outline(d);
  ASSERT_NE(o.title(), nullptr);
  EXPECT_EQ(o.title()->text, "学习培训制度");
  int titles = 0, top = 0;
  for (const auto& l : o.lines) {
    titles += l.text == "学习培训制度";
    if (l.text == "一、学习内容") top = l.level;
  }
  EXPECT_EQ(titles, 1);
  EXPECT_EQ(top, 1) << "the first ## heading is a top heading";
  // Another first heading than the title stays a heading.
  Document other = doc_of({"---", "title: 学习培训制度", "---", "# 总则", "正文。"});
  apply_markdown(other);
  EXPECT_NE(other.plain_text().find("总则"), std::string::npos);
}

// Issue 11 §2: pipe tables came out as lines of "|" characters.
TEST(Markdown, PipeTableBecomesATableWithAHeaderRow) {
  Document d = doc_of({"# 值班表", "| 日期 | 值班人 |", "|:---|---:|", "| 周一 | 张三 |", "| 周二 | 李四 |", "完。"});
  apply_markdown(d);
  ASSERT_EQ(d.sections[0].blocks.size(), 3u);
  const auto* t = std::get_if<Table>(&d.sections[0].blocks[1].value);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_TRUE(t->rows[0].header);
  EXPECT_FALSE(t->rows[1].header);
  EXPECT_EQ(std::get<Paragraph>(t->rows[2].cells[1].blocks[0].value).plain_text(), "李四");
}
