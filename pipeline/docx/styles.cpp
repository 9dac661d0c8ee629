// word/styles.xml (ECMA-376 Part 1 §17.7): the paragraph, character and table styles the document
// part refers to, built from layout::Style so DOCX and PDF agree on every number.
//
//   docDefaults   rFonts 仿宋 (all four scripts, see font_table.cpp), 3号 16 pt (§5.2.2),
//                 lang eastAsia zh-CN
//   Normal        body: justified, first line indented 2 characters (§7.3.3), exact line spacing
//                 of one grid line = 版心 height / 22 (§5.2.3), i.e. 22 lines a page, character
//                 spacing −0.25 pt so 28 characters fill a line (§5.2.3; see document.cpp)
//   Title         2号小标宋 22 pt, centred (§7.3.1)
//   Heading1..4   一、黑体 / （一）楷体 / 1.仿宋 / （1）仿宋 (§7.3.3), w:outlineLvl 0..3 so the TOC
//                 field (\o "1-3") and the navigation pane find them; names are Word's built-in
//                 "heading N" so Word and WPS localize them (标题 1) and treat them as built-ins
//   TOCHeading, TOC1..3  the table of contents, right tab with dot leader at the text width
//   Header, Footer  page numbers: 4号半角宋体 14 pt (§7.5)
//   TableText     text in table cells (layout::Style::table_text)
//   Hyperlink     character style of links
//   TableNormal, TableGrid  default table style; the bordered grid our tables use
// Children of w:style are written in CT_Style order: name basedOn next uiPriority semiHidden
// unhideWhenUsed qFormat pPr rPr tblPr.
#include <cmath>

#include "docx/parts.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

struct StyleDef {
  const char* type;      // paragraph, character, table
  std::string id;
  std::string name;
  const char* based_on = nullptr;
  const char* next = nullptr;
  int ui_priority = -1;
  bool semi_hidden = false;
  bool q_format = false;
  bool is_default = false;
};

static double size_or(double pt, double fallback) { return pt > 0 ? pt : fallback; }

// Run properties of a layout paragraph style: face, size, bold, colour, and the character spacing
// that makes 28 body-size characters a line (zero for other sizes, overriding Normal's).
static RPr rpr_of(const layout::ParagraphStyle& ps, const layout::Style& style) {
  RPr r;
  r.role = ps.font.role;
  r.size_pt = ps.font.size_pt;
  r.bold = ps.font.bold;
  if (ps.color_rgb != 0) r.color = ps.color_rgb;
  if (const int64_t sp = grid_char_spacing(style); sp != 0)
    r.char_spacing = std::abs(ps.font.size_pt - style.body.font.size_pt) < 0.01 ? sp : 0;
  return r;
}

// Paragraph properties of a layout paragraph style. Indents count characters of the style's own
// size (Word's *Chars units); spacing counts lines of the document's line pitch; on the grid, the
// line spacing is exact, a whole number of grid lines (grid_line_twips).
static PPr ppr_of(const layout::ParagraphStyle& ps, const layout::Style& style, bool on_grid = true) {
  PPr p;
  p.keep_next = ps.keep_with_next;
  const int64_t pitch = line_pitch_twips(style);
  Spacing s;
  if (ps.space_before_lines > 0 || ps.space_after_lines > 0) {
    s.before = std::llround(ps.space_before_lines * static_cast<double>(pitch));
    s.before_lines = std::llround(ps.space_before_lines * 100);
    s.after = std::llround(ps.space_after_lines * static_cast<double>(pitch));
    s.after_lines = std::llround(ps.space_after_lines * 100);
  }
  if (on_grid) {
    s.line = grid_line_twips(size_or(ps.font.size_pt, 16), style);
    s.line_rule = "exact";
  }
  if (s.before || s.after || s.line) p.spacing = s;
  Ind ind;
  double chars = ps.first_line_indent_chars > 0 ? ps.first_line_indent_chars : 0;
  ind.first_line = twips_from_pt(chars * size_or(ps.font.size_pt, 16));
  ind.first_line_chars = std::llround(chars * 100);
  p.ind = ind;
  p.jc = jc_value(ps.align);
  return p;
}

// Single (auto) line spacing for styles that must not inherit the body's exact grid pitch.
static Spacing single_spacing() {
  Spacing s;
  s.before = 0;
  s.after = 0;
  s.line = 240;
  s.line_rule = "auto";
  return s;
}

// --- XML functions ------------------------------------------------------------------------------

