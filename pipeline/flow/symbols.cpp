// The chart's geometry read back from Graphviz, and its frames: GB/T 1526-1989 (≡ ISO 5807:1985)
// symbols — 端点符 a rounded terminator, 处理 a rectangle, 判断 a diamond, 既定处理 a rectangle with
// double side bars, 数据 a parallelogram — with our text boxes inside, flow lines as the Bézier
// splines Graphviz routed, ending in filled arrowheads (ISO 5807 §9.1.1: arrows show the direction
// where it is not top-to-bottom; a chart with back edges needs them everywhere to be read at once).
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>

#include "flow/internal.h"

namespace lh::flow::detail {
namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr double kSymbolStrokeMm = 0.3, kEdgeStrokeMm = 0.25, kMinStrokeMm = 0.12;
constexpr uint32_t kInk = 0x000000, kPaper = 0xFFFFFF, kSubInk = 0x333333;

struct Canvas {
  double k;            // mm per point at the drawing's scale
  double x0, y0;       // the chart's top-left, points at scale 1
  model::Drawing& d;
  double mm(double pt) const { return pt * k; }
  model::PathPoint at(Pt p) const { return {mm(x0 + p.x), mm(y0 + p.y)}; }
  double stroke(double natural_mm) const { return std::max(kMinStrokeMm, natural_mm * k * kPtPerMm); }
};

// A text centred on cx (points, drawing coordinates at scale 1) with its top at `top`.
void put_text(const Canvas& fr, const Text& t, model::FontRole role, double pt, double cx, double top, uint32_t rgb) {
  if (t.lines.empty()) return;
  const double w = boxed_w(t), h = boxed_h(t);
  model::TextBox tb{fr.mm(cx - w / 2), fr.mm(top), fr.mm(w), fr.mm(h)};
  model::Run r;
  r.text = t.lines;
  tb.runs.push_back(std::move(r));
  tb.role = role;
  tb.max_pt = pt * fr.k * kPtPerMm;
  tb.min_pt = tb.max_pt * 0.7;
  tb.align = model::Align::Center;
  tb.color_rgb = rgb;
  tb.line_spacing = kLineSpacing;
  fr.d.frames.push_back(std::move(tb));
}

model::Path outline(const Canvas& fr, std::vector<Pt> pts) {
  model::Path p;
  for (const Pt& q : pts) p.points.push_back(fr.at(q));
  p.closed = true;
  p.filled = true;
  p.fill_rgb = kPaper;
  p.stroke_mm = fr.stroke(kSymbolStrokeMm);
  p.stroke_rgb = kInk;
  return p;
}

void symbol(const Canvas& fr, StepKind kind, Pt c, double w, double h) {
  const double l = c.x - w / 2, t = c.y - h / 2, r = c.x + w / 2, b = c.y + h / 2;
  switch (kind) {
    case StepKind::Decision:
      fr.d.frames.push_back(outline(fr, {{c.x, t}, {r, c.y}, {c.x, b}, {l, c.y}}));
      break;
    case StepKind::Data: {
      const double slant = h * 0.3;
      fr.d.frames.push_back(outline(fr, {{l + slant, t}, {r, t}, {r - slant, b}, {l, b}}));
      break;
    }
    case StepKind::Start:
    case StepKind::End: {
      const model::PathPoint tl = fr.at({l, t});
      model::Shape s{tl.x_mm, tl.y_mm, fr.mm(w), fr.mm(h)};
      s.fill_rgb = kPaper;
      s.stroke_mm = fr.stroke(kSymbolStrokeMm);
      s.stroke_rgb = kInk;
      s.corner_mm = fr.mm(h / 2);
      fr.d.frames.push_back(s);
      break;
    }
    case StepKind::Predefined:
      fr.d.frames.push_back(outline(fr, {{l, t}, {r, t}, {r, b}, {l, b}}));
      for (double x : {l + kBarPt, r - kBarPt}) {
        const model::PathPoint a = fr.at({x, t}), z = fr.at({x, b});
        fr.d.frames.push_back(model::Rule{a.x_mm, a.y_mm, z.x_mm, z.y_mm, fr.stroke(kSymbolStrokeMm), kInk});
      }
      break;
    case StepKind::Process:
      fr.d.frames.push_back(outline(fr, {{l, t}, {r, t}, {r, b}, {l, b}}));
      break;
  }
}

// A filled arrowhead from the spline's end `base` to the tip Graphviz left room for.
void arrowhead(const Canvas& fr, Pt base, Pt tip) {
  const double dx = tip.x - base.x, dy = tip.y - base.y, len = std::hypot(dx, dy);
  if (len < 0.5) return;
  const double half = len * 0.35, nx = -dy / len * half, ny = dx / len * half;
  model::Path p;
  p.points = {fr.at(tip), fr.at({base.x + nx, base.y + ny}), fr.at({base.x - nx, base.y - ny})};
  p.closed = true;
  p.filled = true;
  p.fill_rgb = kInk;
  p.stroke_mm = 0;
  fr.d.frames.push_back(std::move(p));
}

void edge(const Canvas& fr, const Spline& s) {
  if (s.points.size() < 4) return;
  model::Path p;
  for (const Pt& q : s.points) p.points.push_back(fr.at(q));
  p.curved = true;
  p.stroke_mm = fr.stroke(kEdgeStrokeMm);
  p.stroke_rgb = kInk;
  fr.d.frames.push_back(std::move(p));
  if (s.start_tip) arrowhead(fr, s.points.front(), *s.start_tip);
  if (s.end_tip) arrowhead(fr, s.points.back(), *s.end_tip);
}

// A cubic Bézier spline (p0 c1 c2 p1 c1 c2 p2 …) as points 1/16 of a segment apart.
std::vector<Pt> sampled(const Spline& s) {
  std::vector<Pt> out;
  for (size_t k = 0; k + 3 < s.points.size(); k += 3)
    for (int j = 0; j <= 16; ++j) {
      const double t = j / 16.0, a = (1 - t) * (1 - t) * (1 - t), b = 3 * t * (1 - t) * (1 - t), c = 3 * t * t * (1 - t),
                   d = t * t * t;
      const Pt *p0 = &s.points[k], *p1 = &s.points[k + 1], *p2 = &s.points[k + 2], *p3 = &s.points[k + 3];
      out.push_back({a * p0->x + b * p1->x + c * p2->x + d * p3->x, a * p0->y + b * p1->y + c * p2->y + d * p3->y});
    }
  return out;
}

// Where an exit's condition stands: beside the line where it leaves its symbol, clear of every
// flow line and symbol. Graphviz puts a tail label at a fixed angle (labelangle) and distance from
// the tail, whatever the label's size and whatever else passes there: the sample licence flow's
// "补正后" sat on its own line. Tried: Graphviz's side of the line first, then the other, each a
// little further along the line; the first spot no line point and no symbol falls in is taken, else
// the one with the fewest line points in it. Deterministic: the same flow, the same spot.
Pt label_spot(const Placed& p, const std::vector<NodeBox>& boxes, const std::vector<StepKind>& kinds, size_t edge,
              const Text& label) {
  const Pt gv = *p.label_centres[edge];
  if (p.edges[edge].empty() || p.edges[edge].front().points.size() < 4) return gv;
  const std::vector<Pt> own = sampled(p.edges[edge].front());
  const Pt tail = own.front(), ahead = own[std::min<size_t>(4, own.size() - 1)];
  const double len = std::hypot(ahead.x - tail.x, ahead.y - tail.y);
  if (len < 1e-6) return gv;
  const Pt u{(ahead.x - tail.x) / len, (ahead.y - tail.y) / len};
  Pt n{-u.y, u.x};
  if ((gv.x - tail.x) * n.x + (gv.y - tail.y) * n.y < 0) n = {-n.x, -n.y};  // Graphviz's side first
  const double w = boxed_w(label), h = boxed_h(label), gap = kEdgeLabelPad;
  auto half_along = [&](Pt v) { return (std::fabs(v.x) * w + std::fabs(v.y) * h) / 2; };
  std::vector<std::vector<Pt>> lines;
  for (const auto& routed : p.edges)
    for (const Spline& s : routed) lines.push_back(sampled(s));
  auto cost = [&](Pt c) {
    const double l = c.x - w / 2 - gap, r = c.x + w / 2 + gap, t = c.y - h / 2 - gap, b = c.y + h / 2 + gap;
    int hits = 0;
    for (const auto& line : lines)
      for (const Pt& q : line) hits += q.x > l && q.x < r && q.y > t && q.y < b;
    if (l < 0 || t < 0 || r > p.chart_w || b > p.chart_h) hits += 1000;  // out of the chart's room
    for (size_t i = 0; i < boxes.size(); ++i) {
      const Pt& m = p.centres[i];
      const double hw = boxes[i].w / 2, hh = boxes[i].h / 2;
      if (!(l < m.x + hw && r > m.x - hw && t < m.y + hh && b > m.y - hh)) continue;
      bool overlaps = kinds[i] != StepKind::Decision;
      // A diamond leaves its bounding box's corners free, where Graphviz likes to put 是 / 否: the
      // label overlaps it only if a corner of the label lies inside it or a vertex of it inside the label.
      for (const Pt& q : {Pt{l, t}, Pt{r, t}, Pt{l, b}, Pt{r, b}})
        overlaps = overlaps || std::fabs(q.x - m.x) / hw + std::fabs(q.y - m.y) / hh < 1;
      for (const Pt& q : {Pt{m.x, m.y - hh}, Pt{m.x, m.y + hh}, Pt{m.x - hw, m.y}, Pt{m.x + hw, m.y}})
        overlaps = overlaps || (q.x > l && q.x < r && q.y > t && q.y < b);
      if (overlaps) hits += 1000;
    }
    return hits;
  };
  Pt best = gv;
  int best_cost = cost(gv);
  for (double side : {1.0, -1.0})
    for (double further : {0.0, 0.5, 1.0, 1.5}) {
      if (best_cost == 0) return best;
      const Pt m{n.x * side, n.y * side};
      const double a = half_along(u) + gap + further * h, d = half_along(m) + gap;
      const Pt c{tail.x + u.x * a + m.x * d, tail.y + u.y * a + m.y * d};
      const int k = cost(c);
      if (k < best_cost) best = c, best_cost = k;
    }
  return best;
}

std::string description(const Flow& f) {
  std::string d = f.title;
  if (!f.basis.empty()) d += "（依据" + f.basis + "）";
  d += "：";
  for (size_t i = 0; i < f.steps.size(); ++i) d += (i ? "、" : "") + f.steps[i].label;
  return d;
}

}  // namespace

