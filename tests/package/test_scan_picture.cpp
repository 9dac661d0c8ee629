// The stored pictures of copied source-PDF pages (package/scan_picture.h): a page of black and white
// is a 1-bit CCITT Group 4 TIFF that decodes to the very pixels drawn (the fast packing and its
// per-pixel tail alike), a colour page of few colours is an indexed PNG of the same pixels, one with
// grey or many colours an 8-bit grey or RGB PNG, and another TIFF reader
// (libtiff's tiffinfo, where installed) reads the picture whole.
#include <gtest/gtest.h>
#include <cairo.h>

#include <cstdint>
#include <string>

#include "package/scan_picture.h"
#include "test_support.h"
#include "tiff_pixels.h"

namespace {

// A w × h RGB24 surface of white with black runs placed by a fixed-seed generator (a page of text,
// in pixels), plus `odd` pixels of other values at given places.
struct Odd {
  int x, y;
  uint32_t rgb;
};
cairo_surface_t* page_surface(int w, int h, std::initializer_list<Odd> odd = {}) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_surface_flush(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 8) & 0xFFFFu; };
  for (int y = 0; y < h; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < w; ++x) row[x] = 0xFFFFFFu;
    for (int runs = next() % 6; runs > 0; --runs) {
      const int x0 = static_cast<int>(next() % static_cast<unsigned>(w)), len = 1 + static_cast<int>(next() % 40);
      for (int x = x0; x < w && x < x0 + len; ++x) row[x] = 0;
    }
  }
  for (const Odd& o : odd) reinterpret_cast<uint32_t*>(data + static_cast<size_t>(o.y) * stride)[o.x] = o.rgb;
  cairo_surface_mark_dirty(s);
  return s;
}

// Every pixel of the decoded TIFF against the surface: black where the surface's green is below half.
void expect_same_pixels(cairo_surface_t* s, const lh::test::BilevelTiff& t) {
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  ASSERT_EQ(t.width, static_cast<uint32_t>(w));
  ASSERT_EQ(t.height, static_cast<uint32_t>(h));
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  int wrong = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      const uint32_t px = reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * stride)[x];
      const bool black = ((px >> 8) & 255u) < 128;
      if (t.black(static_cast<uint32_t>(x), static_cast<uint32_t>(y)) != black && ++wrong <= 5)
        ADD_FAILURE() << "pixel " << x << "," << y << (black ? " should be black" : " should be white");
    }
  EXPECT_EQ(wrong, 0);
}

int png_bit_depth(const std::string& b) { return b.size() > 25 ? static_cast<unsigned char>(b[24]) : -1; }
int png_colour_type(const std::string& b) { return b.size() > 25 ? static_cast<unsigned char>(b[25]) : -1; }
bool is_png(const std::string& b) { return b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0; }

struct PngBytes {
  const std::string* bytes;
  size_t at = 0;
};
cairo_status_t read_png(void* closure, unsigned char* data, unsigned int n) {
  auto* r = static_cast<PngBytes*>(closure);
  if (r->at + n > r->bytes->size()) return CAIRO_STATUS_READ_ERROR;
  r->bytes->copy(reinterpret_cast<char*>(data), n, r->at);
  r->at += n;
  return CAIRO_STATUS_SUCCESS;
}
uint32_t pixel(cairo_surface_t* s, int x, int y) {
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  return reinterpret_cast<const uint32_t*>(data + static_cast<size_t>(y) * cairo_image_surface_get_stride(s))[x];
}

// The PNG decoded by cairo (libpng) against the surface, every pixel.
void expect_same_colours(cairo_surface_t* s, const std::string& picture) {
  PngBytes r{&picture};
  cairo_surface_t* back = cairo_image_surface_create_from_png_stream(read_png, &r);
  ASSERT_EQ(cairo_surface_status(back), CAIRO_STATUS_SUCCESS);
  const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
  EXPECT_EQ(cairo_image_surface_get_width(back), w);
  EXPECT_EQ(cairo_image_surface_get_height(back), h);
  int wrong = 0;
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x)
      if ((pixel(back, x, y) & 0xFFFFFFu) != (pixel(s, x, y) & 0xFFFFFFu) && ++wrong <= 5)
        ADD_FAILURE() << "pixel " << x << "," << y << std::hex << ": " << pixel(back, x, y) << " for " << pixel(s, x, y);
  EXPECT_EQ(wrong, 0);
  cairo_surface_destroy(back);
}

}  // namespace

TEST(ScanPicture, ABlackAndWhitePageIsAGroup4TiffThatDecodesToTheSamePixels) {
  // 1001 px: 62 steps of 16 pixels, then 9 in the per-pixel tail (a whole byte and one bit).
  cairo_surface_t* s = page_surface(1001, 613);
  const std::string picture = lh::package::encode_scan(s, 200);
  EXPECT_STREQ(lh::package::scan_media_type(picture), "image/tiff");
  const auto t = lh::test::read_bilevel_tiff(picture);
  ASSERT_TRUE(t.has_value()) << "libtiff reads it";
  EXPECT_EQ(t->compression, COMPRESSION_CCITTFAX4);
  EXPECT_EQ(t->photometric, PHOTOMETRIC_MINISWHITE);
  EXPECT_EQ(t->bits_per_sample, 1);
  EXPECT_EQ(t->resolution_unit, RESUNIT_INCH);
  EXPECT_FLOAT_EQ(t->x_resolution, 200);
  EXPECT_FLOAT_EQ(t->y_resolution, 200);
  expect_same_pixels(s, *t);
  EXPECT_EQ(lh::package::encode_scan(s, 200), picture) << "the same pixels give the same bytes";
  cairo_surface_destroy(s);
}

