// The officers a typed 检查记录 names (执法程序规定 第二十二条: at least two, each with an 执法证件),
// as offices write them in Word forms and text:
//   检查人员：陈晓燕（执法证号：37010013）、刘建国（执法证号：37010012）
//   执法人员：刘建国、陈晓燕　　执法证号：37010012、37010013
// XML exports and registers carry them as structured records (ingest); this reads the same facts
// from the text of a record typed by hand, so the completeness check does not report officers who
// are there as missing.
#include <algorithm>
#include <string>
#include <vector>

#include "normalize/doc_facts.h"
#include "normalize/fields.h"
#include "normalize/field_text.h"

namespace lh::normalize {
namespace {

bool is_separator(char16_t c) {
  return c == u'、' || c == u'，' || c == u',' || c == u'；' || c == u';' || c == u'/' || c == u' ' ||
         c == u'\u3000';
}

bool is_certificate_char(char16_t c) {
  return (c >= u'0' && c <= u'9') || (c >= u'A' && c <= u'Z') || (c >= u'a' && c <= u'z') || c == u'-';
}

// The value cut into entries at 、，；/ and spaces outside brackets.
std::vector<icu::UnicodeString> entries(const icu::UnicodeString& value) {
  std::vector<icu::UnicodeString> out;
  icu::UnicodeString cur;
  int depth = 0;
  for (int32_t i = 0; i < value.length(); ++i) {
    const char16_t c = value.charAt(i);
    if (c == u'（' || c == u'(') ++depth;
    if ((c == u'）' || c == u')') && depth > 0) --depth;
    if (depth == 0 && is_separator(c)) {
      if (!cur.isEmpty()) out.push_back(cur);
      cur.remove();
    } else {
      cur.append(c);
    }
  }
  if (!cur.isEmpty()) out.push_back(cur);
  return out;
}

// The first run of at least five certificate characters (an 执法证号: digits, sometimes letters).
std::string certificate_in(const icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length(); ++i) {
    int32_t j = i;
    while (j < s.length() && is_certificate_char(s.charAt(j))) ++j;
    if (j - i >= 5) return detail::to_utf8(icu::UnicodeString(s, i, j - i));
    i = j;
  }
  return {};
}

// A person's name at the start of an entry: two to four Han characters.
std::string name_in(const icu::UnicodeString& s) {
  int32_t n = 0;
  while (n < s.length() && detail::is_han(s.charAt(n))) ++n;
  return n >= 2 && n <= 4 ? detail::to_utf8(icu::UnicodeString(s, 0, n)) : std::string();
}

}  // namespace

std::vector<model::Officer> find_officers(std::string_view text) {
  std::string value;
  for (const char* label : {"检查人员", "执法人员"})
    if (value.empty()) value = labelled_value(text, label);
  std::vector<model::Officer> out;
  if (value.empty()) return out;
  icu::UnicodeString names = detail::fold_field_width(detail::from_utf8(value)), same_line;
  // The form's lines are read with their spaces taken out (labelled_value), so a 执法证号 label further
  // on the same line ends the names; inside brackets it belongs to the name before it.
  for (int32_t at = names.indexOf(u"执法证"); at >= 0; at = names.indexOf(u"执法证", at + 1)) {
    const int32_t open = std::max(names.lastIndexOf(u'（', 0, at), names.lastIndexOf(u'(', 0, at));
    const int32_t close = std::max(names.lastIndexOf(u'）', 0, at), names.lastIndexOf(u')', 0, at));
    if (open <= close) {
      same_line = icu::UnicodeString(names, at);
      names.truncate(at);
      break;
    }
  }
  for (const icu::UnicodeString& e : entries(names)) {
    model::Officer o{name_in(e), certificate_in(e)};
    if (!o.name.empty()) out.push_back(std::move(o));
  }
  // The certificates after the names on the same line, or on a line of their own, in the officers' order.
  icu::UnicodeString numbers = same_line;
  if (numbers.isEmpty()) numbers = detail::fold_field_width(detail::from_utf8(labelled_value(text, "执法证号")));
  if (!numbers.isEmpty()) {
    size_t k = 0;
    for (const icu::UnicodeString& e : entries(numbers)) {
      const std::string c = certificate_in(e);
      if (c.empty()) continue;
      while (k < out.size() && !out[k].certificate.empty()) ++k;
      if (k == out.size()) break;
      out[k++].certificate = c;
    }
  }
  return out;
}

}  // namespace lh::normalize
