// PNG pictures in our PDFs (pdf/images.cpp) and the chunk framing they share with the image reader
// (codec/png_chunks.h).
#include <gtest/gtest.h>

#include <cairo.h>

#include <string>

#include "codec/png_chunks.h"
#include "pdf/internal.h"

namespace {

cairo_status_t append(void* out, const unsigned char* data, unsigned int n) {
  static_cast<std::string*>(out)->append(reinterpret_cast<const char*>(data), n);
  return CAIRO_STATUS_SUCCESS;
}

std::string png_of(int w, int h) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 0.2, 0.4, 0.8);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(s, append, &out);
  cairo_surface_destroy(s);
  return out;
}

// A tEXt chunk that declares 1056964625 bytes and holds 7.
const std::string kOverlongText = std::string("\x3F\x00\x00\x11tEXt", 8) + "Comment";

}  // namespace

// The bug: cairo's PNG loader (libpng) allocated what a chunk after the image data declared, and
// then failed: a reading copy of such a photo took 1.4 GB and 10 s and came out without its picture.
// The picture is decoded from the file up to that chunk, closed by an IEND.
TEST(PngPictures, AChunkAfterTheImageDataDeclaringMoreThanTheFileHoldsLeavesThePictureWhole) {
  const std::string png = png_of(37, 21);
  const size_t iend = png.rfind("IEND") - 4;
  lh::model::Image img;
  img.media_type = "image/png";
  img.bytes = png.substr(0, iend) + kOverlongText;
  cairo_surface_t* s = lh::pdf::detail::image_surface(img);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
  EXPECT_EQ(cairo_image_surface_get_width(s), 37);
  EXPECT_EQ(cairo_image_surface_get_height(s), 21);
  cairo_surface_destroy(s);
}

// A writer asks for every picture it embeds: bytes without the PNG signature are never walked as
// chunks (a JPEG's bytes 8 to 15 would read as a chunk declaring ~1 GB).
TEST(PngPictures, PicturesThatAreNoPngAreLeftAsTheyCame) {
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x3F\x00\x00\x11tEXt", 19) + "Comment";
  EXPECT_EQ(lh::codec::png_overlong_chunk(jpeg).at, std::string::npos);
  EXPECT_FALSE(lh::codec::png_closed_before_overlong_chunk(jpeg));
  EXPECT_FALSE(lh::codec::png_closed_before_overlong_chunk(""));
}

TEST(PngPictures, OnlyAChunkOtherThanIdatThatOverrunsTheFileIsCut) {
  const std::string png = png_of(5, 4);
  EXPECT_EQ(lh::codec::png_overlong_chunk(png).at, std::string::npos) << "a whole file";
  EXPECT_FALSE(lh::codec::png_closed_before_overlong_chunk(png));

  const size_t idat = png.find("IDAT") - 4;
  const lh::codec::PngOverlongChunk cut = lh::codec::png_overlong_chunk(png.substr(0, idat) + kOverlongText);
  EXPECT_EQ(cut.at, idat);
  EXPECT_NE(cut.why.find("tEXt 块声明 1056964625 字节，文件只余 7 字节"), std::string::npos) << cut.why;

  // IDAT is read through libpng's own buffer: a truncated IDAT is the decoder's to report.
  EXPECT_EQ(lh::codec::png_overlong_chunk(png.substr(0, idat + 12)).at, std::string::npos);

  const std::optional<std::string> closed = lh::codec::png_closed_before_overlong_chunk(png.substr(0, idat) + kOverlongText);
  ASSERT_TRUE(closed);
  EXPECT_EQ(*closed, png.substr(0, idat) + std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12));
}
