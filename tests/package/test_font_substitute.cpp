// Substitute fonts in the PDF/A pass (pdf/font_substitute.h, issue 15 §1): a source PDF's Chinese
// font that is not embedded (STSong-Light, UniGB-UCS2-H or GBK-EUC-H, as iText and reportlab write
// it) gets our role face embedded, so the reading copy passes ISO 19005-2 6.2.11.4.1; the copy keeps
// the text Poppler reads, looks as Poppler drew the original (with our faces steered in, as the
// archive draws it), declares advance widths equal to /W (6.2.11.5), names the substitution in
// derived.json, and is the same bytes on a second run. A font we cannot substitute stays refused,
// with its reason.
#include <gtest/gtest.h>
#include <hb-ot.h>
#include <hb.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "compose/render_kit.h"
#include "ingest/pdfa_check.h"
#include "package/preservation.h"
#include "page_raster.h"
#include "pdf/pdfa.h"
#include "pdf/predefined_cmap.h"
#include "pdf/qpdf_io.h"
#include "poppler_chars.h"
#include "test_support.h"

using namespace lh;
using OH = QPDFObjectHandle;

namespace {

pdf::PdfaMetadata metadata_with_substitutes() {
  pdf::PdfaMetadata m;
  m.title = "行政处罚决定书";
  m.author = "南岭县市场监督管理局";
  m.date = "2024-03-05";
  m.substitutes = package::substitute_faces();
  return m;
}

// Chinese text, Latin and digits in the font's half widths (/W [1 95 500]), a TJ adjustment.
const char* const kContent =
    "BT /F1 22 Tf 1 0 0 1 150 760 Tm <884C653F59047F5A51B35B9A4E66> Tj ET\n"
    "BT /F1 12 Tf 1 0 0 1 72 720 Tm <5F534E8B4EBA003A00200041004200430031003200330034> Tj ET\n"
    "BT /F1 12 Tf 1 0 0 1 72 700 Tm [<53575CAD> -500 <5E0259824E3B7BA1> 250 <5C40>] TJ ET\n";

std::string kind_font(const std::string& from, const std::string& to) {
  std::string f = test::kSongLight;
  for (size_t at; (at = f.find(from)) != std::string::npos;) f.replace(at, from.size(), to);
  return f;
}

std::string text_of(const std::string& pdf) {
  GBytes* b = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(b, nullptr, nullptr);
  g_bytes_unref(b);
  std::string t;
  for (int i = 0; doc && i < poppler_document_get_n_pages(doc); ++i) t += test::page_text(doc, i) + "\f";
  if (doc) g_object_unref(doc);
  return t;
}

// The CIDFont of the first Type0 font on page 1.
OH first_descendant_font(QPDF& q) {
  OH fonts = QPDFPageDocumentHelper(q).getAllPages().at(0).getAttribute("/Resources", false).getKey("/Font");
  for (auto& [name, f] : fonts.ditems())
    if (f.getKey("/Subtype").isNameAndEquals("/Type0")) return f.getKey("/DescendantFonts").getArrayItem(0);
  return OH();
}

}  // namespace

// The 52 sample PDFs that were refused for exactly this: STSong-Light, UniGB-UCS2-H, not embedded.
TEST(FontSubstitute, AnUnembeddedSTSongLightBecomesConformantAndSaysWhichFaceStandsIn) {
  const std::string src = test::make_pdf(kContent);
  ASSERT_FALSE(ingest::check_pdfa(pdf::make_pdfa(src, pdf::PdfaMetadata{}).pdf).empty()) << "the source fails 6.2.11.4.1";
  const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
  EXPECT_TRUE(p.conformant);
  for (const auto& pr : p.problems) ADD_FAILURE() << pr;
  ASSERT_EQ(p.substituted.size(), 1u);
  EXPECT_EQ(p.substituted[0], "STSong-Light → Noto Serif CJK SC（宋体）");
  QPDF q;
  q.processMemoryFile("copy.pdf", p.pdf.data(), p.pdf.size());
  OH cid = first_descendant_font(q);
  EXPECT_TRUE(cid.getKey("/Subtype").isNameAndEquals("/CIDFontType2"));
  EXPECT_TRUE(cid.getKey("/FontDescriptor").getKey("/FontFile2").isStream());
  EXPECT_TRUE(cid.getKey("/CIDToGIDMap").isStream());
  const std::string name = cid.getKey("/BaseFont").getName();
  EXPECT_EQ(name.size(), 20u) << name;  // "/" + six capitals + "+STSong-Light"
  EXPECT_EQ(name.substr(7), "+STSong-Light");
}

