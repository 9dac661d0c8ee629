// Source PDFs made by hand and compared as Poppler draws them: shared by the tests of the OFD
// copies' vector pages (tests/package/test_vector_copy.cpp) and of the PDF/A pass's substitute
// fonts (tests/package/test_font_substitute.cpp). Needs lh_package (the fonts Poppler is steered to).
#pragma once
#include <cairo.h>
#include <poppler.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "package/ofd_copy.h"

namespace lh::test {

// A one-page A4 PDF drawing `content` with /F1 the font dictionary `font` (by default STSong-Light
// with UniGB-UCS2-H, not embedded, as the inbox's office exports have it).
inline const char* const kSongLight =
    "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font "
    "/Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> "
    "/FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 "
    "/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 /W [1 95 500] >>] >>";
inline std::string make_pdf(const std::string& content, const std::string& font = kSongLight) {
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>", font,
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> at;
  for (size_t i = 0; i < objects.size(); ++i) {
    at.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t a : at) {
    char line[24];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", a);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A page of `pdf` as Poppler draws it, grey levels at `dpi` on white (the fonts steered as for the
// copies' pictures, so a 宋体 name is drawn with the Song role face in both renderings).
struct Raster {
  int w = 0, h = 0;
  std::vector<uint8_t> px;
  uint8_t at(int x, int y) const { return x < 0 || y < 0 || x >= w || y >= h ? 255 : px[static_cast<size_t>(y) * w + x]; }
};
inline Raster raster(const std::string& pdf, int page, double dpi) {
  lh::package::steer_poppler_fonts();
  GBytes* b = g_bytes_new(pdf.data(), pdf.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(b, nullptr, nullptr);
  g_bytes_unref(b);
  Raster r;
  if (!doc) return r;
  PopplerPage* p = poppler_document_get_page(doc, page);
  double wpt = 0, hpt = 0;
  poppler_page_get_size(p, &wpt, &hpt);
  r.w = static_cast<int>(std::lround(wpt * dpi / 72)), r.h = static_cast<int>(std::lround(hpt * dpi / 72));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w, r.h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, dpi / 72, dpi / 72);
  poppler_page_render_for_printing(p, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < r.h; ++y)
    for (int x = 0; x < r.w; ++x) {
      const uint32_t v = *reinterpret_cast<const uint32_t*>(data + y * stride + x * 4);
      r.px.push_back(static_cast<uint8_t>((((v >> 16) & 255) * 30 + ((v >> 8) & 255) * 59 + (v & 255) * 11) / 100));
    }
  cairo_surface_destroy(s);
  g_object_unref(p);
  g_object_unref(doc);
  return r;
}

// How alike two renderings are: `pixels`, the share of all pixels whose grey levels differ by at
// most a quarter of the range (the brief's measure: it is near 1 for any mostly white page), and
// `ink`, the share of the inked pixels of either (darker than mid-grey) that have ink of the other
// at most one pixel away — the honest one: a missing line, a glyph in another face or a word moved
// by a pixel and a half show in it.
struct Agreement {
  double pixels = 0, ink = 0;
  size_t inked = 0;  // inked pixels counted (of both): a blank page would agree with anything
};
inline Agreement compare(const Raster& a, const Raster& b) {
  Agreement g;
  if (a.w != b.w || a.h != b.h || a.px.empty()) return g;
  size_t same = 0, inked = 0, matched = 0;
  auto ink_near = [](const Raster& r, int x, int y) {
    for (int dy = -1; dy <= 1; ++dy)
      for (int dx = -1; dx <= 1; ++dx)
        if (r.at(x + dx, y + dy) < 128) return true;
    return false;
  };
  for (int y = 0; y < a.h; ++y)
    for (int x = 0; x < a.w; ++x) {
      const int va = a.at(x, y), vb = b.at(x, y);
      same += std::abs(va - vb) <= 64;
      if (va < 128) inked++, matched += ink_near(b, x, y);
      if (vb < 128) inked++, matched += ink_near(a, x, y);
    }
  g.inked = inked;
  g.pixels = double(same) / a.px.size();
  g.ink = inked ? double(matched) / inked : 1;
  return g;
}

}  // namespace lh::test
