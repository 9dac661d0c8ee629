// Pages of source PDFs copied into the OFD-A copies as vector content (package/vector_page.h,
// issue 15): drawn like the source page (both rasterised by Poppler and compared), with the same
// text as Poppler reads from the source, and kept as pictures — with the reason — whenever
// something on the page cannot be shown faithfully.
#include <gtest/gtest.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "ingest/reader.h"
#include "ofd/check.h"
#include "ofd/ofd.h"
#include "package/ofd_copy.h"
#include "package/vector_page.h"
#include "pdf/pdf.h"
#include "cairo_bytes.h"
#include "jpeg_fixture.h"
#include "ooxml_check.h"
#include "page_raster.h"
#include "poppler_chars.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace lh;

using test::Agreement;
using test::compare;
using test::kSongLight;
using test::make_pdf;
using test::raster;

namespace {

// The born-digital PDFs of the sample inbox (text in STSong-Light, not embedded, and table rules);
// not the scanned 送达回证 and not the broken one, which cannot be read.
std::vector<fs::path> sample_text_pdfs() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / "samples/inbox")) {
    const std::string name = e.path().filename().string();
    if (e.path().extension() == ".pdf" && name.find("扫描件") == std::string::npos && name != "行政处罚决定书(1).pdf")
      out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

constexpr double kDpi = 100;
constexpr double kPixelsAgree = 0.98, kInkAgrees = 0.97;

// The text our OFD reader (ingest) reads from an OFD package; nullopt when it cannot read it.
std::optional<std::string> ofd_text(const std::string& bytes) {
  ingest::ReadOptions ro;
  ingest::ReadResult r = ingest::read_ofd(ingest::Input{bytes, "copy.ofd", &ro});
  if (r.error) return std::nullopt;
  std::string text;
  for (const auto& sec : r.doc.sections)
    for (const auto& b : sec.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value))
        for (const auto& run : p->runs) text += run.text;
  return text;
}

// The OFD copy of every page of `pdf`, with a title and date and the DA/T 46 metadata from them.
std::string ofd_copy_of(const std::string& pdf, const std::string& title, const std::string& date) {
  package::OfdCopy copy = package::join_parts({{nullptr, std::make_shared<const std::string>(pdf), 1}});
  ofd::OfdOptions o;
  o.title = title;
  o.date = date;
  o.custom = ofd::custom_metadata(o);
  o.scanned = copy.scanned;
  return ofd::write_ofd(copy.laid, o);
}

layout::Laid one_page(const layout::Page& p) {
  layout::Laid l;
  l.pages.push_back(p);
  return l;
}

}  // namespace

TEST(VectorCopy, SampleTextPdfPagesAreVectorsDrawnLikeTheSource) {
  const auto files = sample_text_pdfs();
  ASSERT_GE(files.size(), 10u);
  size_t pages = 0;
  for (const fs::path& f : files) {
    const std::string pdf = test::read_file(f);
    const package::SourcePages s = package::source_pages(pdf);
    for (size_t i = 0; i < s.pages.size(); ++i, ++pages) {
      ASSERT_FALSE(s.scanned[i]) << f << " page " << i + 1 << ": " << s.why[i];
      const std::string ours = pdf::write_pdf(one_page(s.pages[i]));
      const Agreement g = compare(raster(pdf, static_cast<int>(i), kDpi), raster(ours, 0, kDpi));
      EXPECT_GE(g.pixels, kPixelsAgree) << f << " page " << i + 1;
      EXPECT_GE(g.ink, kInkAgrees) << f << " page " << i + 1;
      EXPECT_GT(g.inked, 2000u) << f << " page " << i + 1;
      std::printf("%s p%zu: pixels %.4f ink %.4f of %zu\n", f.filename().c_str(), i + 1, g.pixels, g.ink, g.inked);
      // LH_TEST_KEEP=DIR keeps our PDF of each page, for a person to look at beside the source.
      if (const char* keep = std::getenv("LH_TEST_KEEP"))
        test::write_file(fs::path(keep) / (f.stem().string() + "-p" + std::to_string(i + 1) + ".pdf"), ours);
    }
  }
  EXPECT_GE(pages, 15u);
}