// The CIDs are read from content tokens (Scan::read): an inline image whose data holds an
// unbalanced "(" and bytes that look like text operators (a reader that tokenized it would swallow
// the text after it), a marked-content dictionary with a string in it, a comment and strings with
// escapes hide no character: the copy passes our checker, Poppler reads the same text from it as
// from the source, and it looks the same (a CID missed would be a blank glyph).
TEST(FontSubstitute, InlineImagesMarkedContentAndEscapesDoNotHideACharacter) {
  std::string image_data = "(x Tj [<884C>] TJ EX";
  image_data.resize(24, '\x7f');  // /W 24 /H 1 /BPC 8: exactly 24 bytes, no ")" in them
  const std::string content =
      "BT /F1 12 Tf 1 0 0 1 72 740 Tm <5F53> Tj ET\n"
      "q 24 0 0 1 72 600 cm BI /W 24 /H 1 /BPC 8 /CS /G ID " + image_data + " EI Q\n"
      "/P <</MCID 0 /Alt (\\(x\\) Tj) /E <0041>>> BDC % a comment with (Tj) in it\n"
      "BT /F1 22 Tf 1 0 0 1 150 760 Tm <884C653F> Tj ET EMC\n"
      "BT /F1 12 Tf 1 0 0 1 72 700 Tm [(\\133W\\116\\() -20 <59047F5A>] TJ ET\n";  // 字丨: octal escapes, a "\\("
  const std::string src = test::make_pdf(content);
  const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
  EXPECT_TRUE(p.conformant);
  for (const auto& pr : p.problems) ADD_FAILURE() << pr;
  EXPECT_EQ(text_of(p.pdf), text_of(src));
  EXPECT_NE(text_of(src).find("行政"), std::string::npos) << text_of(src);
  EXPECT_NE(text_of(src).find("处罚"), std::string::npos) << text_of(src);
  EXPECT_NE(text_of(src).find("字丨"), std::string::npos) << text_of(src);
  const test::Agreement g = test::compare(test::raster(src, 0, 100), test::raster(p.pdf, 0, 100));
  EXPECT_GT(g.inked, 300u);
  EXPECT_GE(g.ink, 0.97);
}

// Same text for a reader (Poppler reads the CIDs through the same CMap and Adobe-GB1), same look
// (each page drawn as the archive's Poppler draws the original: our 宋体 face for STSong-Light).
TEST(FontSubstitute, TheCopyReadsAndLooksLikeTheOriginal) {
  const std::string src = test::make_pdf(kContent);
  const std::string copy = pdf::make_pdfa(src, metadata_with_substitutes()).pdf;
  EXPECT_EQ(text_of(copy), text_of(src));
  EXPECT_NE(text_of(src).find("行政处罚决定书"), std::string::npos);
  for (double dpi : {60.0, 100.0}) {
    const test::Agreement g = test::compare(test::raster(src, 0, dpi), test::raster(copy, 0, dpi));
    EXPECT_GT(g.inked, 500u);
    EXPECT_GE(g.ink, 0.97) << dpi << " dpi";
    EXPECT_GE(g.pixels, 0.99) << dpi << " dpi";
  }
}

