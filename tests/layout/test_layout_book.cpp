// Book pagination (issue 11 item 3) on the laid-out pages: page numbers as sections write them, the
// blank verso before a 篇 that opens on a recto, and the TOC and outline numbers that follow.
#include <gtest/gtest.h>

#include <string>

#include "layout/layout.h"
#include "layout_fixtures.h"

using namespace lh;
using lh::test::fonts;
using lh::test::gongwen;

namespace {

model::Paragraph para(const std::string& text, int heading = 0) {
  model::Paragraph p;
  p.heading_level = heading;
  p.runs.push_back(model::Run{.text = text});
  return p;
}

// 孤字: one ideograph, then nothing but closing marks (）。) and spaces.
bool lone(std::string t) {
  while (!t.empty() && t.back() == ' ') t.pop_back();
  while (t.size() > 3 && (t.compare(t.size() - 3, 3, "）") == 0 || t.compare(t.size() - 3, 3, "。") == 0)) t.resize(t.size() - 3);
  return t.size() == 3 && static_cast<unsigned char>(t[0]) >= 0xE4 && static_cast<unsigned char>(t[0]) <= 0xE9;
}

std::string texts(const layout::Page& p) {
  std::string s;
  for (const layout::Item& it : p.items)
    if (const auto* g = std::get_if<layout::GlyphLine>(&it)) s += g->text + "|";
  return s;
}

}  // namespace

TEST(LayoutBook, PageNumbersInRomanAndDecimal) {
  using N = model::Section::Numbering;
  const std::pair<int, const char*> cases[] = {{1, "i"},   {2, "ii"},   {4, "iv"},     {9, "ix"},
                                               {14, "xiv"}, {40, "xl"}, {1999, "mcmxcix"}, {3999, "mmmcmxcix"}};
  for (const auto& [n, want] : cases) EXPECT_EQ(layout::page_number_text(n, N::LowerRoman), want) << n;
  EXPECT_EQ(layout::page_number_text(4000, N::LowerRoman), "4000");  // beyond roman: decimal
  EXPECT_EQ(layout::page_number_text(0, N::LowerRoman), "0");
  EXPECT_EQ(layout::page_number_text(12, N::Decimal), "12");
}

TEST(LayoutBook, TocGivesFrontMatterHeadingsRomanPages) {
  model::Document d;
  model::Section front;
  front.numbering = model::Section::Numbering::LowerRoman;
  front.blocks.push_back({model::TableOfContents{}});
  front.blocks.push_back({model::PageBreak{}});
  front.blocks.push_back({para("编制说明", 1)});
  model::Section body;
  body.restart_numbering = true;
  body.start_on_odd_page = true;
  body.blocks.push_back({para("第一篇　党建工作", 1)});
  d.sections = {front, body};
  const layout::Laid laid = layout::lay_out(d, gongwen(), fonts());
  // TOC i, 编制说明 ii, body from physical page 3 (odd) as 1: no blank page needed.
  ASSERT_EQ(laid.pages.size(), 3u);
  const std::string toc = texts(laid.pages[0]);
  EXPECT_NE(toc.find("编制说明|ii|"), std::string::npos) << toc;
  EXPECT_NE(toc.find("第一篇　党建工作|1|"), std::string::npos) << toc;
  ASSERT_EQ(laid.outline.size(), 2u);
  EXPECT_EQ(laid.outline[0].page_number_text, "ii");
  EXPECT_EQ(laid.outline[1].page_number_text, "1");
  EXPECT_EQ(laid.pages[2].label, "1");
  EXPECT_TRUE(laid.has_page_labels);
}

TEST(LayoutBook, BlankVersoBelongsToTheSectionBeforeAndIsEmpty) {
  model::Document d;
  model::Section front;
  front.numbering = model::Section::Numbering::LowerRoman;
  front.header = model::HeaderFooter{{para("页眉")}};
  front.blocks.push_back({para("前言")});
  model::Section body;
  body.restart_numbering = true;
  body.start_on_odd_page = true;
  body.blocks.push_back({para("正文")});
  d.sections = {front, body};
  const layout::Laid laid = layout::lay_out(d, gongwen(), fonts());
  ASSERT_EQ(laid.pages.size(), 3u);
  EXPECT_TRUE(laid.pages[1].blank);
  EXPECT_TRUE(laid.pages[1].items.empty());
  EXPECT_EQ(laid.pages[1].label, "ii");  // counted like Word's inserted blank page
  EXPECT_EQ(laid.pages[2].number_text, "1");
  EXPECT_FALSE(laid.pages[2].blank);
}

