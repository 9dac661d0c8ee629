// 归档章 (DA/T 22-2015 §6.2 as quoted in domain.md §1): six equal cells, 45 × 16 mm, red, on the top
// centre blank area of an item's first page:
//     全宗号   | 年度     | 件号
//     机构(问题) | 保管期限 | 页数
// Made as a one-page PDF by layout + cairo, then placed on page 1 of the reading copy as a form
// XObject with qpdf (pdf::overlay_stamp); the original file is never touched.
#pragma once
#include <string>

namespace lh::package {

struct StampValues {
  std::string fonds, year, item, organisation, retention, pages;
};

constexpr double kStampWidthMm = 45, kStampHeightMm = 16;
constexpr unsigned kStampRed = 0xE60012;

// The stamp alone: a 45 × 16 mm PDF page.
std::string archive_stamp_pdf(const StampValues& v);

// pdf with the stamp on page 1, top centre (6 mm below the top edge, inside the 天头 of GB/T 9704).
// Throws pdf::PdfError when the PDF cannot be read.
std::string stamp_first_page(const std::string& pdf, const StampValues& v);

}  // namespace lh::package
