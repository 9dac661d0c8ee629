// Reading one input file for the commands that typeset documents (render, signage's policy boards).
#include "cli/read_input.h"

#include <fstream>

#include "normalize/markdown.h"
#include "normalize/structure.h"
#include "render/render_document.h"

namespace lh::cli {
namespace fs = std::filesystem;

std::string ReadFailure::english() const {
  switch (kind) {
    case Kind::NotFound: return "does not exist";
    case Kind::Directory: return "is a directory";
    case Kind::TooLarge:
      return "too_large: file is " + std::to_string(size) + " bytes, over the limit of " + std::to_string(limit);
    case Kind::Unreadable: break;
  }
  return detail.empty() ? "cannot be read" : "cannot be read: " + detail;
}

std::string ReadFailure::chinese() const {
  switch (kind) {
    case Kind::NotFound: return "文件不存在，请检查路径 (not_found)";
    case Kind::Directory: return "这是一个文件夹，不是文件 (is_directory)";
    case Kind::TooLarge:
      return "文件过大（" + std::to_string(size) + " 字节，上限 " + std::to_string(limit) + " 字节） (too_large)";
    case Kind::Unreadable: break;
  }
  return "文件无法打开或读取" + (detail.empty() ? std::string() : "（" + detail + "）") + " (unreadable)";
}

// Reads a whole input file, at most `limit` bytes.
bool read_input(const std::string& path, uint64_t limit, std::string& bytes, ReadFailure& failure) {
  using Kind = ReadFailure::Kind;
  std::error_code ec;
  if (!fs::exists(path, ec) && !ec) {
    failure = {Kind::NotFound};
    return false;
  }
  if (fs::is_directory(path, ec)) {
    failure = {Kind::Directory};
    return false;
  }
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    failure = {Kind::Unreadable};
    return false;
  }
  const auto size = fs::file_size(path, ec);
  if (ec) {
    failure = {Kind::Unreadable, ec.message()};
    return false;
  }
  if (size > limit) {
    failure = {Kind::TooLarge, {}, size, limit};
    return false;
  }
  bytes.resize(static_cast<size_t>(size));
  if (size > 0 && !f.read(bytes.data(), static_cast<std::streamsize>(size))) {
    failure = {Kind::Unreadable};
    return false;
  }
  return true;
}

bool read_input(const std::string& path, uint64_t limit, std::string& bytes, std::string& why) {
  ReadFailure failure;
  if (read_input(path, limit, bytes, failure)) return true;
  why = failure.english();
  return false;
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
