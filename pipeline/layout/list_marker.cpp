// Numbers as the page writes them (the numerals themselves: normalize/numerals.h). Chinese
// structure numbers of GB/T 9704-2012 §7.3.3: 一、 （一） 1. （1）. No punctuation follows （一） or （1）; 一、 takes the 顿号, 1. the half-width full stop.
// Page numbers: decimal, or lower-case roman for a book's front matter (Chicago Manual of Style
// 1.4: front matter is numbered i, ii, iii …; the body starts again at 1).
#include <string>

#include "layout/layout.h"
#include "normalize/numerals.h"

namespace lh::layout {

std::string list_marker(int level, int n) {
  if (n < 1) n = 1;
  switch (level <= 1 ? 1 : level) {
    case 1: return normalize::chinese_number(n) + "、";
    case 2: return "（" + normalize::chinese_number(n) + "）";
    case 3: return std::to_string(n) + ".";
    default: return "（" + std::to_string(n) + "）";
  }
}

std::string page_number_text(int n, model::Section::Numbering how) {
  return how == model::Section::Numbering::LowerRoman ? normalize::roman_number(n) : std::to_string(n);
}

}  // namespace lh::layout
