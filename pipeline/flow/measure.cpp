// Text sizes for the flow chart, measured with pango and the project's font roles (the same
// context layout uses), so the boxes Graphviz places are the boxes our text needs. Line breaks are
// decided here and written into the text, so the drawn TextBox breaks at the same places.
#include <pango/pango.h>

#include <algorithm>

#include "flow/internal.h"

namespace lh::flow::detail {

Text measure(const layout::FontSet& fonts, model::FontRole role, double pt, const std::string& s, double wrap_pt) {
  Text t;
  if (s.empty()) return t;
  PangoLayout* l = pango_layout_new(fonts.context());
  PangoFontDescription* d = fonts.describe(role, pt, false);
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  PangoAttrList* attrs = pango_attr_list_new();  // the role's Latin face too, as the TextBox draws it
  fonts.add_font_attrs(attrs, s, 0, s.size(), role, pt, false, false);
  pango_layout_set_attributes(l, attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width(l, wrap_pt > 0 ? static_cast<int>(wrap_pt * PANGO_SCALE) : -1);
  pango_layout_set_text(l, s.c_str(), static_cast<int>(s.size()));
  const int n = pango_layout_get_line_count(l);
  for (int i = 0; i < n; ++i) {
    PangoLayoutLine* line = pango_layout_get_line_readonly(l, i);
    PangoRectangle logical;
    pango_layout_line_get_extents(line, nullptr, &logical);
    t.w = std::max(t.w, static_cast<double>(logical.width) / PANGO_SCALE);
    std::string part = s.substr(static_cast<size_t>(line->start_index), static_cast<size_t>(line->length));
    while (!part.empty() && (part.back() == ' ' || part.back() == '\n')) part.pop_back();
    if (i) t.lines += '\n';
    t.lines += part;
  }
  t.h = pt + (n - 1) * pt * kLineSpacing;  // as layout/fixed.cpp measures a TextBox
  g_object_unref(l);
  return t;
}

NodeBox node_box(const Step& s, const layout::FontSet& fonts) {
  NodeBox b;
  const bool decision = s.kind == StepKind::Decision;
  b.label = measure(fonts, model::FontRole::Body, kLabelPt, s.label, decision ? kDecisionWrapPt : kLabelWrapPt);
  // "actor · time limit" on one line where it fits; else each on its own line, so a time limit
  // ("3个工作日") is never cut in two.
  const double sub_wrap = decision ? kDecisionWrapPt : kLabelWrapPt;
  const bool both = !s.actor.empty() && !s.time_limit.empty();
  b.sub = measure(fonts, model::FontRole::Body, kSubPt, both ? s.actor + " · " + s.time_limit : s.actor + s.time_limit, sub_wrap);
  if (both && b.sub.lines.find('\n') != std::string::npos)
    b.sub = measure(fonts, model::FontRole::Body, kSubPt, s.actor + "\n" + s.time_limit, sub_wrap);
  // The note (flow.xsd step/@note: "行政许可法第三十二条", "告知申请复议、诉讼的权利") was read and
  // never drawn: it goes under the rest in 楷体, the face 公文 sets an aside in (GB/T 9704-2012
  // §7.3.3 uses 楷体 for the level below 黑体), so it reads as a remark, not as the step.
  b.note = measure(fonts, model::FontRole::Kai, kSubPt, s.note, sub_wrap);
  const double text_w = std::max({b.label.w, b.sub.w, b.note.w});
  const double text_h = b.label.h + (b.sub.lines.empty() ? 0 : kSubPt * 0.4 + b.sub.h) +
                        (b.note.lines.empty() ? 0 : kSubPt * 0.4 + b.note.h);
  const double iw = text_w + 2 * kPadPt, ih = text_h + 2 * kPadPt;
  switch (s.kind) {
    case StepKind::Decision:
      // A rectangle of half-sides x, y fits a diamond of half-diagonals a, b when x/a + y/b ≤ 1;
      // x/a = 0.6 keeps the diamond from growing as tall as it is wide.
      b.w = std::max(kMinNodeWPt, iw / 0.6);
      b.h = std::max(kMinNodeHPt * 1.6, ih / 0.4);
      break;
    case StepKind::Start:
    case StepKind::End:  // 端点符: semicircular ends as wide as the symbol is tall
      b.h = std::max(kMinNodeHPt, ih);
      b.w = std::max(kMinNodeWPt, iw + b.h * 0.6);
      break;
    case StepKind::Predefined:
      b.w = std::max(kMinNodeWPt, iw + 2 * kBarPt);
      b.h = std::max(kMinNodeHPt, ih);
      break;
    case StepKind::Data:  // 数据: the slant takes room on both sides
      b.h = std::max(kMinNodeHPt, ih);
      b.w = std::max(kMinNodeWPt, iw + b.h * 0.6);
      break;
    case StepKind::Process:
      b.w = std::max(kMinNodeWPt, iw);
      b.h = std::max(kMinNodeHPt, ih);
      break;
  }
  return b;
}

Heading measure_heading(const Flow& f, const layout::FontSet& fonts) {
  Heading h;
  h.title = measure(fonts, model::FontRole::Title, kTitlePt, f.title, kTitleWrapPt);
  h.basis = measure(fonts, model::FontRole::Kai, kBasisPt, f.basis.empty() ? "" : "依据：" + f.basis, kBasisWrapPt);
  h.h = h.title.h + (h.basis.lines.empty() ? 0 : kBasisPt * 0.5 + h.basis.h);
  if (h.h > 0) h.h += kTitleGapPt;  // no heading at all: the caller prints title and basis itself
  return h;
}

}  // namespace lh::flow::detail