// A vector page's text is shaped run by run, not in a PangoLayout (layout::ShapedRuns: measuring
// a layout loaded every glyph's outline, most of the vector pages' time in a night with copies):
// the runs keep the source's characters, places and colour, and our PDF writer draws them in it.
TEST(VectorCopy, TextIsShapedAloneWithTheSourcesPlacesAndColour) {
  // 中文文 at 20 pt in red (0.8 0 0 rg), each character 20 pt from the last (/DW 1000).
  const std::string pdf = make_pdf("BT /F1 20 Tf 0.8 0 0 rg 72 700 Td <4E2D65876587> Tj ET");
  const std::vector<pdfvec::Page> pages = package::read_vector_pages(pdf);
  ASSERT_EQ(pages.size(), 1u);
  std::string why;
  const std::optional<layout::Page> page = package::vector_layout_page(pages[0], why);
  ASSERT_TRUE(page) << why;
  const layout::GlyphLine* line = nullptr;
  for (const layout::Item& it : page->items)
    if (const auto* g = std::get_if<layout::GlyphLine>(&it)) line = g;
  ASSERT_NE(line, nullptr);
  EXPECT_EQ(line->layout, nullptr);
  ASSERT_NE(line->shaped, nullptr);
  EXPECT_STREQ(layout::line_text(*line), "中文文");
  EXPECT_NEAR(line->x, 72, 0.01);
  EXPECT_NEAR(line->baseline, 842 - 700, 0.01);
  const std::vector<PangoGlyphItem*> runs = layout::line_runs(*line);
  ASSERT_FALSE(runs.empty());
  long width = 0;
  for (const PangoGlyphItem* run : runs) {
    EXPECT_EQ(layout::run_rgb(run), 0xCC0000u);
    for (int i = 0; i < run->glyphs->num_glyphs; ++i) width += run->glyphs->glyphs[i].geometry.width;
  }
  EXPECT_NEAR(width / double(PANGO_SCALE), 60, 0.01);
  // Red is a mid grey (about 61 of 255) where black text would be 0: the run's colour was drawn.
  const test::Raster r = raster(pdf::write_pdf(one_page(*page)), 0, kDpi);
  int darkest = 255;
  for (int y = 0; y < r.h; ++y)
    for (int x = 0; x < r.w; ++x) darkest = std::min<int>(darkest, r.at(x, y));
  EXPECT_GT(darkest, 30);
  EXPECT_LT(darkest, 110);
}

// The measure must see a page whose content sits 1.5 pt (two pixels at 100 dpi) off: else it
// would pass anything.
TEST(VectorCopy, TheFidelityMeasureSeesContentMovedByOneAndAHalfPoints) {
  const std::string pdf = test::read_file(sample_text_pdfs().front());
  package::SourcePages s = package::source_pages(pdf);
  ASSERT_FALSE(s.pages.empty());
  ASSERT_FALSE(s.scanned[0]);
  layout::Page moved = s.pages[0];
  for (auto& it : moved.items)
    if (auto* g = std::get_if<layout::GlyphLine>(&it)) g->x += 1.5, g->baseline += 1.5;
  const Agreement g = compare(raster(pdf, 0, kDpi), raster(pdf::write_pdf(one_page(moved)), 0, kDpi));
  EXPECT_LT(g.ink, kInkAgrees);
}