TEST(ScanPicture, ANearlyBlackOrWhitePixelLeavesThePageTwoValued) {
  // Neither exactly black nor white, but within DA/T 31's 黑白二值 (no grey level, no colour): the
  // one-pass packing gives up on them and the page is packed again pixel by pixel, in the fast part
  // of a row and in its tail.
  for (const Odd odd : {Odd{5, 7, 0x050000u}, Odd{1000, 300, 0xFAFFFAu}, Odd{998, 612, 0x000005u}}) {
    cairo_surface_t* s = page_surface(1001, 613, {odd});
    const std::string picture = lh::package::encode_scan(s, 200);
    EXPECT_STREQ(lh::package::scan_media_type(picture), "image/tiff") << std::hex << odd.rgb;
    const auto t = lh::test::read_bilevel_tiff(picture);
    ASSERT_TRUE(t.has_value());
    expect_same_pixels(s, *t);
    cairo_surface_destroy(s);
  }
}

TEST(ScanPicture, AColourPageOfFewColoursIsAnIndexedPngOfTheSamePixels) {
  // White, black and a seal's red (as every colour page of the sample inbox), the red's last pixel
  // in the last row's tail, after every fast step has found black and white only.
  cairo_surface_t* s = page_surface(1001, 613, {{400, 300, 0xD91919u}, {401, 300, 0xD91919u}, {1000, 612, 0xD91919u}});
  const std::string picture = lh::package::encode_scan(s, 200);
  ASSERT_TRUE(is_png(picture));
  EXPECT_STREQ(lh::package::scan_media_type(picture), "image/png");
  EXPECT_EQ(png_colour_type(picture), 3) << "indexed colour";
  EXPECT_EQ(png_bit_depth(picture), 2) << "3 colours: 2 bits a pixel";
  expect_same_colours(s, picture);
  EXPECT_EQ(lh::package::encode_scan(s, 200), picture) << "the same pixels give the same bytes";
  cairo_surface_destroy(s);
}

TEST(ScanPicture, AColourPageWhoseColourChangesAtEveryPixelIsIndexedAsWell) {
  // 200 colours in turn along every row: each pixel is looked up, none is the one before it.
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 301, 40);
  cairo_surface_flush(s);
  for (int y = 0; y < 40; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(cairo_image_surface_get_data(s) + y * cairo_image_surface_get_stride(s));
    for (int x = 0; x < 301; ++x) row[x] = static_cast<uint32_t>((x + y) % 200) * 0x010305u + 0x200000u;
  }
  cairo_surface_mark_dirty(s);
  const std::string picture = lh::package::encode_scan(s, 200);
  ASSERT_TRUE(is_png(picture));
  EXPECT_EQ(png_colour_type(picture), 3);
  EXPECT_EQ(png_bit_depth(picture), 8);
  expect_same_colours(s, picture);
  cairo_surface_destroy(s);
}

TEST(ScanPicture, AGreyPageIsAGreyPngAndAPageOfManyColoursAnRgbPng) {
  cairo_surface_t* grey = page_surface(1001, 613, {{500, 300, 0x808080u}});
  const std::string g = lh::package::encode_scan(grey, 200);
  EXPECT_TRUE(is_png(g));
  EXPECT_STREQ(lh::package::scan_media_type(g), "image/png");
  EXPECT_EQ(png_bit_depth(g), 8);
  EXPECT_EQ(png_colour_type(g), 0);
  cairo_surface_destroy(grey);
  // 300 colours (a photograph on the page): more than a palette holds.
  cairo_surface_t* colour = page_surface(1001, 613);
  auto* row = reinterpret_cast<uint32_t*>(cairo_image_surface_get_data(colour) + 100 * cairo_image_surface_get_stride(colour));
  for (uint32_t x = 0; x < 300; ++x) row[x] = 0x200000u + x * 0x10101u % 0x808080u + x;
  cairo_surface_mark_dirty(colour);
  const std::string c = lh::package::encode_scan(colour, 200);
  EXPECT_TRUE(is_png(c));
  EXPECT_EQ(png_bit_depth(c), 8);
  EXPECT_EQ(png_colour_type(c), 2);
  cairo_surface_destroy(colour);
}

TEST(ScanPicture, TiffinfoReadsTheGroup4PictureWhole) {
  if (!lh::test::have_program("tiffinfo")) GTEST_SKIP() << "tiffinfo (libtiff-tools) not installed";
  cairo_surface_t* s = page_surface(1654, 2339);
  const auto file = lh::test::temp_dir("scan-picture-tiffinfo") / "page.tif";
  lh::test::write_file(file, lh::package::encode_scan(s, 200));
  cairo_surface_destroy(s);
  const auto r = lh::test::run({"tiffinfo", "-D", file.string()});  // -D: decode the image data too
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("CCITT Group 4"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Image Width: 1654 Image Length: 2339"), std::string::npos) << r.out;
}
