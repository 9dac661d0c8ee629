// draw_flow: a Flow → Graphviz "dot" (libgvc, in-process) → a model::Drawing in millimetres.
// Graphviz only places boxes: every text is measured by us with pango and the project's font roles
// (layout/fonts.h), and each node is handed to Graphviz as a fixed-size box (fixedsize=true) and
// each edge label as a fixed-size empty HTML cell, so Graphviz never measures Chinese itself (it
// would use its own fonts and get the sizes wrong, or tofu: wave2.md §1.5). We read back the node
// centres (ND_coord), the edge splines (ED_spl) and the label centres (ED_label()->pos), then draw
// GB/T 1526-1989 symbols (symbols.cpp) and our own text boxes.
// A long chain that would have to shrink too far in the box is folded into side-by-side columns
// (its ranks cut into bands; fold.cpp's rule), the arrangement of a 流程图 on a wall board.
#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include "flow/internal.h"

namespace lh::flow {

using namespace detail;

namespace {

// The "dot" layout plugin, linked in (CMakeLists.txt: no config6a, no dlopen).
extern "C" gvplugin_library_t gvplugin_dot_layout_LTX_library;

// Graphviz keeps global state and is not thread-safe: one context per process, created on first
// use and kept, and one layout at a time (graphviz_lock).
GVC_t* graphviz() {
  static const lt_symlist_t kBuiltins[] = {{"gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library},
                                           {nullptr, nullptr}};
  static GVC_t* gvc = gvContextPlugins(kBuiltins, 0);
  return gvc;
}
std::mutex& graphviz_lock() {
  static std::mutex m;
  return m;
}

// Graphviz writes its warnings and errors to stderr unless given a handler: a batch run's output
// must stay ours. They are kept (under graphviz_lock) and the first one goes into a FlowError.
std::string& graphviz_messages() {
  static std::string m;
  return m;
}
int keep_graphviz_message(char* msg) {
  if (graphviz_messages().empty() && msg) graphviz_messages() = msg;
  return 0;
}
struct QuietGraphviz {
  agusererrf previous;
  QuietGraphviz() : previous(agseterrf(keep_graphviz_message)) {
    graphviz_messages().clear();
    agseterr(AGWARN);
  }
  ~QuietGraphviz() { agseterrf(previous); }
};

char* cs(const char* s) { return const_cast<char*>(s); }

std::string inches(double pt) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4f", pt / 72.0);
  return b;
}

// An empty HTML cell of our label's size (points): Graphviz reserves exactly that room.
std::string label_cell(const Text& t) {
  char b[200];
  std::snprintf(b, sizeof b,
                "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"%d\" HEIGHT=\"%d\"></TD></TR></TABLE>",
                static_cast<int>(std::ceil(t.w + 2 * kEdgeLabelPad)), static_cast<int>(std::ceil(t.h + kEdgeLabelPad)));
  return b;
}

struct Graph {
  Agraph_t* g = nullptr;
  std::vector<Agnode_t*> nodes;
  std::vector<Agedge_t*> edges;  // one per flow edge, in order
  ~Graph() {
    if (!g) return;
    gvFreeLayout(graphviz(), g);
    agclose(g);
  }
};

// The graph for Graphviz. `band` (empty: no folding): the column each step goes to; edges between
// columns do not constrain ranks, and the first step of each column shares the top rank.
void build(Graph& gr, const Flow& f, const std::vector<NodeBox>& boxes, const std::vector<Text>& edge_labels,
           const std::vector<int>& band) {
  gr.g = agopen(cs("flow"), Agdirected, nullptr);
  Agraph_t* g = gr.g;
  agattr(g, AGRAPH, cs("rankdir"), cs("TB"));
  agattr(g, AGRAPH, cs("nodesep"), cs(inches(kNodeSepPt).c_str()));
  agattr(g, AGRAPH, cs("ranksep"), cs(inches(kRankSepPt).c_str()));
  agattr(g, AGRAPH, cs("ordering"), cs("out"));  // exits in the order written (是 before 否)
  agattr(g, AGNODE, cs("shape"), cs("box"));
  agattr(g, AGNODE, cs("fixedsize"), cs("true"));
  agattr(g, AGNODE, cs("label"), cs(""));
  agattr(g, AGNODE, cs("width"), cs("1"));
  agattr(g, AGNODE, cs("height"), cs("0.5"));
  // An exit's condition is a tail label: beside the line where it leaves the decision, as flow
  // charts write 是 / 否. A middle label ("label") would get a rank of its own and double the
  // chart's height.
  agattr(g, AGEDGE, cs("taillabel"), cs(""));
  agattr(g, AGEDGE, cs("labeldistance"), cs("1.6"));
  agattr(g, AGEDGE, cs("labelangle"), cs("-40"));
  agattr(g, AGEDGE, cs("constraint"), cs("true"));
  agattr(g, AGEDGE, cs("style"), cs("solid"));
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < f.steps.size(); ++i) {
    index[f.steps[i].id] = i;
    Agnode_t* n = agnode(g, cs(("n" + std::to_string(i)).c_str()), 1);
    agset(n, cs("width"), cs(inches(boxes[i].w).c_str()));
    agset(n, cs("height"), cs(inches(boxes[i].h).c_str()));
    if (f.steps[i].kind == StepKind::Decision) agset(n, cs("shape"), cs("diamond"));  // edges meet its outline
    gr.nodes.push_back(n);
  }
  for (size_t i = 0; i < f.edges.size(); ++i) {
    const size_t a = index.at(f.edges[i].from), b = index.at(f.edges[i].to);
    Agedge_t* e = agedge(g, gr.nodes[a], gr.nodes[b], cs(("e" + std::to_string(i)).c_str()), 1);
    if (!edge_labels[i].lines.empty()) {
      char* html = agstrdup_html(g, cs(label_cell(edge_labels[i]).c_str()));
      agset(e, cs("taillabel"), html);
      agstrfree(g, html);
    }
    if (!band.empty() && band[a] != band[b]) agset(e, cs("constraint"), cs("false"));
    gr.edges.push_back(e);
  }
  if (band.empty()) return;
  // Column heads on one rank, left to right in band order (invisible edges fix the order).
  Agraph_t* heads = agsubg(g, cs("heads"), 1);
  agsafeset(heads, cs("rank"), cs("same"), cs(""));
  Agnode_t* prev = nullptr;
  for (int b = 0; b <= *std::max_element(band.begin(), band.end()); ++b) {
    auto it = std::find(band.begin(), band.end(), b);
    if (it == band.end()) continue;
    Agnode_t* head = gr.nodes[static_cast<size_t>(it - band.begin())];
    agsubnode(heads, head, 1);
    if (prev) {
      Agedge_t* e = agedge(g, prev, head, cs(("h" + std::to_string(b)).c_str()), 1);
      agset(e, cs("style"), cs("invis"));
    }
    prev = head;
  }
}

void lay_out(Graph& gr, const std::string& title) {
  if (gvLayout(graphviz(), gr.g, "dot") != 0) {
    std::string why = graphviz_messages();
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    throw FlowError(title + "：Graphviz 无法排版此流程图" + (why.empty() ? "" : "（" + why + "）") + " (layout_failed)");
  }
}

// The column of each step when the ranks of an unfolded layout are cut into `columns` bands.
std::vector<int> bands(const std::vector<int>& rank, int columns) {
  const int ranks = *std::max_element(rank.begin(), rank.end()) + 1;
  const int per = (ranks + columns - 1) / columns;
  std::vector<int> out;
  for (int r : rank) out.push_back(std::min(columns - 1, r / per));
  return out;
}

// The condition written on each edge: its own label, or for a decision with exactly two exits of
// which one or both are unlabelled, 是 / 否 in the order written (GB/T 1526-1989: a 判断
// symbol's exits carry its outcomes; a clerk who writes none means yes first, then no).
std::vector<std::string> exit_labels(const Flow& f) {
  std::vector<std::string> out;
  for (const Edge& e : f.edges) out.push_back(e.label);
  for (const Step& s : f.steps) {
    if (s.kind != StepKind::Decision) continue;
    std::vector<size_t> exits;
    for (size_t i = 0; i < f.edges.size(); ++i)
      if (f.edges[i].from == s.id) exits.push_back(i);
    if (exits.size() != 2) continue;
    std::string& a = out[exits[0]];
    std::string& b = out[exits[1]];
    if (a.empty() && b.empty()) {
      a = "是";
      b = "否";
    } else if (a.empty() && (b == "是" || b == "否")) {
      a = b == "是" ? "否" : "是";
    } else if (b.empty() && (a == "是" || a == "否")) {
      b = a == "是" ? "否" : "是";
    }
  }
  return out;
}

}  // namespace

