// LineDrawer (subset.h): a PangoRenderer that draws like pango's own cairo renderer
// (pangocairo-render.c: glyph positions, clusters for cairo_show_text_glyphs, colours, underline
// rectangles) but shows each run with the document's subset face and renumbered glyph ids. The
// base PangoRenderer walks the line and its attributes; only the drawing calls are ours. A run it
// cannot map (a font not cut, an unknown glyph's hex box) is handed to pango_cairo_show_glyph_item.
#include <pango/pangocairo.h>

#include <algorithm>
#include <vector>

#include "pdf/subset.h"

namespace {

struct LhSubsetRenderer {
  PangoRenderer parent;
  cairo_t* cr;
  const lh::pdf::detail::FontSubsets* fonts;
  double x0, y0;  // where the line's (0, 0) is on the page
};
struct LhSubsetRendererClass {
  PangoRendererClass parent_class;
};

}  // namespace

G_DEFINE_TYPE(LhSubsetRenderer, lh_subset_renderer, PANGO_TYPE_RENDERER)

namespace {

LhSubsetRenderer* self_of(PangoRenderer* r) { return reinterpret_cast<LhSubsetRenderer*>(r); }

// The part's colour; black where the run has none (the colour every line starts with).
void set_color(LhSubsetRenderer* self, PangoRenderPart part) {
  if (const PangoColor* c = pango_renderer_get_color(&self->parent, part))
    cairo_set_source_rgb(self->cr, c->red / 65535., c->green / 65535., c->blue / 65535.);
  else
    cairo_set_source_rgb(self->cr, 0, 0, 0);
}

// The clusters of a left-to-right run, as pango_glyph_item_iter_next_cluster walks them: a cluster
// is a maximal run of glyphs with the same log_cluster; its text runs from the previous cluster's
// end to the next glyph's log_cluster (or the item's end); empty glyphs are not counted. Computed
// from the log_clusters directly: pango's iterator also counts characters with g_utf8 calls, 2 % of
// a 300-page compile.
void ltr_clusters(const PangoGlyphItem* item, std::vector<cairo_text_cluster_t>& out) {
  const PangoGlyphString* glyphs = item->glyphs;
  const int n = glyphs->num_glyphs;
  out.reserve(static_cast<size_t>(n));
  int start = 0;  // bytes from the item's offset
  for (int g = 0; g < n;) {
    int h = g + 1;
    while (h < n && glyphs->log_clusters[h] == glyphs->log_clusters[g]) ++h;
    const int end = h < n ? glyphs->log_clusters[h] : item->item->length;
    int num_glyphs = h - g;
    for (int i = g; i < h; ++i)
      if (glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY) --num_glyphs;
    out.push_back({end - start, num_glyphs});
    start = end;
    g = h;
  }
}

// pango's own drawing of a run: at the run's origin, in the run's colour.
void pango_draws(LhSubsetRenderer* self, const char* text, PangoGlyphItem* item, int x, int y) {
  cairo_save(self->cr);
  set_color(self, PANGO_RENDER_PART_FOREGROUND);
  cairo_move_to(self->cr, self->x0 + double(x) / PANGO_SCALE, self->y0 + double(y) / PANGO_SCALE);
  pango_cairo_show_glyph_item(self->cr, text, item);
  cairo_restore(self->cr);
}

void draw_glyph_item(PangoRenderer* renderer, const char* text, PangoGlyphItem* item, int x, int y) {
  LhSubsetRenderer* self = self_of(renderer);
  const PangoGlyphString* glyphs = item->glyphs;
  const lh::pdf::detail::FontSubsets::Use* use = self->fonts->find(item->item->analysis.font);
  bool mapped = use != nullptr;
  std::vector<cairo_glyph_t> out;
  out.reserve(glyphs->num_glyphs);
  const double base_x = self->x0 + double(x) / PANGO_SCALE, base_y = self->y0 + double(y) / PANGO_SCALE;
  int x_position = 0;
  for (int i = 0; mapped && i < glyphs->num_glyphs; ++i) {
    const PangoGlyphInfo& gi = glyphs->glyphs[i];
    if (gi.glyph != PANGO_GLYPH_EMPTY) {
      auto g = (gi.glyph & PANGO_GLYPH_UNKNOWN_FLAG) ? use->gid->end() : use->gid->find(gi.glyph);
      if (g == use->gid->end()) {
        mapped = false;
        break;
      }
      cairo_glyph_t cg;
      cg.index = g->second;
      cg.x = base_x + double(x_position + gi.geometry.x_offset) / PANGO_SCALE;
      cg.y = base_y + double(gi.geometry.y_offset) / PANGO_SCALE;
      out.push_back(cg);
    }
    x_position += gi.geometry.width;
  }
  if (!mapped) return pango_draws(self, text, item, x, y);

  // Clusters (bytes of text ↔ glyphs) as pango's cairo renderer builds them: cairo writes the
  // ToUnicode CMap from them, so the text extracts as it was typed.
  const bool backward = (item->item->analysis.level & 1) != 0;
  std::vector<cairo_text_cluster_t> clusters;
  if (!backward) {
    ltr_clusters(item, clusters);
  } else if (PangoGlyphItemIter iter; pango_glyph_item_iter_init_start(&iter, item, text)) {
    do {
      int num_glyphs = backward ? iter.start_glyph - iter.end_glyph : iter.end_glyph - iter.start_glyph;
      for (int i = std::min(iter.start_glyph, iter.end_glyph + 1); i < std::max(iter.start_glyph + 1, iter.end_glyph); ++i)
        if (glyphs->glyphs[i].glyph == PANGO_GLYPH_EMPTY) --num_glyphs;
      clusters.push_back({iter.end_index - iter.start_index, num_glyphs});
    } while (pango_glyph_item_iter_next_cluster(&iter));
  }
  // No cairo_save/restore around the run: the colour is set for every run (black where the run
  // has none, as the line starts), and the face, matrix and options left in place let the next
  // run in the same font reuse cairo's scaled font instead of looking it up again. Nothing else
  // the page draws depends on the current font; every other item sets its own colour.
  cairo_t* cr = self->cr;
  set_color(self, PANGO_RENDER_PART_FOREGROUND);
  cairo_set_font_face(cr, use->face);
  cairo_set_font_matrix(cr, &use->font_matrix);
  cairo_set_font_options(cr, use->options);
  cairo_show_text_glyphs(cr, text + item->item->offset, item->item->length, out.data(), static_cast<int>(out.size()),
                         clusters.data(), static_cast<int>(clusters.size()),
                         backward ? CAIRO_TEXT_CLUSTER_FLAG_BACKWARD : cairo_text_cluster_flags_t(0));
}

void draw_glyphs(PangoRenderer* renderer, PangoFont* font, PangoGlyphString* glyphs, int x, int y) {
  // Only reached for glyphs without text (pango's base class draws runs through draw_glyph_item).
  LhSubsetRenderer* self = self_of(renderer);
  cairo_save(self->cr);
  set_color(self, PANGO_RENDER_PART_FOREGROUND);
  cairo_move_to(self->cr, self->x0 + double(x) / PANGO_SCALE, self->y0 + double(y) / PANGO_SCALE);
  pango_cairo_show_glyph_string(self->cr, font, glyphs);
  cairo_restore(self->cr);
}

void draw_rectangle(PangoRenderer* renderer, PangoRenderPart part, int x, int y, int width, int height) {
  LhSubsetRenderer* self = self_of(renderer);
  cairo_save(self->cr);
  set_color(self, part);
  cairo_rectangle(self->cr, self->x0 + double(x) / PANGO_SCALE, self->y0 + double(y) / PANGO_SCALE,
                  double(width) / PANGO_SCALE, double(height) / PANGO_SCALE);
  cairo_fill(self->cr);
  cairo_restore(self->cr);
}

void draw_trapezoid(PangoRenderer* renderer, PangoRenderPart part, double y1, double x11, double x21, double y2,
                    double x12, double x22) {
  LhSubsetRenderer* self = self_of(renderer);
  cairo_t* cr = self->cr;
  cairo_save(cr);
  set_color(self, part);
  cairo_translate(cr, self->x0, self->y0);
  cairo_move_to(cr, x11, y1);
  cairo_line_to(cr, x21, y1);
  cairo_line_to(cr, x22, y2);
  cairo_line_to(cr, x12, y2);
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_restore(cr);
}

}  // namespace