namespace {

// A generated office page: a title, body text with character spacing and a TJ adjustment, Latin
// and digits in the CID font's half widths, a coloured line, a table of rules and a filled cell,
// a stroked circle (curves) and a rectangle clip that holds what it clips.
std::string generated_pdf() {
  return make_pdf(
      "BT /F1 22 Tf 1 0 0 1 200 760 Tm <884C653F59047F5A51B35B9A4E66> Tj ET\n"
      "BT /F1 12 Tf 1 Tc 1 0 0 1 72 720 Tm <5F534E8B4EBA003A00200041004200430031003200330034> Tj 0 Tc ET\n"
      "BT /F1 12 Tf 1 0 0 1 72 700 Tm [<53575CAD> -500 <5E0259824E3B7BA1> 250 <5C40>] TJ ET\n"
      "0.8 0 0 rg BT /F1 14 Tf 1 0 0 1 72 670 Tm <7EA28272> Tj ET 0 g\n"
      "0 0 1 RG 1.5 w 72 650 m 523 650 l S 0 G\n"
      "0.5 w 72 600 451 40 re S 260 600 m 260 640 l S\n"
      "0.9 g 72.25 600.25 187.5 39.5 re f 0 g\n"
      "q 72 500 200 80 re W n BT /F1 12 Tf 1 0 0 1 80 540 Tm <88C1526A5185768465875B57> Tj ET Q\n"
      "1 w 400 540 m 400 562 418 580 440 580 c 462 580 480 562 480 540 c 480 518 462 500 440 500 c 418 500 400 518 400 540 c h S\n");
}

// Why the one page of `pdf` is a picture (empty: it is vector content).
std::string picture_reason(const std::string& pdf) {
  const package::SourcePages s = package::source_pages(pdf);
  EXPECT_EQ(s.pages.size(), 1u);
  return s.pages.empty() ? "?" : s.why[0];
}

// A one-page A4 PDF drawn by cairo with `draw` (cairo embeds every font it draws with).
template <class F>
std::string cairo_pdf(F draw) {
  std::string out;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842);
  cairo_t* cr = cairo_create(s);
  draw(cr);
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
  return out;
}

}  // namespace

TEST(VectorCopy, AGeneratedOfficePageIsVectorsDrawnLikeTheSource) {
  const std::string pdf = generated_pdf();
  const package::SourcePages s = package::source_pages(pdf);
  ASSERT_EQ(s.pages.size(), 1u);
  ASSERT_FALSE(s.scanned[0]) << s.why[0];
  const Agreement g = compare(raster(pdf, 0, kDpi), raster(pdf::write_pdf(one_page(s.pages[0])), 0, kDpi));
  EXPECT_GE(g.pixels, kPixelsAgree);
  EXPECT_GE(g.ink, kInkAgrees);
  EXPECT_GT(g.inked, 2000u);
  std::printf("generated: pixels %.4f ink %.4f of %zu\n", g.pixels, g.ink, g.inked);
  if (const char* keep = std::getenv("LH_TEST_KEEP")) {
    test::write_file(fs::path(keep) / "generated-source.pdf", pdf);
    test::write_file(fs::path(keep) / "generated-ours.pdf", pdf::write_pdf(one_page(s.pages[0])));
  }
}

// Our OFD reader reads from the copy the characters Poppler reads from the source, each as often:
// white space aside (Poppler guesses spaces from gaps, the OFD holds the PDF's own characters), and
// in any order (Poppler orders a page's text by its reading-order heuristics, our reader takes the
// text objects in the order the PDF drew them: a form's cells come out in another order).
TEST(VectorCopy, TheOfdCopyHasTheTextPopplerReadsFromTheSource) {
  auto squeeze = [](const std::string& s) {
    std::vector<std::string> chars;
    for (const char* c = s.c_str(); *c; c = g_utf8_next_char(c))
      if (!g_unichar_isspace(g_utf8_get_char(c))) chars.emplace_back(c, static_cast<size_t>(g_utf8_next_char(c) - c));
    std::sort(chars.begin(), chars.end());
    return chars;
  };
  for (const fs::path& f : sample_text_pdfs()) {
    const std::string pdf = test::read_file(f);
    package::OfdCopy copy = package::join_parts({{nullptr, std::make_shared<const std::string>(pdf), 0}});
    ASSERT_EQ(copy.vector_pages, static_cast<int>(copy.laid.pages.size())) << f;
    ofd::OfdOptions o;
    o.scanned = copy.scanned;
    const std::optional<std::string> read = ofd_text(ofd::write_ofd(copy.laid, o));
    ASSERT_TRUE(read) << f;
    const std::string& ours = *read;
    GBytes* gb = g_bytes_new(pdf.data(), pdf.size());
    PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
    g_bytes_unref(gb);
    ASSERT_TRUE(doc);
    std::string theirs;
    for (int i = 0; i < poppler_document_get_n_pages(doc); ++i) theirs += test::page_text(doc, i);
    g_object_unref(doc);
    EXPECT_EQ(squeeze(ours), squeeze(theirs)) << f;
    EXPECT_GT(ours.size(), 100u) << f;
  }
}

