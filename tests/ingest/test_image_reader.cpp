// Image reader: JPEG (incl. CMYK, truncated, EXIF), PNG (16-bit, bad CRC, truncated), TIFF (pages),
// GIF/BMP dimensions. Fixtures are encoded in the test with libjpeg, libpng, libtiff and libexif.
#include <cstdio>  // before jpeglib.h
#include <gtest/gtest.h>
#include <jpeglib.h>
#include <libexif/exif-data.h>
#include <png.h>
#include <tiffio.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "ingest/reader.h"
#include "jpeg_fixture.h"
#include "test_support.h"

namespace lh::ingest {
namespace {
using lh::test::make_jpeg;

ReadResult read_image_bytes(const std::string& bytes) {
  static const ReadOptions opt;
  return read_image(Input{bytes, "test.img", &opt});
}

const model::Image* image_of(const ReadResult& r) {
  if (r.doc.sections.empty() || r.doc.sections[0].blocks.empty()) return nullptr;
  return std::get_if<model::Image>(&r.doc.sections[0].blocks[0].value);
}

// EXIF APP1 payload ("Exif\0\0" + TIFF structure) with Orientation and DateTimeOriginal.
std::string exif_app1(int orientation, const char* date_original) {
  ExifData* ed = exif_data_new();
  exif_data_set_byte_order(ed, EXIF_BYTE_ORDER_INTEL);
  ExifEntry* o = exif_entry_new();
  exif_content_add_entry(ed->ifd[EXIF_IFD_0], o);
  exif_entry_initialize(o, EXIF_TAG_ORIENTATION);
  exif_set_short(o->data, EXIF_BYTE_ORDER_INTEL, static_cast<ExifShort>(orientation));
  exif_entry_unref(o);
  ExifEntry* d = exif_entry_new();
  exif_content_add_entry(ed->ifd[EXIF_IFD_EXIF], d);
  exif_entry_initialize(d, EXIF_TAG_DATE_TIME_ORIGINAL);
  if (d->data && d->size >= 20) std::memcpy(d->data, date_original, 20);
  exif_entry_unref(d);
  unsigned char* buf = nullptr;
  unsigned int len = 0;
  exif_data_save_data(ed, &buf, &len);
  std::string out(reinterpret_cast<char*>(buf), len);
  free(buf);
  exif_data_unref(ed);
  return out;
}

void png_append(png_structp png, png_bytep data, size_t len) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<char*>(data), len);
}

std::string make_png16(int w, int h) {
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  png_set_write_fn(png, &out, png_append, nullptr);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 16, PNG_COLOR_TYPE_RGB_ALPHA,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_pHYs(png, info, 11811, 11811, PNG_RESOLUTION_METER);  // 300 dpi
  png_write_info(png, info);
  std::vector<unsigned char> row(static_cast<size_t>(w) * 8);
  for (int y = 0; y < h; ++y) {
    for (size_t i = 0; i < row.size(); ++i) row[i] = static_cast<unsigned char>((i * 13 + static_cast<size_t>(y) * 7) ^ i);
    png_write_row(png, row.data());
  }
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  return out;
}

std::string make_tiff(int pages, int w, int h) {
  const auto dir = test::temp_dir("tiff");
  const std::string path = (dir / "t.tif").string();
  TIFF* t = TIFFOpen(path.c_str(), "w");
  std::vector<unsigned char> row(static_cast<size_t>(w));
  for (int p = 0; p < pages; ++p) {
    TIFFSetField(t, TIFFTAG_IMAGEWIDTH, w);
    TIFFSetField(t, TIFFTAG_IMAGELENGTH, h);
    TIFFSetField(t, TIFFTAG_BITSPERSAMPLE, 8);
    TIFFSetField(t, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(t, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
    TIFFSetField(t, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
    TIFFSetField(t, TIFFTAG_ROWSPERSTRIP, 8);
    TIFFSetField(t, TIFFTAG_ORIENTATION, ORIENTATION_TOPLEFT);
    TIFFSetField(t, TIFFTAG_DATETIME, "2024:03:05 10:00:00");
    for (int y = 0; y < h; ++y) {
      for (size_t x = 0; x < row.size(); ++x) row[x] = static_cast<unsigned char>(x ^ static_cast<size_t>(y));
      TIFFWriteScanline(t, row.data(), static_cast<uint32_t>(y), 0);
    }
    TIFFWriteDirectory(t);
  }
  TIFFClose(t);
  return test::read_file(path);
}

bool has_problem(const ReadResult& r, const std::string& word) {
  for (const auto& p : r.meta.problems)
    if (p.find(word) != std::string::npos) return true;
  return false;
}

TEST(ImageReader, JpegDimensionsExifAndImageBlock) {
  const std::string jpg = make_jpeg(64, 48, JCS_RGB, 3, exif_app1(6, "2024:03:05 10:00:00"), false, 300);
  ReadResult r = read_image_bytes(jpg);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.format, model::Format::Image);
  EXPECT_EQ(r.meta.pages, 1);
  EXPECT_EQ(r.meta.image_width, 64);
  EXPECT_EQ(r.meta.image_height, 48);
  EXPECT_EQ(r.meta.image_orientation, 6);
  EXPECT_EQ(r.meta.created, "2024-03-05T10:00:00");
  EXPECT_TRUE(r.meta.problems.empty());
  const model::Image* img = image_of(r);
  ASSERT_TRUE(img);
  EXPECT_EQ(img->media_type, "image/jpeg");
  EXPECT_EQ(img->bytes, jpg);
  EXPECT_EQ(img->width_px, 64);
  EXPECT_NEAR(img->width_mm, 64 / 300.0 * 25.4, 0.01);
}

TEST(ImageReader, JpegWithoutExifHasNoOrientationOrDate) {
  ReadResult r = read_image_bytes(make_jpeg(16, 16, JCS_GRAYSCALE, 1));  // JFIF default density 1:1, no unit
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.meta.image_orientation, 0);
  EXPECT_EQ(r.meta.created, "");
  EXPECT_EQ(image_of(r)->width_mm, 0);
}

TEST(ImageReader, CmykJpegReads) {
  ReadResult r = read_image_bytes(make_jpeg(40, 30, JCS_CMYK, 4));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.image_width, 40);
  EXPECT_TRUE(r.meta.problems.empty());
}

