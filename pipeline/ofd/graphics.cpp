// Path and image objects (GB/T 33190-2016 §9 graphics, §10 images): rules, rectangles and paths
// of the layout become PathObjects whose AbbreviatedData (§9.3.2 table 36: M, L, B, C) is
// relative to the object's Boundary; an image becomes an ImageObject whose CTM scales the unit
// square to its box (§10.1). Colours are RGB (GB/T 42133 6.3.1 b), line widths in mm.
#include <algorithm>
#include <cmath>

#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

struct Shape {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;  // bounds (points)
  std::vector<std::pair<char, std::vector<layout::PathItem::Point>>> ops;
  void add(char op, std::vector<layout::PathItem::Point> pts) {
    for (auto& p : pts) x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    ops.emplace_back(op, std::move(pts));
  }
};

struct Paint {
  bool fill = false, stroke = false;
  uint32_t fill_rgb = 0, stroke_rgb = 0;
  double width = 0, dot = 0;  // points
};

void color(XmlWriter& x, const char* el, uint32_t rgb) {
  x.start(el);
  x.attr("Value", rgb_value(rgb));
  x.end();
}

void write_path(XmlWriter& x, const Shape& s, const Paint& p, Package& pkg) {
  if (s.ops.empty() || (!p.fill && !p.stroke)) return;
  const double pad = p.stroke ? p.width / 2 + 0.5 : 0.5;
  const double bx = s.x0 - pad, by = s.y0 - pad;
  std::string data;
  for (const auto& [op, pts] : s.ops) {
    if (!data.empty()) data += ' ';
    data += op;
    for (const auto& pt : pts) data += " " + mm(pt.x - bx) + " " + mm(pt.y - by);
  }
  x.start("ofd:PathObject");
  x.attr("ID", pkg.ids.take());
  x.attr("Boundary", box_mm(bx, by, s.x1 - s.x0 + 2 * pad, s.y1 - s.y0 + 2 * pad));
  if (p.stroke) {
    x.attr("LineWidth", mm(p.width));
    if (p.dot > 0) {
      x.attr("Cap", "Round");
      x.attr("DashPattern", "0 " + mm(p.dot));
    }
  }
  if (!p.stroke) x.attr("Stroke", "false");
  if (p.fill) x.attr("Fill", "true");
  if (p.stroke) color(x, "ofd:StrokeColor", p.stroke_rgb);
  if (p.fill) color(x, "ofd:FillColor", p.fill_rgb);
  x.start("ofd:AbbreviatedData");
  x.text(data);
  x.end();
  x.end();
}

void rounded_rect(Shape& s, double x, double y, double w, double h, double r) {
  r = std::min({r, w / 2, h / 2});
  if (r <= 0) {
    s.add('M', {{x, y}});
    s.add('L', {{x + w, y}});
    s.add('L', {{x + w, y + h}});
    s.add('L', {{x, y + h}});
    s.add('C', {});
    return;
  }
  const double k = r * 0.5523;  // cubic approximation of a quarter circle
  s.add('M', {{x + r, y}});
  s.add('L', {{x + w - r, y}});
  s.add('B', {{x + w - r + k, y}, {x + w, y + r - k}, {x + w, y + r}});
  s.add('L', {{x + w, y + h - r}});
  s.add('B', {{x + w, y + h - r + k}, {x + w - r + k, y + h}, {x + w - r, y + h}});
  s.add('L', {{x + r, y + h}});
  s.add('B', {{x + r - k, y + h}, {x, y + h - r + k}, {x, y + h - r}});
  s.add('L', {{x, y + r}});
  s.add('B', {{x, y + r - k}, {x + r - k, y}, {x + r, y}});
  s.add('C', {});
}

void rule(XmlWriter& x, const layout::RuleItem& r, Package& pkg) {
  Shape s;
  s.add('M', {{r.x1, r.y1}});
  s.add('L', {{r.x2, r.y2}});
  write_path(x, s, Paint{false, true, 0, r.color_rgb, r.width, r.dot}, pkg);
}

void rect(XmlWriter& x, const layout::RectItem& r, Package& pkg) {
  Shape s;
  rounded_rect(s, r.x, r.y, r.w, r.h, r.corner);
  write_path(x, s, Paint{r.filled, r.stroke > 0, r.fill_rgb, r.stroke_rgb, r.stroke, 0}, pkg);
}

void path(XmlWriter& x, const layout::PathItem& p, Package& pkg) {
  if (p.points.size() < 2) return;
  auto at = [&](size_t i) { return layout::PathItem::Point{p.x + p.points[i].x, p.y + p.points[i].y}; };
  Shape s;
  s.add('M', {at(0)});
  if (p.curved) {
    for (size_t i = 1; i + 2 < p.points.size(); i += 3) s.add('B', {at(i), at(i + 1), at(i + 2)});
  } else {
    for (size_t i = 1; i < p.points.size(); ++i) s.add('L', {at(i)});
  }
  if (p.closed) s.add('C', {});
  write_path(x, s, Paint{p.filled, p.stroke > 0, p.fill_rgb, p.stroke_rgb, p.stroke, 0}, pkg);
}

void image(XmlWriter& x, const layout::ImageItem& im, Package& pkg) {
  if (!im.image || im.w <= 0 || im.h <= 0) return;
  const uint32_t id = pkg.image_id(*im.image);
  if (id == 0) {  // a format GB/T 42133 6.2.6 e does not allow: a light frame where it would be
    rect(x, layout::RectItem{im.x, im.y, im.w, im.h, false, 0, 0.5, 0x999999, 0}, pkg);
    return;
  }
  x.start("ofd:ImageObject");
  x.attr("ID", pkg.ids.take());
  x.attr("Boundary", box_mm(im.x, im.y, im.w, im.h));
  x.attr("CTM", mm(im.w) + " 0 0 " + mm(im.h) + " 0 0");
  x.attr("ResourceID", id);
  x.end();
}

}  // namespace

void write_graphic(XmlWriter& x, const layout::Item& it, Package& pkg) {
  if (auto* r = std::get_if<layout::RuleItem>(&it)) rule(x, *r, pkg);
  else if (auto* q = std::get_if<layout::RectItem>(&it)) rect(x, *q, pkg);
  else if (auto* p = std::get_if<layout::PathItem>(&it)) path(x, *p, pkg);
  else if (auto* im = std::get_if<layout::ImageItem>(&it)) image(x, *im, pkg);
}

}  // namespace lh::ofd::detail