// 6.2.11.5: the embedded program's advance for each CID shown is what /W says (the role face's
// Latin glyphs are proportional, /W gives them 500; the Chinese ones 1000 by /DW).
TEST(FontSubstitute, TheEmbeddedAdvancesAreTheWidthsTheFontDeclares) {
  const std::string copy = pdf::make_pdfa(test::make_pdf(kContent), metadata_with_substitutes()).pdf;
  QPDF q;
  q.processMemoryFile("copy.pdf", copy.data(), copy.size());
  OH cid = first_descendant_font(q);
  auto program = cid.getKey("/FontDescriptor").getKey("/FontFile2").getStreamData(qpdf_dl_all);
  auto map = cid.getKey("/CIDToGIDMap").getStreamData(qpdf_dl_all);
  hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(program->getBuffer()), static_cast<unsigned>(program->getSize()),
                                   HB_MEMORY_MODE_DUPLICATE, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  const unsigned upem = hb_face_get_upem(face);
  hb_font_set_scale(font, static_cast<int>(upem), static_cast<int>(upem));
  int latin = 0, chinese = 0;
  for (size_t cid = 1; 2 * cid + 1 < map->getSize(); ++cid) {
    const unsigned gid = map->getBuffer()[2 * cid] << 8 | map->getBuffer()[2 * cid + 1];
    if (!gid) continue;
    const int declared = cid <= 95 ? 500 : 1000;  // /W [1 95 500], /DW 1000
    (cid <= 95 ? latin : chinese)++;
    EXPECT_EQ(hb_font_get_glyph_h_advance(font, gid) * 1000 / static_cast<int>(upem), declared) << "CID " << cid;
  }
  EXPECT_GE(latin, 8);
  EXPECT_GE(chinese, 15);
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
}

// GBK-EUC-H: one byte for ASCII, two for GBK (中文 is D6D0 CEC4), as older 政务 exports have it.
// Its ASCII bytes are GB1's half-width CIDs (814-907), which Poppler draws with the face's ASCII
// glyphs (Adobe-GB1-UCS2) though it extracts them as full-width forms (cidToUnicode): the copy
// must draw the same glyphs, so the raster comparison covers them.
TEST(FontSubstitute, AGbkEucFontIsReadThroughItsCMapAndSubstituted) {
  const std::string src = test::make_pdf("BT /F1 14 Tf 72 700 Td <D6D0CEC4 20 41 31> Tj ET\n", kind_font("UniGB-UCS2-H", "GBK-EUC-H"));
  const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
  EXPECT_TRUE(p.conformant);
  for (const auto& pr : p.problems) ADD_FAILURE() << pr;
  EXPECT_EQ(text_of(p.pdf), text_of(src));
  EXPECT_NE(text_of(src).find("中文"), std::string::npos) << text_of(src);
  const test::Agreement g = test::compare(test::raster(src, 0, 100), test::raster(p.pdf, 0, 100));
  EXPECT_GE(g.ink, 0.97);
}

// What cannot be substituted stays as it was, and the check's refusal says why: a name no role
// stands in for, a character the role face lacks (㐀 U+3400 is in Adobe-GB1, not in our GBK cut).
TEST(FontSubstitute, AFontThatCannotBeSubstitutedIsStillRefusedWithItsReason) {
  auto problems = [](const std::string& src) {
    const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
    EXPECT_FALSE(p.conformant);
    EXPECT_TRUE(p.substituted.empty());
    std::string all;
    for (const auto& pr : p.problems) all += pr + "\n";
    return all;
  };
  const std::string lishu = problems(test::make_pdf("BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET", kind_font("STSong-Light", "LiSu")));
  EXPECT_NE(lishu.find("6.2.11.4.1 font LiSu (page 1) is not embedded"), std::string::npos) << lishu;
  EXPECT_NE(lishu.find("6.2.11.4.1 font LiSu cannot be substituted: no role of ours"), std::string::npos) << lishu;
  // 堃 (U+5803) is in GBK, not in GB2312, and so not in FandolFang, our 仿宋 face: a FangSong text
  // showing it is refused with the character and the face named, not drawn with a hole.
  const std::string fang = problems(test::make_pdf("BT /F1 12 Tf 72 700 Td <4E2D58036587> Tj ET", kind_font("STSong-Light", "FangSong")));
  EXPECT_NE(fang.find("cannot be substituted: U+5803 (CID "), std::string::npos) << fang;
  EXPECT_NE(fang.find(") is not in FandolFang"), std::string::npos) << fang;
  const std::string lacking = problems(test::make_pdf("BT /F1 12 Tf 72 700 Td <4E2D34006587> Tj ET"));
  EXPECT_NE(lacking.find("cannot be substituted: U+3400 (CID "), std::string::npos) << lacking;
  EXPECT_NE(lacking.find(") is not in Noto Serif CJK SC"), std::string::npos) << lacking;
}

