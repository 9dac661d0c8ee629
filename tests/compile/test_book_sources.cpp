// How a book's sources are read (compose/book/sources.h): regression tests for what the generated
// books of test_compile_generated.cpp (scripts/make_book_sources.py) found.
#include <gtest/gtest.h>

#include "../ingest/ooxml_builder.h"
#include "compose/book/sources.h"

using namespace lh;
using namespace lh::compose::book;
using lh::ingest::ooxml_test::DocxParts;
using lh::ingest::ooxml_test::make_docx;

namespace {

std::string styled_para(const std::string& style, const std::string& text) {
  return "<w:p><w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
}

}  // namespace

// make_book_sources.py seed 5: a Word user put the rule's title in "Heading 1" and its numbered
// chapters in "Heading 2". The chapters' 第X章 numbering outranks their style, so they sat at level 1
// beside the title, the title was taken for a chapter and the book entry became the file name.
TEST(BookSources, ATitleInHeading1AboveNumberedChaptersInHeading2IsTheTitle) {
  DocxParts p;
  p.styles = R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>)"
             R"(<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>)";
  p.body = styled_para("Heading1", "内务管理实施办法") + styled_para("Heading2", "第一章　总则") +
           "<w:p><w:r><w:t>第一条　为了规范内务管理，制定本办法。</w:t></w:r></w:p>" +
           styled_para("Heading2", "第二章　附则") + "<w:p><w:r><w:t>第二条　本办法自印发之日起施行。</w:t></w:r></w:p>";
  const LoadedSource s = load_source_bytes("03 内务.docx", make_docx(p), SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(s.title, "内务管理实施办法") << s.title_reason;
  std::vector<std::pair<int, std::string>> headings;
  for (const auto& l : s.outline.lines)
    if (l.role == normalize::Role::Heading) headings.emplace_back(l.level, l.text);
  const std::vector<std::pair<int, std::string>> want = {{1, "第一章　总则"}, {1, "第二章　附则"}};
  EXPECT_EQ(headings, want);
  EXPECT_TRUE(s.warnings.empty()) << s.warnings[0];
}

// The rule the fix keeps: two "Heading 1" paragraphs are two chapters, not a title and a chapter.
TEST(BookSources, TwoHeading1ParagraphsAreNoTitle) {
  DocxParts p;
  p.styles = R"(<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>)";
  p.body = styled_para("Heading1", "总则") + "<w:p><w:r><w:t>为了规范内务管理，制定本办法。</w:t></w:r></w:p>" +
           styled_para("Heading1", "附则") + "<w:p><w:r><w:t>本办法自印发之日起施行。</w:t></w:r></w:p>";
  const LoadedSource s = load_source_bytes("03 内务管理办法.docx", make_docx(p), SourceKind::Auto, "", {});
  EXPECT_EQ(s.title, "内务管理办法");
  size_t level1 = 0;
  for (const auto& l : s.outline.lines) level1 += l.role == normalize::Role::Heading && l.level == 1;
  EXPECT_EQ(level1, 2u);
}
