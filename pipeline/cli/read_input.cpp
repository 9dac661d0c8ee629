// Reading one input file for the commands that typeset documents (render, signage's policy boards).
#include "cli/read_input.h"

#include <fstream>

#include "normalize/markdown.h"
#include "normalize/structure.h"
#include "render/render_document.h"

namespace lh::cli {
namespace fs = std::filesystem;

// Reads a whole input file, at most `limit` bytes.
bool read_input(const std::string& path, uint64_t limit, std::string& bytes, std::string& why) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    why = "is a directory";
    return false;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    why = "cannot be opened";
    return false;
  }
  const auto size = fs::file_size(path, ec);
  if (ec) {
    why = "cannot be read: " + ec.message();
    return false;
  }
  if (size > limit) {
    why = "too_large: file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit);
    return false;
  }
  bytes.resize(static_cast<size_t>(size));
  if (size > 0 && !f.read(bytes.data(), static_cast<std::streamsize>(size))) {
    why = "cannot be read";
    return false;
  }
  return true;
}

// The model to render: the document as read, with Markdown mapped and headings detected from the
// text where it has no styles, and the TOC if asked for.
model::Document prepare_document(const model::Document& read, bool toc) {
  model::Document doc = read;
  if (normalize::looks_like_markdown(doc)) normalize::apply_markdown(doc);
  normalize::detect_structure(doc);
  if (toc) doc = render::with_table_of_contents(std::move(doc));
  return doc;
}

}  // namespace lh::cli
