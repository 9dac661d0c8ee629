// Page decorations: running header and footer ("{PAGE}" = the page number) and the page number of
// GB/T 9704-2012 §7.5: "— 1 —" in 4号半角宋体, the 一字线 7 mm below the lower edge of the 版心,
// odd pages right and even pages left, one character in from the edge.
#include <map>

#include <pango/pangocairo.h>

#include "layout/internal.h"

namespace lh::layout::detail {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
  return s;
}

const model::PageSetup& setup(const Style& style, const model::Section& s) {
  const model::PageSetup d{};
  const auto& p = s.page;
  bool def = p.width_mm == d.width_mm && p.height_mm == d.height_mm && p.top_mm == d.top_mm &&
             p.bottom_mm == d.bottom_mm && p.left_mm == d.left_mm && p.right_mm == d.right_mm;
  return def ? style.page : s.page;
}

// Lines of header/footer paragraphs; `first_baseline` of the first line; lines go down by 1.2 em.
void place_paragraphs(Page& page, const std::vector<model::Paragraph>& paras, const Style& style,
                      const FontSet& fonts, double left, double width, double first_baseline, bool from_bottom) {
  std::vector<Shaped> shaped;
  double total = 0;
  std::vector<bool> numbered;  // a paragraph with {PAGE} is a page number (GlyphLine::page_number)
  for (const model::Paragraph& p : paras) {
    std::vector<model::Run> runs = p.runs;
    bool has_page = false;
    for (auto& r : runs) {
      has_page = has_page || r.text.find("{PAGE}") != std::string::npos;
      r.text = replace_all(r.text, "{PAGE}", page.number_text);
    }
    numbered.push_back(has_page);
    ShapeSpec spec;
    spec.style = &style.header_footer;
    spec.width_pt = width;
    spec.align = p.align.value_or(style.header_footer.align);
    shaped.push_back(shape(fonts, runs, spec));
    total += shaped.back().lines.size() * shaped.back().size_pt * 1.2;
  }
  double y = from_bottom ? first_baseline - total + (shaped.empty() ? 0 : shaped[0].size_pt * 1.2) : first_baseline;
  for (size_t k = 0; k < shaped.size(); ++k)
    for (const LineInfo& li : shaped[k].lines) {
      const Shaped& s = shaped[k];
      page.items.emplace_back(GlyphLine{li.layout, li.index, left + li.x, y, li.text, numbered[k]});
      y += s.size_pt * 1.2;
    }
}

// How far above the baseline the middle of an em dash sits, for a font size (measured once).
double dash_axis(const FontSet& fonts, const FontSpec& f) {
  thread_local std::map<std::pair<int, int>, double> cache;  // (role, size×100) → offset
  auto key = std::make_pair(static_cast<int>(f.role), static_cast<int>(f.size_pt * 100));
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  PangoLayout* l = pango_layout_new(fonts.context());
  PangoFontDescription* d = fonts.describe(f.role, f.size_pt, f.bold);
  pango_layout_set_font_description(l, d);
  pango_font_description_free(d);
  pango_layout_set_text(l, "—", -1);
  PangoRectangle ink;
  pango_layout_get_extents(l, &ink, nullptr);
  double base = static_cast<double>(pango_layout_get_baseline(l)) / PANGO_SCALE;
  double mid = (ink.y + ink.height / 2.0) / PANGO_SCALE;
  g_object_unref(l);
  double off = ink.height > 0 ? base - mid : 0.3 * f.size_pt;
  cache[key] = off;
  return off;
}

}  // namespace

void decorate_page(Page& page, const model::Section& section, const Style& style, const FontSet& fonts) {
  const model::PageSetup& ps = setup(style, section);
  const double left = mm(ps.left_mm), width = mm(ps.width_mm - ps.left_mm - ps.right_mm);
  const double block_bottom = mm(ps.height_mm - ps.bottom_mm);
  if (section.header && !section.header->paragraphs.empty())
    place_paragraphs(page, section.header->paragraphs, style, fonts, left, width, mm(style.header_distance_mm), true);
  if (section.footer && !section.footer->paragraphs.empty()) {
    place_paragraphs(page, section.footer->paragraphs, style, fonts, left, width,
                     page.height_pt - mm(style.footer_distance_mm), false);
    return;  // the footer carries its own {PAGE}
  }
  const PageNumberStyle& pn = style.page_number;
  if (!pn.enabled) return;
  std::string text = replace_all(pn.format, "{n}", page.number_text);
  ParagraphStyle ps_num;
  ps_num.font = pn.font;
  ps_num.first_line_indent_chars = 0;
  ShapeSpec spec;
  spec.style = &ps_num;
  spec.wrap = false;
  spec.align = model::Align::Start;
  model::Run run;
  run.text = text;
  Shaped s = shape(fonts, {run}, spec);
  if (s.lines.empty()) return;
  const LineInfo& li = s.lines[0];
  const double baseline = block_bottom + mm(pn.below_text_block_mm) + dash_axis(fonts, pn.font);
  const double inset = pn.inset_chars * pn.font.size_pt;
  double x;
  if (!pn.outside)
    x = left + (width - li.width) / 2;
  else if (page.number % 2 == 1)
    x = left + width - inset - li.width;  // odd: right, one character in
  else
    x = left + inset;                     // even: left, one character in
  page.items.emplace_back(GlyphLine{li.layout, li.index, x, baseline, li.text, true});
}

}  // namespace lh::layout::detail
