// The glyphs of one laid-out line, read from the pango runs the layout stage shaped (the same
// glyphs and positions pango_cairo_show_layout_line draws into the PDF): per glyph item its font,
// size, colour, and per cluster its characters, glyph ids and pen position.
#include <glib.h>
#include <hb.h>
#include <pango/pangofc-font.h>

#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

constexpr double kUnit = PANGO_SCALE;  // pango units per point (the layout's context is 72 dpi)

void read_attrs(const PangoGlyphItem* gi, GlyphRun& run) {
  run.rgb = layout::run_rgb(gi);
  for (GSList* l = gi->item->analysis.extra_attrs; l; l = l->next) {
    const auto* a = static_cast<const PangoAttribute*>(l->data);
    if (a->klass->type == PANGO_ATTR_UNDERLINE) run.underline = reinterpret_cast<const PangoAttrInt*>(a)->value != PANGO_UNDERLINE_NONE;
  }
}

double font_size_pt(PangoFont* font) {
  PangoFontDescription* d = pango_font_describe_with_absolute_size(font);
  const double size = pango_font_description_get_size(d) / kUnit;
  pango_font_description_free(d);
  return size;
}

bool emboldened(PangoFont* font) {
  if (!PANGO_IS_FC_FONT(font)) return false;
  FcBool b = FcFalse;
  FcPattern* p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
  return p && FcPatternGetBool(p, FC_EMBOLDEN, 0, &b) == FcResultMatch && b;
}

// The clusters of one glyph item, left to right (the layout sets Chinese and Latin text only, LTR).
void read_clusters(const char* text, const PangoGlyphItem* gi, GlyphRun& run, bool with_nominal) {
  const PangoGlyphString* gs = gi->glyphs;
  const PangoItem* item = gi->item;
  hb_font_t* hb = with_nominal ? pango_font_get_hb_font(item->analysis.font) : nullptr;
  double pen = run.x;
  // About one cluster, character and glyph per glyph (Chinese text): grown once, not by doubling.
  const size_t n = static_cast<size_t>(gs->num_glyphs);
  run.clusters.reserve(n), run.glyphs.reserve(n), run.chars.reserve(n);
  for (int i = 0; i < gs->num_glyphs;) {
    int j = i;
    while (j < gs->num_glyphs && gs->log_clusters[j] == gs->log_clusters[i]) ++j;
    const int start = gs->log_clusters[i];
    const int end = j < gs->num_glyphs ? gs->log_clusters[j] : item->length;
    Cluster c;
    c.first_char = static_cast<uint32_t>(run.chars.size());
    c.first_glyph = static_cast<uint32_t>(run.glyphs.size());
    if (start >= 0 && end >= start && end <= item->length) {
      c.text = std::string_view(text + item->offset + start, static_cast<size_t>(end - start));
      for (const char* p = c.text.data(); p < c.text.data() + c.text.size(); p = g_utf8_next_char(p))
        run.chars.push_back(g_utf8_get_char(p));
    }
    c.x = pen + gs->glyphs[i].geometry.x_offset / kUnit;
    c.y = run.baseline + gs->glyphs[i].geometry.y_offset / kUnit;
    for (int k = i; k < j; ++k) {
      const PangoGlyph g = gs->glyphs[k].glyph;
      if (g != PANGO_GLYPH_EMPTY && !(g & PANGO_GLYPH_UNKNOWN_FLAG)) run.glyphs.push_back(g);
      pen += gs->glyphs[k].geometry.width / kUnit;
    }
    c.chars = static_cast<uint32_t>(run.chars.size()) - c.first_char;
    c.glyphs = static_cast<uint32_t>(run.glyphs.size()) - c.first_glyph;
    hb_codepoint_t nominal = 0;
    if (with_nominal)
      c.nominal = c.chars == 1 && c.glyphs == 1 && hb && hb_font_get_nominal_glyph(hb, run.chars[c.first_char], &nominal) &&
                  nominal == run.glyphs[c.first_glyph];
    // A cluster without drawable glyphs (a line break, a missing character's hex box) is not text
    // the reader would see drawn: it is left out, and its code points and glyphs with it.
    if (c.glyphs > 0 && c.chars > 0) {
      run.clusters.push_back(c);
    } else {
      run.chars.resize(c.first_char);
      run.glyphs.resize(c.first_glyph);
    }
    i = j;
  }
  run.width = pen - run.x;
}

}  // namespace

std::vector<GlyphRun> glyph_runs(const layout::GlyphLine& g, bool with_nominal) {
  std::vector<GlyphRun> out;
  const char* text = layout::line_text(g);
  double x = g.x;
  for (const PangoGlyphItem* gi : layout::line_runs(g)) {
    GlyphRun run;
    run.font = gi->item->analysis.font;
    run.size_pt = run.font ? font_size_pt(run.font) : 0;
    run.synthetic_bold = run.font && emboldened(run.font);
    run.x = x;
    run.baseline = g.baseline;
    read_attrs(gi, run);
    read_clusters(text, gi, run, with_nominal);
    x += run.width;
    if (run.font && run.size_pt > 0 && !run.clusters.empty()) out.push_back(std::move(run));
  }
  return out;
}

}  // namespace lh::ofd::detail
