// Laid-out pages → PDF with cairo (libraries.md §1): every page inside one "Document" structure
// tag (without it cairo 1.16 writes a damaged xref when links are present), named destinations for
// internal links, page labels, metadata with a fixed date, then the qpdf pass (finalize.cpp).
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include "pdf/internal.h"
#include "pdf/pdf.h"
#include "pdf/subset.h"

namespace lh::pdf {

namespace detail {
cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace detail

namespace {

void set_rgb(cairo_t* cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

std::string num(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.3f", v);
  return b;
}

void rounded_rect(cairo_t* cr, double x, double y, double w, double h, double r) {
  r = std::min({r, w / 2, h / 2});
  if (r <= 0) {
    cairo_rectangle(cr, x, y, w, h);
    return;
  }
  cairo_new_sub_path(cr);
  cairo_arc(cr, x + w - r, y + r, r, -M_PI / 2, 0);
  cairo_arc(cr, x + w - r, y + h - r, r, 0, M_PI / 2);
  cairo_arc(cr, x + r, y + h - r, r, M_PI / 2, M_PI);
  cairo_arc(cr, x + r, y + r, r, M_PI, 3 * M_PI / 2);
  cairo_close_path(cr);
}

// One surface per image content: the layout copies an image for every place it is put (an emblem
// on each of 12 门牌 imposed on one sheet); cairo writes a surface once, however often it is painted.
struct Images {
  std::map<const model::Image*, cairo_surface_t*> by_ptr;
  std::map<std::string, cairo_surface_t*> by_content;  // owns the surfaces
  ~Images() {
    for (auto& [k, s] : by_content)
      if (s) cairo_surface_destroy(s);
  }
  cairo_surface_t* get(const model::Image* img) {
    auto it = by_ptr.find(img);
    if (it != by_ptr.end()) return it->second;
    const std::string id = detail::image_content_id(img->bytes);
    auto c = by_content.find(id);
    if (c == by_content.end()) c = by_content.emplace(id, detail::image_surface(*img)).first;
    return by_ptr[img] = c->second;
  }
};

class Drawer {
 public:
  // fonts: the document's subset fonts (PDF); nullptr draws text with pango's whole fonts (PNG).
  Drawer(cairo_t* cr, const layout::Laid& laid, const detail::FontSubsets* fonts = nullptr)
      : cr_(cr), laid_(laid) {
    if (fonts) lines_.emplace(cr, *fonts);
  }
  void operator()(const layout::GlyphLine& g) {
    if (g.invisible) return;  // layout/frames.h: only OFD copies of source pages have them
    cairo_set_source_rgb(cr_, 0, 0, 0);
    if (g.shaped) {
      show_shaped(g);
      return;
    }
    PangoLayoutLine* line = g.layout ? pango_layout_get_line_readonly(g.layout.get(), g.line) : nullptr;
    if (!line) return;
    if (lines_) {
      lines_->show(line, g.x, g.baseline);
      return;
    }
    cairo_move_to(cr_, g.x, g.baseline);
    pango_cairo_show_layout_line(cr_, line);
  }
  // Runs shaped alone (layout::ShapedRuns): each at the pen position the runs before it leave.
  void show_shaped(const layout::GlyphLine& g) {
    double x = g.x;
    for (PangoGlyphItem* run : layout::line_runs(g)) {
      if (lines_) {
        lines_->show_run(layout::line_text(g), run, x, g.baseline);
      } else {
        cairo_save(cr_);
        set_rgb(cr_, layout::run_rgb(run));
        cairo_move_to(cr_, x, g.baseline);
        pango_cairo_show_glyph_item(cr_, layout::line_text(g), run);
        cairo_restore(cr_);
      }
      x += pango_glyph_string_get_width(run->glyphs) / double(PANGO_SCALE);
    }
  }
  void operator()(const layout::RuleItem& r) {
    cairo_save(cr_);
    set_rgb(cr_, r.color_rgb);
    cairo_set_line_width(cr_, r.width);
    if (r.dot > 0) {
      const double dash[2] = {0, r.dot};
      cairo_set_dash(cr_, dash, 2, 0);
      cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
    }
    cairo_move_to(cr_, r.x1, r.y1);
    cairo_line_to(cr_, r.x2, r.y2);
    cairo_stroke(cr_);
    cairo_restore(cr_);
  }
  void operator()(const layout::RectItem& r) {
    cairo_save(cr_);
    rounded_rect(cr_, r.x, r.y, r.w, r.h, r.corner);
    if (r.filled) {
      set_rgb(cr_, r.fill_rgb);
      if (r.stroke > 0) cairo_fill_preserve(cr_);
      else cairo_fill(cr_);
    }
    if (r.stroke > 0) {
      set_rgb(cr_, r.stroke_rgb);
      cairo_set_line_width(cr_, r.stroke);
      cairo_stroke(cr_);
    }
    cairo_new_path(cr_);
    cairo_restore(cr_);
  }
  void operator()(const layout::ImageItem& im) {
    if (!im.image || im.w <= 0 || im.h <= 0) return;
    if (svgs_.draw(cr_, *im.image, im.x, im.y, im.w, im.h)) return;  // vectors, not a raster
    cairo_surface_t* s = images_.get(im.image.get());
    if (!s) {  // unsupported format: a light frame where it would be
      cairo_save(cr_);
      cairo_set_source_rgb(cr_, 0.6, 0.6, 0.6);
      cairo_set_line_width(cr_, 0.5);
      cairo_rectangle(cr_, im.x, im.y, im.w, im.h);
      cairo_stroke(cr_);
      cairo_restore(cr_);
      return;
    }
    const int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    if (w <= 0 || h <= 0) return;
    // cairo 1.16 writes a page's XObject key once per use of an image with transparency (its soft
    // mask), and once per use of any image painted twice on one page: the same emblem twice on an
    // imposed sheet, two identical previews on the signage index, gave duplicated keys that the
    // strict qpdf pass refuses. Drawn inside a group, each use is its own form XObject that refers
    // to the one image; a first opaque use on a page (every scan) is painted directly.
    const bool alpha = cairo_surface_get_content(s) == CAIRO_CONTENT_COLOR_ALPHA;
    const bool group = alpha || !on_page_.insert(s).second;
    cairo_save(cr_);
    if (group) cairo_push_group(cr_);
    cairo_translate(cr_, im.x, im.y);
    cairo_scale(cr_, im.w / w, im.h / h);
    cairo_set_source_surface(cr_, s, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr_), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr_, 0, 0, w, h);
    cairo_fill(cr_);
    if (group) {
      cairo_pop_group_to_source(cr_);
      cairo_paint(cr_);
    }
    cairo_restore(cr_);
  }
  // A new page: no image has been painted on it yet (operator()(ImageItem)).
  void page_begins() { on_page_.clear(); }
  void operator()(const layout::PathItem& p) {
    if (p.points.size() < 2 || (!p.filled && p.stroke <= 0)) return;
    cairo_save(cr_);
    cairo_translate(cr_, p.x, p.y);
    cairo_new_path(cr_);
    cairo_move_to(cr_, p.points[0].x, p.points[0].y);
    if (p.curved) {
      for (size_t i = 1; i + 2 < p.points.size(); i += 3)
        cairo_curve_to(cr_, p.points[i].x, p.points[i].y, p.points[i + 1].x, p.points[i + 1].y, p.points[i + 2].x,
                       p.points[i + 2].y);
    } else {
      for (size_t i = 1; i < p.points.size(); ++i) cairo_line_to(cr_, p.points[i].x, p.points[i].y);
    }
    if (p.closed) cairo_close_path(cr_);
    if (p.filled) {
      set_rgb(cr_, p.fill_rgb);
      cairo_fill_preserve(cr_);
    }
    if (p.stroke > 0) {
      set_rgb(cr_, p.stroke_rgb);
      cairo_set_line_width(cr_, p.stroke);
      cairo_set_line_join(cr_, CAIRO_LINE_JOIN_MITER);
      cairo_stroke(cr_);
    }
    cairo_new_path(cr_);
    cairo_restore(cr_);
  }
  void operator()(const layout::LinkItem& l) {
    std::string attrs;
    if (!l.dest.empty()) {
      if (!laid_.anchors.count(l.dest)) return;  // a link to nowhere is dropped, not written dangling
      attrs = "dest=" + detail::attr_quote(l.dest);
    } else if (!l.uri.empty()) {
      attrs = "uri=" + detail::attr_quote(l.uri);
    } else {
      return;
    }
    attrs += " rect=[" + num(l.x) + " " + num(l.y) + " " + num(l.w) + " " + num(l.h) + "]";
    cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs.c_str());
    cairo_tag_end(cr_, CAIRO_TAG_LINK);
  }
  void operator()(const layout::DestItem& d) {
    const std::string attrs = "name=" + detail::attr_quote(d.name) + " x=" + num(d.x) + " y=" + num(d.y);
    cairo_tag_begin(cr_, CAIRO_TAG_DEST, attrs.c_str());
    cairo_tag_end(cr_, CAIRO_TAG_DEST);
  }

