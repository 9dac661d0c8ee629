// Pixel size of a PNG or JPEG from its header (no decoding).
#include "layout/frames.h"

namespace lh::layout {

std::pair<int, int> image_pixel_size(const model::Image& img) {
  if (img.width_px > 0 && img.height_px > 0) return {img.width_px, img.height_px};
  const auto& b = img.bytes;
  auto u8 = [&](size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(b[i])); };
  if (b.size() >= 24 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
    auto be32 = [&](size_t i) { return static_cast<int>((u8(i) << 24) | (u8(i + 1) << 16) | (u8(i + 2) << 8) | u8(i + 3)); };
    return {be32(16), be32(20)};
  }
  if (b.size() >= 4 && u8(0) == 0xFF && u8(1) == 0xD8) {
    size_t i = 2;
    while (i + 9 < b.size()) {
      if (u8(i) != 0xFF) { ++i; continue; }
      const unsigned m = u8(i + 1);
      if (m == 0xFF) { ++i; continue; }
      if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { i += 2; continue; }
      const size_t len = (u8(i + 2) << 8) | u8(i + 3);
      if ((m >= 0xC0 && m <= 0xCF) && m != 0xC4 && m != 0xC8 && m != 0xCC)
        return {static_cast<int>((u8(i + 7) << 8) | u8(i + 8)), static_cast<int>((u8(i + 5) << 8) | u8(i + 6))};
      i += 2 + len;
    }
  }
  return {0, 0};
}

double natural_width_pt(const model::Image& img) {
  const int wpx = image_pixel_size(img).first;
  return wpx > 0 ? wpx * 72.0 / 150.0 : 0;  // 150 dpi
}

}  // namespace lh::layout
