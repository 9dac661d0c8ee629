// How a book's sources are read and put into the book (compose/book/sources.h, book_style.h):
// regression tests for what the generated books of test_compile_generated.cpp
// (scripts/make_book_sources.py) found.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <poppler.h>

#include <algorithm>
#include <stdexcept>

#include "../ingest/ooxml_builder.h"
#include "book_reading.h"
#include "cairo_bytes.h"
#include "compose/book/book.h"
#include "compose/book/book_style.h"
#include "compose/book/sources.h"
#include "layout/layout.h"
#include "layout_fixtures.h"
#include "ooxml_check.h"
#include "normalize/numerals.h"
#include "render/render_document.h"
#include "test_support.h"

using namespace lh;
using namespace lh::compose::book;
using namespace lh::test::book_reading;
namespace fs = std::filesystem;
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
// The bug: what the reader warned of while it read a source (here two bytes no GBK text holds,
// read as replacement characters) was shown by `inspect` only; the book printed what was read and
// said nothing. It is a warning on the source now (stderr, and --outline's "！" lines).
TEST(BookSources, WhatTheReaderCouldNotReadIsAWarningOnTheSource) {
  // "值班制度\n第一条　值班人员应当按时到岗。" in GBK, with 0xFF 0xFE between its two lines.
  const std::string gbk = "\xd6\xb5\xb0\xe0\xd6\xc6\xb6\xc8\n\xff\xfe\xb5\xda\xd2\xbb\xcc\xf5\xa1\xa1\xd6\xb5\xb0\xe0"
                          "\xc8\xcb\xd4\xb1\xd3\xa6\xb5\xb1\xb0\xb4\xca\xb1\xb5\xbd\xb8\xda\xa1\xa3\n";
  const LoadedSource s = load_source_bytes("05 值班制度.txt", gbk, SourceKind::Auto, "", {});
  ASSERT_TRUE(s.error.empty()) << s.error;
  bool warned = false;
  for (const auto& w : s.warnings)
    warned = warned || (w.rfind("读取时的问题：部分字节不符合文本的编码", 0) == 0 && w.find("U+FFFD") != std::string::npos &&
                        w.find("（read_problem）") != std::string::npos);
  EXPECT_TRUE(warned) << (s.warnings.empty() ? std::string("no warning") : s.warnings[0]);
}

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

namespace {

// The book of the sources in dir/src: one part, a three-level 目录 (the spec is written to dir).
BookContent book_of_sources(const fs::path& dir) {
  test::write_file(dir / "book.xml",
                   "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<book xmlns=\"urn:lianghua:book:1\" toc-levels=\"3\">\n"
                   "  <title>测试所制度汇编</title>\n  <date>2024-03-01</date>\n"
                   "  <part title=\"综合管理\"><source src=\"src\"/></part>\n</book>\n");
  const SpecLoad spec = load_book_spec(dir / "book.xml", test::source_dir() / "templates" / "book" / "book.xsd");
  if (!spec.spec) throw std::runtime_error(spec.errors.empty() ? "book spec" : spec.errors[0]);
  return load_book(*spec.spec, "测试所", {});
}

// The book laid out and written as PDF, opened by Poppler (the caller unrefs it).
PopplerDocument* pdf_of_book(const BookContent& content) {
  const auto out = render::render_document(build_book(content, &test::fonts()), test::gongwen(), test::fonts(), {});
  GBytes* bytes = g_bytes_new(out.pdf.data(), out.pdf.size());
  PopplerDocument* pdf = poppler_document_new_from_bytes(bytes, nullptr, nullptr);
  g_bytes_unref(bytes);
  return pdf;
}

// A Word rule whose two chapter headings carry the _Toc bookmarks Word puts on headings, named as
// in every file copied from the same template; `articles` articles of filler under 第一章.
std::string rule_with_toc_bookmarks(const std::string& title, int articles) {
  auto heading = [](const std::string& text, int id) {
    const std::string n = std::to_string(id);
    return "<w:p><w:bookmarkStart w:id=\"" + n + "\" w:name=\"_Toc10000" + n + "\"/><w:r><w:t>" + text +
           "</w:t></w:r><w:bookmarkEnd w:id=\"" + n + "\"/></w:p>";
  };
  DocxParts p;
  p.body = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"44\"/></w:rPr><w:t>" +
           title + "</w:t></w:r></w:p>" + heading("第一章　总则", 1);
  for (int i = 1; i <= articles; ++i)
    p.body += "<w:p><w:r><w:t>第" + normalize::chinese_number(i) +
              "条　每月五日前由综合岗汇总上月工作台账，报所长审核后存档备查，发现问题及时整改并报告。</w:t></w:r></w:p>";
  p.body += heading("第二章　附则", 2) + "<w:p><w:r><w:t>第" + normalize::chinese_number(articles + 1) +
            "条　本制度自印发之日起施行。</w:t></w:r></w:p>";
  return make_docx(p);
}

}  // namespace

