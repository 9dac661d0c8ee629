// Fixed pages (signs, labels, forms): frames placed in millimetres. A TextBox's text is fitted:
// the largest size in [min_pt, max_pt] at which it fits the box; it never overflows, and a text
// that does not fit even at min_pt is an error.
#include <cmath>
#include <sstream>

#include "layout/internal.h"

namespace lh::layout {
namespace detail {
namespace {

struct Fitted {
  Shaped shaped;
  double size = 0;
  double height = 0;  // em box of the first line to the em box of the last
  double width = 0;   // widest line
};

Fitted shape_box(const model::TextBox& box, const FontSet& fonts, double size, ParagraphStyle& ps) {
  ps = ParagraphStyle{};
  ps.font.role = box.role;
  ps.font.size_pt = size;
  ps.first_line_indent_chars = 0;
  ps.align = box.align;
  ps.color_rgb = box.color_rgb;
  std::vector<model::Run> runs = box.runs;
  for (auto& r : runs)
    if (r.size_pt > 0 && box.max_pt > 0) r.size_pt = r.size_pt * size / box.max_pt;
  ShapeSpec spec;
  spec.style = &ps;
  spec.width_pt = mm(box.w_mm);
  spec.align = box.align == model::Align::Justify ? model::Align::Start : box.align;
  spec.wrap_chars = true;
  Fitted f;
  f.shaped = shape(fonts, runs, spec);
  f.size = f.shaped.size_pt;
  const size_t n = f.shaped.lines.size();
  f.height = f.size + (n > 0 ? (n - 1) : 0) * f.size * box.line_spacing;
  for (const LineInfo& li : f.shaped.lines) f.width = std::max(f.width, li.width);
  return f;
}

bool fits(const Fitted& f, const model::TextBox& box) {
  return f.height <= mm(box.h_mm) + 0.01 && f.width <= mm(box.w_mm) + 0.01;
}

std::string excerpt(const model::TextBox& box) {
  std::string t;
  for (const auto& r : box.runs) t += r.text;
  if (t.size() > 60) {
    size_t cut = 60;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    t = t.substr(0, cut) + "…";
  }
  return t;
}

}  // namespace

void lay_out_fixed_page(Paginator& pg, const std::vector<model::Frame>& frames, int page_in_section) {
  Page& page = pg.fixed_page();
  int index = 0;
  for (const model::Frame& f : frames) {
    ++index;
    if (const auto* r = std::get_if<model::Rule>(&f)) {
      page.items.emplace_back(RuleItem{mm(r->x1_mm), mm(r->y1_mm), mm(r->x2_mm), mm(r->y2_mm), mm(r->width_mm), r->color_rgb, 0});
    } else if (const auto* s = std::get_if<model::Shape>(&f)) {
      RectItem it;
      it.x = mm(s->x_mm);
      it.y = mm(s->y_mm);
      it.w = mm(s->w_mm);
      it.h = mm(s->h_mm);
      it.filled = s->filled;
      it.fill_rgb = s->fill_rgb;
      it.stroke = mm(s->stroke_mm);
      it.stroke_rgb = s->stroke_rgb;
      it.corner = mm(s->corner_mm);
      page.items.emplace_back(it);
    } else if (const auto* im = std::get_if<model::PlacedImage>(&f)) {
      if (im->image.bytes.empty()) continue;
      ImageItem it;
      it.x = mm(im->x_mm);
      it.y = mm(im->y_mm);
      it.w = mm(im->w_mm);
      it.h = mm(im->h_mm);
      it.image = std::make_shared<model::Image>(im->image);
      page.items.emplace_back(std::move(it));
    } else if (const auto* tb = std::get_if<model::TextBox>(&f)) {
      double size;
      try {
        size = fit_text_size(*tb, pg.fonts());
      } catch (const LayoutError& e) {
        throw LayoutError("fixed page " + std::to_string(page_in_section + 1) + ", frame " + std::to_string(index) +
                          ": " + e.what());
      }
      ParagraphStyle ps;
      Fitted fit = shape_box(*tb, pg.fonts(), size, ps);
      const double y0 = mm(tb->y_mm) + (tb->vertical_center ? (mm(tb->h_mm) - fit.height) / 2 : 0);
      for (size_t i = 0; i < fit.shaped.lines.size(); ++i) {
        const LineInfo& li = fit.shaped.lines[i];
        const double base = y0 + kEmAscent * fit.size + i * fit.size * tb->line_spacing;
        page.items.emplace_back(GlyphLine{li.layout, li.index, mm(tb->x_mm) + li.x, base, li.text});
        line_links(fit.shaped, li, mm(tb->x_mm), base, page.items);
      }
    }
  }
}

}  // namespace detail

double fit_text_size(const model::TextBox& box, const FontSet& fonts) {
  using namespace detail;
  if (!(box.min_pt > 0) || box.max_pt < box.min_pt || box.w_mm <= 0 || box.h_mm <= 0)
    throw LayoutError("text box \"" + excerpt(box) + "\": bad geometry or size range");
  ParagraphStyle ps;
  if (fits(shape_box(box, fonts, box.max_pt, ps), box)) return box.max_pt;
  if (!fits(shape_box(box, fonts, box.min_pt, ps), box)) {
    std::ostringstream os;
    os << "text box \"" << excerpt(box) << "\" does not fit its " << box.w_mm << "×" << box.h_mm
       << " mm box even at the minimum size " << box.min_pt << " pt";
    throw LayoutError(os.str());
  }
  double lo = box.min_pt, hi = box.max_pt;  // fits(lo), !fits(hi)
  while (hi - lo > 0.1) {
    const double mid = (lo + hi) / 2;
    if (fits(shape_box(box, fonts, mid, ps), box)) lo = mid;
    else hi = mid;
  }
  return lo;
}

}  // namespace lh::layout
