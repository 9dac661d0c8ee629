// Tables in word/document.xml (ECMA-376 Part 1 §17.4): w:tbl (§17.4.38), w:tblGrid (§17.4.49),
// merged cells by w:gridSpan (§17.4.17) and w:vMerge (§17.4.85), header rows repeated on each page
// by w:tblHeader (§17.4.50), rows kept whole by w:cantSplit (§17.4.6).
//
// Model convention (model/document.h): a row holds one TableCell per grid column; a merge's first
// cell carries col_span/row_span, the cells it covers are `covered`. Word wants instead one w:tc
// per *visible* cell in a row: the origin with gridSpan, and in each row below a vMerge
// "continue" cell with the same gridSpan. Malformed merges are clipped to the covered cells that
// are really there, so a bad span never swallows content.
// A table whose cells are ruled one by one (model::TableCell::rules: a form read from DOCX with
// w:tcBorders, a table ruled only outside) is written on TableNormal with each cell's w:tcBorders
// (§17.4.66); a merged cell's sides are shared out over its rows: its top on the first, its bottom
// on the last, its left and right on each.
// Element order: CT_TblPr tblStyle tblW jc tblLayout; CT_TcPr tcW gridSpan vMerge tcBorders vAlign.
#include <algorithm>

#include "docx/parts.h"
#include "docx/properties.h"
#include "layout/frames.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

struct Origin { int row = -1, col = -1, span = 1; };

static size_t grid_columns(const model::Table& t) {
  size_t n = t.col_widths_mm.size();
  for (const model::TableRow& r : t.rows) n = std::max(n, r.cells.size());
  return n;
}

// Column widths in twips: the layout's (layout::table_column_widths: the model's, fitted to the
// width the table is set in — the text width, or its cell's for a nested table — in proportion
// when wider, as the PDF draws them; else that width shared equally). Rounding to whole twips may
// leave a fitted grid a twip or two wider: that is taken from its widest column, so the grid (and
// the w:tblW and w:tcW written from it) never passes the margin or the cell.
static std::vector<int64_t> column_widths(const model::Table& t, size_t ncols, int64_t text_width) {
  const double text_mm = static_cast<double>(text_width) * 25.4 / 1440.0;
  const std::vector<double> mm = layout::table_column_widths(t, ncols, text_mm, 1.0);
  std::vector<int64_t> w(ncols, ncols ? text_width / static_cast<int64_t>(ncols) : 0);
  if (t.col_widths_mm.size() != ncols) return w;  // equal shares, in whole twips
  int64_t total = 0;
  for (size_t i = 0; i < ncols; ++i) total += w[i] = twips_from_mm(mm[i]);
  if (total > text_width && ncols > 0) *std::max_element(w.begin(), w.end()) -= total - text_width;
  return w;
}

// The horizontal span of the origin at (r, c): col_span clipped to the covered cells after it.
static int clipped_span(const model::TableRow& row, size_t c) {
  int want = std::max(1, row.cells[c].col_span);
  int span = 1;
  while (span < want && c + static_cast<size_t>(span) < row.cells.size() &&
         row.cells[c + static_cast<size_t>(span)].covered)
    ++span;
  return span;
}

// For every grid position, the merge origin covering it (row, col, horizontal span).
static std::vector<std::vector<Origin>> merge_origins(const model::Table& t, size_t ncols) {
  std::vector<std::vector<Origin>> owner(t.rows.size(), std::vector<Origin>(ncols));
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const model::TableRow& row = t.rows[r];
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const model::TableCell& cell = row.cells[c];
      if (cell.covered) continue;
      int span = clipped_span(row, c);
      size_t rows = static_cast<size_t>(std::max(1, cell.row_span));
      for (size_t rr = r; rr < std::min(t.rows.size(), r + rows); ++rr) {
        // Below the origin the merge only continues over cells marked covered.
        if (rr > r && (c >= t.rows[rr].cells.size() || !t.rows[rr].cells[c].covered)) break;
        for (size_t cc = c; cc < std::min(ncols, c + static_cast<size_t>(span)); ++cc)
          if (owner[rr][cc].row < 0) owner[rr][cc] = {static_cast<int>(r), static_cast<int>(c), span};
      }
    }
  }
  return owner;
}