// Write the <w:docDefaults> element (§17.7.5.1).
static void write_doc_defaults(XmlWriter& x, const layout::Style& style) {
  x.start("w:docDefaults");
  x.start("w:rPrDefault");
  RPr r;
  r.role = model::FontRole::Body;
  r.size_pt = size_or(style.body.font.size_pt, 16);
  r.lang = true;
  write_rpr(x, r);
  x.end();
  x.start("w:pPrDefault");
  x.empty("w:pPr");
  x.end();
  x.end();
}

// Write the <w:style> element (§17.7.4.17) with its header children; pPr/rPr/tblPr follow via
// the callback, then the element is closed.
template <class Body>
static void write_style(XmlWriter& x, const StyleDef& d, Body&& body) {
  x.start("w:style");
  x.attr("w:type", d.type);
  if (d.is_default) x.attr("w:default", "1");
  x.attr("w:styleId", d.id);
  x.val("w:name", d.name);
  if (d.based_on) x.val("w:basedOn", d.based_on);
  if (d.next) x.val("w:next", d.next);
  if (d.ui_priority >= 0) x.val("w:uiPriority", static_cast<int64_t>(d.ui_priority));
  if (d.semi_hidden) {
    x.empty("w:semiHidden");
    x.empty("w:unhideWhenUsed");
  }
  if (d.q_format) x.empty("w:qFormat");
  body();
  x.end();
}

// Write the Normal paragraph style: the body of GB/T 9704 (§5.2.2 3号仿宋, §5.2.3 grid, §7.3.3).
static void write_normal(XmlWriter& x, const layout::Style& style) {
  StyleDef d{"paragraph", "Normal", "Normal"};
  d.q_format = true;
  d.is_default = true;
  write_style(x, d, [&] {
    write_ppr(x, ppr_of(style.body, style));  // exactly one grid line per text line: 22 per page
    RPr r = rpr_of(style.body, style);
    r.lang = true;
    write_rpr(x, r);
  });
}

// Write the Default Paragraph Font character style (Word's built-in default).
static void write_default_paragraph_font(XmlWriter& x) {
  StyleDef d{"character", "DefaultParagraphFont", "Default Paragraph Font"};
  d.ui_priority = 1;
  d.semi_hidden = true;
  d.is_default = true;
  write_style(x, d, [] {});
}

// Write the Title paragraph style (§7.3.1: 2号小标宋, centred).
static void write_title(XmlWriter& x, const layout::Style& style) {
  StyleDef d{"paragraph", "Title", "Title", "Normal", "Normal", 10};
  d.q_format = true;
  write_style(x, d, [&] {
    write_ppr(x, ppr_of(style.title, style));
    write_rpr(x, rpr_of(style.title, style));
  });
}

// Write the Heading1..Heading4 paragraph styles (§7.3.3) with w:outlineLvl 0..3.
static void write_heading(XmlWriter& x, const layout::Style& style, int level) {
  const layout::ParagraphStyle& hs = style.headings[static_cast<size_t>(level - 1)];
  StyleDef d{"paragraph", "Heading" + std::to_string(level), "heading " + std::to_string(level),
             "Normal", "Normal", 9};
  d.q_format = true;
  write_style(x, d, [&] {
    PPr p = ppr_of(hs, style);
    p.keep_next = true;  // a heading never ends a page
    p.outline_lvl = level - 1;
    write_ppr(x, p);
    write_rpr(x, rpr_of(hs, style));
  });
}

// Write the TOC Heading paragraph style ("目  录"): the first heading's face, centred, one blank
// line after (layout/toc.cpp), no outline level so it does not list itself.
static void write_toc_heading(XmlWriter& x, const layout::Style& style) {
  StyleDef d{"paragraph", "TOCHeading", "TOC Heading", "Normal", "Normal", 39};
  d.q_format = true;
  layout::ParagraphStyle ps = style.headings[0];
  ps.align = model::Align::Center;
  ps.first_line_indent_chars = 0;
  ps.space_before_lines = 0;
  ps.space_after_lines = 1;
  ps.keep_with_next = true;
  write_style(x, d, [&] {
    write_ppr(x, ppr_of(ps, style));
    write_rpr(x, rpr_of(ps, style));
  });
}

// Write the TOC1..TOC3 paragraph styles: level n indented 2(n-1) characters, page number at a right
// tab with dot leader on the right edge of the text block.
static void write_toc_level(XmlWriter& x, const layout::Style& style, int level) {
  StyleDef d{"paragraph", "TOC" + std::to_string(level), "toc " + std::to_string(level), "Normal",
             "Normal", 39};
  d.semi_hidden = true;
  write_style(x, d, [&] {
    PPr p;
    p.tabs.push_back({"right", "dot", text_width_twips(style.page)});
    Ind ind;
    ind.left = twips_from_pt(2.0 * (level - 1) * size_or(style.body.font.size_pt, 16));
    ind.left_chars = 200 * (level - 1);
    ind.first_line = 0;
    ind.first_line_chars = 0;
    p.ind = ind;
    p.jc = "left";
    write_ppr(x, p);
  });
}

