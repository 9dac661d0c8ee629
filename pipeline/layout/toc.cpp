// The table of contents: one entry per heading down to max_level, a dotted leader and the page
// number the previous layout pass found for the heading, the whole entry a link to the heading.
#include <algorithm>
#include <cmath>

#include "layout/internal.h"

namespace lh::layout::detail {

namespace {

// The title: the first heading style, centred, and a line's gap below it, kept with the entries.
void flow_toc_title(Paginator& pg, const model::TableOfContents& toc) {
  const Style& style = pg.style();
  ParagraphStyle title_style = style.headings[0];
  title_style.align = model::Align::Center;
  title_style.first_line_indent_chars = 0;
  model::Run r;
  r.text = toc.title;
  ShapeSpec spec;
  spec.style = &title_style;
  spec.width_pt = pg.width();
  spec.align = model::Align::Center;
  Shaped s = shape(pg.fonts(), {r}, spec);
  for (const LineInfo& li : s.lines) {
    Strip strip;
    strip.height = pg.pitch() * std::max(1.0, std::ceil(s.size_pt * style.line_height_em / pg.pitch() - 1e-6));
    strip.items.emplace_back(GlyphLine{li.layout, li.index, pg.left() + li.x, kEmAscent * s.size_pt, li.text});
    strip.keep_with_next = true;
    pg.add(std::move(strip));
  }
  Strip gap;
  gap.height = pg.pitch();
  gap.keep_with_next = true;
  pg.add(std::move(gap));
}

// One entry: the heading's title indented by its level, a dotted leader to the page number on its
// last line, every line a link to the heading.
void flow_toc_entry(Paginator& pg, const TocHeading& h, const std::string& page, const ParagraphStyle& entry_style) {
  const double size = entry_style.font.size_pt;
  const double number_w = 3 * size;  // room kept for the page number
  const double indent = (h.level - 1) * 2 * size;
  model::Run r;
  r.text = h.title;
  ShapeSpec spec;
  spec.style = &entry_style;
  spec.width_pt = pg.width() - indent - number_w - size;
  spec.align = model::Align::Start;
  spec.no_lone_last_char = true;  // 孤字不成行: a wrapped entry keeps two characters by its page number
  Shaped s = shape(pg.fonts(), {r}, spec);
  model::Run nr;
  nr.text = page;
  ShapeSpec nspec;
  nspec.style = &entry_style;
  nspec.wrap = false;
  nspec.align = model::Align::Start;
  Shaped n = shape(pg.fonts(), {nr}, nspec);
  const double base = kEmAscent * size;
  for (size_t i = 0; i < s.lines.size(); ++i) {
    const LineInfo& li = s.lines[i];
    Strip strip;
    strip.height = pg.pitch();
    const double x = pg.left() + indent + li.x;
    strip.items.emplace_back(GlyphLine{li.layout, li.index, x, base, li.text});
    if (i + 1 == s.lines.size()) {
      const double nx = pg.left() + pg.width() - n.lines[0].width;
      const double lead_from = x + li.width + size * 0.5, lead_to = nx - size * 0.5;
      if (lead_to > lead_from) {
        RuleItem dots;
        dots.x1 = lead_from;
        dots.x2 = lead_to;
        dots.y1 = dots.y2 = base - 0.1 * size;
        dots.width = 0.8;
        dots.dot = size / 4;
        strip.items.emplace_back(dots);
      }
      strip.items.emplace_back(GlyphLine{n.lines[0].layout, n.lines[0].index, nx, base, n.lines[0].text});
    }
    LinkItem link;
    link.x = pg.left() + indent;
    link.w = pg.width() - indent;
    link.y = base - kEmAscent * size - 1;
    link.h = size + 2;
    link.dest = h.dest;
    strip.items.emplace_back(std::move(link));
    strip.keep_with_next = i + 1 < s.lines.size();
    pg.add(std::move(strip));
  }
}

}  // namespace

void flow_toc(Paginator& pg, const model::TableOfContents& toc, const std::vector<TocHeading>& heads, FlowState& st) {
  const Style& style = pg.style();
  pg.flush();
  flow_toc_title(pg, toc);

  ParagraphStyle entry_style = style.body;
  entry_style.first_line_indent_chars = 0;
  entry_style.align = model::Align::Start;
  for (const TocHeading& h : heads) {
    if (h.level > toc.max_level) continue;
    std::string page = "?";
    if (st.pass && st.pass->page_text_of_dest)
      if (auto it = st.pass->page_text_of_dest->find(h.dest); it != st.pass->page_text_of_dest->end()) page = it->second;
    flow_toc_entry(pg, h, page, entry_style);
  }
}

}  // namespace lh::layout::detail