// check-ofd passes on a copy of vector pages, and a second copy of the same source is the same bytes.
TEST(VectorCopy, TheCopyPassesCheckOfdAndIsTheSameBytesTwice) {
  auto write = [] {
    package::OfdCopy copy = package::join_parts({{nullptr, std::make_shared<const std::string>(generated_pdf()), 1}});
    EXPECT_EQ(copy.vector_pages, 1);
    EXPECT_TRUE(copy.picture_pages.empty());
    ofd::OfdOptions o;
    o.title = "生成的公文";
    o.date = "2024-05-06";
    o.custom = ofd::custom_metadata(o);
    o.scanned = copy.scanned;
    return ofd::write_ofd(copy.laid, o);
  };
  const std::string a = write();
  for (const auto& rule : ofd::check_ofd(a).rules) EXPECT_TRUE(rule.passed) << rule.clause << " " << rule.rule << " " << rule.detail;
  EXPECT_EQ(write(), a);
  EXPECT_EQ(a.find("Type=\"Background\""), std::string::npos);
}

TEST(VectorCopy, APageWithAnEmbeddedFontIsAPictureAndSaysWhy) {
  const std::string pdf = cairo_pdf([](cairo_t* cr) {
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 12);
    cairo_move_to(cr, 72, 100);
    cairo_show_text(cr, "embedded");
  });
  EXPECT_EQ(picture_reason(pdf).rfind("含嵌入字体 ", 0), 0u) << picture_reason(pdf);
}

TEST(VectorCopy, APageWithAnImageIsAPictureAndSaysWhy) {
  const std::string pdf = cairo_pdf([](cairo_t* cr) {
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
    cairo_set_source_surface(cr, img, 72, 72);
    cairo_paint(cr);
    cairo_surface_destroy(img);
  });
  EXPECT_EQ(picture_reason(pdf), "含图像");
}

TEST(VectorCopy, APageWithAShadingIsAPictureAndSaysWhy) {
  const std::string pdf = cairo_pdf([](cairo_t* cr) {
    cairo_pattern_t* p = cairo_pattern_create_linear(72, 0, 300, 0);
    cairo_pattern_add_color_stop_rgb(p, 0, 1, 0, 0);
    cairo_pattern_add_color_stop_rgb(p, 1, 0, 0, 1);
    cairo_set_source(cr, p);
    cairo_rectangle(cr, 72, 72, 228, 50);
    cairo_fill(cr);
    cairo_pattern_destroy(p);
  });
  EXPECT_EQ(picture_reason(pdf), "含渐变填充");
}

TEST(VectorCopy, APageWithTransparencyIsAPictureAndSaysWhy) {
  const std::string alpha = cairo_pdf([](cairo_t* cr) {
    cairo_set_source_rgba(cr, 0, 0, 0, 0.5);
    cairo_rectangle(cr, 72, 72, 100, 100);
    cairo_fill(cr);
  });
  EXPECT_EQ(picture_reason(alpha), "含透明");
}

TEST(VectorCopy, APageWithANonRectangularClipIsAPictureAndSaysWhy) {
  EXPECT_EQ(picture_reason(make_pdf("72 72 m 200 72 l 136 200 l h W n 72 72 200 200 re f")), "含非矩形裁剪");
}

TEST(VectorCopy, ContentOutsideARectangleClipMakesAPicture) {
  EXPECT_EQ(picture_reason(make_pdf("q 72 72 100 100 re W n 72 72 200 200 re f Q")), "内容被裁剪");
}

TEST(VectorCopy, AnUnembeddedFontPopplerLeavesToTheMachineIsAPictureAndSaysWhy) {
  std::string lishu = kSongLight;
  for (size_t at; (at = lishu.find("STSong-Light")) != std::string::npos;) lishu.replace(at, 12, "LiSu");
  const std::string why = picture_reason(make_pdf("BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET", lishu));
  EXPECT_EQ(why.rfind("含未嵌入字体 LiSu", 0), 0u) << why;
}

