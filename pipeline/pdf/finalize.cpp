// The final qpdf pass (libraries.md §2): setDeterministicID, object streams. Also adds the "D:"
// prefix cairo 1.16 leaves off the Info dates (PDF 32000-1 §7.9.4).
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "pdf/internal.h"
#include "pdf/pdf.h"
#include "pdf/qpdf_io.h"

namespace lh::pdf {
using detail::open_memory;
using detail::write_out;

void tune_allocator_for_fonts() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
  // The heap in 2 MiB pages where the kernel allows it (THP "madvise" mode, Debian's default): a
  // sign pack or a book touches tens of MB of fresh heap, and faulting it in 4 KiB pages was a fifth
  // of bench_signs' CPU (kernel time). The heap is grown by 64 MiB now and that range advised.
  mallopt(M_TOP_PAD, 64 << 20);
  void* p = std::malloc(1 << 20);  // below the mmap threshold: from the heap, which grows by the pad
  if (!p) return;
  constexpr uintptr_t kHuge = 2u << 20;
  const uintptr_t lo = (reinterpret_cast<uintptr_t>(p) + kHuge - 1) & ~(kHuge - 1);
  const uintptr_t hi = reinterpret_cast<uintptr_t>(sbrk(0)) & ~(kHuge - 1);
  if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_HUGEPAGE);  // advice only: errors ignored
  std::free(p);
}

namespace {

void fix_info_dates(QPDF& q) {
  QPDFObjectHandle info = q.getTrailer().getKey("/Info");
  if (info.isDictionary())
    for (const char* key : {"/CreationDate", "/ModDate"}) {
      QPDFObjectHandle v = info.getKey(key);
      if (v.isString()) {
        std::string s = v.getStringValue();
        if (s.rfind("D:", 0) != 0) info.replaceKey(key, QPDFObjectHandle::newString("D:" + s));
      }
    }
}

// PDF 32000-1 §14.11.2 (page boundaries): TrimBox = the finished size, BleedBox = the trim plus the
// bleed, both inside the MediaBox cairo wrote. cairo cannot write them (wave2.md §1.6), so they are
// set here. PDF y grows upwards; the boxes are symmetric, so only the insets matter.
void set_print_boxes(QPDFPageObjectHelper& page, const layout::Page& laid) {
  if (laid.bleed_pt <= 0 && laid.slug_pt <= 0) return;
  auto box = [&](double inset) {
    return QPDFObjectHandle::newArray(QPDFObjectHandle::Rectangle(inset, inset, laid.width_pt - inset, laid.height_pt - inset));
  };
  QPDFObjectHandle obj = page.getObjectHandle();
  obj.replaceKey("/TrimBox", box(laid.bleed_pt + laid.slug_pt));
  obj.replaceKey("/BleedBox", box(laid.slug_pt));
}

void set_print_boxes(QPDF& q, const layout::Laid& laid) {
  // Most documents (a book, a case file) have no print boxes: then the page tree is not walked
  // (qpdf's getAllPages builds a helper per page: 1 % of a 300-page book's compile).
  if (std::none_of(laid.pages.begin(), laid.pages.end(), [](const layout::Page& p) { return p.bleed_pt > 0 || p.slug_pt > 0; }))
    return;
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(q).getAllPages();
  for (size_t i = 0; i < pages.size() && i < laid.pages.size(); ++i) set_print_boxes(pages[i], laid.pages[i]);
}

}  // namespace

std::vector<std::string> write_pdf_per_page(const layout::Laid& laid, const PdfOptions& options) {
  PdfOptions o = options;
  o.finalize = false;
  o.outline = false;  // bookmarks point across files; a one-page file has none
  const std::string all = write_pdf(laid, o);
  try {
    QPDF in;
    in.setSuppressWarnings(true);
    in.processMemoryFile("lianghua-pack.pdf", all.data(), all.size());
    if (in.anyWarnings()) throw PdfError("qpdf found problems in the PDF it was given");
    fix_info_dates(in);
    set_print_boxes(in, laid);
    in.pushInheritedAttributesToPage();
    std::vector<QPDFObjectHandle> pages = in.getAllPages();
    // Each file is the pack with its page tree cut to one page: the writer writes only what the
    // trailer reaches, so a sign's file holds its page and the fonts, images and Info it refers
    // to, and nothing is copied between documents. The catalog keeps /Pages only: the structure
    // tree, destinations and labels describe the pack.
    QPDFObjectHandle root = in.getRoot();
    for (const std::string& key : root.getKeys())
      if (key != "/Type" && key != "/Pages") root.removeKey(key);
    QPDFObjectHandle tree = root.getKey("/Pages");
    for (QPDFObjectHandle& page : pages) {
      page.removeKey("/StructParents");  // points into the pack's structure tree, which stays behind
      page.replaceKey("/Parent", tree);
    }
    tree.replaceKey("/Count", QPDFObjectHandle::newInteger(1));
    std::vector<std::string> out;
    out.reserve(pages.size());
    for (QPDFObjectHandle& page : pages) {
      tree.replaceKey("/Kids", QPDFObjectHandle::newArray(std::vector<QPDFObjectHandle>{page}));
      in.updateAllPagesCache();
      // No object streams: one per file cost 0.15 ms a sign (qpdf's object stream pass and zlib
      // set-up for ~1 KB) to save 1.5 KB; cairo's streams are already Flate and copied as they are.
      out.push_back(write_out(in, false));
    }
    return out;
  } catch (const PdfError&) {
    throw;
  } catch (const std::exception& e) {
    throw PdfError(std::string("qpdf: ") + e.what());
  }
}

std::string finalize_with_qpdf(const std::string& bytes, const FinalizeOptions& options) {
  return detail::finalize_pages(bytes, options, nullptr);
}

std::string detail::finalize_pages(const std::string& bytes, const FinalizeOptions& options, const layout::Laid* laid) {
  try {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("lianghua.pdf", bytes.data(), bytes.size());
    fix_info_dates(q);
    if (laid) set_print_boxes(q, *laid);
    std::string out = write_out(q, options.object_streams);
    if (options.strict && q.anyWarnings()) {
      // cairo's output should never need repair; say so rather than hide it.
      std::string what = "qpdf found problems in the PDF it was given";
      for (const auto& w : q.getWarnings()) what += std::string("; ") + w.what();
      throw PdfError(what);
    }
    return out;
  } catch (const PdfError&) {
    throw;
  } catch (const std::exception& e) {
    throw PdfError(std::string("qpdf: ") + e.what());
  }
}

}  // namespace lh::pdf
