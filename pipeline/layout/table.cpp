// Tables: column widths, borders, merged cells (row_span/col_span), header rows repeated at the
// top of each page the table continues on, and rows split across pages at line boundaries.
// Rows joined by a vertical merge form a group; a page break falls between groups, else between
// rows of a group, else inside a row (the row is split line by line); a row is split rather than
// moved whole when the rows above it leave room for three lines or more (split).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "layout/internal.h"

namespace lh::layout::detail {
namespace {

struct CellLine {
  double h = 0;
  std::vector<Item> items;  // x relative to the cell's content box, y relative to the line's top
};

struct Cell {
  int row = 0, col = 0, rows = 1, cols = 1;  // rows relative to the group
  std::optional<model::CellRules> rules;     // the model cell's: its own sides, not the table's
  std::vector<CellLine> lines;
  double content() const {
    double s = 0;
    for (const auto& l : lines) s += l.h;
    return s;
  }
};

struct Group {
  int nrows = 0;
  std::vector<Cell> cells;
  std::vector<double> h;      // row heights (computed)
  std::vector<double> min_h;  // per-row minimum (one empty line + padding)
  bool cant_split = false;
  double height() const { return std::accumulate(h.begin(), h.end(), 0.0); }
};

struct Geometry {
  std::vector<double> col_x, col_w;
  double pad = 0, border = 0;
  bool borders = true;
  double span_w(int c, int n) const {
    double w = 0;
    for (int i = c; i < c + n && i < static_cast<int>(col_w.size()); ++i) w += col_w[i];
    return w;
  }
};

void compute_heights(Group& g, double pad) {
  g.h.assign(g.nrows, 0);
  for (int r = 0; r < g.nrows; ++r) g.h[r] = r < static_cast<int>(g.min_h.size()) ? g.min_h[r] : 0;
  for (const Cell& c : g.cells)
    if (c.rows == 1) g.h[c.row] = std::max(g.h[c.row], c.content() + 2 * pad);
  for (const Cell& c : g.cells)
    if (c.rows > 1) {
      double have = 0;
      for (int r = c.row; r < c.row + c.rows; ++r) have += g.h[r];
      const double need = c.content() + 2 * pad;
      if (need > have) g.h[c.row + c.rows - 1] += need - have;
    }
}

// Lines of `c` that fit in `avail` (content height), moved out of `c`.
std::vector<CellLine> take_fitting(Cell& c, double avail) {
  std::vector<CellLine> keep;
  double used = 0;
  size_t i = 0;
  for (; i < c.lines.size() && used + c.lines[i].h <= avail + 0.01; ++i) used += c.lines[i].h;
  keep.assign(std::make_move_iterator(c.lines.begin()), std::make_move_iterator(c.lines.begin() + i));
  c.lines.erase(c.lines.begin(), c.lines.begin() + i);
  return keep;
}

// A vertically merged cell cut by a page break whose text was all shown above the break shows it
// again at the top of its continued part, so every page of a 权责清单 names its 事项 (the merged
// cell Typst leaves empty after a break, typst#4707). Text that did not fit simply continues.
void repeat_if_complete(const Cell& shown, Cell& continued) {
  if (continued.lines.empty()) continued.lines = shown.lines;
}

// A page break between rows k-1 and k: the rows above it in `first`, the rest in `rest`; a merged
// cell across the break keeps the lines that fit above it and continues below.
bool split_between(Group& g, int k, double avail, double pad, Group& first, Group& rest) {
  first = Group{};
  rest = Group{};
  first.cant_split = rest.cant_split = g.cant_split;
  first.nrows = k;
  rest.nrows = g.nrows - k;
  first.min_h.assign(g.min_h.begin(), g.min_h.begin() + k);
  rest.min_h.assign(g.min_h.begin() + k, g.min_h.end());
  // Heights of the first part from the cells that end inside it.
  for (Cell& c : g.cells) {
    if (c.row >= k) {
      Cell m = std::move(c);
      m.row -= k;
      rest.cells.push_back(std::move(m));
    } else if (c.row + c.rows <= k) {
      first.cells.push_back(std::move(c));
    }
  }
  compute_heights(first, pad);
  for (Cell& c : g.cells) {
    if (c.row < k && c.row + c.rows > k) {  // a vertical merge across the break
      double have = 0;
      for (int r = c.row; r < k; ++r) have += first.h[r];
      have = std::max(have, avail - [&] { double s = 0; for (int r = 0; r < c.row; ++r) s += first.h[r]; return s; }());
      Cell top;
      top.row = c.row;
      top.col = c.col;
      top.cols = c.cols;
      top.rules = c.rules;
      top.rows = k - c.row;
      top.lines = take_fitting(c, have - 2 * pad);
      repeat_if_complete(top, c);
      const int end = c.row + c.rows;
      c.row = 0;
      c.rows = end - k;
      rest.cells.push_back(std::move(c));
      first.cells.push_back(std::move(top));
    }
  }
  compute_heights(first, pad);
  compute_heights(rest, pad);
  return true;
}

// A page break inside row k (k = 0: inside the first row): rows 0..k-1 whole, then every cell that
// covers row k keeps the lines that fit above the page's bottom and continues on the next page (a
// merged 事项 cell named again there, repeat_if_complete).
// Returns false, `g` untouched, when no cell of row k has a line that fits.
bool split_inside(const Group& g, int k, double avail, double pad, Group& first, Group& rest) {
  first = Group{};
  rest = Group{};
  first.cant_split = rest.cant_split = g.cant_split;
  first.nrows = k + 1;
  first.min_h.assign(g.min_h.begin(), g.min_h.begin() + k);
  first.min_h.push_back(0);
  rest.nrows = g.nrows - k;
  rest.min_h.assign(g.min_h.begin() + k, g.min_h.end());
  std::vector<double> top_of(k + 1, 0);  // each row's top in `first`: rows 0..k-1 are g's own
  for (int r = 0; r < k; ++r) top_of[r + 1] = top_of[r] + g.h[r];
  bool any = false;
  for (Cell c : g.cells) {
    if (c.row + c.rows <= k) {
      first.cells.push_back(std::move(c));
      continue;
    }
    if (c.row > k) {
      c.row -= k;
      rest.cells.push_back(std::move(c));
      continue;
    }
    Cell top;
    top.row = c.row;
    top.col = c.col;
    top.cols = c.cols;
    top.rules = c.rules;
    top.rows = k + 1 - c.row;
    top.lines = take_fitting(c, avail - top_of[c.row] - 2 * pad);
    any = any || (c.row == k && !top.lines.empty());
    if (c.rows > 1) repeat_if_complete(top, c);
    c.rows = c.row + c.rows - k;
    c.row = 0;
    first.cells.push_back(std::move(top));
    rest.cells.push_back(std::move(c));
  }
  if (!any) return false;
  compute_heights(first, pad);
  first.h[k] = std::max(0.0, avail - top_of[k]);  // the split row reaches the page's bottom
  compute_heights(rest, pad);
  return true;
}

// Split `g` so that the first part fits in `avail`. Returns false when nothing fits. A break falls
// between rows where that leaves less than `min_inside` of the page empty; with more room below the
// rows that fit, the next row is split there instead, as Word breaks a row across pages by default
// (ECMA-376 §17.4.6 cantSplit absent): a 权责清单 whose rows are each half a page tall otherwise
// leaves half of every page blank.
bool split(Group& g, double avail, double pad, double min_inside, Group& first, Group& rest) {
  int k = 0;
  double acc = 0;
  while (k < g.nrows && acc + g.h[k] <= avail + 0.01) acc += g.h[k++];
  if (k >= g.nrows) return false;  // fits whole; caller should not split
  // Rows that must not split (w:cantSplit, a form's rows) break between rows whenever one fits.
  if (k > 0 && (g.cant_split || avail - acc < min_inside)) return split_between(g, k, avail, pad, first, rest);
  if (split_inside(g, k, avail, pad, first, rest)) return true;
  return k > 0 && split_between(g, k, avail, pad, first, rest);
}

// An item moved by (dx, dy): cell content is laid out relative to its cell, then placed.
Item shifted(const Item& it, double dx, double dy) {
  Item m = it;
  std::visit(
      [&](auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, GlyphLine>) { v.x += dx; v.baseline += dy; }
        else if constexpr (std::is_same_v<T, RuleItem>) { v.x1 += dx; v.x2 += dx; v.y1 += dy; v.y2 += dy; }
        else { v.x += dx; v.y += dy; }
      },
      m);
  return m;
}

// The rules of a cell at (x, y, w, h): its own sides where the model gives them (model::CellRules),
// else all four when the table has borders. A side is drawn half a stroke past each corner, so two
// sides meeting there close the corner as a rectangle's outline does.
void rule_cell(std::vector<Item>& items, const std::optional<model::CellRules>& rules, bool table_borders, double x,
               double y, double w, double h, double stroke) {
  if (!rules) {
    if (table_borders) items.emplace_back(RectItem{x, y, w, h, false, 0, stroke});
    return;
  }
  const double o = stroke / 2;
  auto line = [&](double x1, double y1, double x2, double y2) { items.emplace_back(RuleItem{x1, y1, x2, y2, stroke}); };
  if (rules->top) line(x - o, y, x + w + o, y);
  if (rules->bottom) line(x - o, y + h, x + w + o, y + h);
  if (rules->left) line(x, y - o, x, y + h + o);
  if (rules->right) line(x + w, y - o, x + w, y + h + o);
}

// Draw a group with its top at absolute page y.
void draw(Paginator& pg, const Group& g, const Geometry& geo, double y0) {
  std::vector<Item> items;
  std::vector<double> row_y(g.nrows + 1, 0);
  for (int r = 0; r < g.nrows; ++r) row_y[r + 1] = row_y[r] + g.h[r];
  for (const Cell& c : g.cells) {
    const double x = geo.col_x[c.col], w = geo.span_w(c.col, c.cols);
    const double y = row_y[c.row], h = row_y[std::min(c.row + c.rows, g.nrows)] - y;
    rule_cell(items, c.rules, geo.borders, x, y, w, h, geo.border);
    double ly = y + geo.pad;
    for (const CellLine& l : c.lines) {
      for (const Item& it : l.items) items.push_back(shifted(it, x + geo.pad, ly));
      ly += l.h;
    }
  }
  pg.place_items(std::move(items), y0);
  pg.advance(g.height());
}

std::vector<CellLine> cell_lines(Paginator& pg, const std::vector<model::Block>& blocks, double width, FlowState& st);

// Column widths (pt) of a table nested in a cell: table_column_widths in the cell's width.
std::vector<double> nested_widths(const model::Table& t, double width) {
  size_t ncols = t.col_widths_mm.size();
  for (const model::TableRow& r : t.rows) {
    size_t n = 0, span_rest = 0;  // a merge's own covered cells are in its span (place_cells)
    for (const model::TableCell& c : r.cells) {
      if (c.covered && span_rest > 0) { --span_rest; continue; }
      const size_t cs = c.covered ? 1 : static_cast<size_t>(std::max(1, c.col_span));
      span_rest = cs - 1;
      n += cs;
    }
    ncols = std::max(ncols, n);
  }
  return table_column_widths(t, ncols, width, mm(1));
}

// A table inside a table cell (the 范本 54 cover's 全宗号/目录号/案卷号 box sits in a borderless
// layout cell): each row becomes one line of the outer cell holding its cells side by side, each
// cell ruled when the nested table has borders, so every cell keeps its rule. Column spans are
// honoured; a vertical merge is drawn row by row (forms do not nest merges). A row is never split
// across pages.
std::vector<CellLine> nested_table_lines(Paginator& pg, const model::Table& t, double width, FlowState& st) {
  const Style& style = pg.style();
  const double pad = mm(style.table_cell_padding_mm), stroke = mm(style.table_border_mm);
  const double empty_line = style.table_text.font.size_pt * style.table_line_spacing + 2 * pad;
  const std::vector<double> colw = nested_widths(t, width);
  std::vector<CellLine> out;
  for (const model::TableRow& row : t.rows) {
    struct Placed { double x, w; std::optional<model::CellRules> rules; std::vector<CellLine> lines; };
    std::vector<Placed> cells;
    double x = 0, row_h = empty_line;
    size_t col = 0, span_rest = 0;  // a merge's own covered cells are in its span (place_cells)
    for (const model::TableCell& c : row.cells) {
      if (c.covered && span_rest > 0) { --span_rest; continue; }
      if (col >= colw.size()) break;
      if (c.covered) { x += colw[col++]; continue; }
      span_rest = static_cast<size_t>(std::max(1, c.col_span)) - 1;
      const size_t span = std::min(colw.size() - col, static_cast<size_t>(std::max(1, c.col_span)));
      double w = 0;
      for (size_t i = col; i < col + span; ++i) w += colw[i];
      Placed p{x, w, c.rules, cell_lines(pg, c.blocks, std::max(w - 2 * pad, 1.0), st)};
      double content = 0;
      for (const CellLine& l : p.lines) content += l.h;
      row_h = std::max(row_h, content + 2 * pad);
      cells.push_back(std::move(p));
      x += w;
      col += span;
    }
    CellLine line;
    line.h = row_h;
    for (const Placed& p : cells) {
      rule_cell(line.items, p.rules, t.borders, p.x, 0, p.w, row_h, stroke);
      double ly = pad;
      for (const CellLine& l : p.lines) {
        for (const Item& it : l.items) line.items.push_back(shifted(it, p.x + pad, ly));
        ly += l.h;
      }
    }
    out.push_back(std::move(line));
  }
  return out;
}

// The blocks of one cell → lines (x relative to the content box).
std::vector<CellLine> cell_lines(Paginator& pg, const std::vector<model::Block>& blocks, double width, FlowState& st) {
  const Style& style = pg.style();
  std::vector<CellLine> out;
  auto add_para = [&](const model::Paragraph& p) {
    const ParagraphStyle& ps = style.table_text;  // a heading in a cell too: a cell is no place for a heading's size
    ShapeSpec spec;
    spec.style = &ps;
    spec.width_pt = std::max(width, 1.0);
    spec.align = p.align.value_or(ps.align);
    const double indent = p.first_line_indent_chars >= 0 ? p.first_line_indent_chars : ps.first_line_indent_chars;
    spec.indent_pt = indent * ps.font.size_pt;
    Shaped s = shape(pg.fonts(), resolve_refs(p.runs, st.pass), spec);
    const double lh = s.size_pt * style.table_line_spacing;
    const double base = (lh - s.size_pt) / 2 + kEmAscent * s.size_pt;
    for (const LineInfo& li : s.lines) {
      CellLine cl;
      cl.h = lh;
      cl.items.emplace_back(GlyphLine{li.layout, li.index, li.x, base, li.text});
      line_links(s, li, 0, base, cl.items);
      out.push_back(std::move(cl));
    }
  };
  for (const model::Block& b : blocks) {
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      add_para(*p);
    } else if (const auto* t = std::get_if<model::Table>(&b.value)) {
      for (CellLine& l : nested_table_lines(pg, *t, width, st)) out.push_back(std::move(l));
    } else if (const auto* im = std::get_if<model::Image>(&b.value)) {
      if (im->bytes.empty()) continue;
      auto [wpx, hpx] = image_pixel_size(*im);
      double w = im->width_mm > 0 ? mm(im->width_mm) : width;
      w = std::min(w, width);
      double h = im->height_mm > 0 && im->width_mm > 0 ? mm(im->height_mm) * w / mm(im->width_mm)
                                                       : w * ((wpx > 0 && hpx > 0) ? double(hpx) / wpx : 0.75);
      h = std::min(h, pg.body_height() / 2);
      CellLine cl;
      cl.h = h;
      ImageItem ii;
      ii.w = w;
      ii.h = h;
      ii.image = shared_image(*im);
      cl.items.emplace_back(std::move(ii));
      out.push_back(std::move(cl));
    } else if (const auto* d = std::get_if<model::Drawing>(&b.value)) {
      // Like an image in a cell: the cell's width, at most half a page tall, drawn at (0, 0) of
      // its cell line and moved with it.
      if (!(d->width_mm > 0) || !(d->height_mm > 0)) continue;
      const double scale = std::min({1.0, width / mm(d->width_mm), pg.body_height() / 2 / mm(d->height_mm)});
      CellLine cl;
      cl.h = mm(d->height_mm) * scale;
      cl.items = lay_out_drawing(*d, pg.fonts(), scale);
      out.push_back(std::move(cl));
    }
  }
  return out;
}

