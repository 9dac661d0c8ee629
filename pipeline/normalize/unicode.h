// 清扫 and 清洁 of text: Unicode normalization, width folding, 繁→简, and removal of what no
// writer may see (issue 2 §5). File names are never transliterated.
#pragma once
#include <string>
#include <string_view>

#include "model/document.h"

namespace lh::normalize {

// Characters (code points) of UTF-8 text: what a 字 count is, where bytes are not.
inline size_t code_points(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

// The longest prefix of UTF-8 text that is at most `max_bytes` long and ends on a character
// boundary (a file name's 255-byte limit, a caption's room).
inline std::string_view utf8_prefix(std::string_view utf8, size_t max_bytes) {
  if (utf8.size() <= max_bytes) return utf8;
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(utf8[cut]) & 0xC0) == 0x80) --cut;
  return utf8.substr(0, cut);
}

// Drop C0 controls except \t \n \r, U+FFFE/U+FFFF, lone surrogates and invalid UTF-8 sequences.
// XML 1.0 §2.2 forbids them and Word refuses such a file (libraries.md §6).
std::string sanitize(std::string_view utf8);

// Unicode NFC (ICU).
std::string nfc(std::string_view utf8);

// Full-width ASCII letters, digits and space (U+FF01..U+FF5E, U+3000) to half-width.
// Used on fields (案号, codes, dates), never on running text.
std::string fold_width(std::string_view utf8);

// Traditional to Simplified with OpenCC tw2s (never tw2sp, which rewrites 檔案→文件).
// Thread-safe; the converter is opened once per process.
std::string to_simplified(std::string_view utf8);

// False when no character of the text is one tw2s can change (then to_simplified returns it
// without calling OpenCC); true when OpenCC has to look.
bool tw2s_may_change(std::string_view utf8);

// True if the text holds characters that tw2s would change (a cheap test for "this is 繁体").
bool looks_traditional(std::string_view utf8);

struct NormalizeOptions {
  bool simplify = true;   // 繁→简
};

// sanitize + NFC (+ 繁→简) over every run, cell, header and footer of a document.
void normalize_document(model::Document& doc, const NormalizeOptions& opt = {});

// One NFC, sanitized line (no newlines) for titles and names.
std::string clean_line(std::string_view utf8);

}  // namespace lh::normalize
