// Chinese and roman numerals (numerals.h).
#include "normalize/numerals.h"

#include <string>
#include <utility>

namespace lh::normalize {
namespace {
const char* const kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// 0 < n < 10000, e.g. 1010 → 一千零一十. `leading` = this group follows a higher group (so 10 → 一十).
std::string below_10000(int n, bool leading) {
  static const char* const units[] = {"千", "百", "十", ""};
  static const int div[] = {1000, 100, 10, 1};
  std::string out;
  bool zero_pending = false, started = false;
  for (int i = 0; i < 4; ++i) {
    int d = (n / div[i]) % 10;
    if (d == 0) {
      if (started || leading) zero_pending = true;
      continue;
    }
    if (zero_pending && (started || leading)) out += kDigits[0];
    zero_pending = false;
    // 十 alone for 10–19 at the very start (十一, not 一十一)
    if (!(i == 2 && d == 1 && !started && !leading)) out += kDigits[d];
    out += units[i];
    started = true;
  }
  return out;
}
}  // namespace

std::string chinese_number(long n) {
  if (n == 0) return kDigits[0];
  if (n < 0) return "负" + chinese_number(-n);
  static const char* const big[] = {"", "万", "亿", "万亿"};
  std::string out;
  int groups[4] = {0, 0, 0, 0};
  int g = 0;
  for (long m = n; m > 0 && g < 4; m /= 10000) groups[g++] = static_cast<int>(m % 10000);
  bool started = false;
  for (int i = g - 1; i >= 0; --i) {
    if (groups[i] == 0) continue;
    const bool need_zero = started && groups[i] < 1000;
    if (need_zero) out += kDigits[0];
    out += below_10000(groups[i], false /* zero handled above */);
    out += big[i];
    started = true;
  }
  (void)below_10000;
  return out;
}


std::string roman_number(long n) {
  if (n < 1 || n > 3999) return std::to_string(n);
  static const std::pair<int, const char*> kRoman[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"},
                                                       {100, "c"},  {90, "xc"},  {50, "l"},  {40, "xl"},
                                                       {10, "x"},   {9, "ix"},   {5, "v"},   {4, "iv"}, {1, "i"}};
  std::string out;
  for (const auto& [value, letters] : kRoman)
    for (; n >= value; n -= value) out += letters;
  return out;
}

}  // namespace lh::normalize
