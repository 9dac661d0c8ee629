// Reading one input file for the commands that typeset documents (render, signage's policy boards).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "model/document.h"

namespace lh::cli {

// Reads a whole input file, at most `limit` bytes; false with the reason ("is a directory",
// "too_large: …") otherwise.
bool read_input(const std::string& path, uint64_t limit, std::string& bytes, std::string& why);

// The model to typeset: the document as read, with Markdown mapped and headings and the title
// detected from the text where it has no styles, and a table of contents if asked for.
model::Document prepare_document(const model::Document& read, bool toc);

}  // namespace lh::cli
