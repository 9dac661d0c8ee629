// The 检查结果 of a typed 检查记录 — what the record found — as offices write it in Word forms:
//   检查结果：发现超过保质期的食品2批次，已责令整改          (written out: taken as it is)
//   检查结果：□符合　☑基本符合　□不符合                      (boxes before the options)
//   检查结论：符合（ ）  不符合（√）                           (a tick in brackets after them)
// A form prints every option, so the option words alone say nothing; only the ticked ones are the
// result, and a form whose boxes are all empty states none. XML exports and registers carry the
// result as a field of their records (ingest); this reads the same fact from a typed record, for
// the scheme's retention rules on what an inspection found (filing/retention.cpp).
#include <string>
#include <vector>

#include "normalize/doc_facts.h"
#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

using icu::UnicodeString;

// Marks of a chosen option: ☑ ☒ ■ ▣ √ ✓ ✔ ● ◉ ⊙ (forms also print a tick as a bracketed √).
bool is_ticked_mark(char16_t c) {
  return c == u'☑' || c == u'☒' || c == u'■' || c == u'▣' || c == u'√' || c == u'✓' || c == u'✔' || c == u'●' ||
         c == u'◉' || c == u'⊙';
}
// Marks of an option left empty: □ ☐ ○ ◯.
bool is_empty_mark(char16_t c) { return c == u'□' || c == u'☐' || c == u'○' || c == u'◯'; }

bool is_open(char16_t c) { return c == u'（' || c == u'(' || c == u'[' || c == u'［' || c == u'【'; }
bool is_close(char16_t c) { return c == u'）' || c == u')' || c == u']' || c == u'］' || c == u'】'; }

// A bracket holding nothing but spaces or one mark, at i: its length and whether it holds a tick;
// 0 when the bracket holds words (a note, not a box).
int32_t bracket_box(const UnicodeString& s, int32_t i, bool& ticked) {
  if (!is_open(s.charAt(i))) return 0;
  int32_t j = i + 1;
  ticked = false;
  int marks = 0;
  for (; j < s.length() && !is_close(s.charAt(j)); ++j) {
    const char16_t c = s.charAt(j);
    if (is_ticked_mark(c) || c == u'v' || c == u'V') ticked = true, ++marks;
    else if (!detail::is_space(c)) return 0;
  }
  if (j >= s.length() || marks > 1) return 0;
  return j + 1 - i;
}

struct Option {
  UnicodeString words;
  bool ticked = false;
  bool boxed = false;  // has a box of its own (before or after it)
};

bool is_word_char(char16_t c) { return !detail::is_space(c) && c != u'：' && c != u':' && c != u'、' && c != u'，'; }

// The value cut into options at each box. Where the value opens with a box, each box goes with the
// words after it (☑符合 □不符合); otherwise with the words before it (符合（√） 不符合（ ）, 符合√).
std::vector<Option> options_of(const UnicodeString& v) {
  int32_t first = 0;
  while (first < v.length() && !is_word_char(v.charAt(first))) ++first;
  bool ignored = false;
  const bool box_first = first < v.length() && (is_ticked_mark(v.charAt(first)) || is_empty_mark(v.charAt(first)) ||
                                                bracket_box(v, first, ignored) > 0);
  std::vector<Option> out(1);
  for (int32_t i = first; i < v.length(); ++i) {
    const char16_t c = v.charAt(i);
    bool ticked = false;
    int32_t n = bracket_box(v, i, ticked);
    if (n == 0 && (is_ticked_mark(c) || is_empty_mark(c))) n = 1, ticked = is_ticked_mark(c);
    if (n > 0) {
      if (box_first && (!out.back().words.isEmpty() || out.back().boxed)) out.emplace_back();
      out.back().ticked = ticked, out.back().boxed = true;
      if (!box_first) out.emplace_back();
      i += n - 1;
    } else if (is_word_char(c)) {
      out.back().words.append(c);
    }
  }
  return out;
}

}  // namespace

std::string find_inspection_result(std::string_view text) {
  std::string value;
  for (const char* label : {"检查结果", "检查结论"})
    if (value.empty()) value = labelled_line_rest(text, label);
  if (value.empty()) return {};
  const UnicodeString v = detail::fold_field_width(detail::from_utf8(value));
  const std::vector<Option> options = options_of(v);
  bool boxes = false;
  for (const Option& o : options) boxes = boxes || o.boxed;
  if (!boxes) return detail::to_utf8(detail::trim(v));
  UnicodeString chosen;
  for (const Option& o : options)
    if (o.ticked && !o.words.isEmpty()) chosen.append(chosen.isEmpty() ? UnicodeString() : UnicodeString(u"、")).append(o.words);
  return detail::to_utf8(chosen);
}

}  // namespace lh::normalize
