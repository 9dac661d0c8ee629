// Shared between the flow files (not for callers): text measured with our fonts, symbol sizes,
// the geometry read back from Graphviz, and the drawing of it.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "flow/flow.h"

struct Agraph_s;
struct Agnode_s;
struct Agedge_s;

namespace lh::flow::detail {

// Sizes in points at the drawing's natural size (scale 1).
constexpr double kLabelPt = 10.5;        // 五号: the label size of figures in 公文 practice (flow.h)
constexpr double kSubPt = 9;             // 小五: actor and time limit, the second line
constexpr double kEdgePt = 9;            // 小五: an exit's condition
constexpr double kTitlePt = 16;          // 三号: the title (GB/T 9704-2012 §7.3.1 uses 二号 for a 公文's)
constexpr double kBasisPt = 10.5;        // the rule under the title
constexpr double kMinPt = 6;             // flow.h: the drawing is refused below this
constexpr double kLineSpacing = 1.2;     // model::TextBox's default
constexpr double kLabelWrapPt = 9 * kLabelPt;     // a label wraps after 9 characters
constexpr double kDecisionWrapPt = 6 * kLabelPt;  // a question in a diamond after 6
constexpr double kEdgeWrapPt = 8 * kEdgePt;
constexpr double kTitleWrapPt = 24 * kTitlePt;    // a long title or basis wraps rather than widening
constexpr double kBasisWrapPt = 36 * kBasisPt;    // the chart (and shrinking it with the page)
constexpr double kPadPt = 5;             // inside a symbol, around its text
constexpr double kBarPt = 6;             // 既定处理: the inset of its double side bars
constexpr double kMinNodeWPt = 72, kMinNodeHPt = 26;
constexpr double kNodeSepPt = 14, kRankSepPt = 18;  // Graphviz nodesep / ranksep
constexpr double kEdgeLabelPad = 2;
constexpr double kMarginPt = 6;          // around the whole drawing
constexpr double kTitleGapPt = 8;        // between the heading and the chart
constexpr int kMaxColumns = 6;           // a long chain is folded into at most this many columns

struct Text {
  std::string lines;  // the text with our line breaks as '\n' (the TextBox then breaks there too)
  double w = 0, h = 0;
};
// The box a measured text is drawn in: a little wider and taller than measured, so fitting keeps
// the measured size (symbols.cpp put_text; place() counts the heading with it).
inline double boxed_w(const Text& t) { return t.lines.empty() ? 0 : t.w * 1.04 + 1; }
inline double boxed_h(const Text& t) { return t.lines.empty() ? 0 : t.h * 1.06 + 0.5; }
// `s` in `role` at `pt`, wrapped at `wrap_pt` (0: one line) with pango and our fonts.
Text measure(const layout::FontSet& fonts, model::FontRole role, double pt, const std::string& s, double wrap_pt);

struct NodeBox {
  Text label, sub;    // sub: "actor · time limit"
  Text note;          // the step's note (its legal basis or a remark), a last line in 楷体
  double w = 0, h = 0;  // the symbol's outer size
};
NodeBox node_box(const Step& s, const layout::FontSet& fonts);

struct Heading {
  Text title, basis;
  double h = 0;  // both, with the gap below
};
Heading measure_heading(const Flow& f, const layout::FontSet& fonts);

struct Pt { double x = 0, y = 0; };
struct Spline {
  std::vector<Pt> points;  // p0 c1 c2 p1 …
  std::optional<Pt> start_tip, end_tip;  // arrow tips beyond the first / last point
};
// Graphviz's layout read back: points from the top-left of the chart, y down.
struct Placed {
  double scale = 1;          // uniform, ≤ max_scale, to fit the box
  double chart_w = 0, chart_h = 0;
  double width = 0, height = 0;  // the whole drawing at scale 1 (margins, heading, chart)
  std::vector<Pt> centres;
  std::vector<std::vector<Spline>> edges;
  std::vector<std::optional<Pt>> label_centres;
};
Placed place(Agraph_s* g, const std::vector<Agnode_s*>& nodes, const std::vector<Agedge_s*>& edges,
             const Heading& heading, double max_width_mm, double max_height_mm, double max_scale);

// The frames: symbols, texts, curved edges with filled arrowheads, the heading.
model::Drawing draw(const Flow& f, const std::vector<NodeBox>& boxes, const std::vector<Text>& edge_labels,
                    const Heading& heading, const Placed& p);

}  // namespace lh::flow::detail
