// One document model → both writers (issue 3 §7; and the OFD writer, issue 15): lay out once (layout::lay_out), write the PDF
// from those pages (pdf::write_pdf), and give the DOCX writer the same layout's heading pages, so
// the cached TOC field of the .docx shows the page numbers the PDF really has. This is the single
// place that knows the layout → pdf / docx sequence; `render` and the case-file volumes use it.
// Deterministic: identical input and options give byte-identical PDF and DOCX (no clock: the date
// comes from the options or SOURCE_DATE_EPOCH).
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "layout/fonts.h"
#include "layout/frames.h"
#include "layout/style.h"
#include "model/document.h"

namespace lh::render {

struct RenderOptions {
  std::string title, author, subject, keywords;  // document properties of both files
  // ISO 8601 date of both files: "2024-03-05", "2024-03-05T10:00:00", with "Z" or "+08:00".
  // Empty: SOURCE_DATE_EPOCH, else none (PDF 1970-01-01, DOCX no dates): never the clock.
  std::string date;
  bool pdf = true, docx = true;  // which files to make
  bool ofd = false;              // and an OFD-A preservation copy (ofd/ofd.h) from the same pages
  std::string archival_code;     // 档号 (DA/T 46) for the OFD's custom metadata, when known
  // Hand back the laid-out pages too (RenderedDocument::laid): an archive copy written later as OFD
  // from the same pages (package/ofd_copy.h) rather than laid out a second time.
  bool keep_laid = false;
};

struct RenderedDocument {
  std::string pdf, docx, ofd;                 // the files' bytes (empty when not asked for)
  int pages = 0;                              // pages of the laid-out document (= PDF pages)
  std::vector<layout::OutlineEntry> outline;  // headings with their pages (PDF bookmarks)
  std::shared_ptr<const layout::Laid> laid;   // the pages the files were written from (keep_laid)
};

// A bad option (an unreadable date). what() names it.
struct RenderError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws RenderError, layout::LayoutError, layout::FontError, pdf::PdfError or std::runtime_error.
RenderedDocument render_document(const model::Document& doc, const layout::Style& style, const layout::FontSet& fonts,
                                 const RenderOptions& options = {});

// render_document with each file handed over as soon as it is made, so a caller can write it and
// let it go before the next is made (issue 12 §4: a year's 归档文件目录 of 2,000 rows would
// otherwise hold its laid pages, PDF, DOCX and OFD at once). Order: outline, pdf, ofd, laid
// (keep_laid; moved out, then freed here if not taken), docx. Returns the number of pages.
struct RenderSink {
  std::function<void(const std::vector<layout::OutlineEntry>&)> outline;  // may be empty
  std::function<void(std::string&&)> pdf, docx, ofd;                      // set for each file asked
  std::function<void(layout::Laid&&)> laid;                               // may be empty
};
int render_document_to(const model::Document& doc, const layout::Style& style, const layout::FontSet& fonts,
                       const RenderOptions& options, const RenderSink& sink);

// "2024-03-05" / "2024-03-05T10:00[:00]" [Z | ±hh:mm] → seconds since 1970-01-01 UTC (a date or
// time without a zone is read as China Standard Time, UTC+8). nullopt when malformed or out of range.
std::optional<int64_t> parse_iso_date(std::string_view iso);

// A document with a table of contents right after its title (without a title: before the first
// heading); one already holding a TableOfContents is returned unchanged.
model::Document with_table_of_contents(model::Document doc, const model::TableOfContents& toc = {});

}  // namespace lh::render
