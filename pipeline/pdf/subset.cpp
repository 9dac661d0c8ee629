// FontSubsets (subset.h): glyphs collected from the laid pages, fonts cut with hb-subset through the
// one wrapper both writers share (fonts/font_subset.h), the cuts loaded with FreeType
// from memory and handed to cairo as FT faces (cairo_ft_font_face_create_for_ft_face; the bytes
// and the FT_Face live as long as cairo's face, freed by its user-data destructor, as cairo's
// documentation prescribes). Per process: every font file is opened once (font_subset.h); the last
// few cuts are kept, so a document drawn twice costs one cut.
#include "pdf/subset.h"

#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-subset.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <list>
#include <mutex>
#include <set>
#include <utility>
#include <vector>

#include "fonts/font_subset.h"

namespace lh::pdf::detail {
namespace {

using FileKey = std::pair<std::string, int>;  // font file, face index in it (a TTC holds several)

// Tables a PDF's embedded font never uses: layout (pango shaped the text already), vertical
// metrics, colour and bitmap glyphs, signatures. Dropping GSUB also spares hb-subset its closure.
constexpr const char* kDroppedTables[] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx",
                                          "VORG", "DSIG", "kern", "morx", "mort", "feat", "COLR", "CPAL",
                                          "SVG ", "sbix", "CBDT", "CBLC", "EBDT", "EBLC", "EBSC", "meta"};

std::mutex g_ft_mutex;  // FT_New_Face/FT_Done_Face on one FT_Library must not run concurrently

FT_Library ft_library() {
  static FT_Library lib = [] {
    FT_Library l = nullptr;
    if (FT_Init_FreeType(&l) != 0) l = nullptr;
    return l;
  }();
  return lib;
}

struct HeldFace {  // what a cairo face made from memory must keep alive
  std::shared_ptr<const std::string> bytes;
  FT_Face face = nullptr;
};
cairo_user_data_key_t g_held_key;

void release_held(void* p) {
  auto* h = static_cast<HeldFace*>(p);
  {
    std::lock_guard<std::mutex> lock(g_ft_mutex);
    FT_Done_Face(h->face);
  }
  delete h;
}

// A cairo face over the font bytes; each call makes its own FT_Face, so the synthetic-bold face
// (cairo keeps one face per FT_Face and load flags) does not embolden the regular one.
cairo_font_face_t* cairo_face(const std::shared_ptr<const std::string>& bytes, bool bold) {
  auto held = std::make_unique<HeldFace>();
  held->bytes = bytes;
  {
    std::lock_guard<std::mutex> lock(g_ft_mutex);
    FT_Library lib = ft_library();
    if (!lib || FT_New_Memory_Face(lib, reinterpret_cast<const FT_Byte*>(bytes->data()),
                                   static_cast<FT_Long>(bytes->size()), 0, &held->face) != 0)
      return nullptr;
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(held->face, 0);
  if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS ||
      cairo_font_face_set_user_data(face, &g_held_key, held.get(), release_held) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    release_held(held.release());
    return nullptr;
  }
  held.release();  // owned by the face now
  if (bold) cairo_ft_font_face_set_synthesize(face, CAIRO_FT_SYNTHESIZE_BOLD);
  return face;
}

}  // namespace

struct SubsetFont {
  std::shared_ptr<const std::string> bytes;          // the cut font (OpenType)
  std::unordered_map<uint32_t, uint32_t> gid;        // the source font's glyph id → the cut's
  cairo_font_face_t* regular = nullptr;
  cairo_font_face_t* bold = nullptr;                 // made on first need
  std::mutex m;
  ~SubsetFont() {
    if (regular) cairo_font_face_destroy(regular);
    if (bold) cairo_font_face_destroy(bold);
  }
  cairo_font_face_t* face(bool want_bold) {
    std::lock_guard<std::mutex> lock(m);
    cairo_font_face_t*& f = want_bold ? bold : regular;
    if (!f) f = cairo_face(bytes, want_bold);
    return f;
  }
};

fonts::SubsetRequest cut_request(const std::set<uint32_t>& glyphs) {
  fonts::SubsetRequest req;
  req.glyphs = glyphs;
  // No unicodes asked for: cairo takes each glyph's text from the clusters (hb-subset still keeps
  // the cmap entries of the kept glyphs). Charstrings without subroutines: a cut of a few hundred
  // glyphs is as small and cheaper to make (and for cairo to subset again).
  req.flags = HB_SUBSET_FLAGS_DESUBROUTINIZE;
  req.drop_tables.assign(std::begin(kDroppedTables), std::end(kDroppedTables));
  return req;
}

