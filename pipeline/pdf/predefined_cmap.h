// The predefined CMaps of PDF 32000-1 §9.7.5.2 (UniGB-UCS2-H, GBK-EUC-H, …) and Adobe's CID →
// Unicode tables, read from Debian's poppler-data (/usr/share/poppler/cMap/Adobe-<ordering>/,
// /usr/share/poppler/cidToUnicode/Adobe-<ordering>), so the PDF/A pass can tell which CIDs a
// source PDF's text shows with a font it did not embed, and which characters those are
// (font_substitute.h). Each file is read once per process and kept: a night converts thousands of
// PDFs that all name the same two or three CMaps.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace lh::pdf::detail {

class PredefinedCMap {
 public:
  // The CID of each character code in `codes` (a string operand of Tj/TJ/'/"), in order: codes are
  // split by the codespace ranges (§9.7.6.2), a code the CMap does not map gives CID 0 (.notdef).
  // For a CID → Unicode CMap (bfrange, bfchar), the character of each code instead.
  std::vector<uint32_t> cids(const std::string& codes) const;
  // The CID (or, for a bf CMap, the character) of one code of `bytes` bytes; 0 when not mapped.
  uint32_t lookup(uint32_t code, int bytes) const;
  bool vertical() const { return vertical_; }

  struct Range {
    uint32_t lo = 0, hi = 0;
    int bytes = 0;
    uint32_t cid = 0;     // the CID of lo (cidrange, cidchar); unused for a codespace range
    bool notdef = false;  // a notdefrange: every code of it gives `cid` (§9.7.6.3)
  };
  // Parses a CMap file's text (PostScript resource form, Adobe TN #5014); a CMap it names with
  // usecmap is read from `dir`. Bad text gives a CMap that maps less, never an exception.
  static PredefinedCMap parse(const std::string& text, const std::string& dir, int depth = 0);

 private:
  std::vector<Range> codespace_;
  std::vector<Range> mappings_;  // sorted by (bytes, lo); later files' ranges win over usecmap's
  uint32_t widest_ = 0;          // the largest hi - lo of mappings_: how far back a lookup looks
  bool vertical_ = false;
  bool identity_ = false;        // Identity-H/V: two bytes, CID = code
  friend const PredefinedCMap* predefined_cmap(const std::string& ordering, const std::string& name);
};

// The CMap `name` (without the slash) of Adobe-`ordering` ("GB1", "CNS1"), or Identity-H/-V;
// nullptr when poppler-data has no such file. Cached per process.
const PredefinedCMap* predefined_cmap(const std::string& ordering, const std::string& name);

// The character of CID `cid` of Adobe-`ordering` as Poppler draws a font it substitutes: the
// Adobe-<ordering>-UCS2 CMap, else the cidToUnicode file (line n = CID n); 0 when neither has one.
uint32_t unicode_of_cid(const std::string& ordering, uint32_t cid);

}  // namespace lh::pdf::detail
