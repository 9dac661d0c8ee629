// Imposed print sheets (wave2.md §1.6: several small signs per A3 sheet, each with crop marks, our
// own step so the sign size and the grid stay data): the signs of one type in a grid, bleed to
// bleed (the gutter is twice the bleed, so every cut falls in a bleed), each trim line carried out
// into the sheet margin as a crop mark (0.25 pt × 10 mm, 3 mm outside the grid).
#include <cmath>

#include "compose/signs/signs.h"

namespace lh::compose::signs {
namespace {

constexpr double kSheetMarginMm = 16;  // holds the 3 mm offset + 10 mm marks, plus the caption

struct Grid {
  double sheet_w = 0, sheet_h = 0;
  int cols = 0, rows = 0;
  int count() const { return cols * rows; }
};

Grid fit_grid(double sw, double sh, double w, double h, double gutter) {
  Grid g{sw, sh};
  g.cols = static_cast<int>(std::floor((sw - 2 * kSheetMarginMm + gutter) / (w + gutter)));
  g.rows = static_cast<int>(std::floor((sh - 2 * kSheetMarginMm + gutter) / (h + gutter)));
  if (g.cols < 0) g.cols = 0;
  if (g.rows < 0) g.rows = 0;
  return g;
}

// A size in a caption, as printf %g writes it.
std::string shortest(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", v);
  return b;
}

// Marks at both ends of every trim line of the grid.
void grid_marks(const Grid& g, double x0, double y0, double w, double h, double gutter, int cols, int rows,
                std::vector<model::Frame>& page) {
  const double a = kMarkOffsetMm, l = kMarkLengthMm, t = kMarkWidthMm;
  const double x_end = x0 + cols * w + (cols - 1) * gutter, y_end = y0 + rows * h + (rows - 1) * gutter;
  for (int c = 0; c < cols; ++c)
    for (double x : {x0 + c * (w + gutter), x0 + c * (w + gutter) + w}) {
      page.push_back(model::Rule{x, y0 - a, x, y0 - a - l, t, 0});
      page.push_back(model::Rule{x, y_end + a, x, y_end + a + l, t, 0});
    }
  for (int r = 0; r < rows; ++r)
    for (double y : {y0 + r * (h + gutter), y0 + r * (h + gutter) + h}) {
      page.push_back(model::Rule{x0 - a, y, x0 - a - l, y, t, 0});
      page.push_back(model::Rule{x_end + a, y, x_end + a + l, y, t, 0});
    }
}

}  // namespace

std::vector<Imposed> impose(const std::vector<const ComposedSign*>& signs, const std::vector<const Sign*>& meta,
                            const std::string& sheet) {
  const double sw = sheet == "A4" ? 210 : 297, sh = sheet == "A4" ? 297 : 420;  // GB/T 148 (ISO 216)
  std::vector<std::string> order;
  std::map<std::string, std::vector<size_t>> by_type;
  for (size_t i = 0; i < signs.size(); ++i) {
    if (!signs[i]->type->sheet) continue;
    const std::string& id = signs[i]->type->id;
    if (!by_type.count(id)) order.push_back(id);
    by_type[id].push_back(i);
  }
  std::vector<Imposed> out;
  for (const std::string& id : order) {
    const std::vector<size_t>& members = by_type[id];
    const SignType& type = *signs[members[0]]->type;
    const double w = type.width_mm, h = type.height_mm, gutter = 2 * type.bleed_mm;
    Grid portrait = fit_grid(sw, sh, w, h, gutter), landscape = fit_grid(sh, sw, w, h, gutter);
    const Grid g = landscape.count() > portrait.count() ? landscape : portrait;
    if (g.count() == 0) continue;  // larger than the sheet: printed from its own file
    Imposed imp;
    imp.type_id = id;
    imp.name = type.name + "-" + sheet;
    model::Section sec;
    sec.page.width_mm = g.sheet_w;
    sec.page.height_mm = g.sheet_h;
    sec.page.top_mm = sec.page.bottom_mm = sec.page.left_mm = sec.page.right_mm = 0;
    const int pages = static_cast<int>((members.size() + g.count() - 1) / g.count());
    for (int p = 0; p < pages; ++p) {
      const size_t first = static_cast<size_t>(p) * g.count();
      const size_t n = std::min(members.size() - first, static_cast<size_t>(g.count()));
      const int cols = std::min<int>(g.cols, static_cast<int>(n));
      const int rows = static_cast<int>((n + g.cols - 1) / g.cols);
      const double gw = g.cols * w + (g.cols - 1) * gutter, gh = g.rows * h + (g.rows - 1) * gutter;
      const double x0 = (g.sheet_w - gw) / 2, y0 = (g.sheet_h - gh) / 2;
      std::vector<model::Frame> page;
      std::vector<std::string> files;
      for (size_t k = 0; k < n; ++k) {
        const ComposedSign& cs = *signs[members[first + k]];
        const double X = x0 + (k % g.cols) * (w + gutter), Y = y0 + (k / g.cols) * (h + gutter);
        const auto& frames = cs.section.fixed_pages.at(0);
        for (size_t f = 0; f < cs.content_frames && f < frames.size(); ++f)
          page.push_back(translated(frames[f], X - cs.offset_mm, Y - cs.offset_mm));
        files.push_back(meta[members[first + k]]->file);
      }
      grid_marks(g, x0, y0, w, h, gutter, cols, rows, page);
      model::TextBox caption{kSheetMarginMm, g.sheet_h - kSheetMarginMm + 4, g.sheet_w - 2 * kSheetMarginMm, 5, {},
                             model::FontRole::Hei, 5, 8, model::Align::Start};
      caption.runs.push_back({type.name + "  成品 " + shortest(w) + "×" + shortest(h) + " mm，出血 " + shortest(type.bleed_mm) + " mm  " +
                              sheet + " 第 " + std::to_string(p + 1) + "/" + std::to_string(pages) + " 张"});
      caption.max_lines = 1;
      page.push_back(std::move(caption));
      sec.fixed_pages.push_back(std::move(page));
      imp.files_per_page.push_back(std::move(files));
    }
    imp.document.sections.push_back(std::move(sec));
    out.push_back(std::move(imp));
  }
  return out;
}

}  // namespace lh::compose::signs
