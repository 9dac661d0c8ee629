// Internal helpers for the field extractors: see field_text.h (Unicode ch. 18.5 full-width forms).
#include "normalize/field_text.h"

#include <charconv>
#include <cstdlib>

#include <unicode/uchar.h>

namespace lh::normalize::detail {

icu::UnicodeString from_utf8(std::string_view s) {
  // Invalid sequences become U+FFFD; offsets stay consistent because we only ever index the result.
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

std::string to_utf8(const icu::UnicodeString& s, int32_t start, int32_t limit) {
  if (start < 0) start = 0;
  if (limit > s.length()) limit = s.length();
  if (limit <= start) return {};
  return to_utf8(icu::UnicodeString(s, start, limit - start));
}

icu::UnicodeString fold_field_width(const icu::UnicodeString& s, bool upper) {
  icu::UnicodeString out(s);
  const int32_t n = out.length();
  for (int32_t i = 0; i < n; ++i) {
    char16_t c = out.charAt(i);
    char16_t r = c;
    if (c >= 0xFF01 && c <= 0xFF5E) r = static_cast<char16_t>(c - 0xFF01 + 0x21);
    else if (c == 0x3000) r = u' ';
    if (upper && r >= u'a' && r <= u'z') r = static_cast<char16_t>(r - u'a' + u'A');
    if (r != c) out.setCharAt(i, r);
  }
  return out;
}

std::string fold_field_width_utf8(std::string_view s, bool upper) {
  return to_utf8(fold_field_width(from_utf8(s), upper));
}

const icu::RegexPattern* compile_regex(const char16_t* pattern, uint32_t flags) {
  UErrorCode st = U_ZERO_ERROR;
  UParseError pe;
  icu::RegexPattern* p = icu::RegexPattern::compile(icu::UnicodeString(pattern), flags, pe, st);
  if (U_FAILURE(st) || p == nullptr) std::abort();  // a bad literal pattern: a bug, tests catch it
  return p;  // intentionally leaked: lives for the whole process, shared read-only by all threads
}

bool parse_ascii_int(std::string_view s, int& out) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return false;
  out = v;
  return true;
}

bool valid_ymd(int y, int m, int d) {
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = (m == 2 && leap) ? 29 : kDays[m - 1];
  return d <= max;
}

bool is_space(UChar32 c) {
  return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == 0x3000 || c == 0x00A0 ||
         u_isUWhiteSpace(c);
}

icu::UnicodeString strip_spaces(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    if (!is_space(c)) out.append(c);
    i += U16_LENGTH(c);
  }
  return out;
}

icu::UnicodeString trim(const icu::UnicodeString& s) {
  int32_t b = 0, e = s.length();
  while (b < e && is_space(s.charAt(b))) ++b;
  while (e > b && is_space(s.charAt(e - 1))) --e;
  return icu::UnicodeString(s, b, e - b);
}

}  // namespace lh::normalize::detail
