// The two halves of the substitution (font_substitute.h): font_substitute.cpp finds the fonts that
// are not embedded and rewrites their dictionaries; font_substitute_program.cpp makes the program
// each one embeds, from the role face. Candidate is what passes between them.
#pragma once
#include <cstdint>
#include <map>
#include <set>
#include <string>

#include <qpdf/QPDFObjectHandle.hh>

#include "pdf/font_substitute.h"
#include "pdf/predefined_cmap.h"

namespace lh::pdf::detail {

// A font the pass found, and what it knows of it.
struct Candidate {
  QPDFObjectHandle type0, cid_font;
  std::string name, ordering;
  const PredefinedCMap* cmap = nullptr;
  const SubstituteFace* face = nullptr;
  std::string refused;          // set: left as it is, and why
  std::set<uint32_t> cids;      // every CID its text shows (a simple font: every code)
  bool simple = false;          // a simple Latin font (latin_names): `type0` is the font itself
};

// CID (a simple font: code) → glyph of the role face for every one `c` shows; else why not.
std::string plan(const Candidate& c, std::map<uint32_t, uint32_t>& glyph_of);
// The cut of the role face holding those glyphs, as `program`, and CID → its glyph id; else why not.
std::string cut(const Candidate& c, const std::map<uint32_t, uint32_t>& glyph_of, std::string& program,
                std::map<uint32_t, uint32_t>& cut_gid);
// The subset tag (PDF 32000-1 §9.6.4) of an embedded program.
std::string subset_tag(const std::string& program);

}  // namespace lh::pdf::detail