TEST(ImageReader, TruncatedJpegIsKeptWithAProblemHeaderOnlyIsDamaged) {
  for (bool progressive : {false, true}) {
    const std::string jpg = make_jpeg(256, 256, JCS_RGB, 3, {}, progressive);
    ReadResult r = read_image_bytes(jpg.substr(0, jpg.size() * 2 / 3));
    ASSERT_FALSE(r.error) << r.error->message;
    EXPECT_EQ(r.meta.image_width, 256);
    EXPECT_TRUE(has_problem(r, "truncated")) << progressive;
  }
  const std::string jpg = make_jpeg(32, 32, JCS_RGB, 3);
  ReadResult head = read_image_bytes(jpg.substr(0, 20));  // SOI + part of APP0: no frame header
  ASSERT_TRUE(head.error);
  EXPECT_EQ(head.error->kind, model::ErrorKind::Damaged);
}

TEST(ImageReader, Png16BitAndDamage) {
  const std::string png = make_png16(33, 21);
  ReadResult r = read_image_bytes(png);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.image_width, 33);
  EXPECT_EQ(r.meta.image_height, 21);
  EXPECT_EQ(image_of(r)->media_type, "image/png");
  EXPECT_NEAR(image_of(r)->width_mm, 33 / 300.0 * 25.4, 0.05);

  std::string bad_crc = png;
  const size_t idat = bad_crc.find("IDAT");
  ASSERT_NE(idat, std::string::npos);
  bad_crc[idat + 10] = static_cast<char>(bad_crc[idat + 10] ^ 0x55);  // data changes, stored CRC does not
  ReadResult c = read_image_bytes(bad_crc);
  ASSERT_TRUE(c.error);
  EXPECT_EQ(c.error->kind, model::ErrorKind::Damaged);

  ReadResult cut = read_image_bytes(png.substr(0, 30));  // inside IHDR
  ASSERT_TRUE(cut.error);
  EXPECT_EQ(cut.error->kind, model::ErrorKind::Damaged);
}

// The bug: libpng allocated what an ancillary chunk declared before reading it, so a 1 KB PNG
// whose tEXt said 1 GB cost 1 GB (and under ASan ~0.1 s each: the image fuzz target's 150 s).
// The reader now ends the file for libpng at that chunk and says why.
TEST(ImageReader, PngTextChunkDeclaringMoreThanTheFileHoldsIsNotAllocated) {
  const std::string png = make_png16(8, 8);
  const size_t idat = png.find("IDAT") - 4;
  std::string text = std::string("\x3F\x00\x00\x11tEXt", 8) + "Comment";  // declares 1056964625 bytes
  ReadResult before = read_image_bytes(png.substr(0, idat) + text + png.substr(idat));
  ASSERT_TRUE(before.error);
  EXPECT_EQ(before.error->kind, model::ErrorKind::Damaged);
  EXPECT_NE(before.error->message.find("tEXt 块声明 1056964625 字节"), std::string::npos) << before.error->message;

  // After the image data the pixels are whole: the file is kept, with the cut chunk named.
  const size_t iend = png.find("IEND") - 4;
  ReadResult after = read_image_bytes(png.substr(0, iend) + text);
  ASSERT_FALSE(after.error) << after.error->message;
  EXPECT_TRUE(has_problem(after, "the image is whole")) << testing::PrintToString(after.meta.problems);
  EXPECT_TRUE(has_problem(after, "tEXt 块声明 1056964625 字节")) << testing::PrintToString(after.meta.problems);
}

