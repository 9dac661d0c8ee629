// Shared between the layout files (not for writers): paragraph shaping, strips and the paginator.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "layout/fonts.h"
#include "layout/frames.h"
#include "layout/layout.h"
#include "layout/style.h"
#include "model/document.h"

namespace lh::layout::detail {

constexpr double kPtPerMm = 72.0 / 25.4;
inline double mm(double v) { return v * kPtPerMm; }
// Ideographic em box: the top of an ideograph sits 0.88 em above the baseline.
constexpr double kEmAscent = 0.88;

// --- paragraph.cpp -----------------------------------------------------------------------------
struct LineInfo {
  LayoutPtr layout;     // the layout holding this line (a paragraph may use several; see `hang`)
  int offset = 0;       // byte offset of that layout's text in the paragraph's text
  int index = 0;        // line index within `layout`
  double x = 0;         // logical left, from the layout's left edge
  double width = 0;     // logical width
  double baseline = 0;  // from the layout's top
  std::string text;
};
struct LinkSpan { int start = 0, end = 0; std::string dest, uri; };
struct Shaped {
  LayoutPtr layout;     // the first layout
  std::vector<LineInfo> lines;
  std::vector<LinkSpan> links;
  double size_pt = 0;   // the largest size in the paragraph
};
struct ShapeSpec {
  const ParagraphStyle* style = nullptr;
  double width_pt = 0;
  double letter_spacing_pt = 0;
  double indent_pt = 0;          // first line
  model::Align align = model::Align::Justify;
  std::string marker;            // list marker, in the paragraph's own font
  bool wrap = true;              // false: one line, no width limit
  bool wrap_chars = false;       // allow breaks inside words (fixed-page text boxes)
  // Hanging punctuation (Word's 允许标点溢出边界, on by default in Chinese Word): where the rule "no
  // line starts with a closing mark" would push a character down, the character stays and the
  // mark hangs into the right margin, so the 版心 keeps its 28 characters (GB/T 9704-2012 §5.2.3).
  bool hang = false;
  // 孤字不成行: a wrapped paragraph's last line is never one ideograph alone (with or without its
  // closing marks); a character of the line before goes down with it (W3C clreq, TCLREQ draft
  // §3.4.4 孤行與孤字處理). Every flowed paragraph and 目录 entry (flow.cpp, toc.cpp); the line count
  // stays the same, so no page count changes.
  bool no_lone_last_char = false;
};
// The Chinese line-breaking rules (GB/T 15834-2011 §5.1): the byte length of a mark at t[i] that may
// not start a line (，。、；：？！ and closing brackets, quotes, book-title marks), 0 if none; the byte
// length of a mark at the end of t that may not end a line (（《「 and the other opening halves), 0 if none.
size_t closing_mark_at(const std::string& t, size_t i);
size_t opening_mark_at_end(const std::string& t);
// Runs → one pango layout (WRAP_WORD: pango's kinsoku; libraries.md §1).
Shaped shape(const FontSet& fonts, const std::vector<model::Run>& runs, const ShapeSpec& spec);
// A cache of shape() results for one lay_out call, keyed by everything shape() reads (the runs,
// the paragraph style's font and colour, the spec). The passes a TOC or a page reference needs
// then re-paginate without re-shaping, and repeated text (running headers, page numbers, table
// headers, repeated paragraphs) is shaped once. Shaped layouts are never changed after shaping,
// so sharing them is safe. Active on this thread while a ShapeCacheScope lives; a scope opened
// while another lives shares that one's cache (layout::ShapeCache: a caller that fits text boxes
// before lay_out, as the sign composer does, keeps the shapes for lay_out's own fitting).
class ShapeCacheScope {
 public:
  ShapeCacheScope();
  ~ShapeCacheScope();
  ShapeCacheScope(const ShapeCacheScope&) = delete;
  ShapeCacheScope& operator=(const ShapeCacheScope&) = delete;
  struct Impl;
 private:
  Impl* impl_;
  Impl* outer_;
};
// The image a layout item shows: while a ShapeCacheScope lives, one shared copy per distinct image
// (by content), so the writers also see one image (cairo writes it once); otherwise a new copy.
std::shared_ptr<const model::Image> shared_image(const model::Image& img);
// Link rectangles of a shaped line, relative to the layout's left edge and the line's baseline.
void line_links(const Shaped& s, const LineInfo& li, double left, double baseline, std::vector<Item>& out);

// --- paginate.cpp ------------------------------------------------------------------------------
struct Strip {
  double height = 0;
  std::vector<Item> items;         // x on the page, y relative to the strip's top
  std::vector<std::string> dests;  // named destinations at the strip's top
  int outline = -1;                // index into Laid::outline to complete when placed
  bool keep_with_next = false;
};

struct PassInput {                  // what the previous pass learned (empty on the first)
  // destination name → the page number as printed there ("12", or "ii" in front matter)
  const std::map<std::string, std::string>* page_text_of_dest = nullptr;
};

class Paginator {
 public:
  Paginator(const Style& style, const FontSet& fonts, Laid& out);
  // A section that starts on a recto page (Section::start_on_odd_page) gets a blank page first
  // when the previous section ended on one.
  void begin_section(const model::Section& s);
  void end_section();
  // Geometry of the current section's text block.
  double left() const { return left_; }
  double width() const { return width_; }
  double top() const { return top_; }
  double body_height() const { return body_h_; }
  double pitch() const { return pitch_; }
  double remaining() const;
  bool at_page_top() const;
  double cursor() const { return y_; }      // absolute y on the current page
  // Flowing content: strips are buffered while keep_with_next holds, then placed together.
  void add(Strip s);
  // Place everything buffered; `then_needs` more points must follow on the same page.
  void flush(double then_needs = 0);
  void new_page();
  void page_break();                        // explicit break (no empty page at a page top)
  void advance(double h) { y_ += h; }
  void snap_to_grid();
  Page& page();
  void place_items(std::vector<Item> items, double dy);  // items with y relative to dy
  void mark(const std::vector<std::string>& dests, int outline, double y);
  Laid& out() { return out_; }
  const Style& style() const { return style_; }
  const FontSet& fonts() const { return fonts_; }
  // Fixed pages: a page of the section's size, no text block.
  Page& fixed_page();

