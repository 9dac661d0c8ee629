// 长期保存 copies of the archive's PDFs (issue 15; DA/T 47: a fixed-layout format for preservation).
// OFD-A (GB/T 42133-2022), where <output preservation="… ofd-a"/> asks, is a second file beside the
// PDF (ofd_copy.h), its state entry marked like the PDF's.
// PDF/A-2b:
// where the scheme's <output preservation="pdf-a-2b"/> asks for it, a derived PDF (reading copy,
// uniform record, 案卷, 归档文件目录) is itself rewritten as PDF/A-2b — the same file, not a second
// copy beside it, because an archive clerk keeps and hands out one file per document, and a
// PDF/A-2b file is an ordinary PDF to every reader.
// The file is called PDF/A only when the read-back check passes (ingest/pdfa_check.h): the
// post-pass (pdf/pdfa.h) repairs what lianghua's writers leave out, but a copied source PDF may be
// encrypted or use a font that is not embedded; then the file is still written (rewritten as far as
// possible), its state entry says why it is not PDF/A, and the report names it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/volume.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "ofd/ofd.h"
#include "package/ofd_copy.h"
#include "pdf/pdfa.h"

namespace lh::package {

struct PreservedPdf {
  std::string pdf;                    // the bytes to write
  bool conformant = false;            // the read-back check passed
  std::vector<std::string> problems;  // "6.2.11.4.1 font X is not embedded", …; empty when conformant
  // Fonts the source named without embedding them and the role face embedded for each
  // ("STSong-Light → Noto Serif CJK SC（宋体）", pdf/font_substitute.h): outlines that changed.
  std::vector<std::string> substituted;
};

// Our faces that stand in for the 宋体, 黑体, 仿宋, 楷体 and 小标宋 fonts source PDFs name without
// embedding them (pdf/font_substitute.h): the role faces of fonts/roles.json, cut from the glyf form
// the OFD writer keeps (ofd::truetype_form). Made once per process.
const std::vector<pdf::SubstituteFace>& substitute_faces();

// make_pdfa, then check_pdfa on the result. Throws pdf::PdfError when the sRGB profile is missing.
// `converted`: the bytes were made PDF/A-2b already by the pass that wrote them (the reading copy's
// overlay, compose::overlay_marks with metadata); then they are only checked.
PreservedPdf preserve_pdf(const std::string& pdf, const pdf::PdfaMetadata& meta, bool converted = false);

// The XMP of an item's reading copy or uniform record: its 题名, 责任者, 日期 and DA/T 46 档号,
// 全宗号, 年度, 保管期限, 室编件号, 文件编号, 页数, 立档单位名称. `state` is the item's derived
// entry (author, doc_number, pages). `title`: another 题名 (a uniform record's), empty: the item's.
pdf::PdfaMetadata item_pdfa_metadata(const nlohmann::json& item, const nlohmann::json& state, const filing::Scheme& s,
                                     const filing::Office& o, const std::string& title = {});

// The XMP of a case's 案卷: its own title (案号 案由), the office as 责任者, the 归档日期, and
// DA/T 46 全宗号, 年度, 保管期限, 室编案卷号, 文件编号 (案号), 页数, 立档单位名称.
pdf::PdfaMetadata volume_pdfa_metadata(const compose::VolumeBuild& vb, const filing::Office& o);

// Writes a derived PDF (write_derived_output), as PDF/A-2b when `as_pdfa`: the state entry gets
// "pdfa": "2b" when the check passed, else "pdfa_problems", and "pdfa_font_substitutes" when a
// font was substituted (PreservedPdf::substituted); each problem is also appended to
// `problems` as one Chinese line naming the file (the report shows it). `converted` as for preserve_pdf.
nlohmann::json write_derived_pdf(const std::filesystem::path& root, const std::string& rel, const std::string& bytes,
                                 bool as_pdfa, const pdf::PdfaMetadata& meta, std::vector<std::string>& problems,
                                 bool converted = false);

// The derived files a state (derived.json) says are PDF/A-2b, relative to ARCHIVE ("verify" checks them).
std::vector<std::string> pdfa_files(const nlohmann::json& derived_state);

// --- OFD-A copies (GB/T 42133-2022; ofd_copy.h) --------------------------------------------------

// The OFD's DocInfo and DA/T 46 custom metadata (6.2.1 b) from the same values as the XMP.
ofd::OfdOptions ofd_options(const pdf::PdfaMetadata& meta);

// Writes the OFD-A copy of the derived PDF `pdf_rel` beside it (same stem, ".ofd") from `copy`,
// with `marks` as annotations, and checks it (ofd/check.h; `copy` is freed before the check). Returns its state entry
// {"path","sha256"} with "ofda": "GB/T 42133-2022" when the check passed, else "ofda_problems";
// null when it could not be written. Each problem is appended to `problems` as one Chinese line
// naming the file (the report shows it).
nlohmann::json write_derived_ofd(const std::filesystem::path& root, const std::string& pdf_rel, OfdCopy copy,
                                 std::vector<ofd::OfdMark> marks, const pdf::PdfaMetadata& meta,
                                 std::vector<std::string>& problems);

// write_derived_ofd for a document lianghua laid out alone (a uniform record, a catalogue): its
// pages, no marks. Null when `laid` is.
nlohmann::json write_laid_ofd(const std::filesystem::path& root, const std::string& pdf_rel,
                              const std::shared_ptr<const layout::Laid>& laid, const pdf::PdfaMetadata& meta,
                              std::vector<std::string>& problems);

// The derived files a state says are OFD-A, relative to ARCHIVE ("verify" checks them).
std::vector<std::string> ofd_files(const nlohmann::json& derived_state);

}  // namespace lh::package
