// Assembly of a composed PDF with qpdf's C++ API (libraries.md §2): our own pages and the source
// PDFs' pages are copied losslessly (no re-render, images not re-encoded), then /Outlines and
// /PageLabels are built by hand (qpdf 11 has no writer for them), the Info dictionary is set, and
// the result is written with a deterministic /ID and object streams. Every input QPDF is kept alive
// until the write has finished (copies are lazy).
//
// Also: overlay of a small one-page PDF (a stamp made by cairo) onto a page of another PDF, as a
// form XObject added to the page's content (the 归档章, DA/T 22-2015).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace lh::pdf {

// A source PDF that qpdf can open and copy, or why not. pages == 0 counts as unusable (a truncated
// linearized file "opens" with no pages; libraries.md §3).
struct PdfProbe {
  bool ok = false;
  int pages = 0;
  std::string error;  // one line, when !ok
};
PdfProbe probe_pdf(const std::string& bytes);

struct OutlineNode {
  std::string title;
  int page = -1;                 // 0-based page of the assembled file; -1: the first child's page
  bool open = true;
  std::vector<OutlineNode> children;
};

struct PageLabelRange {
  int first_page = 0;            // 0-based page where the range starts
  std::string prefix;            // /P
  bool decimal = true;           // /S /D
  int start = 1;                 // /St
};

struct AssembleOptions {
  std::string title, author, subject, keywords;
  std::string creator = "lianghua";
  std::string date;              // ISO 8601 (e.g. 2024-06-03 or 2024-06-03T00:00:00+08:00); empty: no dates
  std::vector<OutlineNode> outline;
  std::vector<PageLabelRange> labels;
  bool object_streams = true;
};

// One part of the volume: the bytes of a PDF (all its pages are taken, in order).
// Throws PdfError if a part cannot be read or the result cannot be written; callers probe first.
std::string assemble_pdf(const std::vector<const std::string*>& parts, const AssembleOptions& options);

// The MediaBox (width, height in pt, with /Rotate applied: 90/270 swap them) of a page.
std::optional<std::pair<double, double>> page_size(const std::string& pdf, int page_index);

}  // namespace lh::pdf