// Write the Header / Footer paragraph styles: 4号宋体 page numbers (§7.5), single spacing, off the
// character grid so "— 1 —" is not spread over grid cells.
static void write_header_footer_style(XmlWriter& x, const layout::Style& style, const char* id,
                                      const char* name) {
  StyleDef d{"paragraph", id, name, "Normal", nullptr, 99};
  d.semi_hidden = true;
  write_style(x, d, [&] {
    PPr p = ppr_of(style.header_footer, style, false);
    p.snap_to_grid = false;
    p.spacing = single_spacing();
    write_ppr(x, p);
    write_rpr(x, rpr_of(style.header_footer, style));
  });
}

// Write the TableText paragraph style (layout::Style::table_text): off the grid, baseline distance
// size × table_line_spacing as layout/table.cpp sets it.
static void write_table_text(XmlWriter& x, const layout::Style& style) {
  StyleDef d{"paragraph", "TableText", "Table Text", "Normal", nullptr, 50};
  d.q_format = true;
  write_style(x, d, [&] {
    PPr p = ppr_of(style.table_text, style, false);
    p.snap_to_grid = false;
    Spacing s = single_spacing();
    const double factor = style.table_line_spacing > 0 ? style.table_line_spacing : 1.2;
    s.line = twips_from_pt(size_or(style.table_text.font.size_pt, 14) * factor);
    s.line_rule = "exact";
    p.spacing = s;
    write_ppr(x, p);
    write_rpr(x, rpr_of(style.table_text, style));
  });
}

// Write the Hyperlink character style.
static void write_hyperlink_style(XmlWriter& x) {
  StyleDef d{"character", "Hyperlink", "Hyperlink", "DefaultParagraphFont", nullptr, 99};
  d.semi_hidden = true;
  write_style(x, d, [&] {
    RPr r;
    r.color = 0x0563C1;
    r.underline = true;
    write_rpr(x, r);
  });
}

void write_border(XmlWriter& x, const char* qname, bool ruled) {
  x.start(qname);
  if (!ruled) {
    x.attr("w:val", "nil");
    x.end();
    return;
  }
  x.attr("w:val", "single");
  x.attr("w:sz", static_cast<int64_t>(4));
  x.attr("w:space", static_cast<int64_t>(0));
  x.attr("w:color", "000000");
  x.end();
}

// Write the <w:tblCellMar> element (CT_TblCellMar order: top left bottom right).
static void write_cell_margins(XmlWriter& x) {
  x.start("w:tblCellMar");
  for (const char* side : {"w:left", "w:right"}) {
    x.start(side);
    x.attr("w:w", kCellMarginTwips);
    x.attr("w:type", "dxa");
    x.end();
  }
  x.end();
}

// Write the Normal Table default table style.
static void write_table_normal(XmlWriter& x) {
  StyleDef d{"table", "TableNormal", "Normal Table", nullptr, nullptr, 99};
  d.semi_hidden = true;
  d.is_default = true;
  write_style(x, d, [&] {
    x.start("w:tblPr");
    x.start("w:tblInd");
    x.attr("w:w", static_cast<int64_t>(0));
    x.attr("w:type", "dxa");
    x.end();
    write_cell_margins(x);
    x.end();
  });
}

// Write the Table Grid table style: every border single (CT_TblBorders order).
static void write_table_grid(XmlWriter& x) {
  StyleDef d{"table", "TableGrid", "Table Grid", "TableNormal", nullptr, 59};
  write_style(x, d, [&] {
    x.start("w:tblPr");
    x.start("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"})
      write_border(x, side);
    x.end();
    x.end();
  });
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string styles_xml(const layout::Style& style) {
  XmlWriter x;
  x.start("w:styles");
  x.ns("w", kNsW);
  write_doc_defaults(x, style);
  write_normal(x, style);
  write_default_paragraph_font(x);
  write_table_normal(x);
  write_title(x, style);
  for (int level = 1; level <= 4; ++level) write_heading(x, style, level);
  write_toc_heading(x, style);
  for (int level = 1; level <= 3; ++level) write_toc_level(x, style, level);
  write_header_footer_style(x, style, "Header", "header");
  write_header_footer_style(x, style, "Footer", "footer");
  write_table_text(x, style);
  write_hyperlink_style(x);
  write_table_grid(x);
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