// A cell on the table's grid: its first row and column and how many of each it covers.
struct PlacedCell { int row, col, rows, cols; const model::TableCell* cell; };

// 1. Place cells on a grid. A covered cell fills a slot a merge already holds (DOCX vMerge);
//    horizontal merges need no placeholder but one is tolerated. *ncols: the grid's columns, at
//    least as many as the table gives widths for.
std::vector<PlacedCell> place_cells(const model::Table& t, int* ncols_out) {
  std::vector<PlacedCell> placed;
  std::vector<std::vector<bool>> occ(t.rows.size());
  int ncols = 0;
  auto occupy = [&](int r, int c) {
    if (static_cast<int>(occ[r].size()) <= c) occ[r].resize(c + 1, false);
    occ[r][c] = true;
  };
  auto is_occ = [&](int r, int c) { return c < static_cast<int>(occ[r].size()) && occ[r][c]; };
  for (size_t r = 0; r < t.rows.size(); ++r) {
    int col = 0;
    int span_rest = 0;  // covered cells still owed to the horizontal merge just placed on this row
    for (const model::TableCell& cell : t.rows[r].cells) {
      if (cell.covered) {
        // The DOCX and XLSX readers follow a merge over k columns with k-1 covered cells
        // (model/document.h); those columns are the merge's, already counted: a cell right of
        // "合计" (gridSpan 2) moved one column right when they were counted again.
        if (span_rest > 0) {
          --span_rest;
          continue;
        }
        // Any other covered cell holds its grid column (a vertical merge's continuation) whether
        // or not a span above already occupies it.
        if (!is_occ(static_cast<int>(r), col)) occupy(static_cast<int>(r), col);
        ++col;
        continue;
      }
      while (is_occ(static_cast<int>(r), col)) ++col;
      const int rs = std::clamp(cell.row_span, 1, static_cast<int>(t.rows.size() - r));
      const int cs = std::clamp(cell.col_span, 1, 1000);
      for (int i = 0; i < rs; ++i)
        for (int j = 0; j < cs; ++j) occupy(static_cast<int>(r) + i, col + j);
      placed.push_back({static_cast<int>(r), col, rs, cs, &cell});
      col += cs;
      span_rest = cs - 1;
    }
    ncols = std::max<int>(ncols, static_cast<int>(occ[r].size()));
  }
  *ncols_out = std::max<int>(ncols, static_cast<int>(t.col_widths_mm.size()));
  return placed;
}

