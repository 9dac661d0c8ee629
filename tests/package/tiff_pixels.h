// A 1-bit TIFF page picture (package/scan_picture.h) read back by libtiff itself, strip by strip, so
// that a test compares the pixels a reader gets with the pixels drawn.
#pragma once
#include <tiffio.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "test_support.h"

namespace lh::test {

struct BilevelTiff {
  uint32_t width = 0, height = 0;
  uint16_t compression = 0, photometric = 0, bits_per_sample = 0, resolution_unit = 0;
  float x_resolution = 0, y_resolution = 0;
  std::vector<unsigned char> rows;  // (width + 7) / 8 bytes a row, as decoded (WhiteIsZero: 1 = black)

  bool black(uint32_t x, uint32_t y) const {
    const size_t row_bytes = (width + 7) / 8;
    const unsigned char v = rows[row_bytes * y + x / 8];
    return ((v >> (7 - x % 8)) & 1u) == (photometric == PHOTOMETRIC_MINISWHITE ? 1u : 0u);
  }
};

// nullopt when libtiff cannot open or decode it.
inline std::optional<BilevelTiff> read_bilevel_tiff(const std::string& bytes) {
  const auto file = temp_dir("tiff-pixels") / "page.tif";
  write_file(file, bytes);
  TIFF* t = TIFFOpen(file.c_str(), "r");
  if (!t) return std::nullopt;
  BilevelTiff b;
  TIFFGetField(t, TIFFTAG_IMAGEWIDTH, &b.width);
  TIFFGetField(t, TIFFTAG_IMAGELENGTH, &b.height);
  TIFFGetField(t, TIFFTAG_COMPRESSION, &b.compression);
  TIFFGetField(t, TIFFTAG_PHOTOMETRIC, &b.photometric);
  TIFFGetFieldDefaulted(t, TIFFTAG_BITSPERSAMPLE, &b.bits_per_sample);
  TIFFGetFieldDefaulted(t, TIFFTAG_RESOLUTIONUNIT, &b.resolution_unit);
  TIFFGetField(t, TIFFTAG_XRESOLUTION, &b.x_resolution);
  TIFFGetField(t, TIFFTAG_YRESOLUTION, &b.y_resolution);
  const size_t row_bytes = (b.width + 7) / 8;
  b.rows.assign(row_bytes * b.height, 0);
  const tmsize_t strip = TIFFStripSize(t);
  size_t at = 0;
  for (uint32_t s = 0; s < TIFFNumberOfStrips(t) && at < b.rows.size(); ++s) {
    std::vector<unsigned char> buf(static_cast<size_t>(strip));
    const tmsize_t got = TIFFReadEncodedStrip(t, s, buf.data(), strip);
    if (got < 0) {
      TIFFClose(t);
      return std::nullopt;
    }
    const size_t take = std::min(static_cast<size_t>(got), b.rows.size() - at);
    std::copy(buf.begin(), buf.begin() + static_cast<long>(take), b.rows.begin() + static_cast<long>(at));
    at += take;
  }
  TIFFClose(t);
  if (at != b.rows.size()) return std::nullopt;
  return b;
}

}  // namespace lh::test
