// A reader's warning (model::Metadata::problems, in English as `inspect` prints it) for a
// Chinese page: the archive's run report (读取时发现的问题) and `lianghua compile`'s warnings on a
// source it read only in part.
#pragma once
#include <string>

namespace lh::ingest {

// The warning with its Chinese sense first where the reader's wording is known
// ("部分字节不符合文本的编码，读取时以替换符代替：some bytes are not valid GB18030 and were replaced by
// U+FFFD"); any other as the reader wrote it. Keyed on a phrase of each reader's message
// (ingest/*_reader.cpp), so a reworded message loses only its gloss, never the message.
std::string read_problem_text(const std::string& message);

// The PDF reader's note that pages are scans without a text layer: the file was read whole, only
// its text cannot be searched (the report counts such inputs instead of listing them).
bool is_no_text_layer_note(const std::string& message);

}  // namespace lh::ingest
