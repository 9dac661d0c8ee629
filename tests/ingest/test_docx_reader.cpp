// The DOCX reader: WordprocessingML features built in memory, and the corpus (shared/corpus/docx).
#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/problem_text.h"
#include "ooxml_builder.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using model::ErrorKind;
using namespace ooxml_test;

std::string p_text(const std::string& text, const std::string& ppr = "", const std::string& rpr = "") {
  return "<w:p>" + (ppr.empty() ? "" : "<w:pPr>" + ppr + "</w:pPr>") + "<w:r>" +
         (rpr.empty() ? "" : "<w:rPr>" + rpr + "</w:rPr>") + "<w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

const model::Paragraph* find_para(const model::Document& d, const std::string& text) {
  for (const auto* p : paragraphs(d))
    if (p->plain_text() == text) return p;
  return nullptr;
}

TEST(DocxReader, ParagraphsAndRunFormatting) {
  auto r = read_docx_of({.body = "<w:p><w:r><w:rPr><w:b/><w:i/><w:u w:val=\"single\"/><w:color w:val=\"FF0000\"/><w:sz w:val=\"32\"/>"
                                 "<w:rFonts w:eastAsia=\"黑体\"/></w:rPr><w:t>加粗</w:t></w:r>"
                                 "<w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\"> 正文</w:t></w:r></w:p>"});
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Docx);
  const auto* p = find_para(r.doc, "加粗 正文");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->runs.size(), 2u);
  const auto& a = p->runs[0];
  EXPECT_TRUE(a.bold);
  EXPECT_TRUE(a.italic);
  EXPECT_TRUE(a.underline);
  EXPECT_EQ(a.color_rgb, 0xFF0000u);
  EXPECT_DOUBLE_EQ(a.size_pt, 16.0);
  EXPECT_EQ(a.role, model::FontRole::Hei);
  EXPECT_FALSE(p->runs[1].bold);
}

// Lost text: a rule's footnote (its text in footnotes.xml) left the book and the reading copy
// (another office's book); then it was only warned about. Now the reference shows the note's
// number and the notes follow the text under "注：", in the order they are referenced (§17.11).
DocxParts with_notes(const std::string& body, const std::string& footnotes, const std::string& endnotes) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const std::string W = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";
  DocxParts d{.body = body};
  if (!footnotes.empty()) {
    d.document_rels_extra += "<Relationship Id=\"rIdF\" Type=\"" + R + "/footnotes\" Target=\"footnotes.xml\"/>";
    d.extra.push_back({"word/footnotes.xml", "<w:footnotes " + W + ">" + footnotes + "</w:footnotes>"});
  }
  if (!endnotes.empty()) {
    d.document_rels_extra += "<Relationship Id=\"rIdE\" Type=\"" + R + "/endnotes\" Target=\"endnotes.xml\"/>";
    d.extra.push_back({"word/endnotes.xml", "<w:endnotes " + W + ">" + endnotes + "</w:endnotes>"});
  }
  return d;
}

TEST(DocxReader, FootnoteTextFollowsTheDocumentInsteadOfBeingDropped) {
  const std::string body = "<w:p><w:r><w:t>涉密文件按规定保管。</w:t></w:r><w:r><w:footnoteReference w:id=\"2\"/></w:r>"
                           "<w:r><w:t>复印须登记。</w:t></w:r><w:r><w:endnoteReference w:id=\"1\"/></w:r></w:p>"
                           "<w:p><w:r><w:t>违者追究责任。</w:t></w:r></w:p>";
  const std::string footnotes =
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:id=\"2\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> 见《保密法》第二十八条。</w:t></w:r></w:p></w:footnote>";
  const std::string endnotes = "<w:endnote w:id=\"1\"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t>登记簿由办公室保管。</w:t></w:r></w:p>"
                               "<w:p><w:r><w:t>保存三年。</w:t></w:r></w:p></w:endnote>";
  auto r = read_docx_of(with_notes(body, footnotes, endnotes));
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.meta.problems.empty()) << r.meta.problems.front();
  std::vector<std::string> texts;
  for (const auto* p : paragraphs(r.doc)) texts.push_back(p->plain_text());
  const std::vector<std::string> want = {"涉密文件按规定保管。[1]复印须登记。[2]", "违者追究责任。", "注：",
                                         "[1] 见《保密法》第二十八条。", "[2] 登记簿由办公室保管。", "保存三年。"};
  EXPECT_EQ(texts, want);
}