model::Drawing draw_flow(const Flow& flow, const layout::FontSet& fonts, double max_width_mm, double max_height_mm,
                         double max_scale) {
  if (flow.steps.empty()) throw FlowError(flow.title + "：流程中没有步骤");
  std::vector<NodeBox> boxes;
  for (const Step& s : flow.steps) boxes.push_back(node_box(s, fonts));
  std::vector<Text> edge_labels;
  for (const std::string& l : exit_labels(flow))
    edge_labels.push_back(measure(fonts, model::FontRole::Body, kEdgePt, l, kEdgeWrapPt));
  const Heading heading = measure_heading(flow, fonts);

  std::lock_guard<std::mutex> lock(graphviz_lock());
  const QuietGraphviz quiet;
  Graph plain;
  build(plain, flow, boxes, edge_labels, {});
  lay_out(plain, flow.title);
  Placed best = place(plain.g, plain.nodes, plain.edges, heading, max_width_mm, max_height_mm, max_scale);
  // Folding costs clarity (lines run between columns): it is taken for a clear gain only, and
  // only where one column's labels would fall below 9 pt (小五) or a fold is a quarter larger.
  const double unfolded = best.scale;
  if (best.scale < max_scale && flow.steps.size() > 3) {
    std::vector<int> rank;
    for (Agnode_t* n : plain.nodes) rank.push_back(ND_rank(n));
    const int ranks = *std::max_element(rank.begin(), rank.end()) + 1;
    for (int columns = 2; columns <= std::min(kMaxColumns, ranks / 2); ++columns) {
      Graph folded;
      build(folded, flow, boxes, edge_labels, bands(rank, columns));
      lay_out(folded, flow.title);
      Placed p = place(folded.g, folded.nodes, folded.edges, heading, max_width_mm, max_height_mm, max_scale);
      if (p.scale > best.scale * 1.05 && (kLabelPt * unfolded < kSubPt || p.scale >= unfolded * 1.25))
        best = std::move(p);
    }
  }
  if (kLabelPt * best.scale < kMinPt)
    throw FlowError(flow.title + "：流程图过大，在 " + std::to_string(static_cast<int>(max_width_mm)) + "×" +
                    std::to_string(static_cast<int>(max_height_mm)) + " mm 内放不下（文字将小于 6 磅） (does_not_fit)");
  return draw(flow, boxes, edge_labels, heading, best);
}

}  // namespace lh::flow
