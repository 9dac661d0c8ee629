#include "fonts/sfnt.h"

#include <algorithm>
#include <vector>

namespace lh::fonts::sfnt {

void put16(std::string& s, uint32_t v) {
  s += static_cast<char>((v >> 8) & 0xff);
  s += static_cast<char>(v & 0xff);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v >> 16);
  put16(s, v & 0xffff);
}
void set16(std::string& s, size_t at, uint32_t v) {
  if (at + 2 > s.size()) return;
  s[at] = static_cast<char>((v >> 8) & 0xff);
  s[at + 1] = static_cast<char>(v & 0xff);
}
void set32(std::string& s, size_t at, uint32_t v) {
  set16(s, at, v >> 16);
  set16(s, at + 2, v & 0xffff);
}
uint32_t get16(const std::string& s, size_t at) {
  if (at + 2 > s.size()) return 0;
  return (static_cast<uint32_t>(static_cast<unsigned char>(s[at])) << 8) | static_cast<unsigned char>(s[at + 1]);
}

std::string table(hb_face_t* face, hb_tag_t tag) {
  hb_blob_t* b = hb_face_reference_table(face, tag);
  unsigned len = 0;
  const char* d = hb_blob_get_data(b, &len);
  std::string s(d ? d : "", d ? len : 0);
  hb_blob_destroy(b);
  return s;
}

std::map<hb_tag_t, std::string> tables(const std::string& bytes) {
  hb_blob_t* blob = hb_blob_create(bytes.data(), static_cast<unsigned>(bytes.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  std::map<hb_tag_t, std::string> out;
  hb_tag_t tags[64];
  unsigned count = 64;
  hb_face_get_table_tags(face, 0, &count, tags);
  for (unsigned i = 0; i < count; ++i) out[tags[i]] = table(face, tags[i]);
  hb_face_destroy(face);
  return out;
}

namespace {

uint32_t checksum(const std::string& t) {
  uint32_t sum = 0;
  for (size_t i = 0; i < t.size(); i += 4) {
    uint32_t v = 0;
    for (size_t k = 0; k < 4; ++k) v = (v << 8) | (i + k < t.size() ? static_cast<unsigned char>(t[i + k]) : 0u);
    sum += v;
  }
  return sum;
}

}  // namespace

std::string assemble(std::map<hb_tag_t, std::string>& tables) {
  const auto n = static_cast<uint32_t>(tables.size());
  uint32_t pow2 = 1, log2 = 0;
  while (pow2 * 2 <= n) pow2 *= 2, ++log2;
  std::string out;
  put32(out, 0x00010000);
  put16(out, n);
  put16(out, pow2 * 16);
  put16(out, log2);
  put16(out, n * 16 - pow2 * 16);
  uint32_t offset = 12 + 16 * n;
  std::string data;
  size_t head_at = 0;
  for (auto& [tag, bytes] : tables) {
    if (tag == HB_TAG('h', 'e', 'a', 'd')) set32(bytes, 8, 0);  // checkSumAdjustment: set over the whole file last
    put32(out, tag);
    put32(out, checksum(bytes));
    put32(out, offset + static_cast<uint32_t>(data.size()));
    put32(out, static_cast<uint32_t>(bytes.size()));
    if (tag == HB_TAG('h', 'e', 'a', 'd')) head_at = offset + data.size();
    data += bytes;
    while (data.size() % 4) data += '\0';
  }
  out += data;
  set32(out, head_at + 8, 0xB1B0AFBAu - checksum(out));  // head.checkSumAdjustment
  return out;
}

std::string with_advances(const std::string& bytes, const std::map<uint32_t, uint16_t>& advances) {
  std::map<hb_tag_t, std::string> t = tables(bytes);
  std::string& hhea = t[HB_TAG('h', 'h', 'e', 'a')];
  const std::string& hmtx = t[HB_TAG('h', 'm', 't', 'x')];
  const uint32_t glyphs = get16(t[HB_TAG('m', 'a', 'x', 'p')], 4);
  const uint32_t long_metrics = get16(hhea, 34);
  if (hhea.size() < 36 || long_metrics == 0) return bytes;
  // OpenType 'hmtx': numberOfHMetrics (advance, lsb) pairs, then an lsb for each further glyph,
  // which takes the last pair's advance.
  std::string out;
  uint32_t widest = 0;
  for (uint32_t g = 0; g < glyphs; ++g) {
    const size_t at = g < long_metrics ? 4 * g : 4 * long_metrics + 2 * (g - long_metrics);
    uint32_t advance = get16(hmtx, 4 * (std::min(g, long_metrics - 1)));
    const uint32_t lsb = get16(hmtx, g < long_metrics ? at + 2 : at);
    if (auto it = advances.find(g); it != advances.end()) advance = it->second;
    widest = std::max(widest, advance);
    put16(out, advance);
    put16(out, lsb);
  }
  t[HB_TAG('h', 'm', 't', 'x')] = std::move(out);
  set16(hhea, 10, widest);   // advanceWidthMax
  set16(hhea, 34, glyphs);   // numberOfHMetrics
  return assemble(t);
}

}  // namespace lh::fonts::sfnt
