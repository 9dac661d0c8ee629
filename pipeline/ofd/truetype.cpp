// CFF outlines → TrueType glyf/loca (OpenType 1.9 'glyf', 'loca', 'maxp' 1.0, 'head'), so an
// embedded subset holds the tables GB/T 42133-2022 6.2.6 c names. Debian 12 has no library that
// converts (hb-subset subsets but keeps CFF; fontTools' cu2qu is Python): the outlines are read
// with HarfBuzz's draw API and each cubic Bézier is split into quadratic ones whose distance from
// the cubic stays under half a font unit (the midpoint approximation, error ∝ 1/n³, as cu2qu).
// Every other table of the subset is copied unchanged; 'CFF ' and 'VORG' are dropped.
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "fonts/sfnt.h"
#include "ofd/internal.h"

namespace lh::ofd::detail {
using fonts::sfnt::assemble;
using fonts::sfnt::put16;
using fonts::sfnt::put32;
using fonts::sfnt::set16;
using fonts::sfnt::set32;
namespace {

struct Pt {
  double x = 0, y = 0;
};
struct Contours {
  std::vector<std::vector<std::pair<Pt, bool>>> list;  // (point, on-curve)
};

constexpr double kTolerance = 0.5;  // font units

void move_to(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float x, float y, void*) {
  static_cast<Contours*>(d)->list.push_back({{{x, y}, true}});
}
void line_to(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float x, float y, void*) {
  auto* c = static_cast<Contours*>(d);
  if (!c->list.empty()) c->list.back().push_back({{x, y}, true});
}
void quad_to(hb_draw_funcs_t*, void* d, hb_draw_state_t*, float cx, float cy, float x, float y, void*) {
  auto* c = static_cast<Contours*>(d);
  if (c->list.empty()) return;
  c->list.back().push_back({{cx, cy}, false});
  c->list.back().push_back({{x, y}, true});
}
Pt lerp(Pt a, Pt b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }

// The part of the cubic p between t0 and t1 (de Casteljau twice).
void sub_cubic(const Pt p[4], double t0, double t1, Pt out[4]) {
  auto split = [](const Pt q[4], double t, Pt left[4], Pt right[4]) {
    Pt a = lerp(q[0], q[1], t), b = lerp(q[1], q[2], t), c = lerp(q[2], q[3], t);
    Pt d = lerp(a, b, t), e = lerp(b, c, t), m = lerp(d, e, t);
    left[0] = q[0], left[1] = a, left[2] = d, left[3] = m;
    right[0] = m, right[1] = e, right[2] = c, right[3] = q[3];
  };
  Pt l[4], r[4], l2[4], r2[4];
  split(p, t1, l, r);                        // [0, t1]
  split(l, t1 > 0 ? t0 / t1 : 0, l2, r2);    // [t0, t1]
  std::copy(r2, r2 + 4, out);
}

void cubic_to(hb_draw_funcs_t*, void* d, hb_draw_state_t* st, float c1x, float c1y, float c2x, float c2y, float x,
              float y, void*) {
  auto* c = static_cast<Contours*>(d);
  if (c->list.empty()) return;
  const Pt p[4] = {{st->current_x, st->current_y}, {c1x, c1y}, {c2x, c2y}, {x, y}};
  // Distance between a cubic and its one-quadratic approximation: √3/36 |p3 − 3p2 + 3p1 − p0|.
  const double ex = p[3].x - 3 * p[2].x + 3 * p[1].x - p[0].x, ey = p[3].y - 3 * p[2].y + 3 * p[1].y - p[0].y;
  const double err = std::sqrt(3.0) / 36 * std::hypot(ex, ey);
  const int n = std::clamp(static_cast<int>(std::ceil(std::cbrt(err / kTolerance))), 1, 16);
  for (int i = 0; i < n; ++i) {
    Pt q[4];
    sub_cubic(p, static_cast<double>(i) / n, static_cast<double>(i + 1) / n, q);
    const Pt ctl{(3 * (q[1].x + q[2].x) - q[0].x - q[3].x) / 4, (3 * (q[1].y + q[2].y) - q[0].y - q[3].y) / 4};
    c->list.back().push_back({ctl, false});
    c->list.back().push_back({q[3], true});
  }
}
void close_path(hb_draw_funcs_t*, void*, hb_draw_state_t*, void*) {}

hb_draw_funcs_t* draw_funcs() {
  static hb_draw_funcs_t* f = [] {
    hb_draw_funcs_t* d = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(d, move_to, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(d, line_to, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(d, quad_to, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(d, cubic_to, nullptr, nullptr);
    hb_draw_funcs_set_close_path_func(d, close_path, nullptr, nullptr);
    hb_draw_funcs_make_immutable(d);
    return d;
  }();
  return f;
}

struct Glyf {
  std::string glyf, loca;
  uint32_t max_points = 0, max_contours = 0;
  std::vector<int> x_min;  // per glyph (0 for an empty one): hmtx's left side bearings must equal it
};

// TrueType's implied on-curve point (OpenType 'glyf', simple glyph flags): between two off-curve
// points a renderer puts the on-curve point at their midpoint, so an on-curve point that sits there
// need not be stored. The cubic split above makes one such junction per extra quadratic (cu2qu
// writes its splines this way); here a junction is dropped when it lies within half a font unit of
// its neighbours' midpoint on each axis (|2p - (a + b)| <= 1), adding at most that to the split's
// half-unit error: 0.006 mm on a 16 pt glyph. The five glyf forms of a sample night shrink 5-15 %
// (the largest 11.18 -> 9.47 MB; bench/RESULTS.md §8a6).
void drop_implied_points(std::vector<std::pair<int, int>>& pts, std::vector<bool>& on) {
  const size_t n = pts.size();
  if (n < 3) return;
  std::vector<bool> drop(n, false);
  for (size_t i = 0; i < n; ++i) {
    const size_t a = (i + n - 1) % n, b = (i + 1) % n;
    if (!on[i] || on[a] || on[b]) continue;
    const int dx = 2 * pts[i].first - pts[a].first - pts[b].first, dy = 2 * pts[i].second - pts[a].second - pts[b].second;
    drop[i] = std::abs(dx) <= 1 && std::abs(dy) <= 1;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; ++i)
    if (!drop[i]) pts[k] = pts[i], on[k] = on[i], ++k;
  pts.resize(k);
  on.resize(k);
}

// One simple glyph (OpenType 'glyf' simple glyph description): no instructions, every coordinate
// a short or long delta, closing points equal to the start dropped.
std::string simple_glyph(Contours& c, Glyf& acc) {
  std::vector<std::vector<std::pair<int, int>>> pts;
  std::vector<std::vector<bool>> on;
  int x0 = 32767, y0 = 32767, x1 = -32768, y1 = -32768;
  uint32_t total = 0;
  for (auto& contour : c.list) {
    if (contour.size() > 1 && contour.front().second && contour.back().second &&
        std::lround(contour.front().first.x) == std::lround(contour.back().first.x) &&
        std::lround(contour.front().first.y) == std::lround(contour.back().first.y))
      contour.pop_back();
    if (contour.size() < 2) continue;
    pts.emplace_back();
    on.emplace_back();
    for (const auto& [p, is_on] : contour) {
      const int x = static_cast<int>(std::lround(p.x)), y = static_cast<int>(std::lround(p.y));
      pts.back().push_back({x, y});
      on.back().push_back(is_on);
      x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
    }
    drop_implied_points(pts.back(), on.back());
    total += static_cast<uint32_t>(pts.back().size());
  }
  if (pts.empty() || total > 0xFFFF) {
    acc.x_min.push_back(0);
    return {};
  }
  acc.x_min.push_back(x0);
  acc.max_points = std::max(acc.max_points, total);
  acc.max_contours = std::max(acc.max_contours, static_cast<uint32_t>(pts.size()));
  std::string g;
  put16(g, static_cast<uint32_t>(pts.size()));
  for (int v : {x0, y0, x1, y1}) put16(g, static_cast<uint16_t>(static_cast<int16_t>(v)));
  uint32_t end = 0;
  for (const auto& ps : pts) put16(g, (end += static_cast<uint32_t>(ps.size())) - 1);
  put16(g, 0);  // instructionLength
  // Coordinates as deltas: 0 → no bytes ("same" flag), |d| < 256 → one byte (short flag, sign in
  // the same bit), else two bytes; half the size of plain 16-bit deltas, and quicker to deflate.
  std::string flags, xs, ys;
  int last_x = 0, last_y = 0;
  for (size_t c = 0; c < pts.size(); ++c)
    for (size_t i = 0; i < pts[c].size(); ++i) {
      uint8_t f = on[c][i] ? 0x01 : 0x00;
      auto coord = [&f](int d, uint8_t short_bit, uint8_t same_bit, std::string& out) {
        if (d == 0) {
          f |= same_bit;
        } else if (d > -256 && d < 256) {
          f |= short_bit;
          if (d > 0) f |= same_bit;
          out += static_cast<char>(d > 0 ? d : -d);
        } else {
          put16(out, static_cast<uint16_t>(static_cast<int16_t>(d)));
        }
      };
      coord(pts[c][i].first - last_x, 0x02, 0x10, xs);
      coord(pts[c][i].second - last_y, 0x04, 0x20, ys);
      last_x = pts[c][i].first, last_y = pts[c][i].second;
      flags += static_cast<char>(f);
    }
  g += flags + xs + ys;
  while (g.size() % 4) g += '\0';
  return g;
}

Glyf build_glyf(hb_face_t* face) {
  hb_font_t* font = hb_font_create(face);
  const int upem = static_cast<int>(hb_face_get_upem(face));
  hb_font_set_scale(font, upem, upem);  // draw in font units
  Glyf out;
  const unsigned n = hb_face_get_glyph_count(face);
  put32(out.loca, 0);
  for (unsigned gid = 0; gid < n; ++gid) {
    Contours c;
    hb_font_get_glyph_shape(font, gid, draw_funcs(), &c);
    out.glyf += simple_glyph(c, out);
    put32(out.loca, static_cast<uint32_t>(out.glyf.size()));
  }
  hb_font_destroy(font);
  return out;
}

// TrueType places an outline by hmtx: a renderer shifts it so that its xMin sits at the left side
// bearing. The CFF font's bearings are the cubic outline's bounds; the quadratic one's xMin can
// differ by a unit or more, so each bearing is set to the new xMin.
void set_side_bearings(std::string& hmtx, const std::string& hhea, const std::vector<int>& x_min) {
  if (hhea.size() < 36) return;
  const size_t long_metrics = (static_cast<unsigned char>(hhea[34]) << 8) | static_cast<unsigned char>(hhea[35]);
  for (size_t g = 0; g < x_min.size(); ++g) {
    const size_t at = g < long_metrics ? 4 * g + 2 : 4 * long_metrics + 2 * (g - long_metrics);
    set16(hmtx, at, static_cast<uint16_t>(static_cast<int16_t>(x_min[g])));
  }
}

}  // namespace

std::string cff_to_truetype(const std::string& sfnt) {
  std::map<hb_tag_t, std::string> tables = fonts::sfnt::tables(sfnt);
  for (hb_tag_t t : {HB_TAG('C', 'F', 'F', ' '), HB_TAG('C', 'F', 'F', '2'), HB_TAG('V', 'O', 'R', 'G')}) tables.erase(t);
  hb_blob_t* blob = hb_blob_create(sfnt.data(), static_cast<unsigned>(sfnt.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  hb_face_t* face = hb_face_create(blob, 0);
  hb_blob_destroy(blob);
  Glyf g = build_glyf(face);
  const unsigned glyphs = hb_face_get_glyph_count(face);
  hb_face_destroy(face);
  std::string& head = tables[HB_TAG('h', 'e', 'a', 'd')];
  if (head.size() < 54 || glyphs == 0) throw OfdError("ofd: a CFF subset without head table or glyphs");
  set32(head, 8, 0);      // checkSumAdjustment, set over the whole file last
  set16(head, 50, 1);     // indexToLocFormat: long offsets
  set16(head, 52, 0);     // glyphDataFormat
  std::string maxp;       // version 1.0 (TrueType outlines)
  put32(maxp, 0x00010000);
  put16(maxp, glyphs);
  put16(maxp, g.max_points);
  put16(maxp, g.max_contours);
  for (uint32_t v : {0u, 0u, 2u, 0u, 0u, 0u, 0u, 0u, 0u, 0u, 0u}) put16(maxp, v);  // composites, zones, …
  tables[HB_TAG('m', 'a', 'x', 'p')] = maxp;
  set_side_bearings(tables[HB_TAG('h', 'm', 't', 'x')], tables[HB_TAG('h', 'h', 'e', 'a')], g.x_min);
  tables[HB_TAG('g', 'l', 'y', 'f')] = std::move(g.glyf);
  tables[HB_TAG('l', 'o', 'c', 'a')] = std::move(g.loca);
  return assemble(tables);
}

}  // namespace lh::ofd::detail