// The 公文 fonts of GB/T 9704 that a source does not embed (仿宋_GB2312, 楷体_GB2312, 方正小标宋) are
// set in our faces for them, as the PDF/A copy embeds them (pdf::substitute_names): text stays text.
TEST(VectorCopy, UnembeddedGongwenFontsAreVectorTextInOurFacesForThem) {
  for (const char* name : {"FangSong_GB2312", "KaiTi_GB2312", "FZXiaoBiaoSong-B05S"}) {
    std::string font = kSongLight;
    for (size_t at; (at = font.find("STSong-Light")) != std::string::npos;) font.replace(at, 12, name);
    const std::string pdf = make_pdf("BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET", font);
    EXPECT_EQ(picture_reason(pdf), "") << name;
    // The OFD copy embeds the face (AR PL UKai CN is a TrueType collection's first face, cut as it
    // is) with the tables 6.2.6 asks for, passes check-ofd and reads back as the source's text.
    const std::string bytes = ofd_copy_of(pdf, "公文字体", "2024-05-06");
    for (const auto& rule : ofd::check_ofd(bytes).rules) EXPECT_TRUE(rule.passed) << name << ": " << rule.clause << " " << rule.rule << " " << rule.detail;
    EXPECT_EQ(ofd_text(bytes), std::optional<std::string>("中文")) << name;
  }
}

TEST(VectorCopy, StrokedTextIsAPictureAndSaysWhy) {
  EXPECT_EQ(picture_reason(make_pdf("BT /F1 12 Tf 1 Tr 72 700 Td <4E2D6587> Tj ET")), "含文字渲染模式 1");
}

TEST(VectorCopy, ADashedLineIsAPictureAndSaysWhy) {
  EXPECT_EQ(picture_reason(make_pdf("[3 2] 0 d 72 700 m 300 700 l S")), "含虚线");
}

// The reason reaches the copy: by page of the copy, as derived.json lists it.
TEST(VectorCopy, TheCopyNamesEachPicturePageAndWhy) {
  const std::string image = cairo_pdf([](cairo_t* cr) {
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 4, 4);
    cairo_set_source_surface(cr, img, 72, 72);
    cairo_paint(cr);
    cairo_surface_destroy(img);
  });
  package::OfdCopy copy = package::join_parts({{nullptr, std::make_shared<const std::string>(generated_pdf()), 1},
                                                {nullptr, std::make_shared<const std::string>(image), 1}});
  ASSERT_EQ(copy.scanned, (std::vector<bool>{false, true}));
  EXPECT_EQ(copy.vector_pages, 1);
  EXPECT_EQ(copy.picture_pages, std::vector<std::string>{"第2页：含图像，以图像保存"});
}

// 㐀 (U+3400, CJK Extension A, in Adobe-GB1) is not in the Song role's file (GBK and symbols):
// Poppler, drawing STSong-Light from that file, shows no glyph for it, and pango would draw it from
// another face. The page is a picture.
TEST(VectorCopy, ACharacterTheRoleFaceLacksIsAPictureAndSaysWhy) {
  EXPECT_EQ(picture_reason(make_pdf("BT /F1 12 Tf 72 700 Td <4E2D34006587> Tj ET")), "含本系统字体缺字或无法按原位置排出的文字");
  EXPECT_EQ(picture_reason(make_pdf("BT /F1 12 Tf 72 700 Td <4E2D6587> Tj ET")), "");
}

// The names Poppler draws with our role faces (ofd_copy.cpp's substitutes), compared as fontconfig
// compares families; a name left to the machine's fontconfig has no role.
TEST(VectorCopy, SubstituteRolesAreTheNamesPopplerDrawsWithOurFaces) {
  EXPECT_EQ(package::substitute_role("STSong"), model::FontRole::Song);
  EXPECT_EQ(package::substitute_role("Sim Sun"), model::FontRole::Song);
  EXPECT_EQ(package::substitute_role("simhei"), model::FontRole::Hei);
  EXPECT_EQ(package::substitute_role("黑体"), model::FontRole::Hei);
  EXPECT_EQ(package::substitute_role("KaiTi_GB2312"), model::FontRole::Kai);
  EXPECT_EQ(package::substitute_role("仿宋_GB2312"), model::FontRole::Body);
  EXPECT_EQ(package::substitute_role("FZXiaoBiaoSong-B05S"), model::FontRole::Title);
  EXPECT_FALSE(package::substitute_role("LiSu"));
  EXPECT_FALSE(package::substitute_role("Helvetica"));
}

