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
  for (size_t i = 0; i < p.label_centres.size(); ++i)
    if (p.label_centres[i] && !edge_labels[i].lines.empty()) {
      const Pt c = *p.label_centres[i];
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
