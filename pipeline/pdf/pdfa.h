// PDF/A-2b (ISO 19005-2:2011 = GB/T 23286.2, level B) as a post-pass over finished PDF bytes, so
// every writer's output (cairo pages, qpdf-assembled volumes, stamped copies of source PDFs) is made
// conformant the same way, after the fact, through the one qpdf writer set-up (qpdf_io.h):
//   6.6.2.1 / 6.6.4  an XMP metadata stream in the Catalog with pdfaid:part=2, pdfaid:conformance=B,
//                    dc:title, dc:creator (责任者), dates, and the DA/T 46-2009 elements lianghua knows
//                    (档号, 全宗号, 年度, 保管期限, ...) in an extension schema declared per 6.6.2.3.2;
//   6.2.3            an sRGB OutputIntent (GTS_PDFA1) whose DestOutputProfile is the ICC profile of
//                    Debian's icc-profiles-free (srgb_profile_path());
//   6.1.2, 6.1.7.1   a header of at most PDF 1.7 and an end of line before each endstream (qpdf);
//   6.1.3            a deterministic trailer /ID (qpdf), no /Encrypt;
//   6.2.11.3.2       /CIDToGIDMap /Identity on a TrueType CIDFont that has none (the default it
//                    stands for, so nothing drawn changes; cairo leaves it out);
//   6.2.8            /Interpolate false on images (cairo writes true);
//   6.3.2            the print flag on annotations (cairo's links have no /F);
//   ISO 19005-1 6.4  no transparency group on a page or form that paints nothing transparent (cairo
//                    adds one to every page; PDF/A-2 allows it, PDF/A-1 readers such as PDFBox
//                    Preflight reject it). A page that really uses transparency keeps its group,
//                    which 6.2.10 allows once an OutputIntent is present.
//   ISO 19005-1 6.7.3 the Info dictionary says what the XMP says (same title, author, dates).
// CIDSet (6.2.11.4.2) is optional in PDF/A-2 and not written: a CIDSet that is present must list
// every CID of the subset, which only the font subsetter knows.
//   6.2.11.4.1       a Chinese font a source PDF names without embedding it gets the role face that
//                    stands in for it embedded (font_substitute.h), when PdfaMetadata::substitutes
//                    offers one.
// What the post-pass cannot repair (an encrypted source, a font it cannot substitute) it leaves for
// the checker (ingest/pdfa_check.h) to find: the caller decides whether the result may be called
// PDF/A. Deterministic: the same bytes and metadata give the same output; no clock is read.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "pdf/font_substitute.h"
#include "pdf/pdf.h"  // PdfError

class QPDF;

namespace lh::pdf {

struct PdfaMetadata {
  std::string title;     // dc:title, Info /Title (empty: the file's own /Title is kept)
  std::string author;    // dc:creator, Info /Author: the 责任者 (empty: the file's own)
  std::string subject;   // dc:description, Info /Subject
  std::string keywords;  // pdf:Keywords, Info /Keywords
  // ISO 8601 ("2024-03-05", "2024-03-05T10:00:00+08:00"): xmp:CreateDate/ModifyDate/MetadataDate
  // and the Info dates. Empty: the file's own /CreationDate, else no dates at all (never the clock).
  std::string date;
  // DA/T 46-2009 elements by their names in the standard (档号, 全宗号, 年度, 保管期限, 室编件号,
  // 室编案卷号, 文件编号, 责任者, 日期, 页数, 立档单位名称, 题名), in the order given. A name
  // outside dat46_element_names() throws PdfError.
  std::vector<std::pair<std::string, std::string>> dat46;
  // The faces that may be embedded for fonts a source PDF names without embedding them
  // (font_substitute.h); empty: none is substituted.
  std::vector<SubstituteFace> substitutes;
};

// The DA/T 46 element names the XMP extension schema declares (ISO 19005-2 6.6.2.3.2).
const std::vector<std::string>& dat46_element_names();
// The namespace URI and prefix of that extension schema.
extern const char* const kDat46Namespace;

// The sRGB ICC profile (ICC v2, monitor class): $LIANGHUA_SRGB_ICC if set, else
// /usr/share/color/icc/sRGB.icc from Debian's icc-profiles-free. Throws PdfError naming the
// path and the package when it cannot be read.
std::string srgb_profile_path();
// Throws that PdfError now when the profile cannot be read: a run that will write PDF/A checks its
// set-up before it starts, instead of failing every output.
void require_srgb_profile();

struct PdfaConversion {
  std::string pdf;      // the rewritten file (the input unchanged when refused is set)
  std::string refused;  // why the file was left alone (encrypted, unreadable); empty when rewritten
};

// Rewrites `pdf` as PDF/A-2b as far as a post-pass can (above). Throws PdfError only when the sRGB
// profile is missing or a DA/T 46 name is unknown (faults of the set-up or the caller, not of the file).
PdfaConversion make_pdfa(const std::string& pdf, const PdfaMetadata& meta);

// The same changes made inside a qpdf pass that writes its file anyway (the 归档章's overlay on a
// reading copy): one parse and one write instead of two, the post-pass being ~9 % of a night with
// PDF/A copies (bench/RESULTS.md §8a4). The caller writes with write_out(q, …, /*pdfa=*/true) and
// must not call it on an encrypted document (make_pdfa refuses those). Throws as make_pdfa does,
// and qpdf's own exceptions. Returns what became of each font that was not embedded.
std::vector<FontSubstitution> apply_pdfa(QPDF& q, const PdfaMetadata& meta);

}  // namespace lh::pdf
