// What the parts say: headings and styles, Chinese numbering, merged tables, images, links and
// bookmarks, the TOC's cached result, sections, fonts, sanitizing.
#include <gtest/gtest.h>

#include <regex>

#include "docx/parts.h"
#include "docx_test_util.h"

using namespace lh;
using namespace lh::docx::test;

namespace {

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

Unzipped full(const std::vector<int>& pages = {2, 2, 3, 3, 4, 5}) {
  docx::DocxOptions opt;
  opt.heading_pages = pages;
  return unzip(docx::write_docx(full_document(), gongwen_style(), opt));
}

}  // namespace

TEST(DocxContent, PartsAndOrder) {
  const Unzipped u = full();
  ASSERT_GE(u.names.size(), 10u);
  EXPECT_EQ(u.names[0], "[Content_Types].xml");
  for (const char* p : {"_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml",
                        "word/_rels/document.xml.rels", "word/styles.xml", "word/settings.xml",
                        "word/numbering.xml", "word/fontTable.xml", "word/media/image1.png", "word/header1.xml"})
    EXPECT_TRUE(u.has(p)) << p;
  EXPECT_EQ(u.at("word/media/image1.png"), tiny_png());
  EXPECT_NE(u.at("[Content_Types].xml").find(R"(<Default Extension="png" ContentType="image/png"/>)"), std::string::npos);
}

TEST(DocxContent, HeadingStylesCarryOutlineLevelsAndGbFonts) {
  const std::string styles = full().at("word/styles.xml");
  for (int lvl = 1; lvl <= 4; ++lvl) {
    const std::string id = "w:styleId=\"Heading" + std::to_string(lvl) + "\"";
    const size_t at = styles.find(id);
    ASSERT_NE(at, std::string::npos) << id;
    const std::string style = styles.substr(at, styles.find("</w:style>", at) - at);
    EXPECT_NE(style.find("<w:name w:val=\"heading " + std::to_string(lvl) + "\"/>"), std::string::npos);
    EXPECT_NE(style.find("<w:outlineLvl w:val=\"" + std::to_string(lvl - 1) + "\"/>"), std::string::npos);
  }
  // §7.3.3: 一、黑体 （一）楷体; Normal 仿宋 16 pt; every style's rFonts has eastAsia, lang zh-CN.
  EXPECT_NE(styles.find(R"(w:eastAsia="黑体")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:eastAsia="楷体_GB2312")"), std::string::npos);
  EXPECT_NE(styles.find(R"(w:eastAsia="方正小标宋简体")"), std::string::npos);
  EXPECT_NE(styles.find(R"(<w:lang w:val="en-US" w:eastAsia="zh-CN")"), std::string::npos);
  for (const char* id : {"Normal", "Title", "TOC1", "TOC2", "TOC3", "Header", "Footer", "TableText"})
    EXPECT_NE(styles.find(std::string("w:styleId=\"") + id + "\""), std::string::npos) << id;
  const size_t normal = styles.find(R"(w:styleId="Normal")");
  const std::string n = styles.substr(normal, styles.find("</w:style>", normal) - normal);
  EXPECT_NE(n.find(R"(<w:sz w:val="32"/>)"), std::string::npos);
  EXPECT_NE(n.find(R"(w:eastAsia="仿宋_GB2312")"), std::string::npos);
  EXPECT_NE(n.find(R"(w:line="579" w:lineRule="exact")"), std::string::npos);  // 22 lines (§5.2.3)
  EXPECT_NE(n.find(R"(<w:spacing w:val="-5"/>)"), std::string::npos);          // 28 chars (§5.2.3)
  EXPECT_NE(n.find(R"(w:firstLineChars="200")"), std::string::npos);           // 2 chars (§7.3.3)
  // TOC levels: right tab with dot leader at the text width (156 mm = 8845 twips).
  EXPECT_NE(styles.find(R"(<w:tab w:val="right" w:leader="dot" w:pos="8845"/>)"), std::string::npos);
}

TEST(DocxContent, ChineseListNumbering) {
  const Unzipped u = full();
  const std::string num = u.at("word/numbering.xml");
  for (const char* text : {R"(<w:lvlText w:val="%1、"/>)", R"(<w:lvlText w:val="（%2）"/>)",
                           R"(<w:lvlText w:val="%3."/>)", R"(<w:lvlText w:val="（%4）"/>)"})
    EXPECT_NE(num.find(text), std::string::npos) << text;
  EXPECT_GE(count(num, R"(<w:numFmt w:val="chineseCounting"/>)"), 2u);
  EXPECT_NE(num.find(R"(<w:suff w:val="nothing"/>)"), std::string::npos);
  EXPECT_NE(num.find(R"(<w:startOverride w:val="1"/>)"), std::string::npos);  // decimal list restarts
  const std::string doc = u.at("word/document.xml");
  // Heading 2 with ChineseLevel → ilvl 1 of numId 1: （一）
  EXPECT_NE(doc.find(R"(<w:pStyle w:val="Heading2"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr>)"),
            std::string::npos);
}