// make_book_sources.py seed 3: a long Chinese title broken by Shift+Enter ("冷链食品追\n溯管理制度")
// was listed in the 目录 and the PDF outline as "冷链食品追 溯管理制度", two words. Between Latin
// words the break is still a space.
TEST(LayoutBook, ALineBreakInsideAChineseHeadingIsNoSpaceInTheToc) {
  model::Document d;
  model::Section s;
  s.blocks.push_back({model::TableOfContents{}});
  s.blocks.push_back({model::PageBreak{}});
  s.blocks.push_back({para("冷链食品追\n溯管理制度", 1)});
  s.blocks.push_back({para("ISO\n9001", 1)});
  d.sections = {s};
  const layout::Laid laid = layout::lay_out(d, gongwen(), fonts());
  ASSERT_EQ(laid.outline.size(), 2u);
  EXPECT_EQ(laid.outline[0].title, "冷链食品追溯管理制度");
  EXPECT_EQ(laid.outline[1].title, "ISO 9001");
  const std::string toc = texts(laid.pages[0]);
  EXPECT_NE(toc.find("冷链食品追溯管理制度|"), std::string::npos) << toc;
}

// Defect: a 目录 entry or a heading that wraps left one character alone on its last line (孤字:
// "…管理制" / "度"). Chinese typesetting never ends a paragraph so (孤字不成行; W3C clreq, TCLREQ
// draft §3.4.4: one 漢字, or one 漢字 and its punctuation, alone on the last line): the line before
// gives a character. Titles of every length from 20 to 64 characters meet every break position of
// both the 目录 and the heading widths; every fifth ends in "（试行）" (a lone "行）" is one too).
TEST(LayoutBook, AWrappedTocEntryOrHeadingNeverLeavesOneCharacterAlone) {
  model::Document d;
  model::Section s;
  s.blocks.push_back({model::TableOfContents{}});
  s.blocks.push_back({model::PageBreak{}});
  const char* const kChars[] = {"甲", "乙", "丙", "丁"};
  for (int n = 20; n <= 64; ++n) {
    std::string title;
    for (int i = 0; i < n; ++i) title += kChars[n % 4];
    if (n % 5 == 0) title += "（试行）";
    s.blocks.push_back({para(title, 1)});
  }
  d.sections = {s};
  const layout::Laid laid = layout::lay_out(d, gongwen(), fonts());
  int lines = 0;
  for (size_t i = 0; i < laid.pages.size(); ++i)
    for (const layout::Item& it : laid.pages[i].items)
      if (const auto* g = std::get_if<layout::GlyphLine>(&it)) {
        EXPECT_FALSE(lone(g->text)) << "page " << i + 1 << ": 「" << g->text << "」 alone on its line";
        ++lines;
      }
  EXPECT_GT(lines, 3 * (64 - 20 + 1));  // each title in the 目录 with its page number, and as a heading
}

// The same in body text (the sample 制度建设指引 had three: "…规范办理工作计" / "划。"): a justified
// paragraph's last line keeps two characters; the line before is justified to the 版心 again.
TEST(LayoutBook, ABodyParagraphNeverEndsOnOneCharacterAlone) {
  model::Document d;
  model::Section s;
  for (int n = 27; n <= 90; ++n) {
    std::string text;
    for (int i = 0; i < n; ++i) text += (i % 7 == 6) ? "，" : "规";
    text += "。";
    s.blocks.push_back({para(text)});
  }
  d.sections = {s};
  const layout::Laid laid = layout::lay_out(d, gongwen(), fonts());
  size_t lines = 0;
  for (size_t i = 0; i < laid.pages.size(); ++i)
    for (const layout::Item& it : laid.pages[i].items)
      if (const auto* g = std::get_if<layout::GlyphLine>(&it)) {
        if (g->text.find("规") == std::string::npos) continue;  // the page number
        EXPECT_FALSE(lone(g->text)) << "page " << i + 1 << ": 「" << g->text << "」 alone on its line";
        ++lines;
      }
  EXPECT_GT(lines, 2 * (90 - 27 + 1) - 10);  // nearly every paragraph wrapped
}
