#include "codec/png_chunks.h"

#include <cstdint>

namespace lh::codec {

PngOverlongChunk png_overlong_chunk(std::string_view b) {
  PngOverlongChunk c;
  if (b.substr(0, 8) != std::string_view("\x89PNG\r\n\x1a\n", 8)) return c;  // not a PNG: no chunks to walk
  for (size_t at = 8; b.size() >= at && b.size() - at >= 8;) {
    uint32_t length = 0;
    for (size_t i = 0; i < 4; ++i) length = (length << 8) | static_cast<unsigned char>(b[at + i]);
    const std::string_view type = b.substr(at + 4, 4);
    const size_t left = b.size() - at - 8;
    if (type != "IDAT" && static_cast<uint64_t>(length) + 4 > left) {
      c.at = at;
      c.why = std::string(type) + " 块声明 " + std::to_string(length) + " 字节，文件只余 " + std::to_string(left) + " 字节";
      return c;
    }
    if (static_cast<uint64_t>(length) + 4 > left || type == "IEND") break;
    at += 8 + static_cast<size_t>(length) + 4;
  }
  return c;
}

std::optional<std::string> png_closed_before_overlong_chunk(std::string_view png) {
  const PngOverlongChunk cut = png_overlong_chunk(png);
  if (cut.at == std::string_view::npos) return std::nullopt;
  // IEND: no data, its CRC-32 over "IEND" is AE 42 60 82.
  static constexpr std::string_view kIend("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  std::string out(png.substr(0, cut.at));
  out += kIend;
  return out;
}

}  // namespace lh::codec