TEST(DocxReader, FootnotesWhosePartIsMissingAreAProblemNotSilence) {
  auto r = read_docx_of({.body = "<w:p><w:r><w:t>涉密文件按规定保管。</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
                                 "<w:r><w:endnoteReference w:id=\"2\"/></w:r></w:p>"});
  ASSERT_FALSE(r.error);
  EXPECT_NE(r.doc.plain_text().find("涉密文件按规定保管。[1][2]"), std::string::npos) << r.doc.plain_text();
  ASSERT_EQ(r.meta.problems.size(), 1u);
  EXPECT_EQ(r.meta.problems[0], "2 footnote(s) or endnote(s) not read");
  EXPECT_EQ(read_problem_text(r.meta.problems[0]).rfind("脚注或尾注未读取", 0), 0u) << read_problem_text(r.meta.problems[0]);
  EXPECT_TRUE(read_docx_of({.body = "<w:p><w:r><w:t>正文</w:t></w:r></w:p>"}).meta.problems.empty());
}

TEST(DocxReader, AdjacentRunsWithTheSameFormatMerge) {
  auto r = read_docx_of({.body = "<w:p><w:r><w:t>市场</w:t></w:r><w:proofErr w:type=\"spellStart\"/><w:r><w:t>监督</w:t></w:r></w:p>"});
  ASSERT_FALSE(r.error);
  const auto* p = find_para(r.doc, "市场监督");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->runs.size(), 1u);
}

TEST(DocxReader, HeadingFromOutlineLevelInPPr) {
  auto r = read_docx_of({.body = p_text("第一章 总则", "<w:outlineLvl w:val=\"0\"/>") + p_text("第一节", "<w:outlineLvl w:val=\"1\"/>") +
                                 p_text("正文", "<w:outlineLvl w:val=\"9\"/>")});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(find_para(r.doc, "第一章 总则")->heading_level, 1);
  EXPECT_EQ(find_para(r.doc, "第一节")->heading_level, 2);
  EXPECT_EQ(find_para(r.doc, "正文")->heading_level, 0);
}

TEST(DocxReader, HeadingFromStyleChainAndBuiltinNames) {
  // Chinese-locale Word: style id "1" named "heading 1"; a custom style based on a style with
  // outlineLvl; WPS-style id "Heading3"; a localized name "标题 4"; "Title" is not a heading.
  std::string styles =
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/></w:style>
<w:style w:type="paragraph" w:styleId="Lvl2"><w:name w:val="My Level 2"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:basedOn w:val="Lvl2"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="Heading3"/></w:style>
<w:style w:type="paragraph" w:styleId="x4"><w:name w:val="标题 4"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>)";
  auto r = read_docx_of({.body = p_text("一", "<w:pStyle w:val=\"1\"/>") + p_text("二", "<w:pStyle w:val=\"Custom\"/>") +
                                 p_text("三", "<w:pStyle w:val=\"Heading3\"/>") + p_text("四", "<w:pStyle w:val=\"x4\"/>") +
                                 p_text("题", "<w:pStyle w:val=\"Title\"/>") + p_text("文"),
                 .styles = styles});
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(find_para(r.doc, "一")->heading_level, 1);
  EXPECT_EQ(find_para(r.doc, "一")->style, "heading 1");
  EXPECT_EQ(find_para(r.doc, "二")->heading_level, 2);
  EXPECT_EQ(find_para(r.doc, "三")->heading_level, 3);
  EXPECT_EQ(find_para(r.doc, "四")->heading_level, 4);
  EXPECT_EQ(find_para(r.doc, "题")->heading_level, 0);
  EXPECT_EQ(find_para(r.doc, "文")->heading_level, 0);
}

TEST(DocxReader, StyleRunPropertiesApply) {
  std::string styles =
      R"(<w:style w:type="paragraph" w:styleId="T"><w:name w:val="T"/><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Em"><w:name w:val="Em"/><w:rPr><w:i/></w:rPr></w:style>)";
  auto r = read_docx_of({.body = "<w:p><w:pPr><w:pStyle w:val=\"T\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>标</w:t></w:r>"
                                 "<w:r><w:rPr><w:rStyle w:val=\"Em\"/></w:rPr><w:t>题</w:t></w:r></w:p>",
                 .styles = styles});
  ASSERT_FALSE(r.error);
  const auto* p = find_para(r.doc, "标题");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->runs.size(), 2u);
  EXPECT_TRUE(p->runs[0].bold);
  EXPECT_DOUBLE_EQ(p->runs[0].size_pt, 22.0);
  EXPECT_TRUE(p->runs[1].italic);
  EXPECT_TRUE(p->runs[1].bold);
  EXPECT_EQ(p->align, model::Align::Center);
}

