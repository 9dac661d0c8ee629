// The paragraphs of a plain text (text_reader.cpp): one per line, except where the file was
// hard-wrapped at a fixed width — rules and records saved as .txt by an old system or an e-mail
// client that broke every line at 30–40 CJK characters or 72 columns. There each line would be a
// paragraph of its own, and a reading copy or a manual chapter showed ragged short paragraphs with
// a first-line indent in the middle of a sentence. A file that shows no wrap width (one paragraph
// a line, as Notepad and WPS save) is read exactly as before.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lh::ingest {

// Display columns of a UTF-8 text as a fixed-width screen or a GBK-era system counts them: a CJK
// (or other East Asian wide, full-width or ambiguous) character 2, ASCII and other narrow ones 1,
// combining marks 0, a tab up to the next multiple of 8.
size_t display_columns(std::string_view utf8);

// The paragraphs of a text's lines (as split at its line ends, not trimmed): each trimmed of
// spaces, tabs and U+3000; blank lines dropped; the lines a fixed-width wrap broke joined again
// (text_wrap.cpp says when).
std::vector<std::string> text_paragraphs(const std::vector<std::string_view>& lines);

// What one line shows of its place in a paragraph: read from a text file's columns against its wrap
// width (text_wrap.cpp), or from a PDF page's glyph boxes against its text margins (pdf_reader.cpp).
struct WrapEvidence {
  std::string_view text;          // trimmed
  bool reaches_measure = false;   // ends at the wrap width, or at the page's right text margin
  bool short_of_measure = true;   // ends well before it (a 落款's organisation line may be one)
  bool indented = false;          // starts past the body's left edge (首行缩进, a 落款 set right)
  bool aligned = false;           // a row of aligned columns or table cells: no prose
};

// Whether `next` goes on the paragraph `line` is in (the rule at the top of text_wrap.cpp): `line`
// reaches the measure, `next` is neither indented nor opens a unit of its own (第X条, 一、, 附件,
// a form field, a date, ...). A wrap that falls right after 。 or ； is told from a paragraph's end
// only where every paragraph opens with a first-line indent (`indents_open_paragraphs`: a PDF
// printed from Word shows it); elsewhere such a line ends its paragraph. `paragraph`: the text
// joined so far (empty: unknown), so that a sentence's wrapped end before its colon ("…如下：") is
// told from a form's label on a line of its own.
bool wrapped_line_goes_on(const WrapEvidence& line, const WrapEvidence& next, bool indents_open_paragraphs,
                          std::string_view paragraph = {});

// `next` appended to the paragraph a wrap broke: CJK text takes no space, two ASCII words one.
void append_wrapped(std::string& para, std::string_view next);

}  // namespace lh::ingest
