// 统一社会信用代码. Source: GB 32100-2015 §4 (in force 2015-10-01), domain.md §5.
// 18 characters from the 31-character set 0123456789ABCDEFGHJKLMNPQRTUWXY (values 0–30; never I O Z S V).
//  - Check character (position 18): weights Wi = 3^(i−1) mod 31; C18 = 31 − (Σ Ci·Wi mod 31), 31 → 0.
//  - Positions 9–17 are the GB 11714 organisation code with its own check (position 17):
//    weights 3 7 9 10 5 8 4 2 on characters 1–8 (digits 0–9, letters A–Z 10–35);
//    C9 = 11 − (Σ mod 11), 10 → 'X', 11 → '0'.
// Invalid codes are reported with valid=false, never dropped: real codes fail (91350211M0000XUF46).
#include <string>
#include <unordered_set>

#include "normalize/code_tokens.h"
#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace detail {
namespace {

constexpr std::string_view kCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr int kWeights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr int kOrgWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};

int charset_value(char c) {
  auto at = kCharset.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

bool in_credit_charset(char c) { return charset_value(c) >= 0; }

bool credit_check_char_ok(std::string_view s) {
  if (s.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    int v = charset_value(s[i]);
    if (v < 0) return false;
    sum += v * kWeights[i];
  }
  int c = 31 - sum % 31;
  if (c == 31) c = 0;
  return charset_value(s[17]) == c;
}

bool credit_org_code_ok(std::string_view s) {
  if (s.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    char c = s[8 + i];
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
    else return false;
    sum += v * kOrgWeights[i];
  }
  int c9 = 11 - sum % 11;
  char want = c9 == 10 ? 'X' : c9 == 11 ? '0' : static_cast<char>('0' + c9);
  return s[16] == want;
}

}  // namespace detail

bool credit_code_valid(std::string_view code18) {
  const std::string s = detail::fold_field_width_utf8(code18, /*upper=*/true);
  if (s.size() != 18) return false;
  for (char c : s)
    if (!detail::in_credit_charset(c)) return false;
  return detail::credit_check_char_ok(s) && detail::credit_org_code_ok(s);
}

std::vector<model::CreditCode> find_credit_codes(std::string_view text) {
  std::vector<model::CreditCode> out;
  std::unordered_set<std::string> seen;
  const auto f = detail::fold_field_width(detail::from_utf8(text), /*upper=*/true);
  for (auto& t : detail::find_code_tokens(f))
    if (t.kind == detail::CodeKind::CreditCode && seen.insert(t.code).second)
      out.push_back({t.code, t.valid});
  return out;
}

}  // namespace lh::normalize
