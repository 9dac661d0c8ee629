// The paginator: strips go down the text block of the section's page at the style's line pitch
// (GB/T 9704-2012 §5.2.3: 22 lines fill the 225 mm 版心); keep-with-next chains move together.
#include <cmath>

#include "layout/internal.h"

namespace lh::layout::detail {
namespace {

bool same_setup(const model::PageSetup& a, const model::PageSetup& b) {
  return a.width_mm == b.width_mm && a.height_mm == b.height_mm && a.top_mm == b.top_mm &&
         a.bottom_mm == b.bottom_mm && a.left_mm == b.left_mm && a.right_mm == b.right_mm;
}

}  // namespace

Paginator::Paginator(const Style& style, const FontSet& fonts, Laid& out)
    : style_(style), fonts_(fonts), out_(out) {}

// The style's page governs unless the section brings its own (a reader set a non-default one,
// e.g. a landscape section).
static const model::PageSetup& setup_for(const Style& style, const model::Section& s) {
  return same_setup(s.page, model::PageSetup{}) ? style.page : s.page;
}

void Paginator::begin_section(const model::Section& s) {
  if (page_open_) close_page();
  // A recto page has an odd physical number; after an odd count of pages the next one is a verso.
  if (s.start_on_odd_page && section_ && out_.pages.size() % 2 == 1) add_blank_page();
  section_ = &s;
  if (s.restart_numbering) number_ = 0;
  section_first_page_ = static_cast<int>(out_.pages.size());
  const model::PageSetup& ps = setup_for(style_, s);
  left_ = mm(ps.left_mm);
  top_ = mm(ps.top_mm);
  width_ = mm(ps.width_mm - ps.left_mm - ps.right_mm);
  body_h_ = mm(ps.height_mm - ps.top_mm - ps.bottom_mm);
  pitch_ = style_.line_pitch_pt();
  if (pitch_ <= 0 || pitch_ > body_h_) pitch_ = body_h_;
}

void Paginator::end_section() {
  flush();
  if (page_open_) close_page();
  const int n = static_cast<int>(out_.pages.size()) - section_first_page_;
  for (int k = 0; k < n; ++k) {
    Page& p = out_.pages[section_first_page_ + k];
    p.label = label_of(p, k, n);
    if (p.label != std::to_string(section_first_page_ + k + 1)) out_.has_page_labels = true;
  }
}

// The PDF page label of the k-th of the section's n pages: its number as printed, or the
// section's own label ("封面"), numbered when the section has several pages.
std::string Paginator::label_of(const Page& p, int k, int n) const {
  if (section_->page_label.empty()) return p.number_text;
  return n == 1 ? section_->page_label : section_->page_label + std::to_string(k + 1);
}

// The verso left empty before a section that opens on a recto (a book's 篇): it belongs to the
// section before, counts in its numbering like the blank page Word inserts for an odd-page
// section break, and shows no header, footer or page number.
void Paginator::add_blank_page() {
  open_page();
  Page& p = out_.pages.back();
  p.blank = true;
  const int k = static_cast<int>(out_.pages.size()) - 1 - section_first_page_;
  p.label = label_of(p, k, k + 1);
  if (p.label != std::to_string(out_.pages.size())) out_.has_page_labels = true;
  page_open_ = false;
}

void Paginator::open_page() {
  const model::PageSetup& ps = setup_for(style_, *section_);
  Page p;
  p.width_pt = mm(ps.width_mm);
  p.height_pt = mm(ps.height_mm);
  p.number = ++number_;
  p.number_text = page_number_text(p.number, section_->numbering);
  out_.pages.push_back(std::move(p));
  page_open_ = true;
  page_has_content_ = false;
  y_ = top_;
}

void Paginator::close_page() {
  if (!page_open_) return;
  if (!section_->blocks.empty() || section_->fixed_pages.empty())
    decorate_page(out_.pages.back(), *section_, style_, fonts_);
  page_open_ = false;
}

Page& Paginator::page() {
  if (!page_open_) open_page();
  return out_.pages.back();
}

Page& Paginator::fixed_page() {
  if (page_open_) close_page();
  open_page();
  page_has_content_ = true;
  return out_.pages.back();
}

double Paginator::remaining() const { return page_open_ ? top_ + body_h_ - y_ + 0.01 : body_h_ + 0.01; }

bool Paginator::at_page_top() const { return !page_open_ || !page_has_content_; }

void Paginator::new_page() {
  if (page_open_) close_page();
  open_page();
}

void Paginator::page_break() {
  flush();
  if (page_open_ && page_has_content_) new_page();
}

void Paginator::snap_to_grid() {
  if (!page_open_) return;
  const double rel = (y_ - top_) / pitch_;
  const double up = std::ceil(rel - 1e-6);
  y_ = top_ + up * pitch_;
}

void Paginator::place_items(std::vector<Item> items, double dy) {
  Page& p = page();
  for (Item& it : items) {
    std::visit(
        [dy](auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, GlyphLine>) v.baseline += dy;
          else if constexpr (std::is_same_v<T, RuleItem>) { v.y1 += dy; v.y2 += dy; }
          else if constexpr (std::is_same_v<T, DestItem>) v.y += dy;
          else v.y += dy;
        },
        it);
    p.items.push_back(std::move(it));
  }
  page_has_content_ = true;
}

void Paginator::mark(const std::vector<std::string>& dests, int outline, double y) {
  Page& p = page();
  const int idx = static_cast<int>(out_.pages.size()) - 1;
  for (const auto& d : dests) {
    if (out_.anchors.count(d)) continue;  // first one wins
    out_.anchors[d] = idx;
    p.items.emplace_back(DestItem{d, left_, y});
  }
  if (outline >= 0 && outline < static_cast<int>(out_.outline.size())) {
    OutlineEntry& e = out_.outline[outline];
    e.page_index = idx;
    e.page_number = p.number;
    e.page_number_text = p.number_text;
    e.y_pt = y;
  }
}

void Paginator::place_strip(Strip& s) {
  const bool blank = s.items.empty() && s.dests.empty() && s.outline < 0;
  if (blank && at_page_top()) return;  // no leading space on a page
  if (s.height > remaining() && !at_page_top()) new_page();
  if (blank && at_page_top()) return;
  page();
  mark(s.dests, s.outline, y_);
  place_items(std::move(s.items), y_);
  y_ += s.height;
}

void Paginator::add(Strip s) {
  const bool keep = s.keep_with_next;
  pending_.push_back(std::move(s));
  if (!keep) flush();
}

void Paginator::flush(double then_needs) {
  if (pending_.empty()) return;
  double total = then_needs;
  for (const Strip& s : pending_) total += s.height;
  if (total > remaining() && !at_page_top() && total <= body_h_ + 0.01) new_page();
  for (Strip& s : pending_) place_strip(s);
  pending_.clear();
}

}  // namespace lh::layout::detail