static int64_t span_width(const std::vector<int64_t>& widths, size_t c, int span) {
  int64_t w = 0;
  for (size_t i = c; i < std::min(widths.size(), c + static_cast<size_t>(span)); ++i) w += widths[i];
  return w;
}

// --- XML functions ------------------------------------------------------------------------------

// Write the <w:tblPr> element (§17.4.60).
static void write_tbl_pr(XmlWriter& x, const model::Table& t, int64_t total) {
  x.start("w:tblPr");
  x.val("w:tblStyle", t.borders ? "TableGrid" : "TableNormal");
  x.start("w:tblW");
  x.attr("w:w", total);
  x.attr("w:type", "dxa");
  x.end();
  x.val("w:jc", "center");
  x.start("w:tblLayout");
  x.attr("w:type", "fixed");
  x.end();
  x.end();
}

// Write the <w:tblGrid> element (§17.4.49).
static void write_tbl_grid(XmlWriter& x, const std::vector<int64_t>& widths) {
  x.start("w:tblGrid");
  for (int64_t w : widths) {
    x.start("w:gridCol");
    x.attr("w:w", w);
    x.end();
  }
  x.end();
}

// Write the <w:trPr> element (§17.4.82): cantSplit, tblHeader.
static void write_tr_pr(XmlWriter& x, const model::TableRow& row) {
  if (!row.cant_split && !row.header) return;
  x.start("w:trPr");
  if (row.cant_split) x.empty("w:cantSplit");
  if (row.header) x.empty("w:tblHeader");
  x.end();
}

// Write the <w:tcBorders> element (§17.4.66, CT_TcBorders order: top left bottom right).
static void write_tc_borders(XmlWriter& x, const model::CellRules& r) {
  x.start("w:tcBorders");
  write_border(x, "w:top", r.top);
  write_border(x, "w:left", r.left);
  write_border(x, "w:bottom", r.bottom);
  write_border(x, "w:right", r.right);
  x.end();
}

// Write the <w:tcPr> element (§17.4.70): tcW, gridSpan, vMerge, tcBorders, vAlign in CT_TcPr order.
static void write_tc_pr(XmlWriter& x, int64_t width, int span, const char* vmerge,
                        const std::optional<model::CellRules>& rules) {
  x.start("w:tcPr");
  x.start("w:tcW");
  x.attr("w:w", width);
  x.attr("w:type", "dxa");
  x.end();
  if (span > 1) x.val("w:gridSpan", static_cast<int64_t>(span));
  if (vmerge) {
    x.start("w:vMerge");
    if (vmerge[0]) x.attr("w:val", vmerge);
    x.end();
  }
  if (rules) write_tc_borders(x, *rules);
  x.val("w:vAlign", "center");
  x.end();
}

// Write the content of a cell: its blocks, ending with a paragraph as §17.4.66 requires. They are
// set in the cell's width less its left and right margins, so a table nested in it is given that
// width (as layout/table.cpp's nested_widths gives it the cell's width less its padding), not the
// page's: a nested grid shared from the 版心 was drawn across the outer table's other columns.
static void write_cell_content(XmlWriter& x, const model::TableCell* cell, int64_t width, Package& pkg) {
  StoryContext ctx;
  ctx.in_table = true;
  // A cell narrower than its two margins gives a nested table the whole cell: the nearest to fitting.
  ctx.width_twips = width > 2 * kCellMarginTwips ? width - 2 * kCellMarginTwips : std::max<int64_t>(width, 1);
  bool ends_with_paragraph = false;
  if (cell && !cell->blocks.empty()) {
    write_blocks(x, cell->blocks, pkg, ctx);
    const auto& last = cell->blocks.back().value;
    ends_with_paragraph = std::holds_alternative<model::Paragraph>(last) ||
                          std::holds_alternative<model::Image>(last) ||
                          std::holds_alternative<model::Drawing>(last) ||
                          std::holds_alternative<model::PageBreak>(last);
  }
  if (!ends_with_paragraph) {
    x.start("w:p");
    PPr p;
    p.style = "TableText";
    write_ppr(x, p);
    x.end();
  }
}

