// Numerals as a clerk writes them: Chinese (一百零一, 一千零一十, 十一) for the book's 第X篇 and 附录X
// and the 一、 （一） markers of GB/T 9704-2012 §7.3.3; roman (i, ii, iv) for front-matter page
// numbers; both for the numbers Word prints for auto-numbered headings (ECMA-376 §17.18.59
// ST_NumberFormat chineseCounting, lowerRoman). One writer for the layout and the readers.
#pragma once

#include <string>

namespace lh::normalize {

// 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 99 → 九十九, 100 → 一百, 101 → 一百零一, 110 → 一百一十,
// 10000 → 一万, 0 → 零, -3 → 负三.
std::string chinese_number(long n);
// 1 → i, 4 → iv, 1999 → mcmxcix; outside 1–3999 the decimal digits.
std::string roman_number(long n);

}  // namespace lh::normalize