 private:
  void open_page();
  void close_page();
  void add_blank_page();
  std::string label_of(const Page& p, int k, int n) const;
  void place_strip(Strip& s);
  const Style& style_;
  const FontSet& fonts_;
  Laid& out_;
  const model::Section* section_ = nullptr;
  std::vector<Strip> pending_;
  bool page_open_ = false;
  bool page_has_content_ = false;
  int number_ = 0;
  int section_first_page_ = 0;
  double left_ = 0, width_ = 0, top_ = 0, body_h_ = 0, pitch_ = 0, y_ = 0;
};

// Decorations of a closed page: header, footer, page number (GB/T 9704-2012 §7.5).
void decorate_page(Page& page, const model::Section& section, const Style& style, const FontSet& fonts);

// --- flow.cpp ----------------------------------------------------------------------------------
struct TocHeading { int level; std::string title; std::string dest; };
struct FlowState {
  const PassInput* pass = nullptr;
  std::vector<int> list_counters = std::vector<int>(10, 0);
  std::vector<int> decimal_counters = std::vector<int>(10, 0);
  int heading_count = 0;
  std::vector<TocHeading> toc_heads;
};
std::vector<TocHeading> collect_headings(const model::Document& doc, const Style& style);
void flow_blocks(Paginator& pg, const std::vector<model::Block>& blocks, FlowState& st);
// The paragraph style of a paragraph (title, heading level, body).
const ParagraphStyle& style_of(const Style& style, const model::Paragraph& p);
// Replace {PAGEREF:name} by the page number the previous pass found ("?" on the first pass).
std::vector<model::Run> resolve_refs(const std::vector<model::Run>& runs, const PassInput* pass);

// --- table.cpp ---------------------------------------------------------------------------------
void flow_table(Paginator& pg, const model::Table& t, FlowState& st);

// --- toc.cpp -----------------------------------------------------------------------------------
// The headings a TOC will list are known before pagination; the TOC itself is laid out with the
// page numbers of the previous pass.
void flow_toc(Paginator& pg, const model::TableOfContents& toc, const std::vector<TocHeading>& heads,
              FlowState& st);

// --- fixed.cpp ---------------------------------------------------------------------------------
void lay_out_fixed_page(Paginator& pg, const std::vector<model::Frame>& frames, int page_in_section);


}  // namespace lh::layout::detail