// make_book_sources.py seed 3: two sources carried the same bookmark names on their headings (Word's
// "_Toc…", copied with the template); the first anchor of a name wins the page, so the second
// source's chapters were listed in the 目录 (and bookmarked) with the first source's pages.
TEST(BookSources, TwoSourcesWithTheSameWordBookmarksKeepTheirOwnTocPages) {
  const fs::path dir = test::temp_dir("book-toc-anchors");
  test::write_file(dir / "src" / "01 会议制度.docx", rule_with_toc_bookmarks("会议制度", 30));
  test::write_file(dir / "src" / "02 值班制度.docx", rule_with_toc_bookmarks("值班制度", 2));
  const BookContent content = book_of_sources(dir);
  PopplerDocument* pdf = pdf_of_book(content);
  ASSERT_NE(pdf, nullptr);
  const Toc toc = printed_toc(pdf);
  ASSERT_EQ(toc.lines.size(), 7u) << "篇, two 制度, two 章 each";
  std::vector<std::string> pages;
  for (const TocLine& e : toc.lines) pages.push_back(e.page);
  // 值班制度 opens on a new page after 会议制度's: its chapters are on that page, not on 会议制度's.
  EXPECT_EQ(toc.lines[4].title, "值班制度");
  EXPECT_EQ(pages[5], pages[4]) << "值班制度's 第一章";
  EXPECT_EQ(pages[6], pages[4]) << "值班制度's 第二章";
  EXPECT_NE(pages[5], pages[2]);
  g_object_unref(pdf);
}