TEST(DocxReader, MergedCellsGridSpanAndVMerge) {
  // 3 columns:  | A (span 2)  | B (vMerge restart) |
  //             | C | D       | (continue)         |
  //             | E (restart) | F | G              |
  //             | (continue)  | H | I              |
  std::string tc = "<w:tc><w:tcPr>%</w:tcPr><w:p><w:r><w:t>$</w:t></w:r></w:p></w:tc>";
  auto cell = [&](const std::string& pr, const std::string& t) {
    std::string s = tc;
    s.replace(s.find('%'), 1, pr);
    s.replace(s.find('$'), 1, t);
    return s;
  };
  std::string body = "<w:tbl><w:tblGrid><w:gridCol w:w=\"1440\"/><w:gridCol w:w=\"1440\"/><w:gridCol w:w=\"2880\"/></w:tblGrid>"
                     "<w:tr><w:trPr><w:tblHeader/></w:trPr>" + cell("<w:gridSpan w:val=\"2\"/>", "A") + cell("<w:vMerge w:val=\"restart\"/>", "B") + "</w:tr>"
                     "<w:tr>" + cell("", "C") + cell("", "D") + cell("<w:vMerge/>", "") + "</w:tr>"
                     "<w:tr>" + cell("<w:vMerge w:val=\"restart\"/>", "E") + cell("", "F") + cell("", "G") + "</w:tr>"
                     "<w:tr>" + cell("<w:vMerge/>", "") + cell("", "H") + cell("", "I") + "</w:tr></w:tbl>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error) << r.error->message;
  auto tables = blocks_of<model::Table>(r.doc);
  ASSERT_EQ(tables.size(), 1u);
  const auto& t = *tables[0];
  ASSERT_EQ(t.rows.size(), 4u);
  ASSERT_EQ(t.col_widths_mm.size(), 3u);
  EXPECT_NEAR(t.col_widths_mm[0], 25.4, 0.01);
  EXPECT_TRUE(t.rows[0].header);
  for (const auto& row : t.rows) ASSERT_EQ(row.cells.size(), 3u);
  EXPECT_EQ(cell_text(t.rows[0].cells[0]), "A");
  EXPECT_EQ(t.rows[0].cells[0].col_span, 2);
  EXPECT_TRUE(t.rows[0].cells[1].covered);
  EXPECT_EQ(cell_text(t.rows[0].cells[2]), "B");
  EXPECT_EQ(t.rows[0].cells[2].row_span, 2);
  EXPECT_TRUE(t.rows[1].cells[2].covered);
  EXPECT_EQ(cell_text(t.rows[1].cells[0]), "C");
  EXPECT_EQ(t.rows[2].cells[0].row_span, 2);
  EXPECT_TRUE(t.rows[3].cells[0].covered);
  EXPECT_FALSE(t.rows[3].cells[1].covered);
  EXPECT_EQ(cell_text(t.rows[3].cells[2]), "I");
  EXPECT_EQ(r.doc.plain_text(), "A\tB\nC\tD\nE\tF\tG\nH\tI\n");
}

TEST(DocxReader, ContentControlsAtEveryLevel) {
  std::string body =
      "<w:sdt><w:sdtPr><w:alias w:val=\"块\"/></w:sdtPr><w:sdtContent>" + p_text("块级控件") + "</w:sdtContent></w:sdt>"
      "<w:p><w:r><w:t>前</w:t></w:r><w:sdt><w:sdtContent><w:r><w:t>行内控件</w:t></w:r></w:sdtContent></w:sdt></w:p>"
      "<w:tbl><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:sdt><w:sdtContent><w:tr><w:sdt><w:sdtContent>"
      "<w:tc><w:p><w:r><w:t>单元格控件</w:t></w:r></w:p></w:tc></w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt></w:tbl>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error);
  std::string text = r.doc.plain_text();
  EXPECT_NE(text.find("块级控件"), std::string::npos);
  EXPECT_NE(text.find("前行内控件"), std::string::npos);
  EXPECT_NE(text.find("单元格控件"), std::string::npos);
}