namespace {

// A one-page PDF that draws `jpeg` (w x h samples) through cairo's JPEG mime data, so the PDF holds
// the JPEG itself (DCTDecode), placed by `place` (the image's unit square scaled to w x h).
template <class F>
std::string jpeg_pdf(const std::string& jpeg, int w, int h, F place) {
  return cairo_pdf([&](cairo_t* cr) {
    cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    auto* copy = new std::string(jpeg);
    cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
                                [](void* p) { delete static_cast<std::string*>(p); }, copy);
    place(cr);
    cairo_set_source_surface(cr, img, 0, 0);
    cairo_paint(cr);
    cairo_surface_destroy(img);
  });
}

}  // namespace

// A scanner's or a phone's page: the OFD copy keeps the very JPEG the PDF holds, where it was
// drawn, instead of a picture of the page drawn again at 200 dpi.
TEST(VectorCopy, AScannedJpegPageIsCopiedAsItsOwnJpeg) {
  const std::string jpeg = test::make_jpeg(120, 170, JCS_GRAYSCALE, 1);
  const std::string pdf = jpeg_pdf(jpeg, 120, 170, [](cairo_t* cr) { cairo_scale(cr, 595.0 / 120, 842.0 / 170); });
  const package::SourcePages s = package::source_pages(pdf);
  ASSERT_EQ(s.pages.size(), 1u);
  EXPECT_FALSE(s.scanned[0]) << s.why[0];
  ASSERT_EQ(s.pages[0].items.size(), 1u);
  const auto* im = std::get_if<layout::ImageItem>(&s.pages[0].items[0]);
  ASSERT_NE(im, nullptr);
  EXPECT_EQ(im->image->media_type, "image/jpeg");
  EXPECT_EQ(im->image->bytes, jpeg);
  EXPECT_NEAR(im->x, 0, 0.01);
  EXPECT_NEAR(im->y, 0, 0.01);
  EXPECT_NEAR(im->w, 595, 0.01);
  EXPECT_NEAR(im->h, 842, 0.01);

  const std::string ofd = ofd_copy_of(pdf, "送达回证（扫描件）", "2024-03-05");
  for (const auto& r : ofd::check_ofd(ofd).rules) EXPECT_TRUE(r.passed) << r.clause << " " << r.rule << " " << r.detail;
  std::vector<std::string> names;
  const auto parts = test::ooxml::unzip(ofd, &names);
  ASSERT_TRUE(parts.count("Doc_0/Res/Image_0.jpg"));
  EXPECT_EQ(parts.at("Doc_0/Res/Image_0.jpg"), jpeg);
}

TEST(VectorCopy, AJpegDrawnTurnedOrWithTextOnItIsPlacedAsDrawn) {
  const std::string jpeg = test::make_jpeg(40, 30, JCS_RGB, 3);
  // Turned a quarter: not upright, so Poppler draws the page.
  EXPECT_EQ(picture_reason(jpeg_pdf(jpeg, 40, 30, [](cairo_t* cr) {
              cairo_translate(cr, 300, 100);
              cairo_rotate(cr, M_PI / 2);
            })),
            "含图像");
  // Mirrored: its first row at the bottom.
  EXPECT_EQ(picture_reason(jpeg_pdf(jpeg, 40, 30, [](cairo_t* cr) {
              cairo_translate(cr, 100, 400);
              cairo_scale(cr, 2, -2);
            })),
            "含图像");
  // Upright and smaller than the page, at (100, 200): placed there.
  const package::SourcePages s = package::source_pages(jpeg_pdf(jpeg, 40, 30, [](cairo_t* cr) {
    cairo_translate(cr, 100, 200);
    cairo_scale(cr, 2, 2);
  }));
  ASSERT_EQ(s.pages.size(), 1u);
  ASSERT_FALSE(s.scanned[0]) << s.why[0];
  const auto* im = std::get_if<layout::ImageItem>(&s.pages[0].items.at(0));
  ASSERT_NE(im, nullptr);
  EXPECT_NEAR(im->x, 100, 0.01);
  EXPECT_NEAR(im->y, 200, 0.01);
  EXPECT_NEAR(im->w, 80, 0.01);
  EXPECT_NEAR(im->h, 60, 0.01);
}