// 2. Column widths (pt): table_column_widths, scaled down to the text block when too wide.
Geometry table_geometry(Paginator& pg, const model::Table& t, int ncols, double pad) {
  Geometry geo;
  geo.pad = pad;
  geo.border = mm(pg.style().table_border_mm);
  geo.borders = t.borders;
  geo.col_w = table_column_widths(t, static_cast<size_t>(ncols), pg.width(), mm(1));
  geo.col_x.resize(ncols);
  double x = pg.left();
  for (int i = 0; i < ncols; ++i) { geo.col_x[i] = x; x += geo.col_w[i]; }
  return geo;
}

// 3. Groups of rows joined by vertical merges, their cells laid out and their rows' heights
//    computed; is_header[i]: group i is all header rows.
std::vector<Group> row_groups(Paginator& pg, const model::Table& t, const std::vector<PlacedCell>& placed,
                              const Geometry& geo, int ncols, double empty_line, FlowState& st,
                              std::vector<bool>& is_header) {
  const double pad = geo.pad;
  std::vector<Group> groups;
  const int nrows = static_cast<int>(t.rows.size());
  for (int r = 0; r < nrows;) {
    int end = r + 1;
    for (const PlacedCell& p : placed)
      if (p.row >= r && p.row < end) end = std::max(end, p.row + p.rows);
    for (bool grew = true; grew;) {
      grew = false;
      for (const PlacedCell& p : placed)
        if (p.row >= r && p.row < end && p.row + p.rows > end) { end = p.row + p.rows; grew = true; }
    }
    Group g;
    g.nrows = end - r;
    g.min_h.assign(g.nrows, empty_line);
    bool header = true;
    for (int i = r; i < end; ++i) {
      g.cant_split = g.cant_split || t.rows[i].cant_split;
      header = header && t.rows[i].header;
    }
    for (const PlacedCell& p : placed)
      if (p.row >= r && p.row < end) {
        Cell c;
        c.row = p.row - r;
        c.col = p.col;
        c.rows = p.rows;
        c.cols = std::min(p.cols, ncols - p.col);
        c.rules = p.cell->rules;
        c.lines = cell_lines(pg, p.cell->blocks, geo.span_w(p.col, c.cols) - 2 * pad, st);
        g.cells.push_back(std::move(c));
      }
    compute_heights(g, pad);
    groups.push_back(std::move(g));
    is_header.push_back(header);
    r = end;
  }
  return groups;
}

}  // namespace

