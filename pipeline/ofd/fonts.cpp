// Embedded subset fonts (GB/T 42133-2022 6.2.6 b, c): every font a page uses is cut to the glyphs
// the pages draw and the characters they encode (HarfBuzz hb-subset), and a CFF-based OpenType
// font (Fandol, Noto CJK) is rebuilt with TrueType outlines (truetype.cpp), so that each embedded
// file holds cmap, loca, glyf, head, hhea, hmtx, maxp, name, OS/2 and post as 6.2.6 c lists.
#include <hb-subset.h>
#include <pango/pangofc-font.h>

#include <map>
#include <memory>
#include <mutex>

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

template <class T, void (*F)(T*)>
struct Del {
  void operator()(T* p) const { F(p); }
};
using Blob = std::unique_ptr<hb_blob_t, Del<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, Del<hb_face_t, hb_face_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, Del<hb_subset_input_t, hb_subset_input_destroy>>;
using Plan = std::unique_ptr<hb_subset_plan_t, Del<hb_subset_plan_t, hb_subset_plan_destroy>>;

bool has_table(hb_face_t* face, hb_tag_t tag) {
  Blob b(hb_face_reference_table(face, tag));
  return hb_blob_get_length(b.get()) > 0;
}

// The source faces, opened once per process: HarfBuzz checks a table (the whole CFF of an 8 MB
// Noto face) the first time it is used and keeps the result in the face, so a face shared by every
// document's subset is checked once, not once per document. hb_face_t is safe to share between
// threads; the faces live as long as the process (a handful of font files).
hb_face_t* source_face(const std::string& file, int index) {
  static std::mutex mutex;
  static struct Faces : std::map<FontKey, hb_face_t*> {  // destroyed at exit: no leak to report
    ~Faces() {
      for (auto& [k, f] : *this)
        if (f) hb_face_destroy(f);
    }
  } faces;
  std::lock_guard<std::mutex> lock(mutex);
  hb_face_t*& face = faces[FontKey{file, index}];
  if (!face) {
    Blob blob(hb_blob_create_from_file_or_fail(file.c_str()));
    if (!blob) throw OfdError("ofd: cannot read font " + file);
    face = hb_face_create(blob.get(), static_cast<unsigned>(index));
    hb_face_make_immutable(face);
  }
  return face;
}

}  // namespace

FontKey font_key(PangoFont* font) {
  FcPattern* p = pattern_of(font);
  return {pattern_string(p, FC_FILE), pattern_int(p, FC_INDEX, 0)};
}

EmbeddedFont& FontTable::note(PangoFont* font) {
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
  return it->second;
}

const EmbeddedFont& FontTable::get(PangoFont* font) const {
  auto it = fonts_.find(font_key(font));
  if (it == fonts_.end()) throw OfdError("ofd: a font was drawn that was not collected");
  return it->second;
}

void FontTable::embed(Ids& ids) {
  int n = 0;
  for (auto& [key, f] : fonts_) {
    f.id = ids.take();
    f.file_name = "Font_" + std::to_string(n++) + ".ttf";
    f.bytes = subset_font(key.file, key.index, f);
  }
}

std::string subset_font(const std::string& file, int index, EmbeddedFont& f) {
  hb_face_t* face = source_face(file, index);
  Input in(hb_subset_input_create_or_fail());
  if (!in) throw OfdError("ofd: hb-subset cannot start on " + file);
  hb_set_add(hb_subset_input_glyph_set(in.get()), 0);  // .notdef stays glyph 0
  for (uint32_t g : f.glyphs) hb_set_add(hb_subset_input_glyph_set(in.get()), g);
  for (uint32_t u : f.unicodes) hb_set_add(hb_subset_input_unicode_set(in.get()), u);
  // Text is placed glyph by glyph (TextCode DeltaX, CGTransform): no shaping tables are needed, and
  // keeping them would pull substitutes of every used glyph into the subset.
  hb_set_t* drop = hb_subset_input_set(in.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* t : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "VORG", "vhea", "vmtx", "DSIG", "hdmx",
                        "LTSH", "VDMX", "kern", "fpgm", "prep", "cvt ", "gasp"})
    hb_set_add(drop, hb_tag_from_string(t, 4));
  hb_subset_input_set_flags(in.get(), HB_SUBSET_FLAGS_NO_HINTING);
  Plan plan(hb_subset_plan_create_or_fail(face, in.get()));
  if (!plan) throw OfdError("ofd: hb-subset cannot plan a subset of " + file);
  const hb_map_t* map = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  for (uint32_t g : f.glyphs) {
    const hb_codepoint_t n = hb_map_get(map, g);
    if (n != HB_MAP_VALUE_INVALID) f.new_gid[g] = n;
  }
  Face sub(hb_subset_plan_execute_or_fail(plan.get()));
  if (!sub) throw OfdError("ofd: hb-subset failed on " + file);
  Blob out(hb_face_reference_blob(sub.get()));
  unsigned len = 0;
  const char* data = hb_blob_get_data(out.get(), &len);
  std::string sfnt(data ? data : "", data ? len : 0);
  if (sfnt.empty()) throw OfdError("ofd: hb-subset gave an empty font for " + file);
  if (has_table(sub.get(), HB_TAG('g', 'l', 'y', 'f'))) {
    f.outlines = "glyf";
    return sfnt;
  }
  if (!has_table(sub.get(), HB_TAG('C', 'F', 'F', ' '))) throw OfdError("ofd: " + file + " has neither glyf nor CFF outlines");
  f.outlines = "glyf (from CFF)";
  return cff_to_truetype(sfnt);
}

}  // namespace lh::ofd::detail