TEST(DocxReader, FieldResultKeptInstructionSkipped) {
  std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">日期：</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> DATE \\@ \"yyyy年M月d日\" </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2024年3月5日</w:t></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      "<w:p><w:fldSimple w:instr=\" NUMPAGES \"><w:r><w:t>7</w:t></w:r></w:fldSimple></w:p>"
      "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> HYPERLINK \"https://www.samr.gov.cn/\" </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>总局</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(find_para(r.doc, "日期：2024年3月5日"));
  EXPECT_TRUE(find_para(r.doc, "7"));
  const auto* link = find_para(r.doc, "总局");
  ASSERT_TRUE(link);
  EXPECT_EQ(link->runs[0].link, "https://www.samr.gov.cn/");
  EXPECT_EQ(r.doc.plain_text().find("DATE"), std::string::npos);
}

// An inspection form's check boxes vanished from its reading copy: Word writes them in a symbol
// font (Insert Symbol's w:sym, or the letter R typed in Wingdings 2 for ☑), which the reader dropped
// or kept as letters ("R符合£不符合"), so which box was ticked was lost and 检查结果 unreadable.
TEST(DocxReader, SymbolFontCheckBoxesAreReadAsTheBoxesTheyShow) {
  const std::string wd2 = "<w:rFonts w:ascii=\"Wingdings 2\" w:hAnsi=\"Wingdings 2\"/>";
  std::string body =
      "<w:p><w:r><w:t>检查结果：</w:t></w:r><w:r><w:sym w:font=\"Wingdings 2\" w:char=\"F052\"/></w:r><w:r><w:t>符合</w:t></w:r>"
      "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0A8\"/></w:r><w:r><w:t>不符合</w:t></w:r></w:p>"
      "<w:p><w:r><w:t>处理措施：</w:t></w:r><w:r><w:rPr>" + wd2 + "</w:rPr><w:t>£</w:t></w:r><w:r><w:t>无</w:t></w:r>"
      "<w:r><w:rPr>" + wd2 + "</w:rPr><w:t>R</w:t></w:r><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\"/></w:rPr><w:t>R</w:t></w:r>"
      "<w:r><w:t>责令整改</w:t></w:r></w:p>"
      "<w:p><w:r><w:sym w:font=\"Wingdings\" w:char=\"F0B2\"/><w:t>其他</w:t></w:r></w:p>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(find_para(r.doc, "检查结果：☑符合☐不符合"));
  EXPECT_TRUE(find_para(r.doc, "处理措施：☐无☑R责令整改")) << "a letter in a text font stays a letter";
  EXPECT_TRUE(find_para(r.doc, "其他")) << "a symbol with no meaning for a reader is still left out";
}

TEST(DocxReader, HyperlinksTabsBreaksAndDeletions) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string body =
      "<w:p><w:hyperlink r:id=\"rIdL\"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:hyperlink w:anchor=\"sec2\"><w:r><w:t>内部</w:t></w:r></w:hyperlink></w:p>"
      "<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r>"
      "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>删掉</w:delText></w:r></w:del>"
      "<w:ins w:id=\"2\" w:author=\"x\"><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
      "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>" +
      p_text("下一页");
  auto r = read_docx_of({.body = body,
                                 .document_rels_extra = "<Relationship Id=\"rIdL\" Type=\"" + R + "/hyperlink\" Target=\"http://example.cn/a\" TargetMode=\"External\"/>"});
  ASSERT_FALSE(r.error);
  const auto* p = find_para(r.doc, "链接内部");
  ASSERT_TRUE(p);
  ASSERT_EQ(p->runs.size(), 2u);
  EXPECT_EQ(p->runs[0].link, "http://example.cn/a");
  EXPECT_EQ(p->runs[1].link, "#sec2");
  EXPECT_TRUE(find_para(r.doc, "甲\t乙\n丙插入"));
  auto breaks = blocks_of<model::PageBreak>(r.doc);
  EXPECT_EQ(breaks.size(), 1u);
}