TEST(ImageReader, TiffPagesAndTags) {
  const std::string tif = make_tiff(3, 50, 40);
  ReadResult r = read_image_bytes(tif);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.meta.pages, 3);
  EXPECT_EQ(r.meta.image_width, 50);
  EXPECT_EQ(r.meta.image_height, 40);
  EXPECT_EQ(r.meta.image_orientation, 1);
  EXPECT_EQ(r.meta.modified, "2024-03-05T10:00:00");
  EXPECT_EQ(image_of(r)->media_type, "image/tiff");
  ReadResult cut = read_image_bytes(tif.substr(0, 12));
  ASSERT_TRUE(cut.error);
  EXPECT_EQ(cut.error->kind, model::ErrorKind::Damaged);
}

TEST(ImageReader, GifBmpAndUnknown) {
  std::string gif("GIF89a\x03\x00\x02\x00\x00\x00\x00;", 14);
  ReadResult g = read_image_bytes(gif);
  ASSERT_FALSE(g.error);
  EXPECT_EQ(g.meta.image_width, 3);
  EXPECT_EQ(g.meta.image_height, 2);
  std::string bmp(54, '\0');
  bmp[0] = 'B';
  bmp[1] = 'M';
  bmp[14] = 40;
  bmp[18] = 7;                                   // width 7
  bmp[22] = static_cast<char>(0xFB);             // height -5 (top-down)
  bmp[23] = bmp[24] = bmp[25] = static_cast<char>(0xFF);
  ReadResult b = read_image_bytes(bmp);
  ASSERT_FALSE(b.error);
  EXPECT_EQ(b.meta.image_width, 7);
  EXPECT_EQ(b.meta.image_height, 5);
  ReadResult u = read_image_bytes("hello");
  ASSERT_TRUE(u.error);
  EXPECT_EQ(u.error->kind, model::ErrorKind::Unsupported);
}

// ---- corpus --------------------------------------------------------------------------------------

ReadResult read_corpus_image(const std::filesystem::path& p) { return read_image_bytes(test::read_file(p)); }

TEST(ImageReaderCorpus, EveryImageReadsWithoutCrashing) {
  LH_REQUIRE_CORPUS(corpus);
  for (const auto& e : std::filesystem::directory_iterator(corpus / "img")) {
    ReadResult r = read_corpus_image(e.path());
    if (!r.error) {
      EXPECT_GT(r.meta.image_width, 0) << e.path();
      EXPECT_GT(r.meta.image_height, 0) << e.path();
    }
  }
}

TEST(ImageReaderCorpus, DamagedAndTruncatedFiles) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult crc = read_corpus_image(corpus / "img/go-invalid-crc32.png");
  ASSERT_TRUE(crc.error);
  EXPECT_EQ(crc.error->kind, model::ErrorKind::Damaged);
  // No IEND: all 232 rows decode, then the data ends; the image is kept with a note.
  ReadResult trunc = read_corpus_image(corpus / "img/go-invalid-trunc.png");
  ASSERT_FALSE(trunc.error) << trunc.error->message;
  EXPECT_TRUE(has_problem(trunc, "truncated"));
  // Progressive JPEG cut between scans, then closed with EOI: libjpeg renders it without a warning;
  // the missing scans show in coef_bits.
  ReadResult jpg = read_corpus_image(corpus / "img/go-video-001.progressive.truncated.jpeg");
  ASSERT_FALSE(jpg.error) << jpg.error->message;
  EXPECT_TRUE(has_problem(jpg, "truncated"));
}

TEST(ImageReaderCorpus, ExifOrientationCmykAnd16Bit) {
  LH_REQUIRE_CORPUS(corpus);
  ReadResult o = read_corpus_image(corpus / "img/rapidocr-img_exif_orientation.jpg");
  ASSERT_FALSE(o.error);
  EXPECT_EQ(o.meta.image_orientation, 3);
  ReadResult cmyk = read_corpus_image(corpus / "img/go-video-001.cmyk.jpeg");
  ASSERT_FALSE(cmyk.error) << cmyk.error->message;
  EXPECT_TRUE(cmyk.meta.problems.empty());
  ReadResult p16 = read_corpus_image(corpus / "img/go-pngsuite-basn6a16.png");
  ASSERT_FALSE(p16.error);
  EXPECT_EQ(p16.meta.image_width, 32);
  EXPECT_TRUE(p16.meta.problems.empty());
  ReadResult inter = read_corpus_image(corpus / "img/go-gray-gradient.interlaced.png");
  ASSERT_FALSE(inter.error);
  EXPECT_TRUE(inter.meta.problems.empty());
}

}  // namespace
}  // namespace lh::ingest