// The 公文 fonts of GB/T 9704 (§5.2.2 仿宋_GB2312 body, §7.3 楷体_GB2312 headings and 方正小标宋 title),
// as Acrobat writes them when it does not embed them: each gets the face our own 公文 are set in
// (fonts/roles.json: FandolFang, AR PL UKai CN, the bold Noto Serif CJK SC), the copy passes the
// check, reads as the source reads, and draws every character (as much ink as the source drawn by
// Poppler with the machine's faces, give or take the faces' weights).
TEST(FontSubstitute, TheGongwenFontsFangSongKaiTiAndXiaoBiaoSongGetTheFacesOurOwnGongwenAreSetIn) {
  struct Case {
    const char* name;
    const char* said;
    const char* family;  // the embedded program's family (name ID 1)
    bool steered;        // Poppler draws the source with the same face (pdf::SubstituteNames::steer_poppler)
  };
  for (const Case& c : {Case{"FangSong_GB2312", "FangSong_GB2312 → FandolFang（仿宋）", "FandolFang", false},
                        Case{"KaiTi_GB2312", "KaiTi_GB2312 → AR PL UKai CN（楷体）", "AR PL UKai CN", false},
                        Case{"FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05S → Noto Serif CJK SC（小标宋）", "Noto Serif CJK SC", true}}) {
    SCOPED_TRACE(c.name);
    const std::string src = test::make_pdf(kContent, kind_font("STSong-Light", c.name));
    const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
    EXPECT_TRUE(p.conformant);
    for (const auto& pr : p.problems) ADD_FAILURE() << pr;
    ASSERT_EQ(p.substituted.size(), 1u);
    EXPECT_EQ(p.substituted[0], c.said);
    EXPECT_EQ(text_of(p.pdf), text_of(src));
    QPDF q;
    q.processMemoryFile("copy.pdf", p.pdf.data(), p.pdf.size());
    const auto program = first_descendant_font(q).getKey("/FontDescriptor").getKey("/FontFile2").getStreamData(qpdf_dl_generalized);
    hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(program->getBuffer()), static_cast<unsigned>(program->getSize()),
                                     HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* face = hb_face_create(blob, 0);
    char family[64] = {};
    unsigned len = sizeof family;
    hb_ot_name_get_utf8(face, HB_OT_NAME_ID_FONT_FAMILY, hb_language_from_string("en", -1), &len, family);
    EXPECT_EQ(std::string(family).rfind(c.family, 0), 0u) << family;  // "FandolFang R": the family and its style
    EXPECT_EQ(hb_face_get_glyph_count(face), 27u);  // .notdef and the 26 characters kContent shows
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    const test::Raster copy = test::raster(p.pdf, 0, 100), source = test::raster(src, 0, 100);
    const test::Agreement self = test::compare(copy, copy), theirs = test::compare(source, source);
    ASSERT_GT(theirs.inked, 0u);
    EXPECT_GT(double(self.inked) / theirs.inked, 0.5);
    EXPECT_LT(double(self.inked) / theirs.inked, 2.0);
    // Where Poppler is steered (the bold face asked by weight), the copy looks as the source drawn.
    if (c.steered) {
      EXPECT_GE(test::compare(source, copy).ink, 0.97);
    }
  }
}

