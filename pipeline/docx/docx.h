// DOCX writer: model::Document + layout::Style → the bytes of a WordprocessingML package
// (ECMA-376 Part 1 Transitional; OPC per ECMA-376 Part 2). One source file per OOXML part, the way
// libxlsxwriter is laid out (anchors.md §C); package.cpp is the only file that knows the ZIP.
//
// Output is deterministic: identical input gives byte-identical output (fixed part order, fixed
// ZIP timestamps, counters instead of random ids, no clock reads).
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "layout/style.h"
#include "model/document.h"

namespace lh::docx {

struct DocxOptions {
  std::string title, author, subject, keywords;
  // Seconds since 1970-01-01 UTC for dcterms:created/modified in docProps/core.xml and for the ZIP
  // entries' DOS timestamps. Unset: SOURCE_DATE_EPOCH if set and valid; otherwise core.xml carries
  // no dates and the ZIP entries are dated 1980-01-01 00:00 (like Excel, libxlsxwriter packager.c).
  // Never the clock.
  std::optional<int64_t> timestamp;
  // Page (1-based, as printed) of each heading in document order, as computed by our PDF layout.
  // "Heading" = every model::Paragraph with heading_level > 0 among a section's top-level blocks
  // (headings inside table cells are not counted). Used for the cached result of the TOC field,
  // so the table of contents is right without a field update. Missing entries: no page number.
  std::vector<int> heading_pages;
  int zoom_percent = 100;  // w:settings/w:zoom
  // The PNG of a model::Drawing laid out at `scale` (1 = its own millimetres), for the picture the
  // DOCX shows in its place. render_document supplies it (layout::lay_out_drawing, then
  // pdf::render_png at 300 dpi: the same frames as the PDF, at print quality). Unset or returning
  // no bytes: the drawing is written as its description.
  std::function<std::string(const model::Drawing&, double scale)> render_drawing;
};

// The .docx bytes. Throws std::runtime_error when libxml2 or libzip fail (out of memory).
// Text is sanitized here (C0 controls other than \t \n \r, U+FFFE/U+FFFF, surrogates and invalid
// UTF-8 are dropped), so a dirty model still gives a well-formed file.
std::string write_docx(const model::Document& doc, const layout::Style& style, const DocxOptions& opt);

// SOURCE_DATE_EPOCH (reproducible-builds.org) as seconds, or nullopt when unset or malformed.
std::optional<int64_t> source_date_epoch();

}  // namespace lh::docx