Placed place(Agraph_t* g, const std::vector<Agnode_t*>& nodes, const std::vector<Agedge_t*>& edges,
             const Heading& heading, double max_width_mm, double max_height_mm, double max_scale) {
  Placed p;
  const boxf bb = GD_bb(g);
  p.chart_w = bb.UR.x - bb.LL.x;
  p.chart_h = bb.UR.y - bb.LL.y;
  auto top_down = [&](pointf q) { return Pt{q.x - bb.LL.x, bb.UR.y - q.y}; };  // Graphviz's y is up
  for (Agnode_t* n : nodes) p.centres.push_back(top_down(ND_coord(n)));
  for (Agedge_t* e : edges) {
    std::vector<Spline> routed;
    if (const splines* spl = ED_spl(e))
      for (int i = 0; i < spl->size; ++i) {
        const bezier& bz = spl->list[i];
        Spline s;
        for (int j = 0; j < bz.size; ++j) s.points.push_back(top_down(bz.list[j]));
        if (bz.sflag) s.start_tip = top_down(bz.sp);
        if (bz.eflag) s.end_tip = top_down(bz.ep);
        routed.push_back(std::move(s));
      }
    p.edges.push_back(std::move(routed));
    const textlabel_t* lab = ED_tail_label(e);
    p.label_centres.push_back(lab && lab->set ? std::optional<Pt>(top_down(lab->pos)) : std::nullopt);
  }
  const double content_w = std::max({p.chart_w, boxed_w(heading.title), boxed_w(heading.basis)});
  p.width = content_w + 2 * kMarginPt;
  p.height = heading.h + p.chart_h + 2 * kMarginPt;
  p.scale = std::min({max_scale, max_width_mm * kPtPerMm / p.width, max_height_mm * kPtPerMm / p.height});
  return p;
}