TEST(DocxContent, TableWithMergesAndHeaderRow) {
  const std::string doc = full().at("word/document.xml");
  const size_t a = doc.find("<w:tbl>"), b = doc.find("</w:tbl>");
  ASSERT_NE(a, std::string::npos);
  const std::string tbl = doc.substr(a, b - a);
  EXPECT_EQ(count(tbl, "<w:gridCol "), 4u);
  EXPECT_EQ(count(tbl, "<w:tr>"), 4u);
  EXPECT_EQ(count(tbl, "<w:tblHeader/>"), 1u);
  EXPECT_EQ(count(tbl, "<w:cantSplit/>"), 2u);
  EXPECT_EQ(count(tbl, R"(<w:gridSpan w:val="2"/>)"), 3u);  // 合并两列, 二乘二 and its continuation
  EXPECT_EQ(count(tbl, R"(<w:vMerge w:val="restart"/>)"), 2u);
  EXPECT_EQ(count(tbl, "<w:vMerge/>"), 2u);
  // Every row covers the 4 grid columns: tc count + extra spans = 4.
  std::regex tr("<w:tr>.*?</w:tr>");
  for (auto it = std::sregex_iterator(tbl.begin(), tbl.end(), tr); it != std::sregex_iterator(); ++it) {
    const std::string row = it->str();
    EXPECT_EQ(count(row, "<w:tc>") + count(row, R"(<w:gridSpan w:val="2"/>)"), 4u) << row;
  }
}

