// The document model: the one AST between readers and writers (pandoc's lesson; design.md).
// Readers produce it, normalize cleans it, layout measures it, writers serialize it.
// Depends on the standard library only.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace lh::model {

// Font roles of GB/T 9704-2012 §7 (the physical font is chosen in layout, fonts/roles).
enum class FontRole { Body /*仿宋*/, Song /*宋体*/, Title /*小标宋*/, Hei /*黑体*/, Kai /*楷体*/, Mono };

enum class Align { Start, Center, End, Justify };

struct Run {
  std::string text;               // UTF-8, NFC after normalize
  std::optional<FontRole> role;   // unset: the paragraph style decides
  double size_pt = 0;             // 0: the paragraph style decides
  bool bold = false;
  bool italic = false;
  bool underline = false;
  uint32_t color_rgb = 0x000000;
  std::string link;               // internal anchor name ("#name") or external URL; empty: none
  // No line break inside this run if the text can be set that way (a fitted TextBox tries it first):
  // one organisation of a 法定名称 on a unit plate, "…市场监督管理局" | "…市场监督管理所".
  bool keep_together = false;
};

// Chinese list numbering of GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）
enum class ListKind { None, Bullet, Decimal, ChineseLevel };

struct Paragraph {
  int heading_level = 0;          // 0 = body text; 1..9 = heading (outline) level
  std::vector<Run> runs;
  std::string style;              // source style name or id, kept for information
  std::optional<Align> align;
  ListKind list = ListKind::None;
  int list_level = 0;
  std::string anchor;             // bookmark name a link may point at; empty: none
  bool keep_with_next = false;
  double first_line_indent_chars = -1;  // <0: the style decides
  std::string plain_text() const;
};

struct Block;

// The sides of a cell that are ruled, where a table's cells are not all ruled alike: a form whose
// cells are ruled one by one (DOCX w:tcBorders), a table ruled only outside or only between rows.
struct CellRules {
  bool top = false, left = false, bottom = false, right = false;
  bool operator==(const CellRules& o) const {
    return top == o.top && left == o.left && bottom == o.bottom && right == o.right;
  }
};

struct TableCell {
  std::vector<Block> blocks;
  int col_span = 1;
  int row_span = 1;               // >1 on the first cell of a vertical merge
  bool covered = false;           // true: part of a merge started above/left; holds no content
  std::optional<CellRules> rules; // unset: all four sides when the table has `borders`, else none
};

struct TableRow {
  std::vector<TableCell> cells;
  bool header = false;            // repeated at the top of each page the table continues on
  bool cant_split = false;
};

struct Table {
  std::vector<double> col_widths_mm;  // empty: equal widths
  std::vector<TableRow> rows;
  bool borders = true;                // every cell ruled on all four sides (a cell's `rules` overrides)
};

struct Image {
  std::string media_type;         // image/png, image/jpeg, image/tiff, image/svg+xml
  std::string bytes;              // the encoded image, as found
  // An SVG (an office's 局徽) is drawn as vectors by the PDF writer; writers that cannot draw SVG
  // (DOCX for Word 2010 and WPS) take this PNG raster of it instead. Shared, not copied: an emblem
  // placed on every sign of a pack is one raster (1600 px), not one per sign.
  std::shared_ptr<const std::string> fallback_png;
  int width_px = 0, height_px = 0;
  double width_mm = 0, height_mm = 0;  // 0: fit to the text block width
  std::string description;
};

struct PageBreak {};

// A table of contents generated from headings at layout time.
struct TableOfContents {
  int max_level = 3;
  std::string title = "目  录";
};

// --- fixed pages (signs, labels, forms): frames placed in millimetres -------------------------

struct Rule { double x1_mm = 0, y1_mm = 0, x2_mm = 0, y2_mm = 0, width_mm = 0.25; uint32_t color_rgb = 0; };
struct Shape { double x_mm = 0, y_mm = 0, w_mm = 0, h_mm = 0; uint32_t fill_rgb = 0; bool filled = true;
               double stroke_mm = 0; uint32_t stroke_rgb = 0; double corner_mm = 0; };
struct TextBox {
  double x_mm = 0, y_mm = 0, w_mm = 0, h_mm = 0;
  std::vector<Run> runs;
  FontRole role = FontRole::Body;
  double min_pt = 8, max_pt = 72;  // the text is fitted: the largest size in [min,max] that fits
  Align align = Align::Center;
  bool vertical_center = true;
  uint32_t color_rgb = 0;
  double line_spacing = 1.2;
  int max_lines = 0;               // >0: the text must fit in at most this many lines
  bool balance = false;            // a title: its lines are made about equally long, not one full and one short
};
struct PlacedImage { double x_mm = 0, y_mm = 0, w_mm = 0, h_mm = 0; Image image; };
// A line or outline through points (flowchart symbols, arrows, crop marks). With `curved`, the
// points are a cubic Bézier chain as Graphviz gives it: p0, c1, c2, p1, c1, c2, p2, …
struct PathPoint { double x_mm = 0, y_mm = 0; };
struct Path {
  std::vector<PathPoint> points;
  bool closed = false, curved = false;
  bool filled = false; uint32_t fill_rgb = 0xFFFFFF;
  double stroke_mm = 0.3; uint32_t stroke_rgb = 0;   // stroke_mm 0: no outline
};
using Frame = std::variant<Rule, Shape, TextBox, PlacedImage, Path>;

// A vector drawing placed in the flow of a document like an image (a 业务流程图 in a book): frames
// positioned in millimetres from the drawing's top-left corner. PDF draws it as vectors; DOCX shows
// it as a picture rendered at print resolution.
struct Drawing {
  double width_mm = 0, height_mm = 0;
  std::vector<Frame> frames;
  std::string description;        // alternative text
};

struct Block {
  std::variant<Paragraph, Table, Image, PageBreak, TableOfContents, Drawing> value;
};

struct PageSetup {
  double width_mm = 210, height_mm = 297;  // A4, GB/T 9704-2012 §5.2.1
  double top_mm = 37, bottom_mm = 35, left_mm = 28, right_mm = 26;  // §5.2.2: 天头37, 订口28, 版心156×225
  // Print boxes of a sign (PDF 32000-1 §14.11.2): the page above is the MediaBox; the finished size
  // (TrimBox) is inset from it by bleed_mm + slug_mm on every side, the BleedBox by slug_mm (the
  // slug holds the crop marks). Both 0: no print boxes are written.
  double bleed_mm = 0, slug_mm = 0;
  bool landscape() const { return width_mm > height_mm; }
};

struct HeaderFooter {
  std::vector<Paragraph> paragraphs;  // "{PAGE}" in a run's text stands for the page number field
};

struct Section {
  PageSetup page;
  std::vector<Block> blocks;          // a flowing section
  std::vector<std::vector<Frame>> fixed_pages;  // a fixed section: one frame list per page
  std::optional<HeaderFooter> header, footer;
  std::string page_label;             // PDF page label prefix for this section; empty: decimal
  bool restart_numbering = false;
  // How this section's page numbers are written, in {PAGE} and in the PDF page label: a book's
  // front matter counts i, ii, iii … and its body 1, 2, 3 … (GB/T 9704 puts "— 1 —" in the footer).
  enum class Numbering { Decimal, LowerRoman } numbering = Numbering::Decimal;
  bool start_on_odd_page = false;     // a 篇 opening on a recto page: a blank page is put before it when needed
};

struct Document {
  std::vector<Section> sections;
  std::string plain_text() const;     // paragraphs joined by '\n', table cells by '\t'
};

}  // namespace lh::model
