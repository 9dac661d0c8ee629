// Text objects (GB/T 33190-2016 §11): one TextObject per glyph run (font, size and colour fixed),
// its TextCode placed at the layout's pen positions: X/Y of the first character, DeltaX the
// advance to each next one, rounded from absolute positions so no error accumulates. A cluster
// whose glyph is not the one the font's cmap gives for its character (or several characters
// shaped together) gets a CGTransform (§11.4) naming the glyphs in the embedded subset.
// Size is the em size in mm (GB/T 42133 6.6 c); a synthesized bold face gets Weight 700.
#include <cmath>

#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

// DeltaX values (thousandths of a mm) with the ST_Array abbreviation "g N v" (N equal values v,
// §11.3 table 51).
std::string delta_list(const std::vector<long>& d) {
  std::string out;
  for (size_t i = 0; i < d.size();) {
    size_t j = i;
    while (j < d.size() && d[j] == d[i]) ++j;
    if (!out.empty()) out += ' ';
    const std::string v = milli(d[i]);
    if (j - i >= 3) {
      out += "g " + std::to_string(j - i) + " " + v;
    } else {
      out += v;
      for (size_t k = i + 1; k < j; ++k) out += " " + v;
    }
    i = j;
  }
  return out;
}

void write_cg_transforms(XmlWriter& x, const GlyphRun& run, const EmbeddedFont& font) {
  int pos = 0;
  for (const Cluster& c : run.clusters) {
    if (!c.nominal) {
      std::string ids;
      for (uint32_t k = c.first_glyph; k < c.first_glyph + c.glyphs; ++k) {
        auto it = font.new_gid.find(run.glyphs[k]);
        ids += (ids.empty() ? "" : " ") + std::to_string(it == font.new_gid.end() ? 0 : it->second);
      }
      x.start("ofd:CGTransform");
      x.attr("CodePosition", pos);
      x.attr("CodeCount", static_cast<int64_t>(c.chars));
      x.attr("GlyphCount", static_cast<int64_t>(c.glyphs));
      x.start("ofd:Glyphs");
      x.text(ids);
      x.end();
      x.end();
    }
    pos += static_cast<int>(c.chars);
  }
}

// The TextCode: positions relative to the object's Boundary origin (bx, by), in mm.
void write_text_code(XmlWriter& x, const GlyphRun& run, double bx, double by) {
  std::string text;
  std::vector<long> dx, dy;  // thousandths of a mm
  dx.reserve(run.chars.size()), dy.reserve(run.chars.size());
  bool any_dy = false;
  auto r = [](double pt) { return std::lround(pt * kMmPerPt * 1000); };  // 0.001 mm
  long px = r(run.clusters.front().x - bx), py = r(run.clusters.front().y - by);
  for (size_t i = 0; i < run.clusters.size(); ++i) {
    const Cluster& c = run.clusters[i];
    text += c.text;
    const long cx = r(c.x - bx), cy = r(c.y - by);
    if (i > 0) {
      dx.push_back(cx - px);
      dy.push_back(cy - py);
      any_dy = any_dy || cy != py;
    }
    for (uint32_t k = 1; k < c.chars; ++k) dx.push_back(0), dy.push_back(0);  // the cluster's other characters
    px = cx, py = cy;
  }
  x.start("ofd:TextCode");
  x.attr("X", milli(r(run.clusters.front().x - bx)));
  x.attr("Y", milli(r(run.clusters.front().y - by)));
  if (!dx.empty()) x.attr("DeltaX", delta_list(dx));
  if (any_dy) x.attr("DeltaY", delta_list(dy));
  x.text(text);
  x.end();
}

void write_underline(XmlWriter& x, const GlyphRun& run, Package& pkg) {
  PangoFontMetrics* m = pango_font_get_metrics(run.font, nullptr);
  const double pos = pango_font_metrics_get_underline_position(m) / double(PANGO_SCALE);
  const double thick = std::max(0.1, pango_font_metrics_get_underline_thickness(m) / double(PANGO_SCALE));
  pango_font_metrics_unref(m);
  layout::RectItem r;
  r.x = run.x, r.y = run.baseline - pos, r.w = run.width, r.h = thick;
  r.filled = true, r.fill_rgb = run.rgb;
  write_graphic(x, layout::Item{r}, pkg);
}

void write_run(XmlWriter& x, const GlyphRun& run, Package& pkg, bool drawn) {
  const EmbeddedFont& font = pkg.fonts.get(run.font);
  // The Boundary holds the run with room for ascenders, descenders and overhanging glyphs.
  // Its origin is rounded to the 0.001 mm the file writes first, so origin + X/Y lands exactly on
  // the layout's positions rounded once (not twice).
  auto on_grid = [](double pt) { return std::round(pt * kMmPerPt * 1000) / 1000 / kMmPerPt; };
  const double bx = on_grid(run.x - run.size_pt * 0.5), by = on_grid(run.baseline - run.size_pt * 1.2);
  x.start("ofd:TextObject");
  x.attr("ID", pkg.ids.take());
  x.attr("Boundary", box_mm(bx, by, run.width + run.size_pt, run.size_pt * 1.8));
  x.attr("Font", font.id);
  x.attr("Size", mm(run.size_pt));
  if (run.synthetic_bold) x.attr("Weight", "700");
  if (!drawn) x.attr("Fill", "false");
  if (drawn && run.rgb != 0) {
    x.start("ofd:FillColor");
    x.attr("Value", rgb_value(run.rgb));
    x.end();
  }
  write_cg_transforms(x, run, font);
  write_text_code(x, run, bx, by);
  x.end();
  if (drawn && run.underline) write_underline(x, run, pkg);
}

}  // namespace

void write_text_line(XmlWriter& x, const layout::GlyphLine& g, Package& pkg, bool drawn) {
  for (const GlyphRun& run : glyph_runs(g)) write_run(x, run, pkg, drawn);
}

}  // namespace lh::ofd::detail
