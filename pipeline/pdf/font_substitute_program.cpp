// The substitute's font program (font_substitute.h): which glyph of the role face draws each CID
// (a simple font: each code) its text shows, and the cut of the face's glyf form that is embedded,
// its advances the widths the PDF declares. What reads the face (HarfBuzz, fonts/font_subset) is
// here; finding the fonts and rewriting their dictionaries is font_substitute.cpp's.
#include "pdf/font_substitute_program.h"

#include <hb.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <mutex>
#include <set>

#include <qpdf/QPDFObjectHandle.hh>

#include "fonts/font_subset.h"
#include "fonts/sfnt.h"
#include "pdf/internal.h"
#include "pdf/subset.h"

namespace lh::pdf::detail {
using OH = QPDFObjectHandle;

namespace {

// The role face as HarfBuzz reads characters in it: one font per face, kept for the process.
hb_font_t* lookup_font(const SubstituteFace& f) {
  static std::mutex mu;
  static std::map<std::pair<std::string, int>, hb_font_t*> fonts;
  std::lock_guard<std::mutex> lock(mu);
  auto [it, fresh] = fonts.try_emplace({f.file, f.index}, nullptr);
  if (fresh) {
    hb_face_t* face = fonts::source_face(f.file, f.index);
    it->second = face ? hb_font_create(face) : nullptr;
  }
  return it->second;
}

// The widths a CIDFont declares (PDF 32000-1 §9.7.4.3): /DW (default 1000) and the /W array.
struct Widths {
  double dw = 1000;
  std::map<uint32_t, double> w;
  double of(uint32_t cid) const {
    auto it = w.find(cid);
    return it == w.end() ? dw : it->second;
  }
};

Widths read_widths(OH cid_font) {
  Widths out;
  if (cid_font.getKey("/DW").isNumber()) out.dw = cid_font.getKey("/DW").getNumericValue();
  OH w = cid_font.getKey("/W");
  if (!w.isArray()) return out;
  std::vector<OH> a = w.getArrayAsVector();
  for (size_t i = 0; i + 1 < a.size();) {
    if (!a[i].isInteger()) break;
    const auto first = static_cast<uint32_t>(a[i].getIntValue());
    if (a[i + 1].isArray()) {  // c [w1 w2 …]
      uint32_t cid = first;
      for (OH v : a[i + 1].aitems())
        if (v.isNumber()) out.w[cid++] = v.getNumericValue();
      i += 2;
    } else if (i + 2 < a.size() && a[i + 1].isInteger() && a[i + 2].isNumber()) {  // cfirst clast w
      const auto last = static_cast<uint32_t>(a[i + 1].getIntValue());
      for (uint32_t cid = first; cid <= last && cid - first < 65536; ++cid) out.w[cid] = a[i + 2].getNumericValue();
      i += 3;
    } else {
      break;
    }
  }
  return out;
}

// A simple font's /Widths (PDF 32000-1 §9.6.2.1) by code, from /FirstChar; a code outside them
// takes the descriptor's /MissingWidth (default 0).
Widths simple_widths(OH font) {
  Widths out;
  OH desc = font.getKey("/FontDescriptor");
  out.dw = desc.isDictionary() && desc.getKey("/MissingWidth").isNumber() ? desc.getKey("/MissingWidth").getNumericValue() : 0;
  const long long first = font.getKey("/FirstChar").isInteger() ? font.getKey("/FirstChar").getIntValue() : 0;
  OH w = font.getKey("/Widths");
  if (!w.isArray() || first < 0 || first > 255) return out;
  uint32_t code = static_cast<uint32_t>(first);
  for (OH v : w.aitems()) {
    if (code > 255) break;
    if (v.isNumber()) out.w[code] = v.getNumericValue();
    ++code;
  }
  return out;
}

char hex_digit(uint32_t v) { return "0123456789ABCDEF"[v & 15]; }
std::string code_point(uint32_t u) {
  std::string s = "U+";
  for (int shift = u > 0xFFFF ? 20 : 12; shift >= 0; shift -= 4) s += hex_digit(u >> shift);
  return s;
}

// The character a WinAnsiEncoding code names (PDF 32000-1 Annex D.2: Windows code page 1252, with
// 0xA0 "space" and 0xAD "hyphen", the glyph names a reader looks up in a TrueType font's (3,1)
// cmap); 0 for a code the encoding leaves undefined.
uint32_t win_ansi_unicode(uint32_t code) {
  static const uint16_t k80[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
                                   0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
                                   0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  if (code >= 0x20 && code <= 0x7E) return code;
  if (code >= 0x80 && code <= 0x9F) return k80[code - 0x80];
  if (code == 0xA0) return 0x20;
  if (code == 0xAD) return 0x2D;
  return code > 0xA0 && code <= 0xFF ? code : 0;
}

}  // namespace

// CID (a simple font: code) → glyph of the face for every one shown; a reason when one cannot be
// drawn by it.
std::string plan(const Candidate& c, std::map<uint32_t, uint32_t>& glyph_of) {
  hb_font_t* font = lookup_font(*c.face);
  if (!font) return "the face " + c.face->file + " cannot be read";
  if (c.simple) {
    for (uint32_t code : c.cids) {
      const uint32_t u = win_ansi_unicode(code);
      hb_codepoint_t g = 0;
      if (!u) return "code " + std::to_string(code) + " has no character in WinAnsiEncoding";
      if (!hb_font_get_nominal_glyph(font, u, &g)) return code_point(u) + " is not in " + c.face->family;
      glyph_of[code] = g;
    }
    return {};
  }
  for (uint32_t cid : c.cids) {
    if (cid == 0) {
      glyph_of[0] = 0;  // .notdef stays .notdef
      continue;
    }
    const uint32_t u = detail::unicode_of_cid(c.ordering, cid);
    hb_codepoint_t g = 0;
    if (!u) return "CID " + std::to_string(cid) + " of Adobe-" + c.ordering + " has no Unicode character";
    if (!hb_font_get_nominal_glyph(font, u, &g))
      return code_point(u) + " (CID " + std::to_string(cid) + ") is not in " + c.face->family;
    glyph_of[cid] = g;
  }
  return {};
}

// A subset tag (PDF 32000-1 §9.6.4): six capitals from a content hash of the embedded program.
std::string subset_tag(const std::string& program) {
  const std::string id = detail::image_content_id(program);  // the PDF writer's one content hash
  std::string tag;
  for (size_t i = 3; tag.size() < 6 && i < id.size(); ++i) {
    const char c = id[i];
    if (std::isxdigit(static_cast<unsigned char>(c))) tag += static_cast<char>('A' + std::stoi(std::string(1, c), nullptr, 16));
  }
  return tag;
}

// The cut of the role face's glyf form holding the planned glyphs, its advances those of /W
// (6.2.11.5), and CID → the cut's glyph id. A reason instead when it cannot be made.
std::string cut(const Candidate& c, const std::map<uint32_t, uint32_t>& glyph_of, std::string& program,
                std::map<uint32_t, uint32_t>& cut_gid) {
  std::set<uint32_t> glyphs;
  for (const auto& [cid, g] : glyph_of) glyphs.insert(g);
  fonts::SubsetRequest request = detail::cut_request(glyphs);
  // A simple TrueType font's glyphs are found through its (3,1) cmap (6.2.11.6): the cut keeps the
  // characters' mappings.
  if (c.simple)
    for (const auto& [code, g] : glyph_of) request.unicodes.insert(win_ansi_unicode(code));
  fonts::Subset sub;
  std::string form;
  int index = 0;
  try {
    form = c.face->truetype_file ? c.face->truetype_file() : std::string();
    if (form.empty()) return "no TrueType form of " + c.face->family;
    index = form == c.face->file ? c.face->index : 0;  // a TrueType face is its own form
    sub = fonts::subset_font(form, index, request);
  } catch (const std::exception& e) {
    return std::string("the face could not be cut: ") + e.what();
  }
  if (!sub.glyf) return "the cut of " + form + " has no glyf outlines";
  hb_face_t* face = fonts::source_face(form, index);
  const double upem = face ? hb_face_get_upem(face) : 1000;
  const Widths widths = c.simple ? simple_widths(c.type0) : read_widths(c.cid_font);
  std::map<uint32_t, uint16_t> advances;
  for (const auto& [cid, g] : glyph_of) {
    auto it = sub.new_gid.find(g);
    if (it == sub.new_gid.end()) return "glyph " + std::to_string(g) + " was lost in the cut";
    cut_gid[cid] = it->second;
    const double w = std::max(0.0, widths.of(cid));
    const auto advance = static_cast<uint16_t>(std::lround(w * upem / 1000));
    auto [at, fresh] = advances.emplace(it->second, advance);
    if (!fresh && at->second != advance)
      return "CIDs drawn with one glyph have different widths in /W (CID " + std::to_string(cid) + ")";
  }
  program = fonts::sfnt::with_advances(sub.bytes, advances);
  return {};
}

}  // namespace lh::pdf::detail