 private:
  cairo_t* cr_;
  const layout::Laid& laid_;
  std::optional<detail::LineDrawer> lines_;  // with the document's subset fonts (PDF)
  Images images_;
  std::set<cairo_surface_t*> on_page_;  // images painted on the current page
  detail::SvgImages svgs_;
};

}  // namespace

std::string document_date(const PdfOptions& o) {
  if (!o.date.empty()) return o.date;
  long long t = 0;
  if (const char* e = std::getenv("SOURCE_DATE_EPOCH"); e && *e) {
    char* end = nullptr;
    long long v = std::strtoll(e, &end, 10);
    if (end && *end == 0 && v >= 0) t = v;
  }
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string render_png(const std::vector<layout::Item>& items, double width_pt, double height_pt, double dpi) {
  const int w = std::max(1, static_cast<int>(std::ceil(width_pt * dpi / 72 - 1e-6)));
  const int h = std::max(1, static_cast<int>(std::ceil(height_pt * dpi / 72 - 1e-6)));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);  // paper: a picture in Word has no transparent holes
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72, dpi / 72);
  {
    const layout::Laid no_pages;  // links and destinations have no meaning in a picture
    Drawer draw(cr, no_pages);
    for (const layout::Item& it : items) std::visit(draw, it);
  }
  std::string out;
  const cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_flush(surface);
  const cairo_status_t wst =
      st == CAIRO_STATUS_SUCCESS ? cairo_surface_write_to_png_stream(surface, detail::append_to_string, &out) : st;
  cairo_surface_destroy(surface);
  if (wst != CAIRO_STATUS_SUCCESS) throw PdfError(std::string("png: cairo failed: ") + cairo_status_to_string(wst));
  return out;
}

