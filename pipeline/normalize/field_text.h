// Internal helpers shared by the field extractors (fields.h): UTF-8 <-> ICU UnicodeString, width
// folding that keeps UTF-16 offsets, and once-compiled ICU regexes. Not part of the public interface.
// Full-width forms: Unicode Standard ch. 18.5 (Halfwidth and Fullwidth Forms, U+FF01..U+FF5E).
// ICU regex thread-safety: a RegexPattern is immutable and may be shared; each call makes its own
// RegexMatcher (ICU 72 API reference, regex.h).
#pragma once
#include <string>
#include <string_view>

#include <unicode/regex.h>
#include <unicode/unistr.h>

namespace lh::normalize::detail {

icu::UnicodeString from_utf8(std::string_view s);
std::string to_utf8(const icu::UnicodeString& s);
std::string to_utf8(const icu::UnicodeString& s, int32_t start, int32_t limit);

// Full-width ASCII (U+FF01..U+FF5E) to ASCII and U+3000 to ' '; with upper = true also a-z to A-Z.
// Every BMP unit maps to exactly one BMP unit, so offsets into the result are offsets into the input.
icu::UnicodeString fold_field_width(const icu::UnicodeString& s, bool upper = false);
std::string fold_field_width_utf8(std::string_view s, bool upper = false);

// Compiles once per pattern (call from a function-local static); aborts on a bad pattern, which is
// a programming error caught by the tests.
const icu::RegexPattern* compile_regex(const char16_t* pattern, uint32_t flags = 0);

inline bool is_ascii_digit(char16_t c) { return c >= u'0' && c <= u'9'; }
inline bool is_ascii_alnum(char16_t c) {
  return is_ascii_digit(c) || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z');
}
// CJK Unified Ideographs (base block and extension A) and U+3007 〇.
inline bool is_han(char16_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == 0x3007;
}
// ASCII and Unicode white space, including U+3000 and U+00A0.
bool is_space(UChar32 c);

// Whole-string ASCII decimal via std::from_chars (no atoi); at most 9 digits, no sign.
bool parse_ascii_int(std::string_view s, int& out);

// Proleptic Gregorian calendar check: month 1..12, day within the month (leap years included).
bool valid_ymd(int y, int m, int d);

// Removes every white-space character (Word titles are often spaced: 行 政 处 罚 决 定 书).
icu::UnicodeString strip_spaces(const icu::UnicodeString& s);

// Trims white space at both ends.
icu::UnicodeString trim(const icu::UnicodeString& s);

}  // namespace lh::normalize::detail
