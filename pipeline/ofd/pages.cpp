// Page parts: Pages/Page_N/Content.xml (GB/T 33190-2016 §7.7) with one Body layer (GB/T 42133
// 6.2.4: the main content in the Body layer, no nested PageBlocks, 6.2.3 e), and the page's
// annotation file (§15) holding the page number, and the marks an archive lays over its copies (归档章,
// 页号), as Stamp annotations kept apart from the content (GB/T 42133 6.10.2), read-only, not
// zoomed or rotated with the page (6.10.1).
#include "ofd/internal.h"

namespace lh::ofd::detail {
namespace {

void page_area(XmlWriter& x, const layout::Page& page, const Package& pkg) {
  if (page.width_pt == pkg.default_w && page.height_pt == pkg.default_h) return;
  x.start("ofd:Area");
  x.start("ofd:PhysicalBox");
  x.text(box_mm(0, 0, page.width_pt, page.height_pt));
  x.end();
  x.end();
}

}  // namespace

std::string page_content_xml(const layout::Page& page, bool scanned, Package& pkg, PageAnnots& annots) {
  XmlWriter x;
  x.start("ofd:Page");
  x.ns("ofd", kNs);
  page_area(x, page, pkg);
  x.start("ofd:Content");
  // A scanned page: its picture under its text (6.2.4: scans in Background, recognised text in Body).
  if (scanned) {
    x.start("ofd:Layer");
    x.attr("ID", pkg.ids.take());
    x.attr("Type", "Background");
    for (const layout::Item& it : page.items)
      if (std::holds_alternative<layout::ImageItem>(it)) write_graphic(x, it, pkg);
    x.end();
  }
  x.start("ofd:Layer");
  x.attr("ID", pkg.ids.take());
  x.attr("Type", "Body");
  for (const layout::Item& it : page.items) {
    if (const auto* g = std::get_if<layout::GlyphLine>(&it)) {
      if (g->page_number) annots.page_numbers.push_back(g);
      else write_text_line(x, *g, pkg, !scanned && !g->invisible);
    } else if (!scanned || !std::holds_alternative<layout::ImageItem>(it)) {
      write_graphic(x, it, pkg);  // links and destinations have no object (outlines navigate)
    }
  }
  x.end();
  x.end();
  x.end();
  return x.finish();
}

namespace {

void annot_start(XmlWriter& x, Package& pkg, const char* subtype, const char* remark) {
  x.start("ofd:Annot");
  x.attr("ID", pkg.ids.take());
  x.attr("Type", "Stamp");
  x.attr("Subtype", subtype);
  x.attr("Creator", "lianghua");
  const std::string d = xs_date(pkg.options->date);
  x.attr("LastModDate", d.empty() ? "1970-01-01" : d);
  x.attr("NoZoom", "true");
  x.attr("NoRotate", "true");
  x.attr("ReadOnly", "true");
  x.start("ofd:Remark");
  x.text(remark);
  x.end();
}

// A mark's drawing in its own box: the Appearance's Boundary places that box on the page, and the
// objects inside keep the mark's coordinates (GB/T 33190-2016 §15.2: relative to the Boundary).
void mark_annot(XmlWriter& x, const OfdMark& m, Package& pkg) {
  const bool stamp = m.kind == MarkKind::ArchiveStamp;
  annot_start(x, pkg, stamp ? "ArchiveStamp" : "PageNumber", stamp ? "归档章" : "页号");
  x.start("ofd:Appearance");
  x.attr("Boundary", box_mm(m.x_pt, m.y_pt, m.drawing.width_pt, m.drawing.height_pt));
  for (const layout::Item& it : m.drawing.items) {
    if (const auto* g = std::get_if<layout::GlyphLine>(&it)) write_text_line(x, *g, pkg);
    else write_graphic(x, it, pkg);
  }
  x.end();
  x.end();
}

}  // namespace

std::string page_annotation_xml(const PageAnnots& a, const layout::Page& page, Package& pkg) {
  XmlWriter x;
  x.start("ofd:PageAnnot");
  x.ns("ofd", kNs);
  for (const layout::GlyphLine* g : a.page_numbers) {
    annot_start(x, pkg, "PageNumber", "页码");
    x.start("ofd:Appearance");  // the page's own box: the objects keep page coordinates
    x.attr("Boundary", box_mm(0, 0, page.width_pt, page.height_pt));
    write_text_line(x, *g, pkg);
    x.end();
    x.end();
  }
  for (const OfdMark* m : a.marks) mark_annot(x, *m, pkg);
  x.end();
  return x.finish();
}

std::string annotations_xml(const std::vector<std::pair<uint32_t, std::string>>& page_files) {
  XmlWriter x;
  x.start("ofd:Annotations");
  x.ns("ofd", kNs);
  for (const auto& [page_id, loc] : page_files) {
    x.start("ofd:Page");
    x.attr("PageID", page_id);
    x.start("ofd:FileLoc");
    x.text(loc);
    x.end();
    x.end();
  }
  x.end();
  return x.finish();
}

}  // namespace lh::ofd::detail
