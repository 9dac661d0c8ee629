// Deflate (RFC 1951) for the two containers lianghua writes: ZIP entries (APPNOTE.TXT 4.4.5,
// method 8: raw deflate), as in DOCX, XLSX and OFD packages, and PDF streams under /FlateDecode
// (PDF 32000-1 §7.4.4: the zlib format of RFC 1950). One place, libdeflate (libraries.md): it is
// 2–3× faster than zlib at the same level on fonts and XML (bench/RESULTS.md §8a6), and its
// output depends only on the input and the level, so the same inputs give the same bytes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace lh::codec {

// The deflated bytes of `bytes` at `level` (1–12, clamped), raw (ZIP) or in the zlib format
// (PDF). Never fails but for memory; an empty input gives a valid empty stream.
std::string deflate_raw(std::string_view bytes, int level);
std::string zlib_compress(std::string_view bytes, int level);

// The CRC-32 a ZIP entry carries (APPNOTE.TXT 4.4.7), libdeflate's.
uint32_t crc32(std::string_view bytes);

}  // namespace lh::codec
