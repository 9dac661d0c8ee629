// A page of a source PDF as OFD vector content (issue 15): the paths and characters Poppler's own
// interpreter finds on it (pdfvec/pdf_vector.h) turned into layout items the OFD writer draws —
// rules, rectangles and paths where the PDF strokes and fills them, and its text as text, each
// character at the PDF's position in the role font Poppler itself draws it with
// (ofd_copy.cpp steers Poppler's 宋体, 黑体 and 小标宋 names to our files; 仿宋 and 楷体 names are set
// in our Body and Kai faces, as the PDF/A copy embeds them: pdf::substitute_names). GB/T 42133-2022
// wants a born-digital document's text kept as text; a picture of a text page is also the largest
// cost of the copies (bench/RESULTS.md §8a4).
//
// Only when it can be done faithfully: a page with anything the items cannot show as Poppler draws
// it stays a picture (ofd_copy.h), and the reason is recorded ("第2页：含嵌入字体 …，以图像保存").
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "layout/frames.h"
#include "model/document.h"
#include "pdfvec/pdf_vector.h"

namespace lh::package {

// The pages of `pdf` as Poppler's interpreter sees them, read by the module lh_pdfvec.so (opened on
// first use, beside the program or in <program dir>/../lib/lianghua). When the module is not found,
// every page carries that as its reason and is drawn as a picture. Throws std::runtime_error when
// Poppler cannot read the PDF.
std::vector<pdfvec::Page> read_vector_pages(const std::string& pdf);

// The role of ours Poppler draws a non-embedded font of this family with (ofd_copy.cpp's
// substitutes, compared as fontconfig compares families: case and blanks ignored); none for a
// family Poppler leaves to the machine's fontconfig.
std::optional<model::FontRole> substitute_role(const std::string& family);

// The page as layout items, or none with `why` set (Chinese, for the report).
std::optional<layout::Page> vector_layout_page(const pdfvec::Page& page, std::string& why);

}  // namespace lh::package
