// PNG chunk framing (ISO/IEC 15948 5.3: a chunk is its length (4 bytes, big-endian), type (4), data
// and CRC (4)), for the two places lianghua hands a PNG to libpng: the image reader (ingest) and
// the PDF writer's pictures (cairo's PNG loader). libpng asks for an ancillary chunk's declared
// length before reading its data (png_read_buffer), and when reading, its "chunk data is too
// large" check is only a warning: a 1 KB file whose tEXt declares 1 GB had 1 GB allocated, and a
// reading copy of it took 1.4 GB and 10 s to come out without its picture. IDAT is read through
// libpng's own small buffer whatever it declares, so only other chunks are cut.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lh::codec {

struct PngOverlongChunk {
  size_t at = std::string_view::npos;  // where its length field starts; npos: none
  std::string why;                     // "tEXt 块声明 1056964625 字节，文件只余 880 字节"
};

// The first chunk other than IDAT that declares more bytes than the file still holds: where the
// file ends for libpng. None for bytes without the 8-byte PNG signature (a JPEG, a TIFF).
PngOverlongChunk png_overlong_chunk(std::string_view png);

// For a decoder that wants a whole file, and for a writer that embeds the picture in a DOCX or an
// OFD (whose readers hand it to libpng in turn): the PNG up to its first overlong chunk, closed by an
// IEND chunk (the pixels before it decode whole); nullopt when it has none or is no PNG (use the
// bytes as they are).
std::optional<std::string> png_closed_before_overlong_chunk(std::string_view png);

}  // namespace lh::codec
