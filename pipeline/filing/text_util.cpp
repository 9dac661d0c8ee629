#include "filing/text_util.h"

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

namespace lh::filing {

char32_t next_code_point(std::string_view s, size_t& i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) { ++i; return c; }
  int len = (c >= 0xF0 && c <= 0xF4) ? 4 : (c >= 0xE0) && c < 0xF0 ? 3 : (c >= 0xC2 && c < 0xE0) ? 2 : 0;
  if (len == 0 || i + static_cast<size_t>(len) > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int k = 1; k < len; ++k) {
    unsigned char cc = b(i + static_cast<size_t>(k));
    if ((cc & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Overlong, surrogate and out-of-range forms are invalid.
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return 0xFFFD;
  }
  i += static_cast<size_t>(len);
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) out += static_cast<char>(cp);
  else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t code_point_count(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++n) next_code_point(s, i);
  return n;
}

std::string to_nfc(std::string_view s) {
  if (s.empty()) return {};
  bool ascii = true;
  for (char c : s) if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  UErrorCode ec = U_ZERO_ERROR;
  const UNormalizer2* nfc = unorm2_getNFCInstance(&ec);
  if (U_FAILURE(ec)) return std::string(s);
  // Sanitize to valid UTF-8 first (invalid bytes become U+FFFD).
  std::string valid;
  for (size_t i = 0; i < s.size();) append_utf8(valid, next_code_point(s, i));
  int32_t u16len = 0;
  ec = U_ZERO_ERROR;
  u_strFromUTF8(nullptr, 0, &u16len, valid.data(), static_cast<int32_t>(valid.size()), &ec);
  if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec)) return valid;
  std::u16string src(static_cast<size_t>(u16len), u'\0');
  ec = U_ZERO_ERROR;
  u_strFromUTF8(reinterpret_cast<UChar*>(src.data()), u16len, nullptr, valid.data(), static_cast<int32_t>(valid.size()), &ec);
  if (U_FAILURE(ec)) return valid;
  ec = U_ZERO_ERROR;
  int32_t need = unorm2_normalize(nfc, reinterpret_cast<const UChar*>(src.data()), u16len, nullptr, 0, &ec);
  if (ec != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(ec)) return valid;
  std::u16string dst(static_cast<size_t>(need), u'\0');
  ec = U_ZERO_ERROR;
  unorm2_normalize(nfc, reinterpret_cast<const UChar*>(src.data()), u16len, reinterpret_cast<UChar*>(dst.data()), need, &ec);
  if (U_FAILURE(ec)) return valid;
  int32_t outlen = 0;
  ec = U_ZERO_ERROR;
  u_strToUTF8(nullptr, 0, &outlen, reinterpret_cast<const UChar*>(dst.data()), need, &ec);
  std::string out(static_cast<size_t>(outlen), '\0');
  ec = U_ZERO_ERROR;
  u_strToUTF8(out.data(), outlen, nullptr, reinterpret_cast<const UChar*>(dst.data()), need, &ec);
  if (U_FAILURE(ec)) return valid;
  return out;
}

std::string_view first_found(std::string_view hay, std::string_view needles) {
  size_t i = 0;
  while (i <= needles.size()) {
    size_t j = needles.find('|', i);
    if (j == std::string_view::npos) j = needles.size();
    std::string_view n = needles.substr(i, j - i);
    if (!n.empty() && hay.find(n) != std::string_view::npos) return n;
    i = j + 1;
  }
  return {};
}

bool contains_any(std::string_view hay, std::string_view needles) { return !first_found(hay, needles).empty(); }

std::string trim(std::string_view s) {
  static constexpr std::string_view ideo = "\u3000";
  bool changed = true;
  while (changed) {
    changed = false;
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) { s.remove_prefix(1); changed = true; }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) { s.remove_suffix(1); changed = true; }
    if (s.substr(0, ideo.size()) == ideo) { s.remove_prefix(ideo.size()); changed = true; }
    if (s.size() >= ideo.size() && s.substr(s.size() - ideo.size()) == ideo) { s.remove_suffix(ideo.size()); changed = true; }
  }
  return std::string(s);
}

std::string base_name(std::string_view path) {
  size_t p = path.rfind('/');
  return std::string(p == std::string_view::npos ? path : path.substr(p + 1));
}

std::string parent_path(std::string_view path) {
  size_t p = path.rfind('/');
  return p == std::string_view::npos ? std::string() : std::string(path.substr(0, p));
}

std::string extension_lower(std::string_view name) {
  std::string b = base_name(name);
  size_t d = b.rfind('.');
  if (d == std::string::npos || d == 0 || d + 1 == b.size()) return {};
  std::string e = b.substr(d + 1);
  for (char& c : e) if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return e;
}

std::string stem_of(std::string_view name) {
  std::string b = base_name(name);
  size_t d = b.rfind('.');
  if (d == std::string::npos || d == 0) return b;
  return b.substr(0, d);
}

}  // namespace lh::filing