// Every name of the table, as a source writes it in /BaseFont (a Chinese name as its UTF-8 bytes),
// is substituted by its role's face: the table holds no name the pass would not take.
TEST(FontSubstitute, EveryNameOfTheTableIsSubstitutedByItsRolesFace) {
  const auto& faces = package::substitute_faces();
  size_t names = 0;
  for (const pdf::SubstituteNames& s : pdf::substitute_names()) {
    const layout::RoleFont& role = compose::render_kit().fonts.role(s.role);
    for (const char* name : s.names) {
      SCOPED_TRACE(name);
      ++names;
      std::string pdf_name;  // a blank is #20 in a PDF name (PDF 32000-1 §7.3.5)
      for (const char* c = name; *c; ++c) pdf_name += *c == ' ' ? std::string("#20") : std::string(1, *c);
      const package::PreservedPdf p =
          package::preserve_pdf(test::make_pdf("BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET", kind_font("STSong-Light", pdf_name)), metadata_with_substitutes());
      EXPECT_TRUE(p.conformant);
      for (const auto& pr : p.problems) ADD_FAILURE() << pr;
      ASSERT_EQ(p.substituted.size(), 1u);
      EXPECT_EQ(p.substituted[0], std::string(name) + " → " + role.families.front() + "（" + role.chinese + "）");
    }
  }
  EXPECT_EQ(std::count_if(faces.begin(), faces.end(), [](const pdf::SubstituteFace& f) { return f.latin_style.empty(); }),
            static_cast<long>(pdf::substitute_names().size()));
  EXPECT_GE(names, 40u);
}

// Same inputs, same bytes: the subset tag and the cut come from the glyphs, not from a clock.
TEST(FontSubstitute, TheSameSourceGivesTheSameBytes) {
  const std::string src = test::make_pdf(kContent);
  EXPECT_EQ(pdf::make_pdfa(src, metadata_with_substitutes()).pdf, pdf::make_pdfa(src, metadata_with_substitutes()).pdf);
}

// The stamp's pass (apply_pdfa inside the 归档章 overlay) substitutes too, and says which fonts.
TEST(FontSubstitute, ApplyPdfaReportsEachFontItFound) {
  const std::string src = test::make_pdf(kContent);
  QPDF q;
  q.processMemoryFile("src.pdf", src.data(), src.size());
  const auto fonts = pdf::apply_pdfa(q, metadata_with_substitutes());
  ASSERT_EQ(fonts.size(), 1u);
  EXPECT_EQ(fonts[0].font, "STSong-Light");
  EXPECT_EQ(fonts[0].face, "Noto Serif CJK SC（宋体）");
  EXPECT_TRUE(fonts[0].refused.empty()) << fonts[0].refused;
}

// The predefined CMaps as poppler-data has them: codespace ranges split mixed one- and two-byte
// codes, cidrange and cidchar give CIDs, a -V CMap's usecmap brings in its -H base.
TEST(PredefinedCMap, CodesAreSplitByCodespaceAndMappedByRange) {
  // (the character of a CID is Adobe-GB1-UCS2's, as Poppler draws: "A" for CID 847, not "Ａ")
  const auto* gbk = pdf::detail::predefined_cmap("GB1", "GBK-EUC-H");
  ASSERT_NE(gbk, nullptr);
  const std::vector<uint32_t> cids = gbk->cids("\xD6\xD0" "A" "\xCE\xC4");
  ASSERT_EQ(cids.size(), 3u);
  EXPECT_EQ(pdf::detail::unicode_of_cid("GB1", cids[0]), 0x4E2Du);
  EXPECT_EQ(pdf::detail::unicode_of_cid("GB1", cids[1]), 0x41u);
  EXPECT_EQ(pdf::detail::unicode_of_cid("GB1", cids[2]), 0x6587u);
  const auto* ucs2 = pdf::detail::predefined_cmap("GB1", "UniGB-UCS2-H");
  ASSERT_NE(ucs2, nullptr);
  EXPECT_EQ(ucs2->cids(std::string("\x4E\x2D", 2)), std::vector<uint32_t>{cids[0]});
  const auto* vertical = pdf::detail::predefined_cmap("GB1", "UniGB-UCS2-V");
  ASSERT_NE(vertical, nullptr);
  EXPECT_TRUE(vertical->vertical());
  EXPECT_EQ(vertical->cids(std::string("\x4E\x2D", 2)), std::vector<uint32_t>{cids[0]}) << "usecmap UniGB-UCS2-H";
  EXPECT_EQ(pdf::detail::predefined_cmap("GB1", "NoSuchCMap-H"), nullptr);
}