TEST(DocxReader, ImagesFromBlipEmbed) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string png = std::string("\x89PNG\r\n\x1A\n", 8) + std::string(64, 'x');
  std::string body =
      "<w:p><w:r><w:t>照片：</w:t></w:r><w:r><w:drawing><wp:inline><wp:extent cx=\"3600000\" cy=\"1800000\"/>"
      "<wp:docPr id=\"1\" name=\"p\" descr=\"现场照片\"/><a:graphic><a:graphicData><pic:pic><pic:blipFill>"
      "<a:blip r:embed=\"rIdImg\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>";
  auto r = read_docx_of({.body = body,
                                 .document_rels_extra = "<Relationship Id=\"rIdImg\" Type=\"" + R + "/image\" Target=\"media/image1.png\"/>",
                                 .extra = {{"word/media/image1.png", png}}});
  ASSERT_FALSE(r.error) << r.error->message;
  auto images = blocks_of<model::Image>(r.doc);
  ASSERT_EQ(images.size(), 1u);
  EXPECT_EQ(images[0]->media_type, "image/png");
  EXPECT_EQ(images[0]->bytes, png);
  EXPECT_NEAR(images[0]->width_mm, 100.0, 0.01);
  EXPECT_NEAR(images[0]->height_mm, 50.0, 0.01);
  EXPECT_EQ(images[0]->description, "现场照片");
  EXPECT_TRUE(find_para(r.doc, "照片："));
}

TEST(DocxReader, HeadersFootersAndPageSetup) {
  const std::string R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  std::string hdr = std::string("<w:hdr xmlns:w=\"") + kWNs + "\">" + p_text("某市市场监督管理局") + "</w:hdr>";
  std::string ftr = std::string("<w:ftr xmlns:w=\"") + kWNs + "\"><w:p><w:r><w:t xml:space=\"preserve\">第 </w:t></w:r>"
                    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
                    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                    "<w:r><w:t xml:space=\"preserve\"> 页</w:t></w:r></w:p></w:ftr>";
  std::string body = p_text("正文") +
                     "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rIdH\"/><w:footerReference w:type=\"default\" r:id=\"rIdF\"/>"
                     "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\"/></w:sectPr>";
  auto r = read_docx_of({.body = body,
                                 .document_rels_extra = "<Relationship Id=\"rIdH\" Type=\"" + R + "/header\" Target=\"header1.xml\"/>"
                                        "<Relationship Id=\"rIdF\" Type=\"" + R + "/footer\" Target=\"footer1.xml\"/>",
                 .extra = {{"word/header1.xml", hdr}, {"word/footer1.xml", ftr}}});
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.doc.sections.size(), 1u);
  const auto& s = r.doc.sections[0];
  ASSERT_TRUE(s.header);
  EXPECT_EQ(s.header->paragraphs.at(0).plain_text(), "某市市场监督管理局");
  ASSERT_TRUE(s.footer);
  EXPECT_EQ(s.footer->paragraphs.at(0).plain_text(), "第 {PAGE} 页");
  EXPECT_NEAR(s.page.width_mm, 210.0, 0.1);
  EXPECT_NEAR(s.page.top_mm, 37.0, 0.1);   // 2098 twips: GB/T 9704 天头
  EXPECT_NEAR(s.page.left_mm, 28.0, 0.1);  // 1588 twips: 订口
}

TEST(DocxReader, SectionBreaksSplitSections) {
  std::string body = p_text("第一节") +
                     "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr></w:pPr></w:p>" +
                     p_text("第二节") + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.doc.sections.size(), 2u);
  EXPECT_TRUE(r.doc.sections[0].page.landscape());
  EXPECT_FALSE(r.doc.sections[1].page.landscape());
}

TEST(DocxReader, ListsFromNumbering) {
  std::string numbering = std::string("<w:numbering xmlns:w=\"") + kWNs + "\">"
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"%1、\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
  auto num = [](int id, int lvl) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(lvl) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
  };
  auto r = read_docx_of({.body = p_text("总则", num(1, 0)) + p_text("细则", num(1, 1)) + p_text("要点", num(2, 0)),
                                 .numbering = numbering});
  ASSERT_FALSE(r.error);
  EXPECT_EQ(find_para(r.doc, "总则")->list, model::ListKind::ChineseLevel);
  EXPECT_EQ(find_para(r.doc, "细则")->list, model::ListKind::Decimal);
  EXPECT_EQ(find_para(r.doc, "细则")->list_level, 1);
  EXPECT_EQ(find_para(r.doc, "要点")->list, model::ListKind::Bullet);
}