std::string write_pdf(const layout::Laid& laid, const PdfOptions& o) {
  if (laid.pages.empty()) throw PdfError("pdf: nothing to write (no pages)");
  std::string out;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(detail::append_to_string, &out, laid.pages[0].width_pt, laid.pages[0].height_pt);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    throw PdfError("pdf: cairo cannot create a PDF surface");
  }
  const std::string date = document_date(o);
  auto meta = [&](cairo_pdf_metadata_t k, const std::string& v) {
    if (!v.empty()) cairo_pdf_surface_set_metadata(surface, k, v.c_str());
  };
  meta(CAIRO_PDF_METADATA_TITLE, o.title);
  meta(CAIRO_PDF_METADATA_AUTHOR, o.author);
  meta(CAIRO_PDF_METADATA_SUBJECT, o.subject);
  meta(CAIRO_PDF_METADATA_KEYWORDS, o.keywords);
  meta(CAIRO_PDF_METADATA_CREATOR, o.creator);
  meta(CAIRO_PDF_METADATA_CREATE_DATE, date);
  meta(CAIRO_PDF_METADATA_MOD_DATE, date);

  // Fonts cut to this document's glyphs before cairo sees them (subset.h); declared before the
  // cairo_t, so the faces outlive every use cairo makes of them until the surface is finished.
  const layout::Laid no_text;  // both operands lvalues: `laid` is not copied
  const detail::FontSubsets fonts(o.subset_fonts ? laid : no_text);
  cairo_t* cr = cairo_create(surface);
  {
    Drawer draw(cr, laid, o.subset_fonts ? &fonts : nullptr);
    cairo_tag_begin(cr, "Document", "");
    for (size_t i = 0; i < laid.pages.size(); ++i) {
      const layout::Page& p = laid.pages[i];
      if (i > 0) cairo_pdf_surface_set_size(surface, p.width_pt, p.height_pt);
      if (laid.has_page_labels && !p.label.empty()) cairo_pdf_surface_set_page_label(surface, p.label.c_str());
      draw.page_begins();
      for (const layout::Item& it : p.items) std::visit(draw, it);
      cairo_show_page(cr);
    }
    cairo_tag_end(cr, "Document");
    if (o.outline) detail::add_outline(surface, laid, o.outline_open_levels);
  }
  const cairo_status_t st = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t sst = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS || sst != CAIRO_STATUS_SUCCESS)
    throw PdfError(std::string("pdf: cairo failed: ") + cairo_status_to_string(st != CAIRO_STATUS_SUCCESS ? st : sst));
  if (!o.finalize) return out;
  FinalizeOptions fo;
  fo.strict = true;
  return detail::finalize_pages(out, fo, &laid);
}

}  // namespace lh::pdf
