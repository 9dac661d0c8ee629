// A DOCX's own table of contents (ingest/docx_toc.cpp): one model::TableOfContents in place of the
// entries Word computed, whether a TOC field or Word's / WPS's content control holds them.
#include <gtest/gtest.h>

#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using namespace ooxml_test;

std::string para(const std::string& inner, const std::string& ppr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + inner + "</w:p>";
}
std::string run(const std::string& text) { return "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r>"; }
std::string fld(const std::string& type) { return "<w:r><w:fldChar w:fldCharType=\"" + type + "\"/></w:r>"; }
std::string instr(const std::string& text) {
  return "<w:r><w:instrText xml:space=\"preserve\">" + text + "</w:instrText></w:r>";
}
// One TOC entry as Word writes it: a hyperlink to the heading's bookmark with a PAGEREF field.
std::string entry(const std::string& text, const std::string& page) {
  return "<w:hyperlink w:anchor=\"_Toc1\">" + run(text) + "<w:r><w:tab/></w:r>" + fld("begin") +
         instr(" PAGEREF _Toc1 \\h ") + fld("separate") + run(page) + fld("end") + "</w:hyperlink>";
}
// A TOC field over three paragraphs: it begins in the first entry's and ends in a paragraph of its own.
std::string toc_field(const std::string& switches) {
  return para(fld("begin") + instr(" TOC " + switches + " ") + fld("separate") + entry("一、总则", "1"),
              "<w:pStyle w:val=\"TOC1\"/>") +
         para(entry("二、职责分工", "3"), "<w:pStyle w:val=\"TOC1\"/>") + para(fld("end"));
}
const std::string kHeadings = para(run("一、总则"), "<w:outlineLvl w:val=\"0\"/>") + para(run("本制度适用于本所。")) +
                              para(run("二、职责分工"), "<w:outlineLvl w:val=\"0\"/>") + para(run("所长负总责。"));

std::vector<const model::TableOfContents*> tocs(const model::Document& d) {
  std::vector<const model::TableOfContents*> out;
  for (const auto& s : d.sections)
    for (const auto& b : s.blocks)
      if (const auto* t = std::get_if<model::TableOfContents>(&b.value)) out.push_back(t);
  return out;
}

int count_text(const model::Document& d, const std::string& text) {
  int n = 0;
  for (const auto* p : paragraphs(d)) n += p->plain_text().find(text) != std::string::npos;
  return n;
}

TEST(DocxToc, AWordTocFieldIsOneTableOfContentsNotItsEntries) {
  auto r = read_docx_of({.body = para(run("目录"), "<w:pStyle w:val=\"TOCHeading\"/>") + toc_field("\\o \"1-2\" \\h \\z \\u") +
                                 kHeadings});
  ASSERT_FALSE(r.error) << r.error->message;
  const auto t = tocs(r.doc);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]->max_level, 2) << "the field's \\o \"1-2\"";
  EXPECT_EQ(count_text(r.doc, "目录"), 0) << "the line naming the TOC went with it";
  EXPECT_EQ(count_text(r.doc, "总则"), 1) << "the heading, not its entry with Word's page number";
  EXPECT_EQ(count_text(r.doc, "职责分工"), 1);
  EXPECT_EQ(count_text(r.doc, "所长负总责。"), 1);
  ASSERT_FALSE(paragraphs(r.doc).empty());
  EXPECT_EQ(paragraphs(r.doc)[0]->plain_text(), "一、总则");
}

TEST(DocxToc, WordsContentControlForATocIsOneTableOfContents) {
  const std::string sdt =
      "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/>"
      "</w:docPartObj></w:sdtPr><w:sdtContent>" +
      para(run("目　录"), "<w:pStyle w:val=\"TOCHeading\"/>") + toc_field("\\o \"1-3\" \\h \\z \\u") +
      "</w:sdtContent></w:sdt>";
  auto r = read_docx_of({.body = sdt + kHeadings});
  ASSERT_FALSE(r.error) << r.error->message;
  const auto t = tocs(r.doc);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]->max_level, 3);
  EXPECT_EQ(count_text(r.doc, "目"), 0);
  EXPECT_EQ(count_text(r.doc, "总则"), 1);
}

TEST(DocxToc, AnyOtherContentControlIsReadAsItsContent) {
  auto r = read_docx_of({.body = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Cover Pages\"/></w:docPartObj>"
                                 "</w:sdtPr><w:sdtContent>" + para(run("封面")) + "</w:sdtContent></w:sdt>"});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(tocs(r.doc).empty());
  EXPECT_EQ(count_text(r.doc, "封面"), 1);
}

