// Bookmarks (PDF 32000-1 §12.3.3) from the headings: nested by level, each pointing at the named
// destination on the heading's first line (cairo 1.16 drops forward explicit-page links, so named
// destinations only; libraries.md §1).
#include <cairo-pdf.h>

#include <vector>

#include "pdf/internal.h"

namespace lh::pdf::detail {

std::string attr_quote(const std::string& s) {
  std::string o = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') o += '\\';
    o += c;
  }
  return o + "'";
}

void add_outline(cairo_surface_t* surface, const layout::Laid& laid, int open_levels) {
  struct Open { int level; int id; };
  std::vector<Open> stack;
  for (const layout::OutlineEntry& e : laid.outline) {
    if (!laid.anchors.count(e.dest)) continue;
    while (!stack.empty() && stack.back().level >= e.level) stack.pop_back();
    const int parent = stack.empty() ? CAIRO_PDF_OUTLINE_ROOT : stack.back().id;
    const auto flags = e.level <= open_levels ? CAIRO_PDF_OUTLINE_FLAG_OPEN : static_cast<cairo_pdf_outline_flags_t>(0);
    const std::string link = "dest=" + attr_quote(e.dest);
    const int id = cairo_pdf_surface_add_outline(surface, parent, e.title.c_str(), link.c_str(), flags);
    stack.push_back({e.level, id});
  }
}

}  // namespace lh::pdf::detail
