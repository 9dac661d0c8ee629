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

}  // namespace lh::ingest
