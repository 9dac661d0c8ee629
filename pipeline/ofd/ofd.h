// OFD writer (GB/T 33190-2016 《电子文件存储与交换格式 版式文档》) for the archive profile OFD-A of
// GB/T 42133-2022 《信息技术 OFD档案应用指南》 (wave2.md §3.2), and its read-back checker (check.h).
// Like pdf/ and docx/, the writer sees only laid-out pages (layout/frames.h): every glyph is placed
// where the layout put it (TextCode X/Y + DeltaX), so the OFD and the PDF of one layout agree.
//
// What the package holds (one document, GB/T 42133 6.2.1 c; no encryption, 6.16; nothing outside
// the package, 6.1):
//   OFD.xml                 DocType="OFD-A" (6.2.1 a), DocInfo with DA/T 46 custom data (6.2.1 b)
//   Doc_0/Document.xml      CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes), Pages,
//                           Outlines with Goto actions only (6.2.5), Annotations
//   Doc_0/PublicRes.xml     Fonts (6.2.6 a), each embedded as a subset (6.2.6 b, fonts/font_subset.h)
//   Doc_0/DocumentRes.xml   images as MultiMedia (6.2.6 a, 6.5 a)
//   Doc_0/Pages/Page_N/Content.xml   one Body layer (6.2.4): TextObject, PathObject, ImageObject;
//                           a scanned page (OfdOptions::scanned) its picture in a Background layer
//                           and its text, not drawn (Fill="false"), in the Body layer (6.2.4)
//   Doc_0/Annots/...        page numbers and the 归档章 as separate Stamp annotations (6.10.2)
//   Doc_0/Res/...           font and image files
// Deterministic: identical pages and options give byte-identical files (fixed ZIP dates and order).
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "layout/frames.h"

namespace lh::ofd {

struct OfdError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A mark laid over a page and kept apart from its content as an annotation (GB/T 42133 6.10.2):
// the 归档章 (DA/T 22-2015 §6.2) or a 页号 (domain.md §2) an archive adds to its copies.
enum class MarkKind { ArchiveStamp, PageNumber };
struct OfdMark {
  int page = 0;                // 0-based page index
  MarkKind kind = MarkKind::PageNumber;
  double x_pt = 0, y_pt = 0;   // top-left corner of the mark on the page (points, y down)
  layout::Page drawing;        // what the mark shows, in its own box (width_pt × height_pt)
};

struct OfdOptions {
  std::string title, author, subject;  // DocInfo Title, Author, Subject
  // ISO 8601 ("2024-03-05", "2024-03-05T10:00:00+08:00"): DocInfo CreationDate (xs:date, the first
  // ten characters) and the annotations' LastModDate. Empty: none in DocInfo, 1970-01-01 for the
  // annotations (whose LastModDate is required).
  std::string date;
  // Custom metadata (GB/T 42133 6.2.1 b), names per DA/T 46: 档号, 题名, 责任者, 日期, … in this order.
  // Empty values are left out. custom_metadata() fills 题名/责任者/日期 from the fields above.
  std::vector<std::pair<std::string, std::string>> custom;
  std::optional<int64_t> timestamp;  // ZIP entry dates (seconds, UTC); none: SOURCE_DATE_EPOCH, else 1980-01-01
  bool outline = true;               // Outlines from the layout's headings
  // Pages that show a page lianghua did not lay out (a copied source PDF page as a picture with its
  // text beside it): by page index, missing = false. Their pictures go into a Background layer and
  // their text into the Body layer, written but not drawn (Fill="false"), as GB/T 42133 6.2.4 asks
  // of scans with recognised text, so the text can be searched and copied and the picture shows.
  std::vector<bool> scanned;
  std::vector<OfdMark> marks;        // annotations apart from the content (6.10.2)
};

// DA/T 46 names for what the options already carry (题名 = title, 责任者 = author, 日期 = date),
// after `archival_code` as 档号 when given.
std::vector<std::pair<std::string, std::string>> custom_metadata(const OfdOptions& o, const std::string& archival_code = {});

// Throws OfdError (no pages, a font that cannot be embedded) or std::runtime_error (libzip, libxml2).
std::string write_ofd(const layout::Laid& laid, const OfdOptions& options);

// The file of face `index` of `file` with TrueType outlines and the same glyph ids: its glyf form
// when the face is CFF (made once and kept, as the OFD writer embeds it; glyf_form.cpp), else the
// file itself. The PDF/A pass cuts the fonts it substitutes from it (pdf/font_substitute.h:
// a CIDFontType2 maps CIDs to glyph ids, which a CFF face's CIDFont cannot). Throws OfdError.
std::string truetype_form(const std::string& file, int index);

}  // namespace lh::ofd