// Issue 11 (make_book_sources.py, auto-numbered headings): Word drew "第一章" from numbering.xml
// and the reader dropped it, so "第一章　总则" was read as "总则". The number comes from w:lvlText
// in the level's w:numFmt, counted per list (deeper levels start again under a new parent,
// w:startOverride restarts a list), from numPr on the paragraph or on its heading style.
TEST(DocxReader, AnAutoNumberedHeadingKeepsTheNumberWordPrints) {
  std::string numbering = std::string("<w:numbering xmlns:w=\"") + kWNs + "\">"
      "<w:abstractNum w:abstractNumId=\"0\">"
      "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/><w:lvlText w:val=\"第%1章\"/></w:lvl>"
      "<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCountingThousand\"/><w:suff w:val=\"nothing\"/>"
      "<w:lvlText w:val=\"第%2节\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"ideographTraditional\"/>"
      "<w:lvlText w:val=\"%1、\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:lvlText w:val=\"（%1）\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num>"
      "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"2\"/><w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"1\"/></w:lvlOverride></w:num>"
      "</w:numbering>";
  std::string styles =
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>)";
  auto num = [](int id, int lvl) {
    return "<w:numPr><w:ilvl w:val=\"" + std::to_string(lvl) + "\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>";
  };
  const std::string h1 = "<w:pStyle w:val=\"1\"/>", h2 = "<w:pStyle w:val=\"2\"/>", out1 = "<w:outlineLvl w:val=\"0\"/>",
                    out2 = "<w:outlineLvl w:val=\"1\"/>";
  auto r = read_docx_of({.body = p_text("总则", h1) + p_text("正文") + p_text("职责分工", h1) + p_text("受理", h2) +
                                 p_text("审核", h2) + p_text("附则", h1) + p_text("归档", h2) + p_text("总体要求", num(2, 0) + out1) +
                                 p_text("加强组织领导", num(3, 0) + out2) + p_text("主要任务", num(2, 0) + out1) +
                                 p_text("明确责任分工", num(4, 0) + out2) + p_text("列项", num(3, 0)),
                 .styles = styles, .numbering = numbering});
  ASSERT_FALSE(r.error);
  for (const char* heading : {"第一章　总则", "第二章　职责分工", "第一节受理", "第二节审核", "第三章　附则", "第一节归档",
                              "甲、总体要求", "（一）加强组织领导", "乙、主要任务", "（一）明确责任分工"}) {
    const model::Paragraph* p = find_para(r.doc, heading);
    ASSERT_NE(p, nullptr) << heading;
    EXPECT_GT(p->heading_level, 0) << heading;
    EXPECT_EQ(p->list, model::ListKind::None) << heading << ": its number is text now, not drawn again";
  }
  // A body paragraph of a list stays a list: the layout draws its marker.
  ASSERT_NE(find_para(r.doc, "列项"), nullptr);
  EXPECT_EQ(find_para(r.doc, "列项")->list, model::ListKind::ChineseLevel);
}

// Issue 11 (make_book_sources.py seed 1, articles numbered by Word): a body paragraph numbered
// "第%1条" was read as a list item ("冷链食品追溯工作应当…" with a drawn marker), so the book set it
// as a list, not as a 条 ("第X条" 黑体 + 仿宋 text), and the outline counted no article. The number is
// text now, counted on through the chapters, and set off from the text by a space even where Word
// prints none (w:suff nothing: "第一条本制度…" reads as a sentence citing an article, book sweep
// seeds 7, 8, 17 …); other body lists stay lists.
TEST(DocxReader, AnAutoNumberedArticleIsAnArticleNotAListItem) {
  std::string numbering = std::string("<w:numbering xmlns:w=\"") + kWNs + "\">"
      "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:lvlText w:val=\"第%1条\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:lvlText w:val=\"（%1）\"/></w:lvl></w:abstractNum>"
      "<w:abstractNum w:abstractNumId=\"2\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"chineseCounting\"/>"
      "<w:suff w:val=\"nothing\"/><w:lvlText w:val=\"第%1条\"/></w:lvl></w:abstractNum>"
      "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
      "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"2\"/></w:num></w:numbering>";
  auto num = [](int id) { return "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"" + std::to_string(id) + "\"/></w:numPr>"; };
  auto r = read_docx_of({.body = p_text("第一章　总则") + p_text("为了规范工作，制定本制度。", num(1)) +
                                 p_text("本制度适用于本所。", num(1)) + p_text("第二章　附则") + p_text("下列事项应当登记：", num(1)) +
                                 p_text("受理", num(2)) + p_text("本制度自印发之日起施行。", num(3)),
                 .numbering = numbering});
  ASSERT_FALSE(r.error);
  for (const char* article : {"第一条　为了规范工作，制定本制度。", "第二条　本制度适用于本所。", "第三条　下列事项应当登记：",
                              "第一条　本制度自印发之日起施行。"}) {
    const model::Paragraph* p = find_para(r.doc, article);
    ASSERT_NE(p, nullptr) << article;
    EXPECT_EQ(p->list, model::ListKind::None) << article << ": a 条, not a list item";
    EXPECT_EQ(p->heading_level, 0) << article;
  }
  ASSERT_NE(find_para(r.doc, "受理"), nullptr);  // an item of the article stays a list item
  EXPECT_EQ(find_para(r.doc, "受理")->list, model::ListKind::ChineseLevel);
}