TEST(DocxContent, ImageIsInlinePictureWithMediaRelationship) {
  const Unzipped u = full();
  const std::string doc = u.at("word/document.xml");
  EXPECT_NE(doc.find(R"(<wp:extent cx="1440000" cy="720000"/>)"), std::string::npos);  // 40 × 20 mm
  EXPECT_NE(doc.find(R"(descr="示意图 &lt;1&gt;")"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(doc, m, std::regex(R"re(<a:blip r:embed="(rId\d+)"/>)re")));
  const std::string rels = u.at("word/_rels/document.xml.rels");
  EXPECT_NE(rels.find("Id=\"" + m[1].str() + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\""),
            std::string::npos);
}

TEST(DocxContent, LinksAndBookmarks) {
  const Unzipped u = full();
  const std::string doc = u.at("word/document.xml");
  EXPECT_NE(doc.find(R"(<w:hyperlink w:anchor="fanwei" w:history="1">)"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:bookmarkStart w:id="3" w:name="fanwei"/>)"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:bookmarkEnd w:id="3"/>)"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(doc, m, std::regex(R"re(<w:hyperlink r:id="(rId\d+)")re")));
  EXPECT_NE(u.at("word/_rels/document.xml.rels").find("Id=\"" + m[1].str() + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" Target=\"https://www.samr.gov.cn/\" TargetMode=\"External\""),
            std::string::npos);
}

TEST(DocxContent, UnsafeLinkSchemesAreDroppedTextKept) {
  model::Document d;
  model::Section s;
  model::Paragraph p;
  p.runs.push_back({.text = "点此", .link = "javascript:alert(1)"});
  p.runs.push_back({.text = "本地", .link = "file:///etc/passwd"});
  s.blocks.push_back({p});
  d.sections.push_back(s);
  const Unzipped u = unzip(docx::write_docx(d, gongwen_style(), {}));
  EXPECT_EQ(u.at("word/document.xml").find("w:hyperlink"), std::string::npos);
  EXPECT_NE(u.at("word/document.xml").find("点此"), std::string::npos);
  EXPECT_EQ(u.at("word/_rels/document.xml.rels").find("passwd"), std::string::npos);
}

TEST(DocxContent, BookmarkNamesAreValidAndMatchLinks) {
  EXPECT_EQ(docx::detail::bookmark_name("fanwei"), "fanwei");
  EXPECT_EQ(docx::detail::bookmark_name("检查范围"), "检查范围");
  const std::string bad = docx::detail::bookmark_name("sec 1.2/附件");
  EXPECT_EQ(bad.rfind("bm_", 0), 0u);
  EXPECT_EQ(bad, docx::detail::bookmark_name("sec 1.2/附件"));
  EXPECT_EQ(docx::detail::bookmark_name("1abc").rfind("bm_", 0), 0u);
  EXPECT_EQ(docx::detail::bookmark_name(std::string(41, 'a')).rfind("bm_", 0), 0u);
}

TEST(DocxContent, TocCachedResultHasTitlesAndPages) {
  const std::string doc = full({7, 8, 9, 10, 11, 12}).at("word/document.xml");
  const size_t begin = doc.find(R"(<w:fldChar w:fldCharType="begin"/>)");
  ASSERT_NE(begin, std::string::npos);
  EXPECT_NE(doc.find(R"(<w:instrText xml:space="preserve"> TOC \o &quot;1-3&quot; \h \z \u </w:instrText>)"), std::string::npos);
  const size_t sep = doc.find(R"(<w:fldChar w:fldCharType="separate"/>)", begin);
  const size_t end = doc.find(R"(<w:fldChar w:fldCharType="end"/>)", sep);
  ASSERT_NE(end, std::string::npos);
  const std::string result = doc.substr(sep, end - sep);
  EXPECT_EQ(result.find("PAGEREF"), std::string::npos);
  // Heading 4 （1）具体要求 (page 10) is below \o "1-3": not listed.
  for (const char* entry : {"<w:t>一、总体要求</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>7</w:t>",
                            "<w:t>（一）检查范围</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>8</w:t>",
                            "<w:t>1.检查内容</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>9</w:t>",
                            "<w:t>二、工作安排</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>11</w:t>",
                            "<w:t>附表</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>12</w:t>"})
    EXPECT_NE(result.find(entry), std::string::npos) << entry;
  EXPECT_EQ(result.find("具体要求"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:bookmarkStart w:id="0" w:name="_Toc00000001"/>)"), std::string::npos);
}

TEST(DocxContent, TwoSectionsWithTheirOwnPageSetup) {
  const Unzipped u = full();
  const std::string doc = u.at("word/document.xml");
  EXPECT_EQ(count(doc, "<w:sectPr>"), 2u);
  const size_t first = doc.find("<w:sectPr>");
  EXPECT_LT(first, doc.find("</w:pPr>", first));  // the first one sits in a paragraph's pPr
  EXPECT_NE(doc.find(R"(<w:pgSz w:w="11906" w:h="16838"/>)"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>)"), std::string::npos);
  EXPECT_EQ(count(doc, R"(<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587")"), 2u);
  EXPECT_EQ(count(doc, R"(<w:docGrid w:type="lines" w:linePitch="579"/>)"), 2u);
  EXPECT_NE(doc.find(R"(<w:pgNumType w:fmt="decimal" w:start="1"/>)"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:headerReference w:type="default")"), std::string::npos);
  EXPECT_NE(u.at("word/settings.xml").find("<w:evenAndOddHeaders/>"), std::string::npos);
}

TEST(DocxContent, PageNumberFootersOddRightEvenLeft) {
  const Unzipped u = full();
  const std::string odd = u.at("word/footer1.xml"), even = u.at("word/footer2.xml");
  EXPECT_NE(odd.find(R"(<w:jc w:val="right"/>)"), std::string::npos);
  EXPECT_NE(odd.find(R"(w:rightChars="100")"), std::string::npos);
  EXPECT_NE(even.find(R"(<w:jc w:val="left"/>)"), std::string::npos);
  EXPECT_NE(even.find(R"(w:leftChars="100")"), std::string::npos);
  for (const std::string& f : {odd, even}) {
    EXPECT_NE(f.find(R"(<w:instrText xml:space="preserve"> PAGE </w:instrText>)"), std::string::npos);
    EXPECT_NE(f.find(R"(<w:t xml:space="preserve">— </w:t>)"), std::string::npos);
    EXPECT_NE(f.find(R"(<w:t xml:space="preserve"> —</w:t>)"), std::string::npos);
    EXPECT_NE(f.find(R"(w:eastAsia="宋体")"), std::string::npos);  // 4号半角宋体 (§7.5)
    EXPECT_NE(f.find(R"(<w:sz w:val="28"/>)"), std::string::npos);
  }
  // Section 2's own footer "第{PAGE}页" is the footer, with its one PAGE field, as the PDF draws it.
  const std::string own = u.at("word/footer3.xml");
  EXPECT_NE(own.find("<w:t>第</w:t>"), std::string::npos);
  EXPECT_EQ(count(own, "> PAGE <"), 1u) << own;
}

// Bug (issue 11): a book's cover has a footer without {PAGE}; the PDF cover had no number, but the
// DOCX footer added the page number before the footer's own (empty) paragraph, so Word numbered the
// cover "— 1 —".
TEST(DocxContent, OwnFooterWithoutPageFieldGetsNoPageNumber) {
  model::Document d;
  model::Section cover;
  model::HeaderFooter quiet;
  model::Paragraph empty;
  empty.runs.push_back(model::Run{});
  quiet.paragraphs.push_back(empty);
  cover.footer = quiet;
  model::Paragraph title;
  model::Run t;
  t.text = "封面";
  title.runs.push_back(t);
  cover.blocks.push_back({title});
  d.sections.push_back(cover);
  model::Section body;
  body.blocks.push_back({title});
  d.sections.push_back(body);
  const Unzipped u = unzip(docx::write_docx(d, gongwen_style(), docx::DocxOptions{}));
  const std::string doc = u.at("word/document.xml");
  const size_t first_sect = doc.find("<w:sectPr>");
  ASSERT_NE(first_sect, std::string::npos);
  const std::string cover_sect = doc.substr(first_sect, doc.find("</w:sectPr>", first_sect) - first_sect);
  const size_t ref = cover_sect.find("w:footerReference w:type=\"default\" r:id=\"");
  ASSERT_NE(ref, std::string::npos) << cover_sect;
  const size_t id_at = ref + std::string("w:footerReference w:type=\"default\" r:id=\"").size();
  const std::string rid = cover_sect.substr(id_at, cover_sect.find('"', id_at) - id_at);
  const std::string rels = u.at("word/_rels/document.xml.rels");
  const size_t rel = rels.find("Id=\"" + rid + "\"");
  ASSERT_NE(rel, std::string::npos);
  const size_t target = rels.find("Target=\"", rel) + 8;
  const std::string part = "word/" + rels.substr(target, rels.find('"', target) - target);
  EXPECT_EQ(u.at(part).find(" PAGE "), std::string::npos) << part << ": " << u.at(part);
  int numbered = 0;  // the body keeps its page number
  for (const auto& [name, xml] : u.parts)
    if (name.rfind("word/footer", 0) == 0 && xml.find(" PAGE ") != std::string::npos) ++numbered;
  EXPECT_GE(numbered, 1);
}

TEST(DocxContent, ControlCharactersAreDroppedTabsAndBreaksKept) {
  const std::string doc = full().at("word/document.xml");
  EXPECT_NE(doc.find("<w:t>控制字符测试结束(</w:t>"), std::string::npos);
  EXPECT_NE(doc.find("<w:tab/><w:t>制表符</w:t><w:br/><w:t>换行</w:t>"), std::string::npos);
  EXPECT_NE(doc.find(R"(<w:t xml:space="preserve">  前后空格  </w:t>)"), std::string::npos);
  for (char c = 1; c < 0x20; ++c)
    if (c != '\t' && c != '\n' && c != '\r') {
      EXPECT_EQ(doc.find(c), std::string::npos) << int(c);
    }
}

TEST(DocxContent, CorePropertiesUseTheGivenTimestampNeverTheClock) {
  docx::DocxOptions opt;
  opt.title = "标题 & <特殊>";
  opt.author = "某局";
  opt.timestamp = 1704412800;  // 2024-01-05T00:00:00Z
  const Unzipped u = unzip(docx::write_docx(simple_document(), gongwen_style(), opt));
  const std::string core = u.at("docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>标题 &amp; &lt;特殊&gt;</dc:title>"), std::string::npos);
  EXPECT_NE(core.find(R"(<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-05T00:00:00Z</dcterms:created>)"),
            std::string::npos);
  const Unzipped none = unzip(docx::write_docx(simple_document(), gongwen_style(), {}));
  if (!std::getenv("SOURCE_DATE_EPOCH")) {
    EXPECT_EQ(none.at("docProps/core.xml").find("dcterms:created"), std::string::npos);
  }
}

// A run's text goes out in pieces between its tabs and line breaks (write_run_text): a tab is
// <w:tab/>, a line break (LF, CR or CRLF, counted once) is <w:br/>, a piece with an edge space
// keeps it (xml:space="preserve").
TEST(DocxContent, TabsAndLineBreaksInsideARunBecomeTheirElements) {
  model::Document d;
  d.sections.emplace_back();
  d.sections[0].blocks.push_back({para("甲\t乙\r\n丙\n丁 \r戊")});
  const std::string doc = unzip(docx::write_docx(d, gongwen_style(), {})).at("word/document.xml");
  EXPECT_NE(doc.find("<w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br/>"
                     "<w:t xml:space=\"preserve\">丁 </w:t><w:br/><w:t>戊</w:t>"),
            std::string::npos)
      << doc;
}
