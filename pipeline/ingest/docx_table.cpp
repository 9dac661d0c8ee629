// Tables of WordprocessingML (ECMA-376 Part 1 §17.4): the grid (tblGrid §17.4.48), merged cells
// (gridSpan §17.4.17, vMerge §17.4.85, hMerge §17.4.22), gridBefore/gridAfter §17.4.15-16, header
// rows (tblHeader §17.4.49), rows kept whole (cantSplit §17.4.6), and the rules: w:tblBorders
// (§17.4.38) of a table and of its style (§17.7.6), w:tcBorders (§17.4.66) of a cell. A cell's side
// is ruled by its own w:tcBorders where it names that side, else by the table's: top, left, bottom
// and right at the table's edges, insideH and insideV between cells. Where two neighbouring cells
// disagree about the edge they share, the edge is drawn (layout draws each cell's own sides): a
// ruled side wins over an unruled one, as Word shows it.
#include <algorithm>

#include "ingest/docx_internal.h"

namespace lh::ingest::docx {
using model::Block;


void BorderSides::merge_from(const BorderSides& over) {
  for (auto [mine, theirs] : {std::pair{&top, &over.top}, std::pair{&left, &over.left}, std::pair{&bottom, &over.bottom},
                              std::pair{&right, &over.right}, std::pair{&inside_h, &over.inside_h},
                              std::pair{&inside_v, &over.inside_v}})
    if (*theirs) *mine = *theirs;
}

namespace {

// ST_Border (§17.18.2): "nil" and "none" draw nothing; every other style draws a line. A border
// element without w:val is read as drawn (Word writes w:val on every one).
bool ruled(const xmlNode* side) {
  const std::string v = w_attr(side, "val").value_or("single");
  return v != "nil" && v != "none";
}

}  // namespace

BorderSides parse_borders(const xmlNode* borders) {
  BorderSides b;
  if (!borders) return b;
  for (xmlNode* e : elements(borders)) {
    if (is_w(e, "top")) b.top = ruled(e);
    else if (is_w(e, "left") || is_w(e, "start")) b.left = ruled(e);
    else if (is_w(e, "bottom")) b.bottom = ruled(e);
    else if (is_w(e, "right") || is_w(e, "end")) b.right = ruled(e);
    else if (is_w(e, "insideH")) b.inside_h = ruled(e);
    else if (is_w(e, "insideV")) b.inside_v = ruled(e);
  }
  return b;
}

namespace {

// The sides of the cell at grid (r, c) spanning `rows` x `cols` of an `nrows` x `ncols` grid.
model::CellRules cell_sides(const BorderSides& table, const BorderSides& own, size_t r, size_t c, size_t rows,
                            size_t cols, size_t nrows, size_t ncols) {
  auto side = [](const std::optional<bool>& cell, const std::optional<bool>& outer_or_inner) {
    return cell.value_or(outer_or_inner.value_or(false));
  };
  model::CellRules s;
  s.top = side(own.top, r == 0 ? table.top : table.inside_h);
  s.bottom = side(own.bottom, r + rows >= nrows ? table.bottom : table.inside_h);
  s.left = side(own.left, c == 0 ? table.left : table.inside_v);
  s.right = side(own.right, c + cols >= ncols ? table.right : table.inside_v);
  return s;
}

}  // namespace

void rule_cells(model::Table& t, const BorderSides& table, const std::vector<std::vector<BorderSides>>& own) {
  size_t ncols = t.col_widths_mm.size();
  for (const model::TableRow& row : t.rows) ncols = std::max(ncols, row.cells.size());
  const size_t nrows = t.rows.size();
  constexpr model::CellRules kAll{true, true, true, true}, kNone{};
  bool all = true, none = true;
  for (size_t r = 0; r < nrows; ++r)
    for (size_t c = 0; c < t.rows[r].cells.size(); ++c) {
      model::TableCell& cell = t.rows[r].cells[c];
      if (cell.covered) continue;
      const BorderSides mine = r < own.size() && c < own[r].size() ? own[r][c] : BorderSides{};
      const size_t rows = static_cast<size_t>(std::max(1, cell.row_span));
      const size_t cols = static_cast<size_t>(std::max(1, cell.col_span));
      cell.rules = cell_sides(table, mine, r, c, rows, cols, nrows, ncols);
      all = all && *cell.rules == kAll;
      none = none && *cell.rules == kNone;
    }
  t.borders = all && !none;
  if (all || none)
    for (model::TableRow& row : t.rows)
      for (model::TableCell& cell : row.cells) cell.rules.reset();
}

namespace {

struct GridCell {
  model::TableCell cell;
  enum class V { None, Restart, Continue } vmerge = V::None;
  BorderSides own;  // the cell's w:tcBorders
};

void read_cell(const xmlNode* tc, Context& ctx, const PartContext& part, std::vector<GridCell>& row, int depth) {
  GridCell g;
  int span = 1;
  bool hmerge_continue = false;
  if (xmlNode* pr = w_child(tc, "tcPr")) {
    if (xmlNode* gs = w_child(pr, "gridSpan"))
      if (auto n = to_int(w_attr(gs, "val").value_or("")); n && *n > 1) span = std::min(*n, 1000);
    if (xmlNode* vm = w_child(pr, "vMerge")) {
      auto v = w_attr(vm, "val");
      g.vmerge = (v && *v == "restart") ? GridCell::V::Restart : GridCell::V::Continue;
    }
    if (xmlNode* hm = w_child(pr, "hMerge")) {
      auto v = w_attr(hm, "val");
      hmerge_continue = !(v && *v == "restart");
    }
    g.own = parse_borders(w_child(pr, "tcBorders"));
  }
  if (hmerge_continue && !row.empty()) {  // legacy horizontal merge: part of the cell on the left
    for (auto it = row.rbegin(); it != row.rend(); ++it)
      if (!it->cell.covered) {
        it->cell.col_span += span;
        break;
      }
    for (int i = 0; i < span; ++i) {
      GridCell cov;
      cov.cell.covered = true;
      row.push_back(std::move(cov));
    }
    return;
  }
  if (g.vmerge != GridCell::V::Continue)
    for (xmlNode* c : elements(tc))
      if (!is_w(c, "tcPr")) read_block(c, ctx, part, g.cell.blocks, depth + 1);
  g.cell.col_span = span;
  row.push_back(std::move(g));
  for (int i = 1; i < span; ++i) {
    GridCell cov;
    cov.cell.covered = true;
    cov.vmerge = row[row.size() - static_cast<size_t>(i)].vmerge;
    row.push_back(std::move(cov));
  }
}

void read_cells(const xmlNode* parent, Context& ctx, const PartContext& part, std::vector<GridCell>& row, int depth) {
  for (xmlNode* c : elements(parent)) {
    if (ctx.fatal || row.size() > 4000) return;
    if (is_w(c, "tc")) read_cell(c, ctx, part, row, depth);
    else if (is_w(c, "sdt")) {
      if (xmlNode* sc = w_child(c, "sdtContent")) read_cells(sc, ctx, part, row, depth);
    } else if (is_w(c, "customXml")) read_cells(c, ctx, part, row, depth);
  }
}

struct RowOut {
  model::TableRow row;
  std::vector<GridCell::V> vmerge;
  std::vector<BorderSides> own;  // per grid column, as row.cells
};

void add_placeholders(std::vector<GridCell>& cells, int n) {
  for (int i = 0; i < n && i < 1000; ++i) cells.push_back(GridCell{});
}

void read_row(const xmlNode* tr, Context& ctx, const PartContext& part, std::vector<RowOut>& rows, int depth) {
  RowOut out;
  int before = 0, after = 0;
  if (xmlNode* pr = w_child(tr, "trPr")) {
    out.row.header = w_child(pr, "tblHeader") && on_off(w_child(pr, "tblHeader"));
    out.row.cant_split = w_child(pr, "cantSplit") && on_off(w_child(pr, "cantSplit"));
    if (xmlNode* gb = w_child(pr, "gridBefore")) before = to_int(w_attr(gb, "val").value_or("")).value_or(0);
    if (xmlNode* ga = w_child(pr, "gridAfter")) after = to_int(w_attr(ga, "val").value_or("")).value_or(0);
  }
  std::vector<GridCell> cells;
  add_placeholders(cells, before);
  read_cells(tr, ctx, part, cells, depth);
  add_placeholders(cells, after);
  for (auto& g : cells) {
    out.vmerge.push_back(g.vmerge);
    out.own.push_back(g.own);
    out.row.cells.push_back(std::move(g.cell));
  }
  rows.push_back(std::move(out));
}

void read_rows(const xmlNode* parent, Context& ctx, const PartContext& part, std::vector<RowOut>& rows, int depth) {
  for (xmlNode* c : elements(parent)) {
    if (ctx.fatal || rows.size() > 200000) return;
    if (is_w(c, "tr")) read_row(c, ctx, part, rows, depth);
    else if (is_w(c, "sdt")) {
      if (xmlNode* sc = w_child(c, "sdtContent")) read_rows(sc, ctx, part, rows, depth);
    } else if (is_w(c, "customXml") || is_w(c, "ins")) read_rows(c, ctx, part, rows, depth);
  }
}

// Vertical merges (§17.4.85): a "continue" cell joins the cell above it in the same grid column.
void resolve_vertical_merges(std::vector<RowOut>& rows) {
  std::vector<long> open;  // grid column -> row index of the merge's first cell, -1 none
  for (size_t r = 0; r < rows.size(); ++r) {
    auto& cells = rows[r].row.cells;
    if (open.size() < cells.size()) open.resize(cells.size(), -1);
    for (size_t c = 0; c < cells.size(); ++c) {
      auto v = rows[r].vmerge[c];
      if (v == GridCell::V::Continue && open[c] >= 0) {
        auto& origin_row = rows[static_cast<size_t>(open[c])].row.cells;
        if (c < origin_row.size() && !origin_row[c].covered) origin_row[c].row_span++;
        cells[c].covered = true;
        cells[c].blocks.clear();
        cells[c].row_span = 1;
      } else if (v == GridCell::V::Restart || (v == GridCell::V::Continue && open[c] < 0)) {
        open[c] = cells[c].covered ? open[c] : static_cast<long>(r);
      } else {
        open[c] = -1;
      }
    }
    for (size_t c = cells.size(); c < open.size(); ++c) open[c] = -1;
  }
}

}  // namespace

void read_table(const xmlNode* tbl, Context& ctx, const PartContext& part, std::vector<Block>& out, int depth) {
  model::Table t;
  if (xmlNode* grid = w_child(tbl, "tblGrid"))
    for (xmlNode* gc : elements(grid))
      if (is_w(gc, "gridCol")) {
        double tw = to_double(w_attr(gc, "w").value_or("")).value_or(0);
        t.col_widths_mm.push_back(tw > 0 && tw < 1e7 ? tw / 1440.0 * 25.4 : 0);  // twentieths of a point
      }
  bool any_zero = false;
  for (double w : t.col_widths_mm) any_zero |= w <= 0;
  if (any_zero) t.col_widths_mm.clear();
  // The table's borders: its own w:tblBorders over its style's (§17.7.2: direct formatting wins).
  std::string style;
  BorderSides direct;
  if (xmlNode* pr = w_child(tbl, "tblPr")) {
    if (xmlNode* st = w_child(pr, "tblStyle")) style = w_attr(st, "val").value_or("");
    direct = parse_borders(w_child(pr, "tblBorders"));
  }
  BorderSides borders = ctx.styles.table_borders(style);
  borders.merge_from(direct);
  std::vector<RowOut> rows;
  read_rows(tbl, ctx, part, rows, depth);
  // Pad short rows so every row covers the grid.
  size_t width = t.col_widths_mm.size();
  for (const auto& r : rows) width = std::max(width, r.row.cells.size());
  for (auto& r : rows)
    while (r.row.cells.size() < width) {
      r.row.cells.push_back(model::TableCell{});
      r.vmerge.push_back(GridCell::V::None);
      r.own.emplace_back();
    }
  resolve_vertical_merges(rows);
  std::vector<std::vector<BorderSides>> own;
  for (auto& r : rows) {
    t.rows.push_back(std::move(r.row));
    own.push_back(std::move(r.own));
  }
  rule_cells(t, borders, own);
  out.push_back(Block{std::move(t)});
}

}  // namespace lh::ingest::docx
