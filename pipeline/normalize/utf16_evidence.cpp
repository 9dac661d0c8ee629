// UTF-16 without a byte-order mark (Windows "Unicode text" exports, Notepad's "UTF-16 LE" without
// BOM): decided on evidence that text in a byte encoding (GB18030/GBK, Big5, UTF-8) cannot give,
// since none of them writes a NUL byte, and that a binary file does not give either:
//   - an even number of bytes, read as 16-bit units;
//   - those units decode cleanly: no U+0000, no C0 control other than \t \n \v \f \r, no
//     noncharacter U+FFFE/U+FFFF, no unpaired surrogate (a high one cut off at the end of the
//     window looked at is allowed);
//   - units whose high byte is zero, ASCII (in UTF-16LE the zero byte sits at the odd offset):
//     a line end (CR LF is 0D 00 0A 00 in LE) is proof enough; without one, four such units, or
//     ASCII for half the text (a short "OK").
// The byte order is the reading that has this evidence and the other lacks. Both readings can be
// clean: a character U+xx00 (一 U+4E00, the ideographic space U+3000) puts its zero byte at the
// other offset, and is ASCII in the wrong reading (一 read as BE is 'N'). Line ends decide then,
// for their wrong reading (U+0A00, U+0D00) is no text character, else the reading with more ASCII.
// Text with no zero byte at all (ideographs and full-width punctuation only, none of them U+xx00)
// has none of this evidence; decode_text weighs its clean UTF-16 readings against the GB18030 and
// Big5 ones by their common characters instead (utf16_reads_clean, encoding.cpp's decide_legacy).
#include <cstddef>
#include <cstdint>

#include "normalize/encoding.h"

namespace lh::normalize {
namespace {

// Looked at: the first 64 KiB, enough for any export's evidence and cheap for a sniff.
constexpr size_t kWindow = 64 * 1024;

struct Reading {
  size_t units = 0, ascii = 0, line_ends = 0, bad = 0;
};

bool is_bad_control(uint16_t u) { return u == 0 || (u < 0x20 && (u < 0x09 || u > 0x0D)) || u == 0xFFFE || u == 0xFFFF; }

Reading read_units(std::string_view b, bool little_endian) {
  Reading r;
  auto unit = [&](size_t i) -> uint16_t {
    const auto lo = static_cast<unsigned char>(b[little_endian ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(b[little_endian ? i + 1 : i]);
    return static_cast<uint16_t>(hi << 8 | lo);
  };
  for (size_t i = 0; i + 1 < b.size(); i += 2) {
    const uint16_t u = unit(i);
    ++r.units;
    if (u >= 0xD800 && u <= 0xDBFF) {  // high surrogate: a low one must follow
      if (i + 3 >= b.size()) break;    // cut off by the window
      const uint16_t next = unit(i + 2);
      if (next >= 0xDC00 && next <= 0xDFFF) { i += 2; continue; }
      ++r.bad;
      continue;
    }
    if (u >= 0xDC00 && u <= 0xDFFF) { ++r.bad; continue; }
    if (is_bad_control(u)) { ++r.bad; continue; }
    if (u < 0x80) ++r.ascii;
    if (u == '\n' || u == '\r') ++r.line_ends;
  }
  return r;
}

bool has_evidence(const Reading& r) {
  if (r.bad > 0 || r.ascii == 0) return false;
  return r.line_ends > 0 || r.ascii >= 4 || r.ascii * 2 >= r.units;
}

}  // namespace

bool utf16_reads_clean(std::string_view bytes, bool little_endian) {
  if (bytes.size() < 2 || bytes.size() % 2 != 0) return false;
  return read_units(bytes.substr(0, kWindow), little_endian).bad == 0;
}

std::optional<std::string> utf16_without_bom(std::string_view bytes) {
  if (bytes.size() < 2 || bytes.size() % 2 != 0) return std::nullopt;
  const std::string_view window = bytes.substr(0, kWindow);  // kWindow is even
  if (window.find('\0') == std::string_view::npos) return std::nullopt;  // no zero high byte: no ASCII unit
  const Reading le = read_units(window, true), be = read_units(window, false);
  const bool le_ok = has_evidence(le), be_ok = has_evidence(be);
  if (le_ok && !be_ok) return "UTF-16LE";
  if (be_ok && !le_ok) return "UTF-16BE";
  if (!le_ok) return std::nullopt;
  if ((le.line_ends > 0) != (be.line_ends > 0)) return le.line_ends > 0 ? "UTF-16LE" : "UTF-16BE";
  if (le.ascii != be.ascii) return le.ascii > be.ascii ? "UTF-16LE" : "UTF-16BE";
  return std::nullopt;
}

}  // namespace lh::normalize
