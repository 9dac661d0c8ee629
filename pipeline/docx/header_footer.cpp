// word/headerN.xml and word/footerN.xml (ECMA-376 Part 1 §17.10): a section's own header/footer
// paragraphs ("{PAGE}" in a run is a PAGE field), or the page-number footers of the style.
//
// Page numbers per GB/T 9704-2012 §7.5: "— 1 —" in 4号半角宋体 (layout::PageNumberStyle::format and
// font), odd pages right-aligned one character in from the right edge of the text block, even
// pages left-aligned one character in from the left: two footer parts, referenced as the
// section's "default" (odd) and "even" footers, with w:evenAndOddHeaders in settings.xml. When the
// style does not want outside numbers, one centred footer. The vertical position (7 mm below the
// text block) is the pgMar w:footer distance, set in document.cpp.
//
// A section's own footer paragraphs follow the page number in the same part (layout draws both).
// A section without its own header/footer references the document's defaults explicitly, so a
// custom footer in section 2 does not leak into section 3 (OOXML inherits unreferenced ones).
// Fixed-page sections (signs, labels) get an empty footer: no page number on them.
// External links in headers/footers would need the part's own .rels; they are written as text.
#include <cmath>
#include <tuple>

#include "docx/parts.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

// Register a header or footer part and its relationship; returns the relationship id.
static std::string add_part(Package& pkg, bool footer, std::string xml) {
  int n = footer ? ++pkg.footer_count : ++pkg.header_count;
  std::string kind = footer ? "footer" : "header";
  std::string file = kind + std::to_string(n) + ".xml";
  pkg.extra_parts.push_back(
      {"word/" + file, "application/vnd.openxmlformats-officedocument.wordprocessingml." + kind + "+xml",
       std::move(xml)});
  return pkg.add_rel(kind, file);
}

// --- XML functions ------------------------------------------------------------------------------

// Open the <w:hdr>/<w:ftr> root (§17.10.4, §17.10.2) with the namespaces its content may use.
static void start_root(XmlWriter& x, bool footer) {
  x.start(footer ? "w:ftr" : "w:hdr");
  x.ns("w", kNsW);
  x.ns("r", kNsR);
}

// Write the page-number paragraph: format text around a PAGE field, aligned per §7.5.
static void write_page_number_paragraph(XmlWriter& x, const layout::Style& style, const char* jc,
                                        bool inset_right, bool inset_left, Package& pkg) {
  const layout::PageNumberStyle& pn = style.page_number;
  x.start("w:p");
  PPr p;
  p.style = "Footer";
  if (inset_left || inset_right) {
    Ind ind;
    const int64_t chars100 = std::llround(pn.inset_chars * 100);
    const int64_t tw = twips_from_pt(pn.inset_chars * (pn.font.size_pt > 0 ? pn.font.size_pt : 14));
    if (inset_left) { ind.left = tw; ind.left_chars = chars100; }
    if (inset_right) { ind.right = tw; ind.right_chars = chars100; }
    ind.first_line = 0;
    ind.first_line_chars = 0;
    p.ind = ind;
  }
  p.jc = jc;
  write_ppr(x, p);
  model::Run run;
  run.text = pn.format;
  if (size_t at = run.text.find("{n}"); at != std::string::npos) run.text.replace(at, 3, "{PAGE}");
  else run.text = "{PAGE}";
  run.role = pn.font.role;
  run.size_pt = pn.font.size_pt;
  run.bold = pn.font.bold;
  StoryContext ctx;
  ctx.header_footer = ctx.footer = true;
  write_runs_of(x, {run}, pkg, ctx);
  x.end();
}

// How a footer part shows the page number.
enum class PageNo { None, Right, Left, Center };

// Assemble a header/footer part: the page number (if any), then the model paragraphs.
static std::string part_xml(const std::vector<model::Paragraph>& paras, bool footer, PageNo pn, Package& pkg) {
  XmlWriter x;
  start_root(x, footer);
  switch (pn) {
    case PageNo::Right: write_page_number_paragraph(x, *pkg.style, "right", true, false, pkg); break;
    case PageNo::Left: write_page_number_paragraph(x, *pkg.style, "left", false, true, pkg); break;
    case PageNo::Center: write_page_number_paragraph(x, *pkg.style, "center", false, false, pkg); break;
    case PageNo::None: break;
  }
  StoryContext ctx;
  ctx.header_footer = true;
  ctx.footer = footer;
  for (const model::Paragraph& p : paras) write_paragraph(x, p, pkg, ctx);
  if (paras.empty() && pn == PageNo::None) write_empty_paragraph(x, nullptr, false, pkg);  // ≥ 1 block
  x.end();
  return x.finish();
}

// The footers of a section: page number per §7.5 (odd right, even left, or centred), or the
// section's own footer paragraphs, which carry their own {PAGE} where they want one — as layout
// draws them (decorate_page): a book's cover has a footer without a number, and Word must not add
// one. Returns {default, even} relationship ids.
static std::pair<std::string, std::string> add_footers(const std::vector<model::Paragraph>& paras, Package& pkg) {
  if (!pkg.style->page_number.enabled || !paras.empty()) {
    std::string rid = add_part(pkg, true, part_xml(paras, true, PageNo::None, pkg));
    return {rid, pkg.even_odd ? rid : std::string()};
  }
  if (!pkg.even_odd) return {add_part(pkg, true, part_xml(paras, true, PageNo::Center, pkg)), {}};
  std::string odd = add_part(pkg, true, part_xml(paras, true, PageNo::Right, pkg));
  std::string even = add_part(pkg, true, part_xml(paras, true, PageNo::Left, pkg));
  return {odd, even};
}

// --- Public functions ---------------------------------------------------------------------------

void add_section_headers_footers(const model::Section& s, Package& pkg, SectionInfo& info) {
  if (s.header) {
    info.header_default = add_part(pkg, false, part_xml(s.header->paragraphs, false, PageNo::None, pkg));
    pkg.any_header = true;
  } else if (pkg.any_header) {
    // Word gives a section without a headerReference the previous section's header.
    if (pkg.empty_header_rid.empty()) pkg.empty_header_rid = add_part(pkg, false, part_xml({}, false, PageNo::None, pkg));
    info.header_default = pkg.empty_header_rid;
  }
  if (pkg.even_odd) info.header_even = info.header_default;
  if (s.blocks.empty() && !s.fixed_pages.empty() && !s.footer) {
    // Fixed pages (signs, labels) carry no page number.
    if (pkg.empty_footer_rid.empty())
      pkg.empty_footer_rid = add_part(pkg, true, part_xml({}, true, PageNo::None, pkg));
    info.footer_default = pkg.empty_footer_rid;
    if (pkg.even_odd) info.footer_even = info.footer_default;
  } else if (s.footer) {
    std::tie(info.footer_default, info.footer_even) = add_footers(s.footer->paragraphs, pkg);
  } else if (pkg.style->page_number.enabled) {
    if (pkg.default_footer_odd_rid.empty())
      std::tie(pkg.default_footer_odd_rid, pkg.default_footer_even_rid) = add_footers({}, pkg);
    info.footer_default = pkg.default_footer_odd_rid;
    info.footer_even = pkg.default_footer_even_rid;
  }
}

}  // namespace lh::docx::detail
