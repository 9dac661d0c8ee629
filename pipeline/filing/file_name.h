// 清洁 of file names: the archive names every original `<档号> <题名>.<ext>` (scheme <naming>).
// Rules: Unicode NFC; Chinese and every other letter kept as written — never transliterated; the
// characters Windows forbids (\ / : * ? " < > |) and control characters replaced by "_"; white space
// collapsed and trimmed; no leading dot; at most 255 bytes of UTF-8 (ext4 NAME_MAX), cut on a
// character boundary and keeping the extension.
#pragma once
#include <string>
#include <string_view>

#include "filing/scheme.h"

namespace lh::filing {

std::string clean_file_name(std::string_view name, size_t max_bytes = 255);

// Builds `<档号> <题名>.<ext>` from the scheme's pattern, cleaned and cut to max_bytes (the title
// is shortened, never the 档号 or the extension).
std::string standard_name(const Scheme& s, std::string_view code, std::string_view title, std::string_view ext);

// True if name already is `<档号> <题名>.<ext>` with a 档号 that parses under the layout.
bool is_standard_name(std::string_view name, const std::vector<CodeSegment>& layout, int item_digits = 4);
bool is_standard_name(std::string_view name);
// The 题名 part of a standard name ("" if not standard).
std::string title_of_standard_name(std::string_view name);

}  // namespace lh::filing