model::Drawing draw(const Flow& f, const std::vector<NodeBox>& boxes, const std::vector<Text>& edge_labels,
                    const Heading& heading, const Placed& p) {
  model::Drawing d;
  const double k = p.scale / kPtPerMm;
  d.width_mm = p.width * k;
  d.height_mm = p.height * k;
  d.description = description(f);
  const double content_w = p.width - 2 * kMarginPt;
  const Canvas page{k, 0, 0, d};
  put_text(page, heading.title, model::FontRole::Title, kTitlePt, p.width / 2, kMarginPt, kInk);
  put_text(page, heading.basis, model::FontRole::Kai, kBasisPt, p.width / 2, kMarginPt + heading.title.h + kBasisPt * 0.5,
           kInk);
  const Canvas chart{k, kMarginPt + (content_w - p.chart_w) / 2, kMarginPt + heading.h, d};
  for (size_t i = 0; i < p.edges.size(); ++i)  // lines first: symbols cover their ends
    for (const Spline& s : p.edges[i]) edge(chart, s);
  std::vector<StepKind> kinds;
  for (const Step& s : f.steps) kinds.push_back(s.kind);
  for (size_t i = 0; i < p.label_centres.size(); ++i)
    if (p.label_centres[i] && !edge_labels[i].lines.empty()) {
      const Pt c = label_spot(p, boxes, kinds, i, edge_labels[i]);
      put_text(page, edge_labels[i], model::FontRole::Body, kEdgePt, chart.x0 + c.x, chart.y0 + c.y - edge_labels[i].h / 2,
               kInk);
    }
  for (size_t i = 0; i < f.steps.size(); ++i) {
    const NodeBox& b = boxes[i];
    const Pt c = p.centres[i];
    symbol(chart, f.steps[i].kind, c, b.w, b.h);
    const double gap = b.sub.lines.empty() ? 0 : kSubPt * 0.4;
    const double note_gap = b.note.lines.empty() ? 0 : kSubPt * 0.4;
    const double top = chart.y0 + c.y - (b.label.h + gap + b.sub.h + note_gap + b.note.h) / 2;
    put_text(page, b.label, model::FontRole::Body, kLabelPt, chart.x0 + c.x, top, kInk);
    put_text(page, b.sub, model::FontRole::Body, kSubPt, chart.x0 + c.x, top + b.label.h + gap, kSubInk);
    put_text(page, b.note, model::FontRole::Kai, kSubPt, chart.x0 + c.x, top + b.label.h + gap + b.sub.h + note_gap,
             kSubInk);
  }
  return d;
}

}  // namespace lh::flow::detail
