// OFD-A copies (GB/T 42133-2022 《信息技术 OFD档案应用指南》) of the archive's reading copies and 案卷
// (issue 15; and of uniform records and catalogues, laid out alone), written beside the PDF with the
// same stem and ".ofd" where the scheme's <output preservation="… ofd-a"/> asks for them.
//
// Pages lianghua laid out itself (re-typeset DOCX/TXT/XML originals, images, placeholders, the
// volume's 封面, 目录 and 备考表) go through the OFD writer (ofd/ofd.h) from the very pages the PDF
// was drawn from: every character where the PDF has it, fonts embedded as subsets.
// A page copied from a source PDF becomes vector content where that can be done faithfully
// (vector_page.h: Poppler's own interpreter reads its paths and characters; text stays text, in
// the role font Poppler draws it with, each character where the PDF has it). Any other page becomes
// what an archive scanner gives (GB/T 42133 6.2.4: "scans in the Background layer, recognised text
// in the Body layer"): the page as Poppler draws it, a picture stored as DA/T 31-2017 stores scans
// (scan_picture.h: a 1-bit Group 4 TIFF for a page of black and white, an 8-bit grey or RGB PNG
// otherwise), under its text as Poppler reads it, one invisible TextObject per stretch of text,
// placed and spaced over the picture's characters so that the OFD's text can be found, selected
// and extracted; why it is a picture is recorded (OfdCopy::picture_pages).
// The 归档章 and the 页号 are not on the pages but annotations of their own (6.10.2), at the places
// the PDF has them (compose/archive_stamp.h).
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "layout/frames.h"
#include "ofd/ofd.h"

namespace lh::package {

// Resolution of the pictures of copied source-PDF pages: 200 dpi, the least DA/T 31-2017 accepts for
// scanned documents, keeps 小五 (9 pt) text legible (25 px to the em); sizes in bench/RESULTS.md §8.
constexpr double kScanDpi = 200;

// Pictures of source-PDF pages already drawn this night (issue 15 §5): the reading copy's task draws
// each page of its source PDF, the 案卷's task (later, maybe in another worker process) needs the
// same pages again. Each picture is kept as a file under `dir`, named by the SHA-256 of the PDF
// bytes it was drawn from, the page number and the dpi, so a changed source (or a masked public
// copy, whose bytes differ) is drawn afresh. Files are written whole (temp + rename): two workers
// drawing the same page write the same bytes. The folder is the night's work area
// (ARCHIVE/.staging/ofd-pages, volume_run.cpp), removed when the volumes are done and never listed
// in the manifest. Empty `dir`: every page is drawn.
struct PagePictures {
  std::filesystem::path dir;
  double dpi = kScanDpi;
};

// A run of pages of the copy, in order: laid out by lianghua, or all pages of a source PDF.
struct OfdCopyPart {
  std::shared_ptr<const layout::Laid> laid;
  std::shared_ptr<const std::string> pdf;
  int pages = 0;
};

// Points Poppler's fontconfig lookups for the 宋体, 黑体 and 小标宋 names source PDFs use without
// embedding them at our Song, Hei and Title role files (once per process; ofd_copy.cpp): page
// pictures draw them with the faces lianghua typesets with, and vector pages (vector_page.h) set
// their text in the same. 仿宋 and 楷体 names are left to the machine's fontconfig for pictures
// (pdf::SubstituteNames::steer_poppler: our faces for them do not cover GBK).
void steer_poppler_fonts();

// A source PDF's pages as scanned pages: each a picture of the whole page (Poppler at `dpi`) and
// its text lines; pictures found in `pictures` are not drawn again, those drawn are kept there.
// With `only`, just the pages it marks (by index; the others are left out). Throws
// std::runtime_error when the PDF cannot be read.
std::vector<layout::Page> scanned_pages(const std::string& pdf, const PagePictures& pictures = {},
                                        const std::vector<bool>* only = nullptr);

// A source PDF's pages, each as vector content where vector_layout_page can, else scanned.
struct SourcePages {
  std::vector<layout::Page> pages;
  std::vector<bool> scanned;       // by page: a picture with its text
  std::vector<std::string> why;    // by page: why it is a picture (empty for vector pages)
};
SourcePages source_pages(const std::string& pdf, const PagePictures& pictures = {});

struct OfdCopy {
  layout::Laid laid;               // every page in order (the parts' pages, scanned ones built)
  std::vector<bool> scanned;       // by page: a picture with its text (OfdOptions::scanned)
  // Pages of source PDFs kept as pictures, by page of the copy: "第2页：含图像，以图像保存"
  // (derived.json's "picture_pages"); vector_pages counts those kept as vector content.
  std::vector<std::string> picture_pages;
  int vector_pages = 0;
};
// The parts joined; outline entries of laid parts keep their pages (shifted by the part's start).
OfdCopy join_parts(const std::vector<OfdCopyPart>& parts, const PagePictures& pictures = {});

}  // namespace lh::package
