// A PDF page's printed lines and the paragraphs they make (pdf_lines.cpp), for the PDF reader
// (pdf_reader.cpp), which finds the lines and their glyphs' extent through poppler.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace lh::ingest {

// One printed line of a page: its text as poppler wrote it (a tab at each cell boundary) and where
// its glyphs lie. em 0: no glyph boxes (poppler's layout did not match its text), so no evidence.
struct PdfLine {
  std::string text;
  // Left of the first glyph, right of the last; the font size: the widest glyph (a CJK character is
  // one em wide; a box's height is the font's ascent and descent, up to 1.5 em in Noto CJK).
  double x0 = 0, x1 = 0, em = 0;
  double top = 0, bottom = 0;  // of its glyphs together
};

// "第一条", "第一章", "一、": a structure number alone, which its text follows after one full-width
// space (wave2.md §2.1: "第X条", one U+3000, the text; GB/T 9704-2012 §7.3.3). A PDF printed from
// Word or LibreOffice draws no glyph for the U+3000 and leaves a gap one character wide, as wide as
// the padding between two cells: after a number it is that space, no cell boundary.
bool is_number_alone(std::string_view s);

// Poppler takes that gap for a column break when no glyph fills it: "第一条" comes out a line of
// its own and its text after it, at times after a line further down (a caption under a picture
// beside it). A number alone with a line on its baseline to its right among the next few lines is
// one printed line again, in its place on the page.
void rejoin_numbers(std::vector<PdfLine>& lines);

// The source's own page number, the page's top or bottom line and nothing else ("— 3 —", "- 3 -",
// "第3页", "第 3 页 共 9 页", "3/9", or a bare "3" on the file's third or fourth page): the
// pagination of the file, not its text. Left in, it stood in a book's body between two halves of
// a paragraph. `page_ordinal`: the page's place in the file, from 1.
void drop_page_numbers(std::vector<PdfLine>& lines, int page_ordinal);

// The document's paragraphs, page by page: the lines a wrap at the page's width broke joined again
// (pdf_lines.cpp says when), a paragraph a page break cut joined onto its page's last one.
std::vector<std::vector<std::string>> pdf_paragraphs(const std::vector<std::vector<PdfLine>>& pages);

}  // namespace lh::ingest