// Third-party files (pdf.js issues 8372 and 14438; skipped where ../shared is absent, never copied):
// AdobeHeitiStd-Regular, a CID TrueType font with UniGB-UTF16-H, becomes our 黑体 face and passes;
// the LaTeX paper's STSong CID fonts (GBK-EUC-H, UniGB-UTF16-H) are substituted, and its simple
// TrueType STSong (WinAnsi) is not: the copy is still refused, for that font, with the reason.
TEST(FontSubstitute, ThirdPartyHeitiAndSTSongFilesFromThePdfJsCorpus) {
  LH_REQUIRE_CORPUS(corpus);
  const std::string heiti = test::read_file(corpus / "pdf/pdfjs-issue8372-heiti-unigb-nonembedded.pdf");
  const package::PreservedPdf h = package::preserve_pdf(heiti, metadata_with_substitutes());
  EXPECT_TRUE(h.conformant);
  for (const auto& pr : h.problems) ADD_FAILURE() << pr;
  EXPECT_EQ(h.substituted, std::vector<std::string>{"AdobeHeitiStd-Regular → Noto Sans CJK SC（黑体）"});
  EXPECT_EQ(text_of(h.pdf), text_of(heiti));
  EXPECT_GE(test::compare(test::raster(heiti, 0, 100), test::raster(h.pdf, 0, 100)).ink, 0.97);

  const std::string paper = test::read_file(corpus / "pdf/pdfjs-issue14438-stsong-nonembedded-gbk-euc-h.pdf");
  const package::PreservedPdf s = package::preserve_pdf(paper, metadata_with_substitutes());
  EXPECT_FALSE(s.conformant);
  std::string all;
  for (const auto& pr : s.problems) all += pr + "\n";
  EXPECT_NE(all.find("font STSong cannot be substituted: a simple font"), std::string::npos) << all;
  EXPECT_EQ(all.find("STSongti-SC-Black (page"), std::string::npos) << all;
  EXPECT_EQ(s.substituted.size(), 2u);
  EXPECT_EQ(text_of(s.pdf), text_of(paper));
}

// A font that only an annotation's appearance uses is a font the file draws with (6.2.11.4.1):
// the read-back check looks there too (it used to walk page resources and forms only, so the
// FreeText notes of pdf.js issue 14438 passed with STSong unembedded), and so does the pass.
TEST(FontSubstitute, FontsOfAnnotationAppearancesAreCheckedAndSubstituted) {
  auto with_note = [](const std::string& font) {
    const std::string src = test::make_pdf("", font);
    QPDF q;
    q.processMemoryFile("src.pdf", src.data(), src.size());
    QPDFPageObjectHelper page = QPDFPageDocumentHelper(q).getAllPages().at(0);
    OH f1 = page.getAttribute("/Resources", false).getKey("/Font").getKey("/F1");
    page.getObjectHandle().replaceKey("/Resources", OH::parse("<< >>"));
    OH ap = OH::newStream(&q, "BT /F1 12 Tf 2 4 Td <4E2D6587> Tj ET");
    ap.getDict().replaceKey("/Type", OH::newName("/XObject"));
    ap.getDict().replaceKey("/Subtype", OH::newName("/Form"));
    ap.getDict().replaceKey("/BBox", OH::parse("[0 0 60 20]"));
    OH res = OH::newDictionary(), fonts = OH::newDictionary();
    fonts.replaceKey("/F1", f1);
    res.replaceKey("/Font", fonts);
    ap.getDict().replaceKey("/Resources", res);
    OH note = OH::parse("<< /Type /Annot /Subtype /FreeText /Rect [72 700 132 720] /F 4 /DA (/F1 12 Tf 0 g) /Contents (x) >>");
    OH apd = OH::newDictionary();
    apd.replaceKey("/N", ap);
    note.replaceKey("/AP", apd);
    OH annots = OH::newArray();
    annots.appendItem(q.makeIndirectObject(note));
    page.getObjectHandle().replaceKey("/Annots", annots);
    return pdf::detail::write_out(q, true, false);
  };
  const package::PreservedPdf lishu = package::preserve_pdf(with_note(kind_font("STSong-Light", "LiSu")), metadata_with_substitutes());
  EXPECT_FALSE(lishu.conformant);
  ASSERT_FALSE(lishu.problems.empty());
  EXPECT_EQ(lishu.problems[0], "6.2.11.4.1 font LiSu (page 1) is not embedded");
  const package::PreservedPdf song = package::preserve_pdf(with_note(test::kSongLight), metadata_with_substitutes());
  EXPECT_TRUE(song.conformant);
  for (const auto& pr : song.problems) ADD_FAILURE() << pr;
  EXPECT_EQ(song.substituted, std::vector<std::string>{"STSong-Light → Noto Serif CJK SC（宋体）"});
}

