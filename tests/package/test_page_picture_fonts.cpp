// Page pictures of source PDFs (package/ofd_copy.h scanned_pages, issue 15 §5): a Chinese font the
// PDF names without embedding it is drawn with our role face of that style (宋体 → the Song role's
// file), not with what the machine's fontconfig offers (Debian: Noto Sans CJK, a 黑体 face, 19 MB
// read whole by Poppler for every PDF); and 1-bit rows whose width is not a multiple of 8 keep
// their last pixels.
#include <gtest/gtest.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "cairo_bytes.h"
#include "compose/render_kit.h"
#include "package/ofd_copy.h"
#include "test_support.h"
#include "tiff_pixels.h"

namespace {

// The file the process's current fontconfig configuration (the one Poppler asks) gives first for a
// font named `family` (in simplified Chinese unless lang is empty), as Poppler's lookup builds it
// (GlobalParams.cc: the language comes from a CID font's character collection, Adobe-GB1 → zh-cn).
std::string substitute_file(const char* family, const char* lang = "zh-cn") {
  FcPattern* p = FcPatternCreate();
  FcPatternAddString(p, FC_FAMILY, reinterpret_cast<const FcChar8*>(family));
  if (*lang) FcPatternAddString(p, FC_LANG, reinterpret_cast<const FcChar8*>(lang));
  FcConfigSubstitute(nullptr, p, FcMatchPattern);
  FcDefaultSubstitute(p);
  FcResult res = FcResultNoMatch;
  FcFontSet* set = FcFontSort(nullptr, p, FcFalse, nullptr, &res);
  FcPatternDestroy(p);
  std::string file;
  FcChar8* s = nullptr;
  if (set && set->nfont > 0 && FcPatternGetString(set->fonts[0], FC_FILE, 0, &s) == FcResultMatch)
    file = reinterpret_cast<const char*>(s);
  if (set) FcFontSetDestroy(set);
  return file;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace

TEST(PagePictureFonts, AnUnembeddedSongFontIsDrawnWithTheSongRoleFaceNotTheMachinesChoice) {
  // A sample decision naming STSong-Light (Adobe-GB1) without embedding it.
  const auto pdf = read_file(lh::test::source_dir() / "samples/inbox/案件/2024/027 李记粮油店未明码标价/结案审批表.pdf");
  ASSERT_FALSE(pdf.empty());
  const auto pages = lh::package::scanned_pages(pdf);
  ASSERT_EQ(pages.size(), 1u);
  const auto& fonts = lh::compose::render_kit().fonts;
  EXPECT_EQ(substitute_file("STSong"), fonts.role(lh::model::FontRole::Song).matched_file);
  EXPECT_EQ(substitute_file("SimSun"), fonts.role(lh::model::FontRole::Song).matched_file);
  EXPECT_EQ(substitute_file("SimHei"), fonts.role(lh::model::FontRole::Hei).matched_file);
  // 方正小标宋 as Poppler asks for it (its PostScript name, "-" made a blank): the bold face that
  // stands in for 小标宋, asked by weight.
  EXPECT_EQ(substitute_file("FZXiaoBiaoSong B05S"), fonts.role(lh::model::FontRole::Title).matched_file);
  EXPECT_NE(fonts.role(lh::model::FontRole::Title).matched_file, fonts.role(lh::model::FontRole::Song).matched_file);
  // 仿宋 names are not steered (FandolFang covers GB2312 only; the machine's face draws all of GBK).
  EXPECT_NE(substitute_file("FangSong_GB2312"), fonts.role(lh::model::FontRole::Body).matched_file);
  // A Latin font keeps the machine's answer (a Chinese one unnamed goes to the machine's or our
  // face of Noto Sans CJK SC: the same design).
  // Only a font asked for by one of our names is pointed at our faces: fontconfig's own aliases add
  // SimSun to every serif request and Microsoft YaHei to every sans one (65-nonlatin.conf), so a rule
  // testing any family of the request would give Times and Helvetica our CJK faces.
  for (const char* latin : {"Helvetica", "Times", "Arial"}) {
    const std::string other = substitute_file(latin, "");
    EXPECT_NE(other, fonts.role(lh::model::FontRole::Song).matched_file) << latin;
    EXPECT_NE(other, fonts.role(lh::model::FontRole::Hei).matched_file) << latin;
    EXPECT_NE(other, fonts.role(lh::model::FontRole::Title).matched_file) << latin;
  }
  EXPECT_EQ(substitute_file("Microsoft YaHei"), fonts.role(lh::model::FontRole::Hei).matched_file);
}

TEST(PagePictureFonts, OneBitRowsOfAWidthNotAMultipleOfEightKeepTheirLastPixels) {
  // 100.44 pt at 200 dpi = 279 px (34 whole bytes + 7 pixels); a black bar at the right edge, top
  // half only, so the last pixel of a row is black above and white below.
  const double w = 100.44, h = 100;
  std::string pdf;
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &pdf, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_rectangle(cr, w - 10, 0, 10, h / 2);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);

  const auto pages = lh::package::scanned_pages(pdf);
  ASSERT_EQ(pages.size(), 1u);
  const auto* img = std::get_if<lh::layout::ImageItem>(&pages[0].items.at(0));
  ASSERT_NE(img, nullptr);
  EXPECT_EQ(img->image->media_type, "image/tiff") << "a page of black and white is a 1-bit TIFF";
  const auto back = lh::test::read_bilevel_tiff(img->image->bytes);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->bits_per_sample, 1);
  const uint32_t pw = back->width, ph = back->height;
  EXPECT_EQ(pw, 279u);
  for (uint32_t x = pw - 7; x < pw; ++x) {
    EXPECT_TRUE(back->black(x, ph / 4)) << "column " << x << " in the bar";
    EXPECT_FALSE(back->black(x, ph * 3 / 4)) << "column " << x << " below the bar";
  }
  EXPECT_FALSE(back->black(pw - 40, ph / 4)) << "left of the bar";
}
