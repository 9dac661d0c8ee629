// Fixed pages (signs, labels, forms) and drawings (a Drawing block in a flowing section): frames
// placed in millimetres. A TextBox's text is fitted: the largest size in [min_pt, max_pt] at which
// it fits the box; it never overflows, and a text that does not fit even at min_pt is an error.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "layout/internal.h"

namespace lh::layout {
namespace detail {
namespace {

struct Fitted {
  Shaped shaped;
  double size = 0;
  double height = 0;   // em box of the first line to the em box of the last
  double width = 0;    // widest line
  double measure = 0;  // the line width the text was broken to (pt)
  double dx = 0;       // where that measure starts inside the box (a balanced title is centred)
};

Fitted shape_box(const model::TextBox& box, const FontSet& fonts, double size, double measure_pt) {
  ParagraphStyle ps;
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
  spec.width_pt = measure_pt;
  spec.align = box.align == model::Align::Justify ? model::Align::Start : box.align;
  spec.wrap_chars = true;
  Fitted f;
  f.shaped = shape(fonts, runs, spec);
  f.size = f.shaped.size_pt;
  f.measure = measure_pt;
  const size_t n = f.shaped.lines.size();
  f.height = f.size + (n > 0 ? (n - 1) : 0) * f.size * box.line_spacing;
  for (const LineInfo& li : f.shaped.lines) f.width = std::max(f.width, li.width);
  return f;
}

// GB/T 15834-2011 §5.1 on every break (pango's UAX #14 classes keep them, but WRAP_WORD_CHAR may
// cut anywhere when a measure is narrower than one unbreakable run): a size or measure whose
// breaks would violate them does not count as fitting.
bool breaks_ok(const Fitted& f) {
  const auto& lines = f.shaped.lines;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (closing_mark_at(lines[i + 1].text, 0) > 0) return false;
    std::string t = lines[i].text;
    while (!t.empty() && (t.back() == ' ' || t.back() == '\n')) t.pop_back();
    if (opening_mark_at_end(t) > 0) return false;
  }
  return true;
}

int line_count(const Fitted& f) { return static_cast<int>(f.shaped.lines.size()); }

bool fits(const Fitted& f, const model::TextBox& box) {
  return f.height <= mm(box.h_mm) + 0.01 && f.width <= mm(box.w_mm) + 0.01 &&
         (box.max_lines <= 0 || line_count(f) <= box.max_lines) && breaks_ok(f);
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

// A balanced title: the narrowest measure (to 0.5 pt) that keeps the line count and the breaking
// rules, centred in the box for centred text (at the end for end-aligned text).
Fitted balance(const model::TextBox& box, const FontSet& fonts, Fitted f) {
  const int n = line_count(f);
  if (!box.balance || n < 2) return f;
  double hi = f.measure, lo = 0;
  for (const LineInfo& li : f.shaped.lines) lo += li.width;
  lo /= n;  // no measure narrower than the average line keeps n lines
  Fitted best = f;
  while (hi - lo > 0.5) {
    const double mid = (lo + hi) / 2;
    Fitted g = shape_box(box, fonts, f.size, mid);
    if (line_count(g) == n && breaks_ok(g) && g.width <= mid + 0.01) {
      hi = mid;
      best = std::move(g);
    } else {
      lo = mid;
    }
  }
  const double slack = f.measure - best.measure;
  best.dx = box.align == model::Align::Center ? slack / 2 : box.align == model::Align::End ? slack : 0;
  return best;
}

std::string fmt_mm(double v) {
  std::ostringstream os;
  os.setf(std::ios::fixed);
  os.precision(1);
  os << v;
  return os.str();
}

constexpr double kSizeStep = 0.1;  // pt: the sizes tried are min_pt + k × kSizeStep (and max_pt)

// Where to look first: the text's width and height scale with its size (unhinted metrics, unrounded
// positions: FontSet), so the shape at max_pt tells about where the answer lies. On one line the
// size that fills the measure is exact; wrapped text loses lines as it shrinks, so its height
// shrinks about with the square of the size. A wrong guess costs a few more tries, never the answer.
double guessed_size(const model::TextBox& box, const Fitted& top) {
  double total = 0;
  for (const LineInfo& li : top.shaped.lines) total += li.width;
  const double measure = mm(box.w_mm), height = mm(box.h_mm);
  const double one_line = std::min(total > 0 ? measure / total : 1.0, height / box.max_pt);
  double r = one_line;
  if (box.max_lines != 1) {
    r = top.height > 0 ? std::sqrt(height / top.height) : 1.0;
    if (top.width > measure) r = std::min(r, measure / top.width);  // a word wider than the box
    const int n = line_count(top);
    if (box.max_lines > 0 && n > box.max_lines) r = std::min(r, static_cast<double>(box.max_lines) / n);
    r = std::max(r, one_line);
  }
  return box.max_pt * r;
}

// The size search shared by fit_text_size and the page layout: the largest size on the grid
// min_pt + k × 0.1 pt (or max_pt itself) at which the text fits. Sizes are tried from a guess
// outwards, then halving the interval between the largest size known to fit and the smallest known
// not to; each shape is kept, so the answer is never shaped twice.
Fitted fit_sizes(const model::TextBox& box, const FontSet& fonts) {
  if (!(box.min_pt > 0) || box.max_pt < box.min_pt || box.w_mm <= 0 || box.h_mm <= 0)
    throw LayoutError("text box \"" + excerpt(box) + "\": bad geometry or size range");
  const double measure = mm(box.w_mm);
  Fitted top = shape_box(box, fonts, box.max_pt, measure);
  if (fits(top, box)) return balance(box, fonts, std::move(top));
  auto size_at = [&](int k) { return box.min_pt + k * kSizeStep; };
  const int kmax = static_cast<int>(std::floor((box.max_pt - box.min_pt) / kSizeStep + 1e-9));
  int lo = -1;                                                         // largest k known to fit
  int hi = size_at(kmax) >= box.max_pt - 1e-9 ? kmax : kmax + 1;       // smallest k known not to (max_pt)
  Fitted best, at_min;
  auto probe = [&](int k) {
    Fitted f = shape_box(box, fonts, size_at(k), measure);
    if (fits(f, box)) {
      lo = k;
      best = std::move(f);
      return true;
    }
    hi = k;
    if (k == 0) at_min = std::move(f);
    return false;
  };
  if (hi > 0) {
    const int k0 = std::clamp(static_cast<int>(std::floor((guessed_size(box, top) - box.min_pt) / kSizeStep + 1e-9)), 0, hi - 1);
    if (probe(k0)) {
      if (k0 + 1 < hi) probe(k0 + 1);
    } else if (k0 > 0) {
      probe(k0 - 1);
    }
    while (hi - lo > 1) probe(lo + (hi - lo) / 2);
  }
  if (lo >= 0) return balance(box, fonts, std::move(best));
  const Fitted low = hi == 0 && !at_min.shaped.lines.empty() ? std::move(at_min) : shape_box(box, fonts, box.min_pt, measure);
  double over_w = std::max(0.0, (low.width - measure) / kPtPerMm);
  double over_h = std::max(0.0, (low.height - mm(box.h_mm)) / kPtPerMm);
  const int n = line_count(low);
  if (box.max_lines == 1 && n > 1) {
    // A one-line region: what a sign maker needs is how much too long the line is.
    const Fitted one = shape_box(box, fonts, box.min_pt, 1e6);
    over_w = std::max(over_w, (one.width - measure) / kPtPerMm);
    over_h = std::max(0.0, (one.height - mm(box.h_mm)) / kPtPerMm);
  } else if (box.max_lines > 0 && n > box.max_lines) {  // the lines beyond the limit, at the minimum size
    over_h = std::max(over_h, (n - box.max_lines) * low.size * box.line_spacing / kPtPerMm);
  }
  std::ostringstream os;
  os << "text box \"" << excerpt(box) << "\" does not fit its " << box.w_mm << "×" << box.h_mm
     << " mm box even at the minimum size " << box.min_pt << " pt: " << n << " line(s)";
  if (box.max_lines > 0) os << " (at most " << box.max_lines << ")";
  if (over_h > 0) os << ", " << fmt_mm(over_h) << " mm too tall";
  if (over_w > 0) os << ", " << fmt_mm(over_w) << " mm too wide";
  if (over_h <= 0 && over_w <= 0) os << ", no line break allowed by the Chinese line-breaking rules";
  throw TextOverflow(os.str(), over_w, over_h, n, box.max_lines);
}

// Runs kept together (a 法定名称's organisations, model::Run::keep_together) are fitted unbroken
// first, at whatever size that allows down to min_pt; only text that cannot fit so is fitted as
// one text again, breaking wherever the line-breaking rules allow.
Fitted fit_box(const model::TextBox& box, const FontSet& fonts) {
  const bool kept = box.max_lines != 1 && std::any_of(box.runs.begin(), box.runs.end(),
                                                      [](const model::Run& r) { return r.keep_together; });
  if (!kept) return fit_sizes(box, fonts);
  try {
    return fit_sizes(box, fonts);
  } catch (const TextOverflow&) {
  }
  model::TextBox loose = box;
  for (model::Run& r : loose.runs) r.keep_together = false;
  return fit_sizes(loose, fonts);
}

// A frame's position in the page's coordinates: millimetres × scale, from (x0, y0) in points.
struct Placement {
  double scale = 1, x0 = 0, y0 = 0;
  double x(double v_mm) const { return x0 + mm(v_mm) * scale; }
  double y(double v_mm) const { return y0 + mm(v_mm) * scale; }
  double len(double v_mm) const { return mm(v_mm) * scale; }
};

// A TextBox at a scale: its box, its size range and its runs' explicit sizes scale together, so a
// drawing shrunk to fit the text block keeps its proportions (the text is fitted at the new size).
model::TextBox scaled_box(const model::TextBox& tb, const Placement& at) {
  model::TextBox b = tb;
  b.x_mm = 0;
  b.y_mm = 0;
  b.w_mm = tb.w_mm * at.scale;
  b.h_mm = tb.h_mm * at.scale;
  b.min_pt = tb.min_pt * at.scale;
  b.max_pt = tb.max_pt * at.scale;
  for (auto& r : b.runs)
    if (r.size_pt > 0) r.size_pt *= at.scale;
  return b;
}

void text_box_items(const model::TextBox& tb, const FontSet& fonts, const Placement& at, std::vector<Item>& out) {
  const model::TextBox box = at.scale == 1 ? tb : scaled_box(tb, at);
  const Fitted fit = fit_box(box, fonts);  // shrink to fit, then balance (signs' titles)
  const double left = at.x(tb.x_mm) + fit.dx;
  const double y0 = at.y(tb.y_mm) + (box.vertical_center ? (mm(box.h_mm) - fit.height) / 2 : 0);
  for (size_t i = 0; i < fit.shaped.lines.size(); ++i) {
    const LineInfo& li = fit.shaped.lines[i];
    const double base = y0 + kEmAscent * fit.size + i * fit.size * box.line_spacing;
    out.emplace_back(GlyphLine{li.layout, li.index, left + li.x, base, li.text});
    line_links(fit.shaped, li, left, base, out);
  }
}

PathItem path_item(const model::Path& p, const Placement& at) {
  PathItem it;
  it.x = at.x0;
  it.y = at.y0;
  it.points.reserve(p.points.size());
  for (const model::PathPoint& q : p.points) it.points.push_back({at.len(q.x_mm), at.len(q.y_mm)});
  it.closed = p.closed;
  it.curved = p.curved;
  it.filled = p.filled;
  it.fill_rgb = p.fill_rgb;
  it.stroke = at.len(p.stroke_mm);
  it.stroke_rgb = p.stroke_rgb;
  return it;
}

// One frame → page items. Throws LayoutError for a TextBox whose text does not fit.
void frame_items(const model::Frame& f, const FontSet& fonts, const Placement& at, std::vector<Item>& out) {
  if (const auto* r = std::get_if<model::Rule>(&f)) {
    out.emplace_back(RuleItem{at.x(r->x1_mm), at.y(r->y1_mm), at.x(r->x2_mm), at.y(r->y2_mm), at.len(r->width_mm),
                              r->color_rgb, 0});
  } else if (const auto* s = std::get_if<model::Shape>(&f)) {
    RectItem it;
    it.x = at.x(s->x_mm);
    it.y = at.y(s->y_mm);
    it.w = at.len(s->w_mm);
    it.h = at.len(s->h_mm);
    it.filled = s->filled;
    it.fill_rgb = s->fill_rgb;
    it.stroke = at.len(s->stroke_mm);
    it.stroke_rgb = s->stroke_rgb;
    it.corner = at.len(s->corner_mm);
    out.emplace_back(it);
  } else if (const auto* im = std::get_if<model::PlacedImage>(&f)) {
    if (im->image.bytes.empty()) return;
    ImageItem it;
    it.x = at.x(im->x_mm);
    it.y = at.y(im->y_mm);
    it.w = at.len(im->w_mm);
    it.h = at.len(im->h_mm);
    it.image = shared_image(im->image);
    out.emplace_back(std::move(it));
  } else if (const auto* tb = std::get_if<model::TextBox>(&f)) {
    text_box_items(*tb, fonts, at, out);
  } else if (const auto* p = std::get_if<model::Path>(&f)) {
    if (p->points.size() >= 2) out.emplace_back(path_item(*p, at));
  }
}

}  // namespace

void lay_out_fixed_page(Paginator& pg, const std::vector<model::Frame>& frames, int page_in_section) {
  Page& page = pg.fixed_page();
  int index = 0;
  for (const model::Frame& f : frames) {
    ++index;
    try {
      frame_items(f, pg.fonts(), Placement{}, page.items);
    } catch (const TextOverflow& e) {
      throw TextOverflow("fixed page " + std::to_string(page_in_section + 1) + ", frame " + std::to_string(index) +
                             ": " + e.what(), e.over_width_mm, e.over_height_mm, e.lines, e.max_lines);
    } catch (const LayoutError& e) {
      throw LayoutError("fixed page " + std::to_string(page_in_section + 1) + ", frame " + std::to_string(index) +
                        ": " + e.what());
    }
  }
}

}  // namespace detail

std::vector<Item> lay_out_drawing(const model::Drawing& d, const FontSet& fonts, double scale, double x_pt,
                                  double y_pt) {
  using namespace detail;
  std::vector<Item> out;
  int index = 0;
  for (const model::Frame& f : d.frames) {
    ++index;
    try {
      frame_items(f, fonts, Placement{scale, x_pt, y_pt}, out);
    } catch (const LayoutError& e) {
      throw LayoutError("drawing \"" + d.description + "\", frame " + std::to_string(index) + ": " + e.what());
    }
  }
  return out;
}

double fit_text_size(const model::TextBox& box, const FontSet& fonts) {
  return detail::fit_box(box, fonts).size;
}

FittedText fit_text(const model::TextBox& box, const FontSet& fonts) {
  const detail::Fitted f = detail::fit_box(box, fonts);
  return {f.size, f.width / detail::kPtPerMm, f.height / detail::kPtPerMm, static_cast<int>(f.shaped.lines.size())};
}

}  // namespace lh::layout
