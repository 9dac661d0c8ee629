// lay_out: sections → pages. With a TOC or {PAGEREF:…} the document is laid out again with the
// page numbers of the previous pass until they stop changing (at most 4 passes).
#include <map>

#include "layout/internal.h"

namespace lh::layout {
namespace {

bool needs_second_pass(const model::Document& doc) {
  for (const model::Section& s : doc.sections)
    for (const model::Block& b : s.blocks) {
      if (std::holds_alternative<model::TableOfContents>(b.value)) return true;
      if (const auto* p = std::get_if<model::Paragraph>(&b.value))
        for (const model::Run& r : p->runs)
          if (r.text.find("{PAGEREF:") != std::string::npos) return true;
    }
  return false;
}

Laid one_pass(const model::Document& doc, const Style& style, const FontSet& fonts,
              const std::vector<detail::TocHeading>& heads, const detail::PassInput& in) {
  Laid out;
  detail::Paginator pg(style, fonts, out);
  detail::FlowState st;
  st.pass = &in;
  st.toc_heads = heads;
  for (const model::Section& s : doc.sections) {
    pg.begin_section(s);
    if (!s.blocks.empty() || s.fixed_pages.empty()) {
      detail::flow_blocks(pg, s.blocks, st);
      pg.flush();
      pg.page();  // an empty flowing section still makes one page
    }
    for (size_t i = 0; i < s.fixed_pages.size(); ++i) detail::lay_out_fixed_page(pg, s.fixed_pages[i], static_cast<int>(i));
    pg.end_section();
  }
  return out;
}

std::map<std::string, std::string> numbers_of(const Laid& l) {
  std::map<std::string, std::string> m;
  for (const auto& [name, idx] : l.anchors) m[name] = l.pages[idx].number_text;
  return m;
}

}  // namespace

ShapeCache::ShapeCache() : scope_(std::make_unique<detail::ShapeCacheScope>()) {}
ShapeCache::~ShapeCache() = default;

Laid lay_out(const model::Document& doc, const Style& style, const FontSet& fonts) {
  detail::ShapeCacheScope shape_cache;  // later passes re-paginate without re-shaping
  const bool again = needs_second_pass(doc);
  std::vector<detail::TocHeading> heads;
  if (again) heads = detail::collect_headings(doc, style);
  detail::PassInput in;
  Laid laid = one_pass(doc, style, fonts, heads, in);
  if (!again) return laid;
  std::map<std::string, std::string> numbers = numbers_of(laid);
  for (int pass = 0; pass < 3; ++pass) {
    in.page_text_of_dest = &numbers;
    laid = one_pass(doc, style, fonts, heads, in);
    std::map<std::string, std::string> now = numbers_of(laid);
    if (now == numbers) break;
    numbers = std::move(now);
  }
  return laid;
}

}  // namespace lh::layout
