#include "pdf/assemble.h"

#include <memory>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "pdf/pdf.h"
#include "pdf/qpdf_io.h"

namespace lh::pdf {
using detail::open_memory;
using detail::write_out;
using detail::pdf_date;
using detail::write_info_dictionary;

namespace {

int count_nodes(const std::vector<OutlineNode>& v) {
  int n = 0;
  for (const auto& c : v) n += 1 + (c.open ? count_nodes(c.children) : 0);
  return n;
}

int first_page_of(const OutlineNode& n) {
  if (n.page >= 0) return n.page;
  for (const auto& c : n.children) {
    int p = first_page_of(c);
    if (p >= 0) return p;
  }
  return -1;
}

// Builds the items of `nodes` under `parent`; returns {first, last}.
std::pair<QPDFObjectHandle, QPDFObjectHandle> build_outline(QPDF& q, const std::vector<OutlineNode>& nodes,
                                                             QPDFObjectHandle parent,
                                                             const std::vector<QPDFPageObjectHelper>& pages) {
  QPDFObjectHandle first, last, prev;
  for (const auto& n : nodes) {
    QPDFObjectHandle item = q.makeIndirectObject(QPDFObjectHandle::newDictionary());
    item.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(n.title));
    item.replaceKey("/Parent", parent);
    int p = first_page_of(n);
    if (p >= 0 && p < static_cast<int>(pages.size())) {
      QPDFObjectHandle dest = QPDFObjectHandle::newArray();
      dest.appendItem(pages[static_cast<size_t>(p)].getObjectHandle());
      dest.appendItem(QPDFObjectHandle::newName("/Fit"));
      item.replaceKey("/Dest", dest);
    }
    if (!n.children.empty()) {
      auto [cf, cl] = build_outline(q, n.children, item, pages);
      item.replaceKey("/First", cf);
      item.replaceKey("/Last", cl);
      int cnt = count_nodes(n.children);
      item.replaceKey("/Count", QPDFObjectHandle::newInteger(n.open ? cnt : -static_cast<int>(n.children.size())));
    }
    if (prev.isInitialized()) {
      prev.replaceKey("/Next", item);
      item.replaceKey("/Prev", prev);
    } else {
      first = item;
    }
    prev = item;
    last = item;
  }
  return {first, last};
}

}  // namespace

PdfProbe probe_pdf(const std::string& bytes) {
  PdfProbe p;
  try {
    auto q = open_memory(bytes, "source.pdf");
    auto pages = QPDFPageDocumentHelper(*q).getAllPages();
    p.pages = static_cast<int>(pages.size());
    if (p.pages == 0) {
      p.error = "the PDF has no pages (truncated or damaged)";
      return p;
    }
    // Resolve every page's content and resources now, so a broken object surfaces here rather than
    // in the middle of writing the volume.
    for (auto& pg : pages) {
      pg.getObjectHandle().getKey("/Resources");
      for (auto& c : pg.getPageContents()) c.getRawStreamData();
    }
    p.ok = true;
  } catch (const std::exception& e) {
    p.ok = false;
    p.error = e.what();
    if (auto nl = p.error.find('\n'); nl != std::string::npos) p.error.resize(nl);
  }
  return p;
}

std::string assemble_pdf(const std::vector<const std::string*>& parts, const AssembleOptions& o) {
  try {
    std::vector<std::unique_ptr<QPDF>> inputs;  // alive until write() (libraries.md §2)
    QPDF out;
    out.emptyPDF();
    out.setSuppressWarnings(true);
    QPDFPageDocumentHelper out_pages(out);
    for (size_t i = 0; i < parts.size(); ++i) {
      inputs.push_back(open_memory(*parts[i], ("part" + std::to_string(i) + ".pdf").c_str()));
      for (auto& pg : QPDFPageDocumentHelper(*inputs.back()).getAllPages()) out_pages.addPage(pg, false);
    }
    auto pages = out_pages.getAllPages();
    QPDFObjectHandle root = out.getRoot();
    if (!o.outline.empty()) {
      QPDFObjectHandle outlines = out.makeIndirectObject(QPDFObjectHandle::newDictionary());
      outlines.replaceKey("/Type", QPDFObjectHandle::newName("/Outlines"));
      auto [f, l] = build_outline(out, o.outline, outlines, pages);
      outlines.replaceKey("/First", f);
      outlines.replaceKey("/Last", l);
      outlines.replaceKey("/Count", QPDFObjectHandle::newInteger(count_nodes(o.outline)));
      root.replaceKey("/Outlines", outlines);
      root.replaceKey("/PageMode", QPDFObjectHandle::newName("/UseOutlines"));
    }
    if (!o.labels.empty()) {
      QPDFObjectHandle nums = QPDFObjectHandle::newArray();
      for (const auto& r : o.labels) {
        QPDFObjectHandle d = QPDFObjectHandle::newDictionary();
        if (r.decimal) d.replaceKey("/S", QPDFObjectHandle::newName("/D"));
        if (!r.prefix.empty()) d.replaceKey("/P", QPDFObjectHandle::newUnicodeString(r.prefix));
        if (r.start != 1) d.replaceKey("/St", QPDFObjectHandle::newInteger(r.start));
        nums.appendItem(QPDFObjectHandle::newInteger(r.first_page));
        nums.appendItem(d);
      }
      QPDFObjectHandle pl = QPDFObjectHandle::newDictionary();
      pl.replaceKey("/Nums", nums);
      root.replaceKey("/PageLabels", pl);
    }
    const std::string date = o.date.empty() ? std::string() : pdf_date(o.date);
    write_info_dictionary(out, {o.title, o.author, o.subject, o.keywords, o.creator, "lianghua (qpdf)", date, date});
    if (!o.title.empty()) {
      QPDFObjectHandle vp = QPDFObjectHandle::newDictionary();
      vp.replaceKey("/DisplayDocTitle", QPDFObjectHandle::newBool(true));
      root.replaceKey("/ViewerPreferences", vp);
    }
    return write_out(out, o.object_streams);
  } catch (const std::exception& e) {
    throw PdfError(std::string("qpdf assembly: ") + e.what());
  }
}

std::optional<std::pair<double, double>> page_size(const std::string& pdf, int page_index) {
  try {
    auto q = open_memory(pdf, "page.pdf");
    auto pages = QPDFPageDocumentHelper(*q).getAllPages();
    if (page_index < 0 || page_index >= static_cast<int>(pages.size())) return std::nullopt;
    auto box = pages[static_cast<size_t>(page_index)].getMediaBox().getArrayAsRectangle();
    double w = box.urx - box.llx, h = box.ury - box.lly;
    auto rot = pages[static_cast<size_t>(page_index)].getAttribute("/Rotate", false);
    if (rot.isInteger() && (rot.getIntValue() % 180) != 0) std::swap(w, h);
    return std::make_pair(w, h);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace lh::pdf
