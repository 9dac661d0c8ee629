// The PDF writer: laid-out pages (layout/frames.h) → PDF bytes, drawn with cairo + pango, then a
// final pass through qpdf for a deterministic /ID and object streams. Identical input gives
// byte-identical output: the date comes from the options or SOURCE_DATE_EPOCH, never the clock.
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

#include "layout/frames.h"

namespace lh::pdf {

struct PdfError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct PdfOptions {
  std::string title, author, subject, keywords;
  std::string creator = "lianghua";
  // ISO 8601, e.g. "2024-03-05T10:00:00+08:00". Empty: $SOURCE_DATE_EPOCH, else 1970-01-01T00:00:00Z.
  std::string date;
  bool outline = true;         // bookmarks from the headings
  int outline_open_levels = 1; // levels shown expanded
  bool finalize = true;        // run finalize_with_qpdf on the result
  // Cut every font to the document's glyphs with hb-subset before cairo embeds it (pdf/subset.h).
  // false: cairo subsets the whole font itself (slower, larger; the same pages and text).
  bool subset_fonts = true;
};

// Draw the pages. Throws PdfError when cairo fails.
std::string write_pdf(const layout::Laid& laid, const PdfOptions& options = {});

// One PDF per page (a sign pack: one file per sign). The pages are drawn ONCE by cairo into one
// document, so the per-PDF font cost (cutting each font with hb-subset, subset.h) is paid once for
// the pack instead of once per file; then qpdf writes that document once per page with its page
// tree cut to the page, so each file holds only what its page refers to (nothing is copied between
// documents, cairo's compressed streams are written as they are, no object streams). Each file
// carries the pack's cut of the fonts its page uses (a few KB more than a file drawn alone).
// Bookmarks, the structure tree, named destinations and page labels are not carried over; metadata
// is. Deterministic like write_pdf. Throws PdfError.
std::vector<std::string> write_pdf_per_page(const layout::Laid& laid, const PdfOptions& options = {});

// Items (frames.h; e.g. a laid-out model::Drawing) painted by the same drawer as PDF pages onto a
// white width_pt × height_pt raster at `dpi`: the PNG bytes (a DOCX shows a drawing as this
// picture). Links and destinations are not drawn. Deterministic. Throws PdfError.
std::string render_png(const std::vector<layout::Item>& items, double width_pt, double height_pt, double dpi);

struct FinalizeOptions {
  bool object_streams = true;
  bool strict = false;         // throw PdfError if qpdf had to repair anything (our own output)
};
// qpdf pass: deterministic /ID, object streams, compressed streams, and "D:" put before the
// Info dates cairo writes without it (libraries.md §1). Reusable on any PDF bytes.
std::string finalize_with_qpdf(const std::string& pdf, const FinalizeOptions& options = {});

// Process-wide malloc tuning for PDF writing: cairo 1.16 copies a CJK font's whole CFF table
// (23 MB for Noto Serif CJK) twice per font per PDF; keeping freed blocks in the heap instead of
// returning them to the kernel avoids ~12k page faults each time (measured 317 → 218 ms for one
// Noto Serif page). Call once from main(); a library should not change this behind its caller.
void tune_allocator_for_fonts();

// The ISO date write_pdf will use for these options.
std::string document_date(const PdfOptions& options);

}  // namespace lh::pdf