TEST(DocxToc, AListOfFiguresIsNoTableOfContents) {
  auto r = read_docx_of({.body = para(run("图目录")) + toc_field("\\h \\z \\c \"图\"") + kHeadings});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(tocs(r.doc).empty()) << "TOC \\c lists captions, not headings";
  EXPECT_EQ(count_text(r.doc, "图目录"), 1);
  EXPECT_EQ(count_text(r.doc, "职责分工"), 2) << "its entries stay the text they are";
}

TEST(DocxToc, ATocFieldThatNeverEndsIsReadAsText) {
  const std::string unended = para(fld("begin") + instr(" TOC \\o \"1-3\" ") + fld("separate") + entry("一、总则", "1"));
  auto r = read_docx_of({.body = unended + para(run("正文。"))});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(tocs(r.doc).empty());
  EXPECT_EQ(count_text(r.doc, "正文。"), 1);
  EXPECT_EQ(count_text(r.doc, "总则"), 1);
}

TEST(DocxToc, ASectionBreakOnTheTocsLastParagraphStillEndsTheSection) {
  const std::string toc = para(fld("begin") + instr(" TOC \\o \"1-3\" ") + fld("separate") + entry("一、总则", "1")) +
                          para(fld("end"), "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>");
  auto r = read_docx_of({.body = toc + kHeadings + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>"});
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.doc.sections.size(), 2u) << "the TOC on pages of its own, numbered apart";
  ASSERT_EQ(r.doc.sections[0].blocks.size(), 1u);
  EXPECT_TRUE(std::holds_alternative<model::TableOfContents>(r.doc.sections[0].blocks[0].value));
  EXPECT_EQ(count_text(r.doc, "总则"), 1);
}

TEST(DocxToc, AnEmptyTocFieldWithoutAResultIsATableOfContents) {
  auto r = read_docx_of({.body = para(fld("begin") + instr(" TOC \\o \"1-4\" ") + fld("end")) + kHeadings});
  ASSERT_FALSE(r.error);
  const auto t = tocs(r.doc);
  ASSERT_EQ(t.size(), 1u) << "Word writes this before the TOC is first updated";
  EXPECT_EQ(t[0]->max_level, 4);
}

// Chinese Word names its built-in styles "toc 1", "toc 2" with ids "10", "21": after the field was
// unlinked (Ctrl+Shift+F9), only these styles say the lines are a TOC.
TEST(DocxToc, AnUnlinkedTocsEntriesInTocStylesAreOneTableOfContents) {
  const std::string styles = R"(<w:style w:type="paragraph" w:styleId="10"><w:name w:val="toc 1"/></w:style>)"
                             R"(<w:style w:type="paragraph" w:styleId="21"><w:name w:val="TOC 2"/></w:style>)";
  const std::string toc = para(run("目 录")) + para(run("一、总则") + "<w:r><w:tab/></w:r>" + run("1"), "<w:pStyle w:val=\"10\"/>") +
                          para(run("（一）适用范围") + "<w:r><w:tab/></w:r>" + run("1"), "<w:pStyle w:val=\"21\"/>") +
                          para(run("二、职责分工") + "<w:r><w:tab/></w:r>" + run("3"), "<w:pStyle w:val=\"10\"/>");
  auto r = read_docx_of({.body = toc + kHeadings, .styles = styles});
  ASSERT_FALSE(r.error) << r.error->message;
  const auto t = tocs(r.doc);
  ASSERT_EQ(t.size(), 1u);
  EXPECT_EQ(t[0]->max_level, 2) << "the deepest toc N style";
  EXPECT_EQ(count_text(r.doc, "目"), 0);
  EXPECT_EQ(count_text(r.doc, "适用范围"), 0);
  EXPECT_EQ(count_text(r.doc, "职责分工"), 1);
}

TEST(DocxTocCorpus, TheTocOfPoiTlIssue914IsNotItsTitle) {
  LH_REQUIRE_CORPUS(corpus);
  auto r = read_with(read_docx, test::read_file(corpus / "docx/poitl-issue914-toc.docx"));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(tocs(r.doc).size(), 1u);
  EXPECT_EQ(count_text(r.doc, "目录"), 0);
  EXPECT_EQ(count_text(r.doc, "风险识别"), 1) << "the heading alone, not also the entry \"一、\\t风险识别\\t1\"";
}

}  // namespace
}  // namespace lh::ingest
