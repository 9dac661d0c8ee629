// The glyf rebuild of a CFF face (ofd/truetype.cpp) against the CFF outlines it replaces: every
// point of the TrueType outline, as a renderer reads it (implied on-curve points included, drawn by
// HarfBuzz's glyf reader), lies within 1.5 font units of the cubic outline: half a unit for the
// quadratic split, half for rounding to the integer grid, half for an implied junction.
#include <gtest/gtest.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "fonts/font_subset.h"
#include "ofd/internal.h"
#include "test_support.h"

namespace {

struct Polyline {
  std::vector<std::pair<double, double>> pts;
  std::vector<bool> starts;  // a point that begins a contour (no segment joins it to the one before)
  double x = 0, y = 0;
  int quadratics = 0, cubics = 0;
};

void to(Polyline& p, double x, double y, bool start = false) {
  p.pts.push_back({x, y}), p.starts.push_back(start), p.x = x, p.y = y;
}

hb_draw_funcs_t* flattening() {
  static hb_draw_funcs_t* f = [] {
    hb_draw_funcs_t* d = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(d, [](hb_draw_funcs_t*, void* p, hb_draw_state_t*, float x, float y, void*) { to(*static_cast<Polyline*>(p), x, y, true); }, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(d, [](hb_draw_funcs_t*, void* p, hb_draw_state_t*, float x, float y, void*) {
      auto& l = *static_cast<Polyline*>(p);
      const double x0 = l.x, y0 = l.y;
      for (int i = 1; i <= 16; ++i) to(l, x0 + (x - x0) * i / 16.0, y0 + (y - y0) * i / 16.0);
    }, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(d, [](hb_draw_funcs_t*, void* p, hb_draw_state_t*, float cx, float cy, float x, float y, void*) {
      auto& l = *static_cast<Polyline*>(p);
      const double x0 = l.x, y0 = l.y;
      ++l.quadratics;
      for (int i = 1; i <= 32; ++i) {
        const double t = i / 32.0, u = 1 - t;
        to(l, u * u * x0 + 2 * u * t * cx + t * t * x, u * u * y0 + 2 * u * t * cy + t * t * y);
      }
    }, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(d, [](hb_draw_funcs_t*, void* p, hb_draw_state_t*, float ax, float ay, float bx, float by, float x, float y, void*) {
      auto& l = *static_cast<Polyline*>(p);
      const double x0 = l.x, y0 = l.y;
      ++l.cubics;
      for (int i = 1; i <= 64; ++i) {
        const double t = i / 64.0, u = 1 - t;
        to(l, u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x,
           u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y);
      }
    }, nullptr, nullptr);
    hb_draw_funcs_make_immutable(d);
    return d;
  }();
  return f;
}

Polyline outline(hb_font_t* font, hb_codepoint_t gid) {
  Polyline p;
  hb_font_get_glyph_shape(font, gid, flattening(), &p);
  return p;
}

// The largest distance from a point of `a` to the outline `b` (its segments, contour by contour).
double farthest(const Polyline& a, const Polyline& b) {
  double worst = 0;
  for (const auto& [x, y] : a.pts) {
    double best = 1e18;
    for (size_t i = 1; i < b.pts.size(); ++i) {
      if (b.starts[i]) continue;
      const auto [x0, y0] = b.pts[i - 1];
      const auto [x1, y1] = b.pts[i];
      const double dx = x1 - x0, dy = y1 - y0, len = dx * dx + dy * dy;
      const double t = len > 0 ? std::clamp(((x - x0) * dx + (y - y0) * dy) / len, 0.0, 1.0) : 0.0;
      const double ex = x0 + t * dx - x, ey = y0 + t * dy - y;
      best = std::min(best, ex * ex + ey * ey);
    }
    worst = std::max(worst, std::sqrt(best));
  }
  return worst;
}

}  // namespace

TEST(TrueTypeOutline, EveryPointOfTheGlyfOutlineIsWithinOneAndAHalfUnitsOfTheCubicOne) {
  const std::string file = (lh::test::source_dir() / "fonts" / "NotoSerifCJKsc-Regular.subset.otf").string();
  lh::fonts::SubsetRequest req;
  const std::u32string text = U"国家市场监督管理总局第三条规范化建设圆梦图鼎";  // strokes with round ends, 圆/梦 curves
  req.unicodes.insert(text.begin(), text.end());
  const lh::fonts::Subset cff = lh::fonts::subset_font(file, 0, req);
  ASSERT_TRUE(cff.cff);
  const std::string ttf = lh::ofd::detail::cff_to_truetype(cff.bytes);

  hb_blob_t* cb = hb_blob_create(cff.bytes.data(), cff.bytes.size(), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_blob_t* tb = hb_blob_create(ttf.data(), ttf.size(), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* cf = hb_face_create(cb, 0);
  hb_face_t* tf = hb_face_create(tb, 0);
  hb_font_t* c = hb_font_create(cf);
  hb_font_t* t = hb_font_create(tf);
  hb_font_set_scale(c, hb_face_get_upem(cf), hb_face_get_upem(cf));
  hb_font_set_scale(t, hb_face_get_upem(tf), hb_face_get_upem(tf));
  int glyphs = 0, curves = 0;
  for (char32_t u : text) {
    hb_codepoint_t gc = 0, gt = 0;
    ASSERT_TRUE(hb_font_get_nominal_glyph(c, u, &gc) && hb_font_get_nominal_glyph(t, u, &gt));
    const Polyline cubic = outline(c, gc), quad = outline(t, gt);
    ASSERT_GT(cubic.cubics, 0) << "U+" << std::hex << static_cast<uint32_t>(u) << ": CFF outlines are cubic";
    EXPECT_EQ(quad.cubics, 0);
    curves += quad.quadratics;
    EXPECT_LE(farthest(quad, cubic), 1.5) << "U+" << std::hex << static_cast<uint32_t>(u);
    EXPECT_LE(farthest(cubic, quad), 1.5) << "U+" << std::hex << static_cast<uint32_t>(u);
    ++glyphs;
  }
  EXPECT_EQ(glyphs, static_cast<int>(text.size()));
  EXPECT_GT(curves, 0);
  hb_font_destroy(c), hb_font_destroy(t), hb_face_destroy(cf), hb_face_destroy(tf), hb_blob_destroy(cb), hb_blob_destroy(tb);
}