TEST(DocxReader, TextBoxesAndAlternateContentOnce) {
  std::string body =
      "<w:p><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor><a:graphic><a:graphicData>"
      "<w:txbxContent>" + p_text("文本框") + "</w:txbxContent></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
      "<mc:Fallback><w:pict><w:txbxContent>" + p_text("文本框") + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
  auto r = read_docx_of({.body = body});
  ASSERT_FALSE(r.error);
  std::string text = r.doc.plain_text();
  EXPECT_EQ(text, "文本框\n");
}

TEST(DocxReader, CorePropertiesAndAppPages) {
  DocxParts p;
  p.body = p_text("x");
  p.extra = {{"docProps/core.xml",
              R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>现场检查笔录</dc:title><dc:creator>张三</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-03-05T01:30:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-03-06T02:00:00Z</dcterms:modified></cp:coreProperties>)"},
             {"docProps/app.xml",
              R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>WPS Office_11.1.0</Application><Pages>3</Pages></Properties>)"}};
  auto r = read_docx_of(p);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.title, "现场检查笔录");
  EXPECT_EQ(r.meta.author, "张三");
  EXPECT_EQ(r.meta.created, "2024-03-05T01:30:00Z");
  EXPECT_EQ(r.meta.modified, "2024-03-06T02:00:00Z");
  EXPECT_EQ(r.meta.pages, 3);
  EXPECT_EQ(r.meta.application, "WPS Office_11.1.0");
}

TEST(DocxReader, DoctypeInAPartIsUnsafe) {
  std::string doc = std::string("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x \"y\">]><w:document xmlns:w=\"") + kWNs +
                    "\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>";
  auto evil = make_zip({{"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
                        {"word/document.xml", doc}});
  auto r = read_with(read_docx, evil);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
}

TEST(DocxReader, OleContainers) {
  std::string ole("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  ole += std::string(512, '\0');
  std::string enc = ole;
  for (char c : std::string("EncryptedPackage")) enc += std::string{c, '\0'};
  auto r = read_with(read_docx, enc);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Encrypted);
  std::string doc = ole;
  for (char c : std::string("WordDocument")) doc += std::string{c, '\0'};
  r = read_with(read_docx, doc);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Unsupported);
  EXPECT_NE(r.error->message.find(".doc"), std::string::npos);
}

TEST(DocxReader, TruncatedAndGarbage) {
  auto bytes = make_docx({.body = p_text("x")});
  auto r = read_with(read_docx, bytes.substr(0, bytes.size() - 30));
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
  r = read_with(read_docx, "PK\x03\x04 not really");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
  r = read_with(read_docx, "");
  ASSERT_TRUE(r.error);
}

TEST(DocxReader, MissingBodyIsDamaged) {
  auto bytes = make_zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "<w:document xmlns:w=\"" + std::string(kWNs) + "\"/>"}});
  auto r = read_with(read_docx, bytes);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::Damaged);
}

// --- corpus -------------------------------------------------------------------------------------

ReadResult read_corpus_docx(const std::filesystem::path& p) {
  std::string bytes = test::read_file(p);
  ReadOptions opts;
  Input in{bytes, p.filename().string(), &opts};
  return read_any(in);
}

TEST(DocxReaderCorpus, EveryDocxReadsWithoutCrashing) {
  LH_REQUIRE_CORPUS(corpus);
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(corpus / "docx")) {
    std::string bytes = test::read_file(e.path());
    ReadOptions opts;
    Input in{bytes, e.path().filename().string(), &opts};
    ReadResult r = read_docx(in);  // directly, whatever sniff thinks
    ++n;
    if (!r.error) {
      EXPECT_FALSE(r.doc.sections.empty()) << e.path();
    }
  }
  EXPECT_GE(n, 18);
}