// Write one <w:tc> element (§17.4.66).
static void write_tc(XmlWriter& x, const model::TableCell* cell, int64_t width, int span, const char* vmerge,
                     const std::optional<model::CellRules>& rules, Package& pkg) {
  x.start("w:tc");
  write_tc_pr(x, width, span, vmerge, rules);
  write_cell_content(x, cell, width, pkg);
  x.end();
}

// The sides of the cell of row `r` that belongs to the merge starting in row `origin`, column `c`:
// the origin's rules, its top on the first row only, its bottom on the last only.
static std::optional<model::CellRules> merged_rules(const model::Table& t, size_t r, size_t origin, size_t c) {
  if (origin >= t.rows.size() || c >= t.rows[origin].cells.size()) return std::nullopt;
  const model::TableCell& o = t.rows[origin].cells[c];
  if (!o.rules) return std::nullopt;
  model::CellRules s = *o.rules;
  const size_t last = origin + static_cast<size_t>(std::max(1, o.row_span)) - 1;
  s.top = s.top && r == origin;
  s.bottom = s.bottom && r >= last;
  return s;
}

// Write one <w:tr> element (§17.4.79).
static void write_tr(XmlWriter& x, const model::Table& t, size_t r, const std::vector<Origin>& owner,
                     const std::vector<int64_t>& widths, Package& pkg) {
  const model::TableRow& row = t.rows[r];
  x.start("w:tr");
  write_tr_pr(x, row);
  for (size_t c = 0; c < row.cells.size();) {
    const model::TableCell& cell = row.cells[c];
    const Origin o = c < owner.size() ? owner[c] : Origin{};
    if (!cell.covered) {
      int span = o.row == static_cast<int>(r) ? o.span : 1;
      write_tc(x, &cell, span_width(widths, c, span), span, cell.row_span > 1 ? "restart" : nullptr,
               merged_rules(t, r, r, c), pkg);
      c += static_cast<size_t>(span);
    } else if (o.row >= 0 && o.row < static_cast<int>(r) && o.col == static_cast<int>(c)) {
      write_tc(x, nullptr, span_width(widths, c, o.span), o.span, "",  // vMerge continue
               merged_rules(t, r, static_cast<size_t>(o.row), c), pkg);
      c += static_cast<size_t>(o.span);
    } else if (o.row >= 0) {
      ++c;  // covered from the left, inside a span already written
    } else {
      write_tc(x, nullptr, span_width(widths, c, 1), 1, nullptr, std::nullopt, pkg);  // covered by nothing: keep the grid
      ++c;
    }
  }
  x.end();
}

// --- Public functions ---------------------------------------------------------------------------

void write_table(XmlWriter& x, const model::Table& t, Package& pkg, const StoryContext& ctx) {
  const size_t ncols = grid_columns(t);
  if (ncols == 0 || t.rows.empty()) return;
  const int64_t block = ctx.width_twips > 0 ? ctx.width_twips : text_width_twips(pkg.current_page);
  const std::vector<int64_t> widths = column_widths(t, ncols, block);
  const auto owner = merge_origins(t, ncols);
  int64_t total = 0;
  for (int64_t w : widths) total += w;
  x.start("w:tbl");
  write_tbl_pr(x, t, total);
  write_tbl_grid(x, widths);
  for (size_t r = 0; r < t.rows.size(); ++r)
    if (!t.rows[r].cells.empty()) write_tr(x, t, r, owner[r], widths, pkg);  // a w:tr needs a w:tc
  x.end();
}

}  // namespace lh::docx::detail
