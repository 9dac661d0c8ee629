// Marks put on the pages of reading copies and volumes, drawn with cairo and laid over the page
// with qpdf as form XObjects (the page's own content is never re-rendered):
//
// 归档章 (DA/T 22-2015 §6.2 as quoted in domain.md §1): six equal cells, 45 × 16 mm, red, on the
// top centre blank area of an item's first page:
//     全宗号   | 年度     | 件号
//     机构(问题) | 保管期限 | 页数
// "Top" is the top of the page as the reader sees it: a page turned by /Rotate, or a landscape
// page, gets the stamp upright at the top centre of what is displayed (a landscape form bound in a
// portrait volume then has it at the middle of the sheet's long edge, as domain.md §1 says).
//
// 页号 (编页, domain.md §2): a running number in the upper-right corner of every page with writing,
// counted from the first page of the first document; 封面, 卷内目录 and 卷内备考表 are not numbered.
#pragma once
#include "pdf/pdfa.h"
#include <string>
#include <utility>
#include <vector>

#include "layout/frames.h"

namespace lh::compose {

struct StampValues {
  std::string fonds, year, item, organisation, retention, pages;
};

constexpr double kStampWidthMm = 45, kStampHeightMm = 16;
constexpr unsigned kStampRed = 0xE60012;
constexpr double kStampFromTopMm = 6;  // inside the 天头 (37 mm) of GB/T 9704-2012 §5.2.2

// The stamp alone: a 45 × 16 mm PDF page.
std::string archive_stamp_pdf(const StampValues& v);

// pdf with the stamp on page 1, upright to the reader, on the first blank area of the top of the
// page as displayed (Poppler renders the top band; "blank" = no ink under the stamp and 2 mm
// around it): top centre 6 mm down, else centre a little higher or lower, else top right, else top
// left (the binding edge, last). When the top has no blank area it goes top centre and `note`
// (when given) says so. Throws pdf::PdfError when the PDF cannot be read.
std::string stamp_first_page(const std::string& pdf, const StampValues& v, std::string* note = nullptr);

// Where a mark goes on a page as displayed (its /Rotate applied), measured in mm from the top edge
// and from the left or right edge of what the reader sees; the mark is drawn upright to the reader.
enum class MarkAnchor { TopCentre, TopRight, TopLeft };
struct MarkPlacement {
  int page = 0;               // 0-based page of the target PDF
  int mark_page = 0;          // 0-based page of the marks PDF drawn there
  MarkAnchor anchor = MarkAnchor::TopCentre;
  double from_top_mm = 0;
  double from_side_mm = 0;    // TopRight / TopLeft: distance of the mark from that edge
  double width_mm = 0, height_mm = 0;
};

// pdf with the pages of `marks` laid over it as `at` says. One read and one write of the PDF,
// whatever the number of marks; outlines, labels and links of the PDF are kept. Throws pdf::PdfError.
std::string overlay_marks(const std::string& pdf, const std::string& marks, const std::vector<MarkPlacement>& at);
// The same, made PDF/A-2b in that one pass (pdf::apply_pdfa) instead of a post-pass of its own.
// `made_pdfa` says whether it was: not for an encrypted source, which pdf::make_pdfa refuses too.
std::string overlay_marks(const std::string& pdf, const std::string& marks, const std::vector<MarkPlacement>& at,
                          const pdf::PdfaMetadata& pdfa, bool& made_pdfa);

constexpr double kPageNumberWidthMm = 20, kPageNumberHeightMm = 7;
constexpr double kPageNumberFromTopMm = 8, kPageNumberFromRightMm = 10;

// The 页号 `first_number` … on pages first_index … first_index + count - 1 of pdf, upper right.
std::string stamp_page_numbers(const std::string& pdf, int first_index, int count, int first_number = 1);
// The same, made PDF/A-2b in that pass when `pdfa` is given (overlay_marks); `made_pdfa` says whether
// it was (never when there is nothing to number: no pass is made then).
std::string stamp_page_numbers(const std::string& pdf, int first_index, int count, int first_number,
                               const pdf::PdfaMetadata* pdfa, bool& made_pdfa);

// --- the same marks for a writer that keeps them apart from the page (the OFD copy's annotations,
// GB/T 42133-2022 6.10.2) ---------------------------------------------------------------------------

// Where stamp_first_page puts the stamp on page 1 of pdf (its top blank area as displayed); `note`
// as there.
MarkPlacement archive_stamp_place(const std::string& pdf, std::string* note = nullptr);
// The placement of the 页号 on a page (upper right, as stamp_page_numbers draws it).
MarkPlacement page_number_place();
// A placement's top-left corner on a page of w × h points as displayed (points, y down).
std::pair<double, double> mark_origin_pt(const MarkPlacement& m, double page_w_pt, double page_h_pt);
// The stamp, and the 页号 first_number … first_number + count - 1, laid out: a page of the mark's
// size each, drawn as the PDF's marks are. Throws pdf::PdfError.
layout::Page archive_stamp_page(const StampValues& v);
std::vector<layout::Page> page_number_pages(int first_number, int count);

}  // namespace lh::compose
