// Fonts embedded small (issue 12 item 1): before cairo sees a font, it is cut with HarfBuzz's
// hb-subset (the OpenType subsetter Debian ships, libharfbuzz-subset0) to the glyphs the document
// draws. cairo 1.16 reads a CFF font's whole CFF table twice per font per PDF (23 MB for Noto Serif
// CJK) and keeps every local subroutine of a CID font in what it embeds (56–670 KB per sign); given
// a font of a few dozen glyphs it reads and embeds only those (PDF 32000-1 §9.9: an embedded font
// program may be a subset). Glyph ids are renumbered by the cut; the layout's glyph positions are
// kept as pango computed them, so nothing moves. Text extraction keeps working: every run is shown
// with its text and clusters (cairo_show_text_glyphs), from which cairo writes the ToUnicode CMap
// (§9.10.3), and the cut keeps the name table, so /BaseFont still names the role's font.
#pragma once
#include <cairo.h>
#include <pango/pango.h>

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>

#include "fonts/font_subset.h"
#include "layout/frames.h"

namespace lh::pdf::detail {

// What a PDF's font cut asks hb-subset for: `glyphs` (source glyph ids), outlines desubroutinized,
// the tables a PDF's embedded font never uses dropped.
fonts::SubsetRequest cut_request(const std::set<uint32_t>& glyphs);

// One font file cut to a set of glyphs, as cairo faces (regular and with synthetic bold).
struct SubsetFont;

// The subsets of one document: every glyph its laid pages draw, per font file. Built before
// drawing; a run whose font cannot be cut (not a FreeType file font, variable, or the cut failed)
// is drawn as pango draws it, with the whole font.
class FontSubsets {
 public:
  explicit FontSubsets(const layout::Laid& laid);
  ~FontSubsets();
  FontSubsets(const FontSubsets&) = delete;
  FontSubsets& operator=(const FontSubsets&) = delete;

  struct Use {
    cairo_font_face_t* face = nullptr;                       // borrowed: lives as long as this
    const std::unordered_map<uint32_t, uint32_t>* gid = nullptr;  // the font's glyph id → the cut's
    cairo_matrix_t font_matrix{};                            // as pango's scaled font has it
    cairo_font_options_t* options = nullptr;                 // borrowed
  };
  // How to draw a run of this pango font; nullptr: draw it with pango.
  const Use* find(PangoFont* font) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// Draws lines of pango layouts with the document's subset fonts: colours, underlines and letter
// spacing as pango_cairo_show_layout_line does. One per document (one renderer object for all its
// lines, not one per line). A line leaves cairo's font and source colour as its last run set them.
class LineDrawer {
 public:
  LineDrawer(cairo_t* cr, const FontSubsets& fonts);
  ~LineDrawer();
  LineDrawer(const LineDrawer&) = delete;
  LineDrawer& operator=(const LineDrawer&) = delete;
  // The line with the left end of its baseline at (x, baseline).
  void show(PangoLayoutLine* line, double x, double baseline);
  // One run shaped alone (layout::ShapedRuns) over `text`, its origin at (x, baseline).
  void show_run(const char* text, PangoGlyphItem* run, double x, double baseline);

 private:
  PangoRenderer* renderer_ = nullptr;
};

}  // namespace lh::pdf::detail
