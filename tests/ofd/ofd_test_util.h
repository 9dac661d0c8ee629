// Shared fixtures of the OFD tests: laid-out sample documents, their OFD, the package's parts,
// and the GB/T 33190 XSDs of ../shared/schemas/ofd (tests that need them skip where it is absent).
#pragma once
#include <gtest/gtest.h>

#include <cairo.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "../layout/sample_doc.h"
#include "layout/layout.h"
#include "layout_fixtures.h"
#include "ofd/ofd.h"
#include "ooxml_check.h"
#include "test_support.h"

namespace lh::test::ofd {

// <source>/../shared/schemas/ofd, or nullopt where ../shared is absent.
inline std::optional<std::filesystem::path> schema_dir() {
  const std::filesystem::path p = source_dir().parent_path() / "shared" / "schemas" / "ofd";
  if (std::filesystem::is_regular_file(p / "OFD.xsd")) return p;
  return std::nullopt;
}

// A PNG of w × h pixels in one colour (cairo writes it).
inline std::string png(int w, int h, double r, double g, double b) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, r, g, b);
  cairo_paint(cr);
  cairo_destroy(cr);
  std::string out;
  cairo_surface_write_to_png_stream(
      s,
      [](void* c, const unsigned char* d, unsigned int n) {
        static_cast<std::string*>(c)->append(reinterpret_cast<const char*>(d), n);
        return CAIRO_STATUS_SUCCESS;
      },
      &out);
  cairo_surface_destroy(s);
  return out;
}

// The sample manual (title, TOC, four heading levels, prose, tables, page numbers) with an image.
inline const model::Document& sample() {
  static const model::Document d = [] {
    model::Document doc = lh::sample::manual(6);
    model::Image im;
    im.media_type = "image/png";
    im.bytes = png(40, 20, 0.8, 0.1, 0.1);
    im.width_mm = 40;
    im.height_mm = 20;
    doc.sections[0].blocks.push_back({im});
    return doc;
  }();
  return d;
}

inline const layout::Laid& laid_sample() {
  static const layout::Laid l = layout::lay_out(sample(), gongwen(), fonts());
  return l;
}

inline lh::ofd::OfdOptions options() {
  lh::ofd::OfdOptions o;
  o.title = "关于开展市场监督管理所标准化规范化建设试点工作的通知";
  o.author = "汕头市市场监督管理局";
  o.date = "2024-03-05T10:00:00+08:00";
  o.timestamp = 1709604000;
  o.custom = lh::ofd::custom_metadata(o, "Z109-WS·2024-Y-0001");
  return o;
}

inline const std::string& sample_ofd() {
  static const std::string b = lh::ofd::write_ofd(laid_sample(), options());
  return b;
}

inline std::map<std::string, std::string> parts(const std::string& ofd) { return ooxml::unzip(ofd); }

}  // namespace lh::test::ofd