TEST(DocxReaderCorpus, EncryptedIsEncryptedProtectedIsNot) {
  LH_REQUIRE_CORPUS(corpus);
  auto enc = read_corpus_docx(corpus / "docx/poi-bug53475-encrypted-password-is-pass.docx");
  ASSERT_TRUE(enc.error);
  EXPECT_EQ(enc.error->kind, ErrorKind::Encrypted);
  // w:documentProtection is an editing restriction, not encryption: it opens.
  auto prot = read_corpus_docx(corpus / "docx/poi-protected_sample.docx");
  EXPECT_FALSE(prot.error) << prot.error->message;
  EXPECT_EQ(prot.meta.format, model::Format::Docx);
}

TEST(DocxReaderCorpus, TruncatedAreDamaged) {
  LH_REQUIRE_CORPUS(corpus);
  for (const char* f : {"docx/poi-truncated62886.docx", "docx/tika-testWORD_truncated.docx"}) {
    std::string bytes = test::read_file(corpus / f);
    auto r = read_with(read_docx, bytes);
    ASSERT_TRUE(r.error) << f;
    EXPECT_EQ(r.error->kind, ErrorKind::Damaged) << f;
  }
}

TEST(DocxReaderCorpus, XmlBombIsUnsafe) {
  LH_REQUIRE_CORPUS(corpus);
  auto r = read_corpus_docx(corpus / "docx/poi-poc-xmlbomb.xlsx");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->kind, ErrorKind::UnsafeXml);
}

TEST(DocxReaderCorpus, TocDocumentHeadingsFound) {
  LH_REQUIRE_CORPUS(corpus);
  auto r = read_corpus_docx(corpus / "docx/poitl-issue914-toc.docx");
  ASSERT_FALSE(r.error) << r.error->message;
  bool found = false;
  for (const auto* p : paragraphs(r.doc))
    if (p->heading_level == 1 && p->plain_text() == "一、风险识别") found = true;
  EXPECT_TRUE(found) << "the heading with the number Word prints from numbering.xml (%1、 japaneseCounting)";
}

TEST(DocxReaderCorpus, WpsFilesReadTheirChineseText) {
  LH_REQUIRE_CORPUS(corpus);
  auto a = read_corpus_docx(corpus / "docx/poitl-iterable-payment-wps.docx");
  ASSERT_FALSE(a.error) << a.error->message;
  EXPECT_NE(a.meta.application.find("WPS"), std::string::npos);
  EXPECT_NE(a.doc.plain_text().find("付款通知书"), std::string::npos);
  EXPECT_NE(a.doc.plain_text().find("货物明细"), std::string::npos);
  auto b = read_corpus_docx(corpus / "docx/poitl-render-multiple-column-wps.docx");
  ASSERT_FALSE(b.error) << b.error->message;
  EXPECT_GE(blocks_of<model::Table>(b.doc).size(), 1u);
}

TEST(DocxReaderCorpus, MacWordHeadersImagesAndTemplate) {
  LH_REQUIRE_CORPUS(corpus);
  auto nand = read_corpus_docx(corpus / "docx/poi-stress009-nandrive-zh.docx");
  ASSERT_FALSE(nand.error);
  EXPECT_EQ(nand.meta.title, "NANDrive 微型固态硬盘设计方案");
  ASSERT_TRUE(nand.doc.sections.at(0).header);
  EXPECT_NE(nand.doc.sections[0].header->paragraphs.at(0).plain_text().find("NANDrive"), std::string::npos);
  EXPECT_GE(blocks_of<model::Image>(nand.doc).size(), 1u);
  auto dotx = read_corpus_docx(corpus / "docx/gongwen-template-lite.dotx");
  ASSERT_FALSE(dotx.error);
  EXPECT_NE(dotx.doc.plain_text().find("出师表"), std::string::npos);
  auto charts = read_corpus_docx(corpus / "docx/poitl-reference-chart.docx");
  ASSERT_FALSE(charts.error);
  EXPECT_FALSE(charts.meta.problems.empty());  // the 11 charts are reported as not read
}

TEST(DocxReaderCorpus, ContentControlsFile) {
  LH_REQUIRE_CORPUS(corpus);
  auto r = read_corpus_docx(corpus / "docx/poitl-sdt-content-controls.docx");
  ASSERT_FALSE(r.error);
  EXPECT_NE(r.doc.plain_text().find("{{title}}"), std::string::npos);
  EXPECT_GE(blocks_of<model::Image>(r.doc).size(), 1u);
}

}  // namespace
}  // namespace lh::ingest
