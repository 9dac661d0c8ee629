// Internal: 18-character code tokens in running text — which are 统一社会信用代码 (GB 32100-2015 §4,
// GB 11714) and which are 居民身份证号 (GB 11643-1999). See code_tokens.h for the decision order.
#include "normalize/code_tokens.h"

#include <string_view>

#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize::detail {
namespace {

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool id_shape(std::string_view s) {
  return s.size() == 18 && all_digits(s.substr(0, 17)) && (all_digits(s.substr(17)) || s[17] == 'X');
}

bool authority_code(char c) { return (c >= '1' && c <= '9') || c == 'A' || c == 'N' || c == 'Y'; }

}  // namespace

std::vector<CodeToken> find_code_tokens(const icu::UnicodeString& f) {
  std::vector<CodeToken> out;
  const int32_t n = f.length();
  int32_t i = 0;
  while (i < n) {
    if (!is_ascii_alnum(f.charAt(i))) { ++i; continue; }
    int32_t j = i;
    while (j < n && is_ascii_alnum(f.charAt(j))) ++j;
    if (j - i == 18) {
      std::string s = to_utf8(f, i, j);
      if (id_shape(s)) {
        if (id_checksum_ok(s) && id_birth_date_ok(s)) out.push_back({CodeKind::Id, i, j, s, true});
        else if (credit_code_valid(s)) out.push_back({CodeKind::CreditCode, i, j, s, true});
        else if (s[0] >= '1' && s[0] <= '8' && id_birth_date_ok(s)) out.push_back({CodeKind::Id, i, j, s, false});
        else if (authority_code(s[0]) && s[2] >= '1' && s[2] <= '9')
          out.push_back({CodeKind::CreditCode, i, j, s, false});
      } else {
        // Positions 1–17 from the GB 32100 set; a wrong 18th character (the standard's own example
        // ends in Z, outside the set) still makes an invalid code, reported rather than dropped.
        bool charset = true;
        for (size_t k = 0; k < 17; ++k) charset = charset && in_credit_charset(s[k]);
        if (charset && authority_code(s[0]))
          out.push_back({CodeKind::CreditCode, i, j, s, credit_code_valid(s)});
      }
    }
    i = j;
  }
  return out;
}

}  // namespace lh::normalize::detail