void flow_table(Paginator& pg, const model::Table& t, FlowState& st) {
  const Style& style = pg.style();
  if (t.rows.empty()) return;
  const double pad = mm(style.table_cell_padding_mm);
  int ncols = 0;
  const std::vector<PlacedCell> placed = place_cells(t, &ncols);
  if (ncols == 0) return;
  const Geometry geo = table_geometry(pg, t, ncols, pad);

  const double empty_line = style.table_text.font.size_pt * style.table_line_spacing + 2 * pad;
  // Room worth splitting a row into: three lines of table text (a split row shows at least two
  // lines above the break, the orphan rule of body text, and a little to spare).
  const double min_inside = empty_line + 2 * style.table_text.font.size_pt * style.table_line_spacing;
  std::vector<bool> group_is_header;
  std::vector<Group> groups = row_groups(pg, t, placed, geo, ncols, empty_line, st, group_is_header);

  // Header: the leading header groups.
  std::vector<Group> header;
  size_t gi = 0;
  while (gi < groups.size() && group_is_header[gi]) header.push_back(groups[gi++]);
  double header_h = 0;
  for (const Group& h : header) header_h += h.height();
  const bool repeat = header_h > 0 && header_h < pg.body_height() / 3;

  auto draw_header = [&] {
    for (const Group& h : header) draw(pg, h, geo, pg.cursor());
  };

  // Keep what precedes (a heading) with the header and first row; start on a fresh page if needed.
  const double first_need = header_h + (gi < groups.size() ? std::min(groups[gi].height(), empty_line) : 0);
  pg.flush(first_need);
  pg.page();
  if (first_need > pg.remaining() && !pg.at_page_top()) pg.new_page();
  bool fresh = pg.at_page_top();  // the page holds nothing but (a repeated) header
  draw_header();

  for (; gi < groups.size(); ++gi) {
    Group g = std::move(groups[gi]);
    auto next_page = [&] {
      pg.new_page();
      if (repeat) draw_header();
      fresh = true;
    };
    for (int guard = 0; guard < 100000; ++guard) {
      const double avail = pg.remaining();
      if (g.height() <= avail) break;
      const bool fits_fresh_page = g.height() + (repeat ? header_h : 0) <= pg.body_height();
      if (g.cant_split && fits_fresh_page && !fresh) { next_page(); continue; }
      Group first, rest;
      if (split(g, avail, pad, min_inside, first, rest)) {
        draw(pg, first, geo, pg.cursor());
        next_page();
        g = std::move(rest);
        continue;
      }
      if (!fresh) { next_page(); continue; }
      break;  // a line taller than a whole page: it overflows rather than loop
    }
    draw(pg, g, geo, pg.cursor());
    fresh = false;
  }
  pg.snap_to_grid();
}

}  // namespace lh::layout::detail

namespace lh::layout {

std::vector<double> table_column_widths(const model::Table& t, size_t ncols, double block, double per_mm) {
  std::vector<double> w(ncols, ncols ? block / static_cast<double>(ncols) : 0);
  if (t.col_widths_mm.size() != ncols || ncols == 0) return w;
  double sum = 0;
  bool given = true;
  for (double v : t.col_widths_mm) given = given && v > 0, sum += v * per_mm;
  if (!given || !(sum > 0)) return w;
  const double f = sum > block ? block / sum : 1.0;  // in proportion: the source's ratios kept
  for (size_t i = 0; i < ncols; ++i) w[i] = t.col_widths_mm[i] * per_mm * f;
  return w;
}

}  // namespace lh::layout
