// Small UTF-8 helpers for the filing rules (names and titles). No I/O.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lh::filing {

// Decodes the code point at s[i]; advances i. Invalid bytes give U+FFFD and advance by one.
char32_t next_code_point(std::string_view s, size_t& i);
void append_utf8(std::string& out, char32_t cp);
// Code points in s (an invalid byte counts as one).
size_t code_point_count(std::string_view s);
// Unicode NFC via ICU; the input unchanged if ICU fails.
std::string to_nfc(std::string_view s);
// True if any of the "|"-separated needles occurs in hay. Empty needles never match.
bool contains_any(std::string_view hay, std::string_view needles_bar_separated);
// The first of those needles that occurs in hay (a view into needles); empty if none.
std::string_view first_found(std::string_view hay, std::string_view needles_bar_separated);
// Trims ASCII white space and U+3000.
std::string trim(std::string_view s);
// Last path component (after the last '/') and the extension (lower case, without dot).
std::string base_name(std::string_view path);
std::string parent_path(std::string_view path);
std::string extension_lower(std::string_view name);
std::string stem_of(std::string_view name);

}  // namespace lh::filing
