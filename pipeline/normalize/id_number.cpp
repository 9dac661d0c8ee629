// 居民身份证号. Source: GB 11643-1999 《公民身份号码》: 6-digit address code, 8-digit birth date
// (YYYYMMDD), 3-digit sequence, check character. Check: Σ ai·Wi over the first 17 digits with
// Wi = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; (Σ mod 11) → 1 0 X 9 8 7 6 5 4 3 2.
// Privacy (issue 5 §5): a number is only ever handed on masked — first 4 and last 4 kept.
// Only the 18-digit form is recognised; 15-digit numbers (GB 11643-1989) are not.
#include <string>
#include <unordered_set>

#include "normalize/code_tokens.h"
#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace detail {

bool id_checksum_ok(std::string_view s) {
  static constexpr int kW[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  static constexpr char kMap[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  if (s.size() != 18) return false;
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    sum += (s[i] - '0') * kW[i];
  }
  return s[17] == kMap[sum % 11];
}

bool id_birth_date_ok(std::string_view s) {
  if (s.size() != 18) return false;
  int y = 0, m = 0, d = 0;
  if (!parse_ascii_int(s.substr(6, 4), y) || !parse_ascii_int(s.substr(10, 2), m) ||
      !parse_ascii_int(s.substr(12, 2), d))
    return false;
  return y >= 1880 && y <= 2100 && valid_ymd(y, m, d);
}

}  // namespace detail

bool id_number_valid(std::string_view id18) {
  const std::string s = detail::fold_field_width_utf8(id18, /*upper=*/true);
  return detail::id_checksum_ok(s) && detail::id_birth_date_ok(s);
}

std::string mask_id_number(std::string_view id) {
  const icu::UnicodeString f = detail::trim(detail::fold_field_width(detail::from_utf8(id), true));
  const int32_t n = f.countChar32();
  if (n <= 8) return std::string(static_cast<size_t>(n), '*');
  const int32_t head_end = f.moveIndex32(0, 4);
  const int32_t tail_start = f.moveIndex32(f.length(), -4);
  return detail::to_utf8(f, 0, head_end) + std::string(static_cast<size_t>(n - 8), '*') +
         detail::to_utf8(f, tail_start, f.length());
}

std::vector<model::IdNumber> find_id_numbers(std::string_view text) {
  std::vector<model::IdNumber> out;
  std::unordered_set<std::string> seen;
  const auto f = detail::fold_field_width(detail::from_utf8(text), /*upper=*/true);
  for (auto& t : detail::find_code_tokens(f))
    if (t.kind == detail::CodeKind::Id && seen.insert(t.code).second)
      out.push_back({mask_id_number(t.code), t.valid});
  return out;
}

}  // namespace lh::normalize
