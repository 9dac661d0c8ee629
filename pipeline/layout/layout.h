// Layout: model::Document + Style + FontSet → laid-out pages (frames.h). Two passes when the
// document has a table of contents or page references, so page numbers are the real ones.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

#include "layout/fonts.h"
#include "layout/frames.h"
#include "layout/style.h"
#include "model/document.h"

namespace lh::layout {

// A document that cannot be laid out (e.g. a fixed-page TextBox whose text does not fit even at
// its minimum size). what() says which page and frame.
struct LayoutError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

Laid lay_out(const model::Document& doc, const Style& style, const FontSet& fonts);

// GB/T 9704-2012 §7.3.3 structure numbers: level 1 → 一、 2 → （一） 3 → 1. 4 → （1）; deeper levels
// repeat level 4's form. n ≥ 1.
std::string list_marker(int level, int n);
// A page number as a section writes it ({PAGE}, page-number line, PDF page label, TOC): 1, 2, 3 …
// or i, ii, iii … for a book's front matter. Roman numerals (i … mmmcmxcix) above 3999 and below 1
// fall back to decimal.
std::string page_number_text(int n, model::Section::Numbering how);

// A TextBox whose text does not fit even at its minimum size: how far it overflows there, so a
// sign maker knows whether to shorten the text or choose a larger sign.
struct TextOverflow : LayoutError {
  TextOverflow(const std::string& what, double over_w_mm, double over_h_mm, int lines, int max_lines)
      : LayoutError(what), over_width_mm(over_w_mm), over_height_mm(over_h_mm), lines(lines), max_lines(max_lines) {}
  double over_width_mm = 0;   // widest line minus the box width (0 when it fits across)
  double over_height_mm = 0;  // text height minus the box height (0 when it fits down)
  int lines = 0;              // lines needed at the minimum size
  int max_lines = 0;          // the box's limit (0: none)
};

// The text that fits a TextBox (the sign maker's rules; wave2.md §1.7): the largest size in
// [min_pt, max_pt] (to 0.1 pt) at which the runs fit the box, within max_lines, broken under the
// Chinese line-breaking rules (no line starts with ，。、；：？！）》」 and the like, none ends with
// （《「; a size whose breaks would violate them does not count as fitting). With `balance`, a title
// that takes two or more lines is set on the narrowest measure that keeps its line count, so its
// lines come out about equally long. Throws TextOverflow if even min_pt does not fit, LayoutError
// for an impossible box.
double fit_text_size(const model::TextBox& box, const FontSet& fonts);
// The same fitting, with what it found: the size, the widest line and the height of the lines
// (first em box to last) in millimetres and the line count, for a caller that places other frames
// by the text (a 楼层索引's name column starts after its widest room number).
struct FittedText {
  double size_pt = 0, width_mm = 0, height_mm = 0;
  int lines = 0;
};
FittedText fit_text(const model::TextBox& box, const FontSet& fonts);

namespace detail { class ShapeCacheScope; }
// Shaped text (and placed images) kept while this lives, on this thread, and shared with every
// lay_out and fit_text_size inside it: a caller that fits text boxes before laying them out (the
// sign composer checks each region and names the sign when one overflows) pays for the shaping
// once. Hold it no longer than the documents it serves: the shapes stay in memory until it ends.
class ShapeCache {
 public:
  ShapeCache();
  ~ShapeCache();
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

 private:
  std::unique_ptr<detail::ShapeCacheScope> scope_;
};

// A Drawing's frames laid out at `scale` (1 = its own millimetres; a drawing shrunk to fit a text
// block scales its text sizes with it), with its top-left corner at (x_pt, y_pt). The same items
// serve the PDF page and the DOCX picture. Throws LayoutError naming the drawing and the frame.
std::vector<Item> lay_out_drawing(const model::Drawing& d, const FontSet& fonts, double scale = 1, double x_pt = 0,
                                  double y_pt = 0);

}  // namespace lh::layout
