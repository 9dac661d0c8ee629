#include "pdf/preview.h"

#include <cairo.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>

#include "pdf/internal.h"
#include "pdf/pdf.h"

namespace lh::pdf {
namespace {

}  // namespace

std::string preview_png(const std::string& pdf, int page_index, double inset_pt, int max_px) {
  GBytes* bytes = g_bytes_new(pdf.data(), pdf.size());
  GError* err = nullptr;
  PopplerDocument* doc = poppler_document_new_from_bytes(bytes, nullptr, &err);
  g_bytes_unref(bytes);
  if (!doc) {
    std::string m = err ? err->message : "?";
    if (err) g_error_free(err);
    throw PdfError("preview: poppler cannot open the PDF: " + m);
  }
  PopplerPage* page = poppler_document_get_page(doc, page_index);
  if (!page) {
    g_object_unref(doc);
    throw PdfError("preview: no page " + std::to_string(page_index + 1));
  }
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);
  const double cw = std::max(1.0, w - 2 * inset_pt), ch = std::max(1.0, h - 2 * inset_pt);
  const double scale = max_px / std::max(cw, ch);
  const int pw = std::max(1, static_cast<int>(std::lround(cw * scale))), ph = std::max(1, static_cast<int>(std::lround(ch * scale)));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  cairo_translate(cr, -inset_pt, -inset_pt);
  poppler_page_render(page, cr);
  cairo_destroy(cr);
  std::string png;
  cairo_surface_write_to_png_stream(s, detail::append_to_string, &png);
  cairo_surface_destroy(s);
  g_object_unref(page);
  g_object_unref(doc);
  return png;
}

}  // namespace lh::pdf
