// Reading one input file for the commands that typeset documents (render, signage's policy boards).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include "model/document.h"

namespace lh::cli {

// Why an input file could not be read: kept as a kind, so each command words it in its users'
// language (render and check-ofd write English lines, signage Chinese ones like its other problems).
struct ReadFailure {
  enum class Kind { NotFound, Directory, TooLarge, Unreadable } kind = Kind::Unreadable;
  std::string detail;           // the system's words, where it gave any
  uint64_t size = 0, limit = 0;  // TooLarge: bytes
  std::string english() const;  // "is a directory", "too_large: file is N bytes, over the limit of M"
  std::string chinese() const;  // "文件不存在 (not_found)": what a clerk reads, then the machine kind
};

// Reads a whole input file, at most `limit` bytes; false with the reason otherwise.
bool read_input(const std::string& path, uint64_t limit, std::string& bytes, ReadFailure& failure);
// The same with the reason in English (failure.english()).
bool read_input(const std::string& path, uint64_t limit, std::string& bytes, std::string& why);

// The model to typeset: the document as read, with Markdown mapped and headings and the title
// detected from the text where it has no styles, and a table of contents if asked for.
model::Document prepare_document(const model::Document& read, bool toc);

}  // namespace lh::cli
