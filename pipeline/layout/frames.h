// Laid-out pages (Typst's lesson): what layout hands to every writer. Positions are in PDF points
// (1/72 in) from the top-left corner of the page; y grows downwards. The PDF writer sees only this.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include <pango/pango.h>

#include "model/document.h"

namespace lh::layout {

// A pango layout shared by the glyph lines cut from it (the glyph carrier; shaping stays in pango).
using LayoutPtr = std::shared_ptr<PangoLayout>;
LayoutPtr adopt_layout(PangoLayout* l);  // takes ownership (g_object_unref on release)

// The runs of a line shaped on its own, without a PangoLayout (package/vector_page.cpp): text a
// source PDF places character by character needs pango's itemizing and shaping but no line breaking,
// and a PangoLayout measures every line it breaks (pango 1.50's check_lines ends by asking the
// layout's size), which loads each glyph's outline through cairo and FreeType: most of the time of
// an OFD copy's vector pages (bench/RESULTS.md §8a10). The items and glyph strings are owned here.
struct ShapedRuns {
  std::string text;                   // what the items' offsets index
  std::vector<PangoGlyphItem> runs;   // left to right
  ShapedRuns() = default;
  ShapedRuns(const ShapedRuns&) = delete;
  ShapedRuns& operator=(const ShapedRuns&) = delete;
  ~ShapedRuns();
};

struct GlyphLine {        // one line of a pango layout, or runs shaped alone
  LayoutPtr layout;
  int line = 0;           // index into the layout's lines
  double x = 0;           // left edge of the line's logical extents
  double baseline = 0;
  std::string text;       // the line's text (for tests and debugging; not drawn)
  // The page number of GB/T 9704 §7.5, or a header/footer line holding {PAGE} (decorate.cpp): the
  // OFD writer keeps it apart from the
  // content as an annotation (GB/T 42133-2022 6.10.2); the PDF and DOCX writers draw it as text.
  bool page_number = false;
  // Not drawn: the recognised text of a scanned page copied from a source PDF (render mode 3 there),
  // which the OFD copy keeps as unpainted text over the picture (GB/T 42133-2022 6.2.4). Only the
  // OFD copies of source pages carry such lines; the PDF writer draws nothing for them.
  bool invisible = false;
  std::shared_ptr<ShapedRuns> shaped;  // instead of `layout` and `line` (last: lines are built by position)
};
struct RuleItem { double x1 = 0, y1 = 0, x2 = 0, y2 = 0, width = 0.5; uint32_t color_rgb = 0; double dot = 0; /* >0: dotted, period */ };
struct RectItem {
  double x = 0, y = 0, w = 0, h = 0;
  bool filled = false; uint32_t fill_rgb = 0;
  double stroke = 0; uint32_t stroke_rgb = 0; double corner = 0;
};
struct ImageItem { double x = 0, y = 0, w = 0, h = 0; std::shared_ptr<const model::Image> image; };
struct LinkItem { double x = 0, y = 0, w = 0, h = 0; std::string dest; /* named destination */ std::string uri; };
struct DestItem { std::string name; double x = 0, y = 0; };
// A model::Path placed on the page: points relative to (x, y), so moving the item moves only its
// origin. `curved`: a cubic Bézier chain p0, c1, c2, p1, c1, c2, p2, … (as Graphviz gives splines).
struct PathItem {
  struct Point { double x = 0, y = 0; };
  double x = 0, y = 0;
  std::vector<Point> points;
  bool closed = false, curved = false;
  bool filled = false; uint32_t fill_rgb = 0xFFFFFF;
  double stroke = 0; uint32_t stroke_rgb = 0;  // stroke 0: no outline
};
// A line's glyph items, left to right (its layout line's runs, or its shaped runs), and the text
// their items' offsets index; none for a line without glyphs.
std::vector<PangoGlyphItem*> line_runs(const GlyphLine& g);
const char* line_text(const GlyphLine& g);
// A run's foreground colour (its item's PANGO_ATTR_FOREGROUND) as 0xRRGGBB; black where it has none.
uint32_t run_rgb(const PangoGlyphItem* run);

using Item = std::variant<GlyphLine, RuleItem, RectItem, ImageItem, LinkItem, DestItem, PathItem>;

struct Page {
  double width_pt = 595.2756, height_pt = 841.8898;
  std::vector<Item> items;   // in drawing order
  int number = 0;            // the logical page number (what a page-number field shows)
  std::string number_text;   // that number as the section writes it: "3", or "iii" in front matter
  bool blank = false;        // a page left empty so that the next section starts on a recto page
  std::string label;         // PDF page label
  double bleed_pt = 0, slug_pt = 0;  // print boxes (model::PageSetup): TrimBox inset bleed+slug, BleedBox slug
};

struct OutlineEntry {        // one heading, for bookmarks and for a TOC (also the DOCX writer's)
  int level = 1;             // 1 = top
  std::string title;         // with its list marker (一、…)
  std::string dest;          // named destination on the heading's first line
  int page_index = 0;        // 0-based physical page
  int page_number = 0;       // the logical number printed on that page
  std::string page_number_text;  // as printed ("ii" in roman-numbered front matter)
  double y_pt = 0;
};

struct Laid {
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
  std::map<std::string, int> anchors;  // destination name → 0-based page index
  bool has_page_labels = false;        // a label differs from the plain 1, 2, 3 …
};

// Pixel size of an image from its PNG/JPEG header (or its declared size); {0,0} when unknown.
std::pair<int, int> image_pixel_size(const model::Image& img);

// The width, in points, of an image the model gives no size: its pixels at 150 dpi, so a scan or a
// photo of a page comes out near its paper size and a small picture stays small; 0 when its pixel
// size is unknown (then the text width). The layout (PDF, OFD) and the DOCX writer both size by it,
// so the two files of one document show a picture alike.
double natural_width_pt(const model::Image& img);

// The widths a table's `ncols` grid columns are drawn at in a text block `block` wide, in the unit
// of `block` (`per_mm` of it to the millimetre): the model's widths when it gives one (> 0) for
// every column, scaled in proportion down to the block when together they are wider (a source
// DOCX's w:tblGrid wider than the 版心, 156 mm on A4: GB/T 9704-2012 §5.2.2, model::PageSetup),
// else equal shares of the block. The layout (PDF, OFD) and the DOCX writer both take a table's
// widths from here, so the two files of one book fit a wide table alike: Word and LibreOffice
// draw a grid at its own width and cut what passes the page's edge.
std::vector<double> table_column_widths(const model::Table& t, size_t ncols, double block, double per_mm);

}  // namespace lh::layout