// A 案卷 holds the STSong-Light of every source PDF it copies, one font object each: they are one
// font, and one program is embedded for all of them (not one cut, compressed again, per source).
TEST(FontSubstitute, CopiesOfOneFontShareOneEmbeddedProgram) {
  const std::string src = test::make_pdf("BT /F1 12 Tf 72 700 Td <4E2D> Tj /F2 12 Tf <6587> Tj ET\n");
  QPDF q;
  q.processMemoryFile("src.pdf", src.data(), src.size());
  OH fonts = QPDFPageDocumentHelper(q).getAllPages().at(0).getAttribute("/Resources", false).getKey("/Font");
  OH twin = fonts.getKey("/F1").shallowCopy();
  twin.replaceKey("/DescendantFonts", OH::parse("[]"));
  twin.getKey("/DescendantFonts").appendItem(fonts.getKey("/F1").getKey("/DescendantFonts").getArrayItem(0).shallowCopy());
  fonts.replaceKey("/F2", q.makeIndirectObject(twin));
  const auto found = pdf::apply_pdfa(q, metadata_with_substitutes());
  ASSERT_EQ(found.size(), 2u);
  OH a = fonts.getKey("/F1").getKey("/DescendantFonts").getArrayItem(0), b = fonts.getKey("/F2").getKey("/DescendantFonts").getArrayItem(0);
  EXPECT_EQ(a.getKey("/FontDescriptor").getObjGen(), b.getKey("/FontDescriptor").getObjGen());
  EXPECT_TRUE(a.getKey("/FontDescriptor").getKey("/FontFile2").isStream());
  const std::string copy = pdf::detail::write_out(q, true, true);
  EXPECT_TRUE(ingest::check_pdfa(copy).empty());
  EXPECT_EQ(text_of(copy), "中文\f");  // 中 shown with /F1, 文 with its twin /F2
}