namespace {

// Cuts a font to `glyphs` (fonts/font_subset.h). nullptr when hb-subset refuses or loses a glyph.
std::shared_ptr<SubsetFont> cut(const FileKey& file, const std::set<uint32_t>& glyphs) {
  const fonts::SubsetRequest req = cut_request(glyphs);
  fonts::Subset sub;
  try {
    sub = fonts::subset_font(file.first, file.second, req);
  } catch (const fonts::SubsetError&) {
    return nullptr;  // drawn with the whole font
  }
  if (sub.new_gid.size() != glyphs.size()) return nullptr;
  auto out = std::make_shared<SubsetFont>();
  out->gid = std::move(sub.new_gid);
  out->bytes = std::make_shared<const std::string>(std::move(sub.bytes));
  return out;
}

// The last few cuts (key: file, index, glyphs): the same document drawn again (a preview, a
// determinism check, a sign pack's sheet) costs no second cut.
std::shared_ptr<SubsetFont> cached_cut(const FileKey& file, const std::set<uint32_t>& glyphs) {
  static std::mutex m;
  static std::list<std::pair<std::string, std::shared_ptr<SubsetFont>>> recent;
  constexpr size_t kKeep = 16;
  std::string key = file.first + '\0' + std::to_string(file.second) + '\0';
  for (uint32_t g : glyphs) key.append(reinterpret_cast<const char*>(&g), sizeof g);
  {
    std::lock_guard<std::mutex> lock(m);
    for (auto it = recent.begin(); it != recent.end(); ++it)
      if (it->first == key) {
        recent.splice(recent.begin(), recent, it);
        return it->second;
      }
  }
  std::shared_ptr<SubsetFont> made = cut(file, glyphs);
  if (!made) return nullptr;
  std::lock_guard<std::mutex> lock(m);
  recent.emplace_front(std::move(key), made);
  if (recent.size() > kKeep) recent.pop_back();
  return made;
}

struct RunFont {  // what a pango font is, for subsetting
  FileKey file;
  bool bold = false;  // synthetic emboldening (fontconfig's FC_EMBOLDEN)
};

// A pango font as a file we can cut; false for anything else (then pango draws it).
bool file_font(PangoFont* font, RunFont& out) {
  if (!font || !PANGO_IS_FC_FONT(font) || !PANGO_IS_CAIRO_FONT(font)) return false;
  FcPattern* p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
  FcChar8* file = nullptr;
  if (!p || FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch || !file) return false;
  FcBool variable = FcFalse;
  if (FcPatternGetBool(p, FC_VARIABLE, 0, &variable) == FcResultMatch && variable) return false;
  int index = 0;
  if (FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch) index = 0;
  FcBool embolden = FcFalse;
  if (FcPatternGetBool(p, FC_EMBOLDEN, 0, &embolden) != FcResultMatch) embolden = FcFalse;
  out.file = {reinterpret_cast<const char*>(file), index & 0xffff};  // high bits: named instance
  out.bold = embolden;
  return true;
}

}  // namespace

struct FontSubsets::Impl {
  std::map<PangoFont*, Use> uses;
  std::vector<std::shared_ptr<SubsetFont>> fonts;  // keeps the faces alive while drawing
  ~Impl() {
    for (auto& [f, u] : uses) cairo_font_options_destroy(u.options);
  }
};

FontSubsets::FontSubsets(const layout::Laid& laid) : impl_(std::make_unique<Impl>()) {
  struct Wanted {  // glyph ids seen, as flags (a book draws ~120,000 glyphs of ~2,000 kinds)
    std::vector<bool> seen;
    void add(uint32_t g) {
      if (g > 0xFFFF) return;  // not an OpenType glyph id (16 bits): the run is drawn by pango
      if (g >= seen.size()) seen.resize(std::max<size_t>(g + 1, 65536));
      seen[g] = true;
    }
    std::set<uint32_t> glyphs() const {
      std::set<uint32_t> out;
      for (size_t g = 0; g < seen.size(); ++g)
        if (seen[g]) out.insert(out.end(), static_cast<uint32_t>(g));
      return out;
    }
  };
  std::map<FileKey, Wanted> wanted;
  std::map<PangoFont*, RunFont> run_fonts;  // only fonts we can cut
  std::set<PangoFont*> refused;
  for (const layout::Page& page : laid.pages)
    for (const layout::Item& item : page.items) {
      const auto* g = std::get_if<layout::GlyphLine>(&item);
      if (!g) continue;
      for (const PangoGlyphItem* run : layout::line_runs(*g)) {
        PangoFont* font = run->item->analysis.font;
        if (refused.count(font)) continue;
        auto it = run_fonts.find(font);
        if (it == run_fonts.end()) {
          RunFont rf;
          if (!file_font(font, rf)) {
            refused.insert(font);
            continue;
          }
          it = run_fonts.emplace(font, rf).first;
        }
        Wanted& w = wanted[it->second.file];
        for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
          const PangoGlyph gl = run->glyphs->glyphs[i].glyph;
          if (gl != PANGO_GLYPH_EMPTY && !(gl & PANGO_GLYPH_UNKNOWN_FLAG)) w.add(gl);
        }
      }
    }
  std::map<FileKey, std::shared_ptr<SubsetFont>> cuts;
  for (auto& [file, w] : wanted)
    if (auto c = cached_cut(file, w.glyphs())) {
      cuts[file] = c;
      impl_->fonts.push_back(c);
    }
  for (auto& [font, rf] : run_fonts) {
    auto c = cuts.find(rf.file);
    if (c == cuts.end()) continue;
    Use u;
    u.face = c->second->face(rf.bold);
    if (!u.face) continue;
    u.gid = &c->second->gid;
    cairo_scaled_font_t* sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
    if (!sf) continue;
    cairo_scaled_font_get_font_matrix(sf, &u.font_matrix);
    u.options = cairo_font_options_create();
    cairo_scaled_font_get_font_options(sf, u.options);
    impl_->uses.emplace(font, u);
  }
}

FontSubsets::~FontSubsets() = default;

const FontSubsets::Use* FontSubsets::find(PangoFont* font) const {
  auto it = impl_->uses.find(font);
  return it == impl_->uses.end() ? nullptr : &it->second;
}

}  // namespace lh::pdf::detail