namespace {

// `pdf` with `content` added to its first page's content and /FOCR the font `font` (a searchable
// scan: the OCR engine's text over the picture).
std::string with_text(const std::string& pdf, const std::string& content, const std::string& font) {
  QPDF q;
  q.processMemoryFile("scan.pdf", pdf.data(), pdf.size());
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(q).getAllPages().at(0);
  QPDFObjectHandle res = page.getObjectHandle().getKey("/Resources");
  if (!res.hasKey("/Font")) res.replaceKey("/Font", QPDFObjectHandle::newDictionary());
  res.getKey("/Font").replaceKey("/FOCR", q.makeIndirectObject(QPDFObjectHandle::parse(font)));
  // The picture's content in q … Q (cairo leaves its y flip in force), then the text, as OCR tools write.
  page.addPageContents(QPDFObjectHandle::newStream(&q, "q\n"), true);
  page.addPageContents(QPDFObjectHandle::newStream(&q, "Q\n" + content), false);
  QPDFWriter w(q);
  w.setOutputMemory();
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

}  // namespace

// A searchable scan (JPEG + OCR text in render mode 3): the OFD copy keeps the JPEG and the text,
// unpainted, where the PDF has it, whatever font the OCR engine named (here one the Song role does
// not stand in for: it is never drawn).
TEST(VectorCopy, AScanWithInvisibleOcrTextKeepsItsJpegAndItsTextUnpainted) {
  const std::string jpeg = test::make_jpeg(120, 170, JCS_GRAYSCALE, 1);
  const std::string scan = jpeg_pdf(jpeg, 120, 170, [](cairo_t* cr) { cairo_scale(cr, 595.0 / 120, 842.0 / 170); });
  const std::string font =
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font "
      "/Subtype /CIDFontType0 /BaseFont /GlyphLessFont /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
      "/FontDescriptor << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 4 /FontBBox [0 0 1000 1000] /ItalicAngle 0 "
      "/Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >> /DW 1000 >>] >>";
  // 送达回证 at (100, 700) in PDF space, 20 pt: top-left device y = 842 - 700 = 142.
  const std::string pdf = with_text(scan, "BT 3 Tr /FOCR 20 Tf 100 700 Td <90018FBE56DE8BC1> Tj ET", font);
  const package::SourcePages s = package::source_pages(pdf);
  ASSERT_EQ(s.pages.size(), 1u);
  ASSERT_FALSE(s.scanned[0]) << s.why[0];
  ASSERT_EQ(s.pages[0].items.size(), 2u);
  ASSERT_TRUE(std::holds_alternative<layout::ImageItem>(s.pages[0].items[0]));
  const auto* line = std::get_if<layout::GlyphLine>(&s.pages[0].items[1]);
  ASSERT_NE(line, nullptr);
  EXPECT_TRUE(line->invisible);
  EXPECT_EQ(line->text, "送达回证");
  EXPECT_NEAR(line->x, 100, 0.01);
  EXPECT_NEAR(line->baseline, 142, 0.01);

  package::OfdCopy copy = package::join_parts({{nullptr, std::make_shared<const std::string>(pdf), 1}});
  const std::string ofd = ofd::write_ofd(copy.laid, {});
  const std::string content = test::ooxml::unzip(ofd).at("Doc_0/Pages/Page_0/Content.xml");
  const size_t image = content.find("<ofd:ImageObject"), text = content.find("<ofd:TextObject");
  ASSERT_NE(image, std::string::npos);
  ASSERT_NE(text, std::string::npos);
  EXPECT_LT(image, text) << "the text over the picture";
  EXPECT_NE(content.find("Fill=\"false\"", text), std::string::npos) << "unpainted";
  ingest::ReadOptions ro;
  ingest::ReadResult r = ingest::read_ofd(ingest::Input{ofd, "copy.ofd", &ro});
  ASSERT_FALSE(r.error);
  std::string ours;
  for (const auto& sec : r.doc.sections)
    for (const auto& b : sec.blocks)
      if (const auto* p = std::get_if<model::Paragraph>(&b.value))
        for (const auto& run : p->runs) ours += run.text;
  EXPECT_NE(ours.find("送达回证"), std::string::npos) << "our OFD reader finds the recognised text: " << ours;
}
