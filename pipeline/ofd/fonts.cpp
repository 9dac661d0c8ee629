// Embedded subset fonts (GB/T 42133-2022 6.2.6 b, c): every font a page uses is cut to the glyphs
// the pages draw and the characters they encode (HarfBuzz hb-subset); a CFF-based OpenType font
// (Fandol, Noto CJK) is cut from its glyf form, rebuilt once with TrueType outlines (glyf_form.cpp,
// truetype.cpp), so that each embedded file holds cmap, loca, glyf, head, hhea, hmtx, maxp, name, OS/2 and post as 6.2.6 c lists.
#include <hb-subset.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <map>
#include <string_view>

#include "fonts/font_subset.h"
#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

std::string pattern_string(FcPattern* p, const char* key) {
  FcChar8* s = nullptr;
  return p && FcPatternGetString(p, key, 0, &s) == FcResultMatch && s ? reinterpret_cast<const char*>(s) : "";
}
int pattern_int(FcPattern* p, const char* key, int fallback) {
  int v = fallback;
  return p && FcPatternGetInteger(p, key, 0, &v) == FcResultMatch ? v : fallback;
}

FcPattern* pattern_of(PangoFont* font) {
  return font && PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : nullptr;
}

}  // namespace

bool FontKey::operator<(const FontKey& o) const {
  const auto name = [](const std::string& f) { return std::string_view(f).substr(f.rfind('/') + 1); };
  if (name(file) != name(o.file)) return name(file) < name(o.file);
  return file != o.file ? file < o.file : index < o.index;
}

FontKey font_key(PangoFont* font) {
  FcPattern* p = pattern_of(font);
  return {pattern_string(p, FC_FILE), pattern_int(p, FC_INDEX, 0)};
}

EmbeddedFont& FontTable::note(PangoFont* font) {
  if (font && font == last_font_) return *last_;
  const FontKey k = font_key(font);
  if (k.file.empty()) throw OfdError("ofd: a font without a file cannot be embedded (GB/T 42133 6.2.6 b)");
  auto [it, fresh] = fonts_.try_emplace(k);
  if (fresh) {
    FcPattern* p = pattern_of(font);
    EmbeddedFont& f = it->second;
    f.family = pattern_string(p, FC_FAMILY);
    f.postscript = pattern_string(p, FC_POSTSCRIPT_NAME);
    if (f.postscript.empty()) f.postscript = f.family;
    f.bold = pattern_int(p, FC_WEIGHT, FC_WEIGHT_REGULAR) >= FC_WEIGHT_BOLD;
    f.italic = pattern_int(p, FC_SLANT, FC_SLANT_ROMAN) != FC_SLANT_ROMAN;
    f.fixed = pattern_int(p, FC_SPACING, FC_PROPORTIONAL) == FC_MONO;
    f.serif = f.family.find("Sans") == std::string::npos && f.family.find("Hei") == std::string::npos;
  }
  last_font_ = font, last_ = &it->second;
  return it->second;
}

namespace {

void merge_seen(std::vector<uint32_t>& seen, std::set<uint32_t>& into) {
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  into.insert(seen.begin(), seen.end());
  std::vector<uint32_t>().swap(seen);
}

}  // namespace

void FontTable::note_run(const GlyphRun& run) {
  EmbeddedFont& f = note(run.font);
  f.seen_glyphs.insert(f.seen_glyphs.end(), run.glyphs.begin(), run.glyphs.end());
  f.seen_unicodes.insert(f.seen_unicodes.end(), run.chars.begin(), run.chars.end());
  constexpr size_t kMostSeen = 1 << 16;  // a long volume's repeats are merged as they come, not all kept
  if (f.seen_glyphs.size() > kMostSeen) merge_seen(f.seen_glyphs, f.glyphs);
  if (f.seen_unicodes.size() > kMostSeen) merge_seen(f.seen_unicodes, f.unicodes);
}

const EmbeddedFont& FontTable::get(PangoFont* font) const {
  if (font && font == last_font_) return *last_;
  auto it = fonts_.find(font_key(font));
  if (it == fonts_.end()) throw OfdError("ofd: a font was drawn that was not collected");
  last_font_ = font, last_ = const_cast<EmbeddedFont*>(&it->second);
  return it->second;
}

void FontTable::embed(Ids& ids) {
  int n = 0;
  for (auto& [key, f] : fonts_) {
    merge_seen(f.seen_glyphs, f.glyphs);
    merge_seen(f.seen_unicodes, f.unicodes);
    f.id = ids.take();
    f.file_name = "Font_" + std::to_string(n++) + ".ttf";
    f.bytes = subset_font(key.file, key.index, f);
  }
}

fonts::SubsetRequest cut_request(const EmbeddedFont& f) {
  fonts::SubsetRequest req;
  req.glyphs = f.glyphs;
  req.unicodes = f.unicodes;
  // Text is placed glyph by glyph (TextCode DeltaX, CGTransform): no shaping tables are needed, and
  // keeping them would pull substitutes of every used glyph into the subset.
  req.drop_tables = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG", "hdmx",
                     "LTSH", "VDMX", "kern", "fpgm", "prep", "cvt ", "gasp"};
  req.flags = HB_SUBSET_FLAGS_NO_HINTING;
  return req;
}

std::string subset_font(const std::string& file, int index, EmbeddedFont& f) {
  const fonts::SubsetRequest req = cut_request(f);
  // A CFF font is cut from its glyf form (glyf_form.cpp, made once): same glyph ids, TrueType outlines.
  const bool cff = has_cff_outlines(file, index);
  const std::string source = cff ? glyf_form(file, index, req.drop_tables) : file;
  fonts::Subset sub;
  try {
    sub = fonts::subset_font(source, cff ? 0 : index, req);
  } catch (const fonts::SubsetError& e) {
    throw OfdError(std::string("ofd: ") + e.what());
  }
  for (const auto& [g, n] : sub.new_gid) f.new_gid[g] = n;
  if (!sub.glyf) throw OfdError("ofd: " + file + " has neither glyf nor CFF outlines");
  f.outlines = cff ? "glyf (from CFF)" : "glyf";
  return std::move(sub.bytes);
}

}  // namespace lh::ofd::detail

namespace lh::ofd {

std::string truetype_form(const std::string& file, int index) {
  // The form is kept under the font's name only, so it is made with the OFD cut's table list.
  return detail::has_cff_outlines(file, index) ? detail::glyf_form(file, index, detail::cut_request({}).drop_tables) : file;
}

}  // namespace lh::ofd
