// A book in DOCX (issue 11 items 3 and 4): section breaks that open 篇 on recto pages, roman front
// matter and a decimal body restarting at 1, landscape sections with their own running header,
// built-in heading styles with outline levels (Word's and WPS's navigation pane), a TOC whose cached
// page numbers are written as the pages print them, and tables whose header row repeats.
#include <gtest/gtest.h>

#include <regex>

#include "docx_test_util.h"

using namespace lh;
using namespace lh::docx::test;

namespace {

// The sectPr elements of document.xml, in order.
std::vector<std::string> sect_prs(const std::string& xml) {
  std::vector<std::string> out;
  for (size_t at = 0; (at = xml.find("<w:sectPr", at)) != std::string::npos;) {
    const size_t end = xml.find("</w:sectPr>", at);
    if (end == std::string::npos) break;
    out.push_back(xml.substr(at, end - at));
    at = end;
  }
  return out;
}

Unzipped book(const std::vector<int>& pages = {2, 1, 1, 3}) {
  docx::DocxOptions opt;
  opt.heading_pages = pages;
  return unzip(docx::write_docx(book_document(), gongwen_style(), opt));
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST(DocxBook, SectionBreaksCarryRectoStartsRomanNumbersAndLandscape) {
  const Unzipped u = book();
  const std::vector<std::string> s = sect_prs(u.at("word/document.xml"));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_FALSE(has(s[0], "w:pgNumType"));
  EXPECT_TRUE(has(s[1], R"(<w:pgNumType w:fmt="lowerRoman" w:start="1"/>)")) << s[1];
  EXPECT_FALSE(has(s[1], "oddPage"));
  EXPECT_TRUE(has(s[2], R"(<w:type w:val="oddPage"/>)")) << s[2];
  EXPECT_TRUE(has(s[2], R"(<w:pgNumType w:fmt="decimal" w:start="1"/>)")) << s[2];
  EXPECT_TRUE(has(s[2], R"(<w:pgSz w:w="11906" w:h="16838"/>)")) << s[2];
  EXPECT_TRUE(has(s[3], R"(<w:type w:val="oddPage"/>)")) << s[3];
  EXPECT_TRUE(has(s[3], R"(<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>)")) << s[3];
  EXPECT_FALSE(has(s[3], "w:start=")) << s[3];  // the landscape pages continue the count
}

TEST(DocxBook, LandscapeSectionKeepsItsOwnRunningHeader) {
  const Unzipped u = book();
  const std::vector<std::string> s = sect_prs(u.at("word/document.xml"));
  ASSERT_EQ(s.size(), 4u);
  const std::regex ref(R"re(<w:headerReference w:type="default" r:id="(rId\d+)"/>)re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(s[3], m, ref)) << s[3];
  const std::string rels = u.at("word/_rels/document.xml.rels");
  const std::regex target("Id=\"" + m[1].str() + "\"[^>]*Target=\"([^\"]+)\"");
  std::smatch t;
  ASSERT_TRUE(std::regex_search(rels, t, target)) << rels;
  const std::string header = u.at("word/" + t[1].str());
  EXPECT_TRUE(has(header, "权责清单")) << header;
  EXPECT_TRUE(has(header, "PAGE")) << header;  // {PAGE}: a PAGE field, formatted by the section
}

TEST(DocxBook, CoverWithoutHeaderBeforeSectionsWithHeadersHasNone) {
  const Unzipped u = book();
  const std::vector<std::string> s = sect_prs(u.at("word/document.xml"));
  ASSERT_EQ(s.size(), 4u);
  EXPECT_FALSE(has(s[0], "w:headerReference"));
}

TEST(DocxBook, SectionWithoutHeaderAfterOneWithAHeaderDoesNotInheritIt) {
  model::Document d = book_document();
  d.sections[3].header.reset();
  const Unzipped u = unzip(docx::write_docx(d, gongwen_style(), {}));
  const std::vector<std::string> s = sect_prs(u.at("word/document.xml"));
  ASSERT_EQ(s.size(), 4u);
  // OOXML gives a section without a headerReference the previous section's header (§17.10.5).
  EXPECT_TRUE(has(s[3], "w:headerReference")) << s[3];
}

TEST(DocxBook, HeadingsUseBuiltInStylesWithOutlineLevels) {
  const Unzipped u = book();
  const std::string& styles = u.at("word/styles.xml");
  for (int level = 1; level <= 3; ++level) {
    const std::regex style("<w:style w:type=\"paragraph\" w:styleId=\"Heading" + std::to_string(level) +
                           "\">.*?<w:name w:val=\"heading " + std::to_string(level) +
                           "\"/>.*?<w:outlineLvl w:val=\"" + std::to_string(level - 1) + "\"/>.*?</w:style>");
    EXPECT_TRUE(std::regex_search(styles, style)) << "Heading" << level;
  }
  const std::string& doc = u.at("word/document.xml");
  EXPECT_TRUE(std::regex_search(doc, std::regex(R"(<w:pStyle w:val="Heading1"/>.*?第一篇　党建工作)")));
  EXPECT_TRUE(std::regex_search(doc, std::regex(R"(<w:pStyle w:val="Heading2"/>.*?第一章　组织建设)")));
}

TEST(DocxBook, TocCachedResultWritesFrontMatterPagesInRoman) {
  const Unzipped u = book({2, 1, 1, 3});
  const std::string& doc = u.at("word/document.xml");
  const std::string plain = std::regex_replace(doc, std::regex("<[^>]+>"), "|");
  EXPECT_TRUE(std::regex_search(plain, std::regex(R"(编制说明\|+ii\|)"))) << plain;  // front matter: ii
  EXPECT_TRUE(std::regex_search(plain, std::regex(R"(第一篇　党建工作\|+1\|)"))) << plain;
  EXPECT_TRUE(std::regex_search(plain, std::regex(R"(第二篇　权责清单\|+3\|)"))) << plain;
}

TEST(DocxBook, TableHeaderRowRepeatsRowsMayBreakAndMergesStay) {
  const Unzipped u = book();
  const std::string& doc = u.at("word/document.xml");
  EXPECT_EQ(std::regex_search(doc, std::regex("<w:tblHeader/>")), true);
  EXPECT_FALSE(has(doc, "<w:cantSplit/>"));  // no row asked to be kept whole
  EXPECT_TRUE(has(doc, R"(<w:vMerge w:val="restart"/>)"));
  EXPECT_TRUE(has(doc, "<w:vMerge/>"));
}
