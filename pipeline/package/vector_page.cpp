// vector_page.h: Poppler's paths and characters → layout items.
//
// Text: characters that follow each other on one baseline in one font, size and colour become one
// GlyphLine, shaped by pango in the role font (so the OFD embeds the same glyphs as a subset, as it
// does for pages we lay out) and then placed: each glyph's advance is set to the distance to the
// next character's origin in the PDF (pango documents glyph widths as the caller's to change:
// PangoGlyphGeometry), so every character starts exactly where Poppler draws it, and the OFD's
// DeltaX and the PDF writer both read those widths (ofd/glyphs.cpp, pdf/text_renderer.cpp). The
// runs are shaped alone, not in a PangoLayout (layout::ShapedRuns): the PDF placed every character.
#include "package/vector_page.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-font.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "compose/render_kit.h"
#include "ingest/poppler_state.h"
#include "lazylib/lazy_library.h"
#include "model/paths.h"

namespace lh::package {
namespace fs = std::filesystem;
namespace {

fs::path module_file() {
  const fs::path dir = model::program_dir();
  for (const fs::path& p : {dir / pdfvec::kModuleFile, dir.parent_path() / "lib" / "lianghua" / pdfvec::kModuleFile}) {
    std::error_code ec;
    if (!dir.empty() && fs::is_regular_file(p, ec)) return p;
  }
  return {};
}

// --- paths ------------------------------------------------------------------------------------

// A line of width 0 is "the thinnest line the device can draw" (ISO 32000-1 8.4.3.2): Poppler draws
// one pixel; the OFD gets the width of one pixel at 300 dpi.
constexpr double kThinnestLine = 72.0 / 300;

struct Bounds {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
};
Bounds bounds_of(const pdfvec::Subpath& s) {
  Bounds b;
  for (const auto& p : s.points) b.x0 = std::min(b.x0, p.x), b.y0 = std::min(b.y0, p.y), b.x1 = std::max(b.x1, p.x), b.y1 = std::max(b.y1, p.y);
  return b;
}

bool has_curves(const pdfvec::Subpath& s) { return std::find(s.curve.begin(), s.curve.end(), true) != s.curve.end(); }

// An axis-aligned rectangle (four corners, a fifth closing point allowed) as a filled RectItem.
std::optional<layout::RectItem> as_rectangle(const pdfvec::Subpath& s) {
  std::vector<pdfvec::Point> p = s.points;
  if (p.size() == 5 && p[4].x == p[0].x && p[4].y == p[0].y) p.pop_back();
  if (p.size() != 4 || has_curves(s)) return std::nullopt;
  for (size_t i = 0; i < 4; ++i)
    if (p[i].x != p[(i + 1) % 4].x && p[i].y != p[(i + 1) % 4].y) return std::nullopt;
  const Bounds b = bounds_of(s);
  return layout::RectItem{b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0, true, 0, 0, 0, 0};
}

// The subpath as a PathItem's point chain: straight (every point on the path) or, when it has a
// curve, a Bézier chain in which each straight segment is a curve with its ends as control points.
layout::PathItem path_item(const pdfvec::Subpath& s) {
  layout::PathItem p;
  p.closed = s.closed;
  p.curved = has_curves(s);
  auto at = [&](size_t i) { return layout::PathItem::Point{s.points[i].x, s.points[i].y}; };
  p.points.push_back(at(0));
  for (size_t i = 1; i < s.points.size(); ++i) {
    if (p.curved && !s.curve[i]) {
      if (s.curve[i - 1]) {  // the end point of a curve (its two controls came before)
        p.points.push_back(at(i));
        continue;
      }
      p.points.push_back(at(i - 1));
      p.points.push_back(at(i));
    }
    p.points.push_back(at(i));
  }
  return p;
}

// Fills of several subpaths are drawn one subpath at a time, which is the PDF's fill (nonzero or
// even-odd alike) only when no two of them overlap.
bool overlapping(const std::vector<pdfvec::Subpath>& subpaths) {
  std::vector<Bounds> b;
  for (const auto& s : subpaths) b.push_back(bounds_of(s));
  for (size_t i = 0; i < b.size(); ++i)
    for (size_t j = i + 1; j < b.size(); ++j)
      if (b[i].x0 < b[j].x1 && b[j].x0 < b[i].x1 && b[i].y0 < b[j].y1 && b[j].y0 < b[i].y1) return true;
  return false;
}

constexpr size_t kMostSubpathsCompared = 400;  // beyond that many, a fill is not taken apart

bool add_shape(const pdfvec::Shape& s, std::vector<layout::Item>& items, std::string& why) {
  if (!s.stroke && s.subpaths.size() > 1 && (s.subpaths.size() > kMostSubpathsCompared || overlapping(s.subpaths))) {
    why = "含重叠的复合填充路径";
    return false;
  }
  for (const pdfvec::Subpath& sp : s.subpaths) {
    if (sp.points.size() < 2) continue;  // a lone point: nothing painted (butt caps)
    if (s.stroke) {
      const double w = s.width > 0 ? s.width : kThinnestLine;
      if (sp.points.size() == 2 && !sp.closed) {
        items.push_back(layout::RuleItem{sp.points[0].x, sp.points[0].y, sp.points[1].x, sp.points[1].y, w, s.rgb, 0});
        continue;
      }
      layout::PathItem p = path_item(sp);
      p.filled = false;
      p.stroke = w;
      p.stroke_rgb = s.rgb;
      items.push_back(std::move(p));
    } else if (auto r = as_rectangle(sp)) {
      r->fill_rgb = s.rgb;
      items.push_back(*r);
    } else {
      layout::PathItem p = path_item(sp);
      p.closed = true;  // a fill closes every subpath
      p.filled = true;
      p.fill_rgb = s.rgb;
      items.push_back(std::move(p));
    }
  }
  return true;
}

// --- text -------------------------------------------------------------------------------------

// Characters pango would not keep on one line, or would reorder or draw as a hex box.
bool shapes_as_one_line(const std::string& text) {
  for (unsigned char c : text)
    if (c < 0x20 || c == 0x7F) return false;
  return text.find("\u2028") == std::string::npos && text.find("\u2029") == std::string::npos;
}

// The file pango drew a run with: our role file, unless it fell back to another face for a character
// the role face lacks (Poppler, drawing the whole font from the role file, would show no glyph; so
// would a character pango can only draw as a hex box).
std::string font_file(PangoFont* font) {
  FcChar8* file = nullptr;
  FcPattern* p = font && PANGO_IS_FC_FONT(font) ? pango_fc_font_get_pattern(PANGO_FC_FONT(font)) : nullptr;
  return p && FcPatternGetString(p, FC_FILE, 0, &file) == FcResultMatch ? reinterpret_cast<const char*>(file) : "";
}

// Each cluster's glyphs advanced so that the cluster starts at its first character's PDF position
// (`start_x`, by byte of the text, relative to the line's origin) and the last ends at `end_x`.
bool place_glyphs(std::vector<PangoGlyphItem>& runs, const std::vector<double>& start_x, double end_x, const std::string& role_file) {
  struct ClusterStart {
    PangoGlyphString* gs;
    int first, last;  // glyph indices
    int byte;
  };
  std::vector<ClusterStart> clusters;
  for (PangoGlyphItem& run : runs) {
    PangoGlyphItem* gi = &run;
    if (gi->item->analysis.level % 2) return false;  // right-to-left: pango would reorder it
    if (font_file(gi->item->analysis.font) != role_file) return false;
    PangoGlyphString* gs = gi->glyphs;
    for (int i = 0; i < gs->num_glyphs; ++i)
      if (gs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) return false;  // the face lacks it: pango's hex box
    for (int i = 0; i < gs->num_glyphs;) {
      int j = i;
      while (j < gs->num_glyphs && gs->log_clusters[j] == gs->log_clusters[i]) ++j;
      clusters.push_back({gs, i, j - 1, gi->item->offset + gs->log_clusters[i]});
      i = j;
    }
  }
  auto units = [](double pt) { return static_cast<long>(std::lround(pt * PANGO_SCALE)); };
  for (size_t c = 0; c < clusters.size(); ++c) {
    const ClusterStart& k = clusters[c];
    if (k.byte < 0 || static_cast<size_t>(k.byte) >= start_x.size() || std::isnan(start_x[k.byte])) return false;
    const double next = c + 1 < clusters.size() ? start_x.at(static_cast<size_t>(clusters[c + 1].byte)) : end_x;
    long inner = 0;
    for (int g = k.first; g < k.last; ++g) inner += k.gs->glyphs[g].geometry.width;
    k.gs->glyphs[k.last].geometry.width = static_cast<int>(units(next) - units(start_x[k.byte]) - inner);
  }
  return !clusters.empty();
}

// `text` itemized and shaped as a PangoLayout of one unbroken line shapes it (pango_itemize with the
// layout context's language and our font description, then pango_shape_item on each item with the
// whole text as context, no rounding), without the layout's line breaking and measuring
// (layout::ShapedRuns says why). The runs come out left to right: the text is left-to-right (a
// right-to-left item is refused by place_glyphs).
std::shared_ptr<layout::ShapedRuns> shape_alone(std::string text, model::FontRole role, double size, uint32_t rgb) {
  const layout::FontSet& fonts = compose::render_kit().fonts;
  auto shaped = std::make_shared<layout::ShapedRuns>();
  shaped->text = std::move(text);
  const char* chars = shaped->text.c_str();
  const int length = static_cast<int>(shaped->text.size());
  PangoAttrList* attrs = pango_attr_list_new();
  PangoFontDescription* fd = fonts.describe(role, size, false);
  pango_attr_list_insert(attrs, pango_attr_font_desc_new(fd));
  pango_font_description_free(fd);
  if (rgb != 0) {
    auto c16 = [&](int shift) { return static_cast<guint16>(((rgb >> shift) & 0xFF) * 257); };
    pango_attr_list_insert(attrs, pango_attr_foreground_new(c16(16), c16(8), c16(0)));
  }
  GList* items = pango_itemize(fonts.context(), chars, 0, length, attrs, nullptr);
  pango_attr_list_unref(attrs);
  for (GList* l = items; l; l = l->next) {
    PangoGlyphItem run{};
    run.item = static_cast<PangoItem*>(l->data);
    run.glyphs = pango_glyph_string_new();
    pango_shape_item(run.item, chars, length, nullptr, run.glyphs, PANGO_SHAPE_NONE);
    shaped->runs.push_back(run);
  }
  g_list_free(items);
  return shaped;
}

// One GlyphLine of characters on one baseline in one font, size and colour.
std::optional<layout::GlyphLine> glyph_line(const std::vector<const pdfvec::Glyph*>& run, model::FontRole role) {
  const pdfvec::Glyph& first = *run.front();
  std::string text;
  std::vector<double> start_x;  // by byte; NaN inside a character
  for (const pdfvec::Glyph* g : run) {
    start_x.push_back(g->x - first.x);
    start_x.resize(start_x.size() + g->text.size() - 1, std::nan(""));
    text += g->text;
  }
  if (!shapes_as_one_line(text)) return std::nullopt;
  layout::GlyphLine g;
  g.shaped = shape_alone(text, role, first.size, first.rgb);
  const pdfvec::Glyph& last = *run.back();
  if (!place_glyphs(g.shaped->runs, start_x, last.x + last.advance - first.x, compose::render_kit().fonts.role(role).matched_file))
    return std::nullopt;
  g.x = first.x;
  g.baseline = first.y;
  g.text = std::move(text);
  g.invisible = first.invisible;
  return g;
}

// Whether `next` continues the line of `prev`: same font, size, colour and baseline, starting where
// `prev` ends or a little to its right (a gap inside a line is absorbed into the advance before it;
// a wider gap, a step back or another line starts a new GlyphLine, as a reader expects words apart).
bool continues(const pdfvec::Glyph& prev, const pdfvec::Glyph& next) {
  const double gap = next.x - (prev.x + prev.advance);
  return next.font == prev.font && std::abs(next.size - prev.size) < 1e-3 && next.rgb == prev.rgb &&
         std::abs(next.y - prev.y) < 0.01 && gap > -0.01 && gap < 0.5 * prev.size;
}

}  // namespace

std::vector<pdfvec::Page> read_vector_pages(const std::string& pdf) {
  static const fs::path module = module_file();
  std::vector<pdfvec::Page> pages;
  if (module.empty()) return pages;  // the caller draws every page (vector_layout_page is not asked)
  ingest::use_poppler();  // Poppler's global state kept for the process, its messages quiet
  static const auto read = lazylib::resolve<pdfvec::ReadPages>(module.c_str(), pdfvec::kReadEntryPoint);
  std::string error;
  if (!read(pdf.data(), pdf.size(), &pages, &error)) throw std::runtime_error(error);
  return pages;
}

namespace {

// A JPEG the source page draws upright, as the image item of the OFD page (GB/T 42133-2022 6.2.6 e
// allows JPEG in an OFD-A package): the PDF's own bytes, placed where the page drew them.
layout::ImageItem copied_jpeg(const pdfvec::Picture& p) {
  auto img = std::make_shared<model::Image>();
  img->media_type = "image/jpeg";
  img->bytes = p.data;
  return layout::ImageItem{p.x, p.y, p.w, p.h, std::move(img)};
}

}  // namespace

std::optional<layout::Page> vector_layout_page(const pdfvec::Page& vp, std::string& why) {
  if (!vp.picture_because.empty()) {
    why = vp.picture_because;
    return std::nullopt;
  }
  std::vector<model::FontRole> roles;
  for (const pdfvec::Font& f : vp.fonts) {
    const auto role = substitute_role(f.family);
    if (!role) {
      why = "含未嵌入字体 " + f.name + "（Poppler 以本机字体代替，非本系统可代替的宋体、黑体、仿宋、楷体或小标宋）";
      return std::nullopt;
    }
    roles.push_back(*role);
  }
  layout::Page page;
  page.width_pt = vp.width;
  page.height_pt = vp.height;
  std::vector<const pdfvec::Glyph*> run;
  auto flush = [&] {
    if (run.empty()) return true;
    // Invisible text (font -1) is set in the Song role: its shapes are never seen, only its places.
    const int font = run.front()->font;
    auto g = glyph_line(run, font < 0 ? model::FontRole::Song : roles.at(static_cast<size_t>(font)));
    run.clear();
    if (!g) why = "含本系统字体缺字或无法按原位置排出的文字";
    else page.items.push_back(std::move(*g));
    return g.has_value();
  };
  for (const auto& item : vp.items) {
    if (const auto* g = std::get_if<pdfvec::Glyph>(&item)) {
      if (!run.empty() && !continues(*run.back(), *g) && !flush()) return std::nullopt;
      run.push_back(g);
    } else if (!flush()) {
      return std::nullopt;
    } else if (const auto* pic = std::get_if<pdfvec::Picture>(&item)) {
      page.items.push_back(copied_jpeg(*pic));
    } else if (!add_shape(std::get<pdfvec::Shape>(item), page.items, why)) {
      return std::nullopt;
    }
  }
  if (!flush()) return std::nullopt;
  return page;
}

}  // namespace lh::package