static void lh_subset_renderer_init(LhSubsetRenderer*) {}

static void lh_subset_renderer_class_init(LhSubsetRendererClass* klass) {
  PangoRendererClass* r = PANGO_RENDERER_CLASS(klass);
  r->draw_glyph_item = draw_glyph_item;
  r->draw_glyphs = draw_glyphs;
  r->draw_rectangle = draw_rectangle;
  r->draw_trapezoid = draw_trapezoid;
}

namespace lh::pdf::detail {

LineDrawer::LineDrawer(cairo_t* cr, const FontSubsets& fonts) {
  auto* self = static_cast<LhSubsetRenderer*>(g_object_new(lh_subset_renderer_get_type(), nullptr));
  self->cr = cr;
  self->fonts = &fonts;
  renderer_ = &self->parent;
}

LineDrawer::~LineDrawer() { g_object_unref(renderer_); }

void LineDrawer::show(PangoLayoutLine* line, double x, double baseline) {
  LhSubsetRenderer* self = self_of(renderer_);
  // The origin as pango's renderer takes it: cairo's current point, which cairo keeps in 24.8
  // fixed point; the same rounding keeps every glyph where pango_cairo_show_layout_line put it.
  cairo_move_to(self->cr, x, baseline);
  cairo_get_current_point(self->cr, &self->x0, &self->y0);
  pango_renderer_draw_layout_line(renderer_, line, 0, 0);
}

void LineDrawer::show_run(const char* text, PangoGlyphItem* run, double x, double baseline) {
  LhSubsetRenderer* self = self_of(renderer_);
  cairo_move_to(self->cr, x, baseline);
  cairo_get_current_point(self->cr, &self->x0, &self->y0);
  // Drawn outside a layout line, the run's colour is not taken from its attributes by the base
  // renderer (pango_renderer_draw_layout_line's job): it is set here.
  const uint32_t rgb = layout::run_rgb(run);
  const PangoColor colour{static_cast<guint16>(((rgb >> 16) & 0xFF) * 257), static_cast<guint16>(((rgb >> 8) & 0xFF) * 257),
                          static_cast<guint16>((rgb & 0xFF) * 257)};
  pango_renderer_set_color(renderer_, PANGO_RENDER_PART_FOREGROUND, rgb ? &colour : nullptr);
  pango_renderer_draw_glyph_item(renderer_, text, run, 0, 0);
  pango_renderer_set_color(renderer_, PANGO_RENDER_PART_FOREGROUND, nullptr);
}

}  // namespace lh::pdf::detail
