// The sfnt container (OpenType "Organization of an OpenType Font", ISO/IEC 14496-22 §4.5) as the
// font writers edit it: big-endian fields written in place, a face's tables read out, and tables
// assembled back into a file with their checksums and head.checkSumAdjustment. One place for it:
// the OFD writer rebuilds CFF fonts as glyf (ofd/truetype.cpp) and the PDF/A pass gives a
// substitute font the widths the PDF declares (pdf/font_substitute.cpp).
#pragma once
#include <hb.h>

#include <cstdint>
#include <map>
#include <string>

namespace lh::fonts::sfnt {

void put16(std::string& s, uint32_t v);
void put32(std::string& s, uint32_t v);
void set16(std::string& s, size_t at, uint32_t v);  // nothing when `at` is past the end
void set32(std::string& s, size_t at, uint32_t v);
uint32_t get16(const std::string& s, size_t at);    // 0 past the end

// The bytes of table `tag` of `face` (empty when it has none).
std::string table(hb_face_t* face, hb_tag_t tag);
// Every table of the sfnt file `bytes` by tag.
std::map<hb_tag_t, std::string> tables(const std::string& bytes);
// The sfnt file of `tables`, in tag order, with each table's checksum and head.checkSumAdjustment.
std::string assemble(std::map<hb_tag_t, std::string>& tables);

// `bytes` with the advance widths of the glyphs in `advances` (glyph id → font units) set: hmtx
// rewritten with one long metric per glyph (so any glyph may have its own advance), hhea's
// numberOfHMetrics and advanceWidthMax updated to match. Left side bearings are kept.
std::string with_advances(const std::string& bytes, const std::map<uint32_t, uint16_t>& advances);

}  // namespace lh::fonts::sfnt