// iText's Chinese report: STSong-Light for the Chinese, Helvetica (WinAnsiEncoding, not embedded,
// its standard widths) for the Latin text and digits. Both are substituted: Helvetica by Liberation
// Sans (Arial's and so Helvetica's widths), embedded as a non-symbolic TrueType font whose (3,1) cmap
// holds the characters shown (6.2.11.6), advances equal to /Widths (6.2.11.5); the copy passes the
// check and reads as the source reads. A Helvetica in StandardEncoding stays refused, saying so.
TEST(FontSubstitute, ITextsHelveticaBesideItsSTSongIsSubstitutedByLiberationSans) {
  // Helvetica's AFM widths of space (278), digits 0-9 (556), A-C (667 722 722), the period (278).
  std::string widths = "[278";
  for (int c = 0x21; c <= 0x43; ++c)
    widths += c == 0x2E ? " 278" : (c >= 0x30 && c <= 0x39) ? " 556" : c == 0x41 ? " 667" : c >= 0x42 ? " 722" : " 0";
  widths += "]";
  const std::string helvetica = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 67 /Widths " + widths + " >>";
  auto with_fonts = [&](const std::string& f2) {
    std::string pdf = test::make_pdf("BT /F1 14 Tf 72 700 Td <884C653F5904> Tj ET\nBT /F2 12 Tf 72 680 Td (ABC 2024.05) Tj ET\n");
    QPDF q;
    q.processMemoryFile("src.pdf", pdf.data(), pdf.size());
    OH page = QPDFPageDocumentHelper(q).getAllPages().at(0).getObjectHandle();
    page.getKey("/Resources").getKey("/Font").replaceKey("/F2", q.makeIndirectObject(OH::parse(f2)));
    return pdf::detail::write_out(q, false, false);
  };
  const std::string src = with_fonts(helvetica);
  const package::PreservedPdf p = package::preserve_pdf(src, metadata_with_substitutes());
  EXPECT_TRUE(p.conformant);
  for (const auto& pr : p.problems) ADD_FAILURE() << pr;
  EXPECT_EQ(p.substituted, (std::vector<std::string>{"STSong-Light → Noto Serif CJK SC（宋体）", "Helvetica → Liberation Sans（西文）"}));
  EXPECT_EQ(text_of(p.pdf), text_of(src));
  EXPECT_NE(text_of(p.pdf).find("ABC 2024.05"), std::string::npos) << text_of(p.pdf);
  QPDF q;
  q.processMemoryFile("copy.pdf", p.pdf.data(), p.pdf.size());
  OH f2 = QPDFPageDocumentHelper(q).getAllPages().at(0).getAttribute("/Resources", false).getKey("/Font").getKey("/F2");
  EXPECT_TRUE(f2.getKey("/Subtype").isNameAndEquals("/TrueType"));
  EXPECT_TRUE(f2.getKey("/Encoding").isNameAndEquals("/WinAnsiEncoding"));
  OH desc = f2.getKey("/FontDescriptor");
  EXPECT_EQ(desc.getKey("/Flags").getIntValue() & (4 | 32), 32);  // nonsymbolic
  const auto program = desc.getKey("/FontFile2").getStreamData(qpdf_dl_generalized);
  hb_blob_t* blob = hb_blob_create(reinterpret_cast<const char*>(program->getBuffer()), static_cast<unsigned>(program->getSize()),
                                   HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_font_t* font = hb_font_create(face);
  for (uint32_t u : {'A', 'B', 'C', ' ', '2', '0', '4', '.', '5'}) {
    hb_codepoint_t g = 0;
    ASSERT_TRUE(hb_font_get_nominal_glyph(font, u, &g)) << "the (3,1) cmap lacks U+" << std::hex << u;
    EXPECT_EQ(std::lround(hb_font_get_glyph_h_advance(font, g) * 1000.0 / hb_face_get_upem(face)),
              u == 'A' ? 667L : (u == 'B' || u == 'C') ? 722L : (u == ' ' || u == '.') ? 278L : 556L)
        << "the advance of U+" << std::hex << u << " is /Widths'";
  }
  hb_font_destroy(font);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  const test::Agreement g = test::compare(test::raster(src, 0, 100), test::raster(p.pdf, 0, 100));
  EXPECT_GE(g.ink, 0.95);

  std::string standard = helvetica;
  standard.replace(standard.find("/WinAnsiEncoding"), 16, "/StandardEncoding");
  const package::PreservedPdf s = package::preserve_pdf(with_fonts(standard), metadata_with_substitutes());
  EXPECT_FALSE(s.conformant);
  std::string all;
  for (const auto& pr : s.problems) all += pr + "\n";
  EXPECT_NE(all.find("font Helvetica cannot be substituted: a simple Latin font not in WinAnsiEncoding"), std::string::npos) << all;
}