// make_book_sources.py seed 27: a Markdown rule of bare articles in bold numbers, with no "#"
// heading and no front matter, was not taken for Markdown: its asterisks were printed and its
// articles were none.
TEST(BookSources, AMarkdownFileWithNoHeadingIsStillMarkdown) {
  const std::string md = "**第一条**　为了规范信用修复工作，制定本制度。\n\n**第二条**　本制度自印发之日起施行。\n";
  const LoadedSource s = load_source_bytes("04 信用修复制度.md", md, SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  size_t articles = 0;
  for (const auto& l : s.outline.lines) articles += l.role == normalize::Role::Article;
  EXPECT_EQ(articles, 2u);
  EXPECT_EQ(s.body.plain_text().find("**"), std::string::npos) << s.body.plain_text();
  // The same text in a .txt file is text: its asterisks are the clerk's.
  const LoadedSource t = load_source_bytes("04 信用修复制度.txt", md, SourceKind::Auto, "", {});
  EXPECT_NE(t.body.plain_text().find("**"), std::string::npos);
}

// make_book_sources.py (题注 habit): "（2024年3月1日所务会议审议通过）" under a rule's title was
// printed as an ordinary body paragraph, indented two characters in 仿宋. In 《立法技术规范》 style
// the 题注 stands centred under the title in 楷体 (the one model feeds the PDF and the DOCX). Only
// the text's opening line is a 题注: a bracketed line further down is body text.
TEST(BookSources, ATitleNoteIsCentredInKaiUnderTheTitle) {
  const std::string txt = "值班管理制度\n（2024年3月1日所务会议审议通过）\n第一条　为了规范值班工作，制定本制度。\n"
                          "（本条由综合岗负责解释）\n第二条　本制度自印发之日起施行。\n";
  const LoadedSource s = load_source_bytes("05 值班管理制度.txt", txt, SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(s.title, "值班管理制度");
  const std::vector<model::Block> blocks = book_blocks(s.body, 2, "s1.");
  std::vector<const model::Paragraph*> paras;
  for (const auto& b : blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) paras.push_back(p);
  ASSERT_GE(paras.size(), 4u);
  EXPECT_EQ(paras[0]->plain_text(), "（2024年3月1日所务会议审议通过）");
  EXPECT_EQ(paras[0]->align, model::Align::Center);
  EXPECT_EQ(paras[0]->first_line_indent_chars, 0);
  ASSERT_FALSE(paras[0]->runs.empty());
  EXPECT_EQ(paras[0]->runs[0].role, model::FontRole::Kai);
  EXPECT_EQ(paras[0]->heading_level, 0);
  EXPECT_EQ(paras[2]->plain_text(), "（本条由综合岗负责解释）");
  EXPECT_NE(paras[2]->align, model::Align::Center);
}

// corpus poitl-issue914-toc.docx in a book: the Word file opens with its own 目录 (a TOC field in
// Word's content control). Its "目录" line became the source's title, its entries "一、风险识别 1"
// headings beside the real ones, and the book printed Word's stale page numbers inside a chapter.
// A typed 目录 (leaders and page numbers, as WPS users type one) did the same from a TXT.
TEST(BookSources, ASourcesOwnTableOfContentsIsNeitherItsTitleNorPrinted) {
  const fs::path dir = test::temp_dir("book-source-toc");
  DocxParts p;
  p.body = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr>"
           "<w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p><w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
           "<w:r><w:instrText> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
           "<w:r><w:t>第一章　总则</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>97</w:t></w:r></w:p>"
           "<w:p><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:sdtContent></w:sdt>"
           "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"44\"/></w:rPr><w:t>会议制度</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>第一章　总则</w:t></w:r></w:p><w:p><w:r><w:t>第一条　为了规范会议，制定本制度。</w:t></w:r></w:p>";
  test::write_file(dir / "src" / "01 会议制度.docx", make_docx(p));
  test::write_file(dir / "src" / "02 值班制度.txt",
                   "值班制度\n目　录\n第一章　总则……………………88\n第二章　附则……………………89\n"
                   "第一章　总则\n第一条　为了规范值班，制定本制度。\n第二章　附则\n第二条　本制度自印发之日起施行。\n");
  const BookContent content = book_of_sources(dir);
  const std::string outline = outline_text(content);
  EXPECT_NE(outline.find("会议制度    [src/01 会议制度.docx"), std::string::npos) << outline;
  EXPECT_NE(outline.find("原文自带目录，不收入"), std::string::npos) << outline;
  PopplerDocument* pdf = pdf_of_book(content);
  ASSERT_NE(pdf, nullptr);
  std::vector<std::string> titles;
  for (const TocLine& e : printed_toc(pdf).lines) titles.push_back(squeeze(e.title));
  const std::vector<std::string> want = {"第一篇综合管理", "会议制度", "第一章总则", "值班制度", "第一章总则", "第二章附则"};
  EXPECT_EQ(titles, want);
  std::string all;
  for (int i = 0; i < poppler_document_get_n_pages(pdf); ++i) all += squeeze(page_text(pdf, i));
  EXPECT_EQ(all.find("……88"), std::string::npos) << "the TXT's stale page numbers";
  EXPECT_EQ(all.find("总则97"), std::string::npos) << "Word's stale page number";
  EXPECT_EQ(all.find("目录第一章"), std::string::npos);
  g_object_unref(pdf);
}

namespace {

// A rule as LibreOffice saves a Word list: "%1、" and "（%2）" counted in taiwaneseCountingThousand,
// the numbers in numbering.xml only. items: (list level, text).
std::string rule_with_word_list(const std::string& title, const std::vector<std::pair<int, std::string>>& items) {
  DocxParts p;
  p.numbering =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCountingThousand"/>)"
      R"(<w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/>)"
      R"(<w:numFmt w:val="taiwaneseCountingThousand"/><w:suff w:val="nothing"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>)"
      R"(<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num></w:numbering>)";
  p.body = "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"44\"/></w:rPr><w:t>" + title +
           "</w:t></w:r></w:p>";
  for (const auto& [level, text] : items)
    p.body += "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" + std::to_string(level) +
              "\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr><w:r><w:t>" + text + "</w:t></w:r></w:p>";
  return make_docx(p);
}

}  // namespace

// Another office's 学习培训制度.docx (LibreOffice, a Word list "一、" "（一）"): the numbers were left
// to the book's layout, which counts GB/T markers across the whole book, so a second rule's list
// went on from the first's — "三、培训对象" in the PDF, and in the DOCX one w:num for the book, so
// Word and LibreOffice printed "二、学习内容" where the source shows "一、". Word's own numbers are
// the sources' text now, counted in each source as Word counts them.
TEST(BookSources, WordListNumbersAreTheSourcesOwnInPdfAndDocx) {
  const fs::path dir = test::temp_dir("book-word-lists");
  test::write_file(dir / "src" / "01 学习制度.docx",
                   rule_with_word_list("学习制度", {{1, "每月集中学习一次。"}, {0, "学习内容"}, {0, "学习形式"}}));
  test::write_file(dir / "src" / "02 培训制度.docx", rule_with_word_list("培训制度", {{0, "培训对象"}, {0, "培训方式"}}));
  const BookContent content = book_of_sources(dir);
  const auto out = render::render_document(build_book(content, &test::fonts()), test::gongwen(), test::fonts(), {});
  GBytes* bytes = g_bytes_new(out.pdf.data(), out.pdf.size());
  PopplerDocument* pdf = poppler_document_new_from_bytes(bytes, nullptr, nullptr);
  g_bytes_unref(bytes);
  ASSERT_NE(pdf, nullptr);
  std::string all;
  for (int i = 0; i < poppler_document_get_n_pages(pdf); ++i) all += squeeze(page_text(pdf, i));
  g_object_unref(pdf);
  for (const char* want : {"（一）每月集中学习一次。", "一、学习内容", "二、学习形式", "一、培训对象", "二、培训方式"})
    EXPECT_NE(all.find(want), std::string::npos) << want << " in the PDF";
  const std::string xml = test::ooxml::unzip(out.docx).at("word/document.xml");
  for (const char* want : {"一、学习内容", "一、培训对象", "二、培训方式"})
    EXPECT_NE(xml.find(want), std::string::npos) << want << " as text in the DOCX";
  EXPECT_EQ(xml.find("<w:numPr>"), std::string::npos) << "no list numbered by the book's w:num";
}

// Another office's share: Word's owner file "~$所务会议事规则.docx" (162 bytes, the user's name) sat
// beside the rule it had open and was printed as a red 【缺】 page titled "~$所务会议事规则", exit 1. It is
// an office leftover (templates/scheme/default.xml <junk>), hidden like a dot file: no source.
TEST(BookSources, AWordOwnerFileInASourceFolderIsNoSource) {
  const fs::path dir = test::temp_dir("book-owner-file");
  test::write_file(dir / "src" / "01 值班制度.txt", "值班制度\n第一条　值班人员应当按时到岗。\n");
  test::write_file(dir / "src" / "~$值班制度.txt", std::string("\x05" "admin") + std::string(156, '\0'));
  test::write_file(dir / "src" / "Thumbs.db", std::string(64, '\x01'));
  const BookContent content = book_of_sources(dir);
  const auto sources = all_sources(content);
  ASSERT_EQ(sources.size(), 1u) << sources.back()->name;
  EXPECT_EQ(sources[0]->name, "src/01 值班制度.txt");
  EXPECT_EQ(sources[0]->error, "");
}

// Another office's 档案 folder held a subfolder 旧版 with the 2018 考勤管理办法: the folder listing took
// regular files only, so it vanished from the book without a word. A folder inside a source folder
// is named now, with its reason, a placeholder and exit 1 (compile's not-read rule), after the files.
TEST(BookSources, AFolderInsideASourceFolderIsNamedNotDropped) {
  const fs::path dir = test::temp_dir("book-subfolder");
  test::write_file(dir / "src" / "01 值班制度.txt", "值班制度\n第一条　值班人员应当按时到岗。\n");
  test::write_file(dir / "src" / "旧版" / "考勤管理办法（2018年）.txt", "考勤管理办法\n第一条　按时上下班。\n");
  const BookContent content = book_of_sources(dir);
  const auto sources = all_sources(content);
  ASSERT_EQ(sources.size(), 2u);
  EXPECT_EQ(sources[0]->name, "src/01 值班制度.txt");
  EXPECT_EQ(sources[1]->name, "src/旧版/");
  EXPECT_EQ(sources[1]->error.rfind("folder_not_read: ", 0), 0u) << sources[1]->error;
  EXPECT_NE(outline_text(content).find("！未能读入: folder_not_read"), std::string::npos) << outline_text(content);
}

// Another office's folder held 档案管理制度.docx and its revision 档案管理制度（2024修订）.docx, both
// titled 档案管理制度: the book printed both, with two identical 目录 entries, and said nothing. Both
// stay (the spec asked for the folder), and the later one names the earlier in a warning.
TEST(BookSources, TwoSourcesOfOneTitleAreBothPrintedAndTheRepeatIsNamed) {
  const fs::path dir = test::temp_dir("book-repeated-title");
  test::write_file(dir / "src" / "01 档案管理制度.txt", "档案管理制度\n第一条　档案集中统一管理。\n");
  test::write_file(dir / "src" / "02 档案管理制度（修订）.txt", "档案管理制度\n第一条　档案由综合岗集中统一管理。\n");
  test::write_file(dir / "src" / "03 值班制度.txt", "值班制度\n第一条　值班人员应当按时到岗。\n");
  const BookContent content = book_of_sources(dir);
  const auto sources = all_sources(content);
  ASSERT_EQ(sources.size(), 3u);
  EXPECT_EQ(sources[0]->title, sources[1]->title);
  EXPECT_TRUE(sources[0]->warnings.empty());
  bool named = false;
  for (const auto& w : sources[1]->warnings)
    named = named || (w.find("与 src/01 档案管理制度.txt 题名相同") != std::string::npos && w.find("（repeated_title）") != std::string::npos);
  EXPECT_TRUE(named) << (sources[1]->warnings.empty() ? std::string("no warning") : sources[1]->warnings[0]);
  EXPECT_TRUE(sources[2]->warnings.empty());
}

namespace {

// The paragraphs of a source put into a book (title taken out), as plain text.
std::vector<std::string> book_paragraph_texts(const LoadedSource& s) {
  std::vector<std::string> out;
  for (const auto& b : book_blocks(s.body, 2, "s1."))
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) out.push_back(p->plain_text());
  return out;
}

// A rule as Word prints it to PDF: a centred title, then paragraphs of 16 pt characters (each one
// em wide: CJK text and full-width punctuation only) set 28 to a line between x 72 and 520, the
// first line of each indented two characters; with `lines_per_page`, a new page after so many lines,
// each page numbered "— N —" at its foot (GB/T 9704-2012 §7.5).
std::string rule_printed_to_pdf(const std::string& title, const std::vector<std::string>& paragraphs,
                                int lines_per_page = 1000) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842);
  cairo_t* cr = cairo_create(surface);
  cairo_select_font_face(cr, "Noto Sans CJK SC", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 16);
  constexpr double kLeft = 72, kEm = 16, kLine = 28, kTop = 90;
  auto show = [&](double x, double y, const std::string& ch) { cairo_move_to(cr, x, y); cairo_show_text(cr, ch.c_str()); };
  int page = 1, line = 0;
  auto new_line = [&] {
    if (++line < lines_per_page) return;
    cairo_set_font_size(cr, 14);
    show(280, 790, "— " + std::to_string(page++) + " —");
    cairo_set_font_size(cr, 16);
    cairo_show_page(cr);
    line = 0;
  };
  for (size_t at = 0, k = 0; at < title.size(); at += 3, ++k)  // 3 UTF-8 bytes a character
    show(kLeft + (28 - static_cast<double>(title.size() / 3)) * kEm / 2 + static_cast<double>(k) * kEm, kTop, title.substr(at, 3));
  for (const std::string& para : paragraphs) {
    new_line();
    double column = 2;  // the 首行缩进
    const bool ascii = std::all_of(para.begin(), para.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (ascii) {  // an amount ("5000"): one word, as Word prints it
      show(kLeft + column * kEm, kTop + line * kLine, para);
      continue;
    }
    for (size_t at = 0; at < para.size(); at += 3) {
      if (column == 28) column = 0, new_line();
      show(kLeft + column * kEm, kTop + line * kLine, para.substr(at, 3));
      ++column;
    }
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}

}  // namespace

// A rule printed to PDF from Word came into the book one printed line a paragraph: every line of a
// sentence indented two characters and set apart, "第一条" broken after its 26th character. The
// page shows the paragraphs: a line that reaches the right margin goes on in the next unless that
// one is indented or opens a unit (第X条). The third paragraph's first line ends with "。" at the
// margin; the next line is not indented, so it is still the same paragraph.
TEST(BookSources, APdfRulesLinesWrappedAtThePageWidthAreOneParagraph) {
  const std::vector<std::string> paras = {
      "第一条　为了规范本所投诉举报处理工作，提高办理效率，保护消费者合法权益，根据有关规定，结合本所工作实际，制定本制度。",
      "第二条　投诉举报登记后，承办人员应当在七个工作日内作出是否受理的决定，并告知投诉人。",
      "本所每季度对投诉举报处理情况进行统计分析，发现问题及时报告县局。本制度适用于本所受理的投诉举报的登记、分送和办理。"};
  const LoadedSource s = load_source_bytes("03 投诉举报处理制度.pdf", rule_printed_to_pdf("投诉举报处理制度", paras),
                                           SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(s.title, "投诉举报处理制度");
  EXPECT_EQ(book_paragraph_texts(s), paras);
}

// Regression (review of the page-number rule above): any bare number alone at a page's foot was
// taken for the page's number, so a rule whose last printed line is an amount ("5000", the total
// of a fee table typed as text) lost it without a word. A bare number is the page's number only
// where it is that page's place in the file (or one less); "— 1 —", 第1页, 1/9 are always.
TEST(BookSources, APdfRulesLastLineThatIsAnAmountIsNotTakenForAPageNumber) {
  const std::vector<std::string> paras = {
      "第一条　本所执法车辆年度运行费用按下列标准核定，超出部分由使用人书面说明理由，经所长审批后列支；燃油、维修、保险、"
      "路桥等各项费用按月登记，年终汇总报县局备案，本年度核定的费用合计为（元）。", "5000"};
  const LoadedSource s = load_source_bytes("08 车辆管理.pdf", rule_printed_to_pdf("车辆管理制度", paras), SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(book_paragraph_texts(s), paras);
}

// Regression (found writing the test above): a paragraph whose wrapped last line is the end of a
// sentence before its colon ("…年终汇总报县局备案，本年度 / 费用合计如下：") stayed two paragraphs: that line
// looked like a form's label alone on its line. The line before stops inside a word and the
// paragraph is no field, so it goes on; a form's label under another field ("检查地点：…" then
// "检查情况：") stays a field of its own.
TEST(BookSources, AWrappedSentencesEndBeforeItsColonIsNoFormField) {
  const std::vector<std::string> paras = {
      "第一条　本所执法车辆年度运行费用按下列标准核定，超出部分由使用人书面说明理由，经所长审批后列支；燃油、维修、保险、"
      "路桥等各项费用按月登记，年终汇总报县局备案，本年度费用合计如下：",  // the last line: "费用合计如下："
      "5000"};
  const LoadedSource s = load_source_bytes("08 车辆管理.pdf", rule_printed_to_pdf("车辆管理制度", paras), SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(book_paragraph_texts(s), paras);
  const std::vector<std::string> form = {
      "检查地点：南岭县石门镇沿河路一百二十八号南岭县鲜丰食品贸易有限公司门店及其后院仓库和东侧临街货架冷藏柜及后厨",  // two full lines
      "检查情况："};
  const LoadedSource f = load_source_bytes("检查记录.pdf", rule_printed_to_pdf("现场检查记录", form), SourceKind::Auto, "", {});
  ASSERT_EQ(f.error, "");
  EXPECT_EQ(book_paragraph_texts(f), form);
}

// GB/T 9704-2012 §7.3.4 附件说明: "附件：1.《…》" and under it "2.《…》". In a rule of 一、 sections (no 条,
// where 1. numbers headings) the second attachment was taken for a heading and listed in the 目录.
TEST(BookSources, AnAttachmentListsSecondItemIsNoHeading) {
  const std::string txt = "投诉举报处理制度\n一、总体要求\n投诉举报应当及时登记、分送和办理。\n二、办理程序\n"
                          "1.登记\n承办人员应当当日登记。\n附件：1.《投诉举报登记表》\n      2.《投诉举报处理情况统计表》\n"
                          "      3.《投诉举报答复书》\n";
  const LoadedSource s = load_source_bytes("03 投诉举报处理制度.txt", txt, SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  std::vector<std::string> headings;
  for (const auto& l : s.outline.lines)
    if (l.role == normalize::Role::Heading) headings.push_back(l.text);
  const std::vector<std::string> want = {"一、总体要求", "二、办理程序", "1.登记"};
  EXPECT_EQ(headings, want);
}

// A centred caption under a flow chart ("图1 …流程图") was printed as a body paragraph: justified,
// indented two characters. A caption, by its number or as a short centred line right under a
// picture, keeps its centring; a centred line elsewhere is body text as before.
TEST(BookSources, AFigureCaptionStaysCentred) {
  DocxParts p;
  const std::string centred = "<w:pPr><w:jc w:val=\"center\"/></w:pPr>";
  p.body = "<w:p>" + centred + "<w:r><w:rPr><w:b/><w:sz w:val=\"44\"/></w:rPr><w:t>投诉举报处理制度</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>第一条　投诉举报处理流程见下图。</w:t></w:r></w:p>"
           "<w:p>" + centred + "<w:r><w:t>图1 投诉举报处理流程图</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>第二条　本制度自印发之日起施行。</w:t></w:r></w:p>"
           "<w:p><w:r><w:t>表2　投诉举报登记表</w:t></w:r></w:p>";
  const LoadedSource s = load_source_bytes("03 投诉举报处理制度.docx", make_docx(p), SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  for (const auto& l : s.outline.lines) EXPECT_NE(l.role, normalize::Role::Heading) << l.text << " " << l.reason;
  std::vector<const model::Paragraph*> paras;
  const std::vector<model::Block> blocks = book_blocks(s.body, 2, "s1.");
  for (const auto& b : blocks)
    if (const auto* q = std::get_if<model::Paragraph>(&b.value)) paras.push_back(q);
  ASSERT_EQ(paras.size(), 4u);
  for (size_t i : {size_t{1}, size_t{3}}) {
    EXPECT_EQ(paras[i]->align, model::Align::Center) << paras[i]->plain_text();
    EXPECT_EQ(paras[i]->first_line_indent_chars, 0) << paras[i]->plain_text();
  }
  EXPECT_NE(paras[0]->align, model::Align::Center);
}

// The same rule printed over two pages, "— 1 —" at the foot of the first: the page number stood in
// the book's text, and the paragraph the page break cut was two paragraphs. A source's page number
// (the page's top or bottom line and nothing else) is its pagination, not its text.
TEST(BookSources, APdfRulesPageNumbersAreLeftOutAndAParagraphGoesOnAcrossThePageBreak) {
  const std::vector<std::string> paras = {
      "第一条　为了规范本所投诉举报处理工作，提高办理效率，保护消费者合法权益，根据有关规定，结合本所工作实际，制定本制度。",
      "第二条　投诉举报登记后，承办人员应当在七个工作日内作出是否受理的决定，并告知投诉人。"};
  // Page 1: the title, 第一条's first two lines, "— 1 —"; page 2: its last line, then 第二条.
  const LoadedSource s = load_source_bytes("03 投诉举报处理制度.pdf", rule_printed_to_pdf("投诉举报处理制度", paras, 3),
                                           SourceKind::Auto, "", {});
  ASSERT_EQ(s.error, "");
  EXPECT_EQ(book_paragraph_texts(s), paras);
}
