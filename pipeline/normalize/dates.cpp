// Dates in written form → ISO 8601 (YYYY-MM-DD, or YYYY-MM when no day is written).
// Sources: GB/T 9704-2012 §7.3.5.4 (成文日期 in Arabic digits, 2024年1月5日, no padding) — real
// documents also write 2024年03月05日, 二〇二四年三月五日 (older 公文 and 印章 dates), 2024.3.5,
// 2024-03-05 and 2024/3/5; all are accepted. Chinese numerals are read by a small parser instead of
// ICU RBNF (libraries.md §4 shows RBNF would work after splitting on 年/月/日; the closed set here —
// four digit characters for the year, 1–31 for month and day — is simpler to parse exactly):
// 〇/零/○/O = 0, 一…九, 十, 廿 (20) and 卅 (30).
// Valid: year 1949–2100, month 1–12, day within the month (leap years). Invalid dates are dropped.
// A numeric date needs the same separator twice (2024.3.5), so phone numbers are never dates.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

using detail::to_utf8;

const icu::RegexPattern& han_date_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"(?<![0-9〇零○一二三四五六七八九十])([0-9]{4}|[〇零○O一二三四五六七八九]{4})\\s*年"
      u"\\s*([0-9]{1,2}|[一二三四五六七八九十]{1,2})\\s*月"
      u"(?:\\s*([0-9]{1,2}|[一二三四五六七八九十廿卅]{1,3})\\s*[日号])?");
  return *p;
}

const icu::RegexPattern& numeric_date_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"(?<![0-9.\\-/])([0-9]{4})([.\\-/])([0-9]{1,2})\\2([0-9]{1,2})(?![0-9])(?![.\\-/][0-9])");
  return *p;
}

int han_digit(char16_t c) {
  switch (c) {
    case u'〇': case u'零': case u'○': case u'O': return 0;
    case u'一': return 1; case u'二': return 2; case u'三': return 3; case u'四': return 4;
    case u'五': return 5; case u'六': return 6; case u'七': return 7; case u'八': return 8;
    case u'九': return 9;
    default: return -1;
  }
}

// "2024", "二〇二四" → 2024; -1 if not a 4-character year.
int parse_year(const icu::UnicodeString& s) {
  if (s.length() != 4) return -1;
  int v = 0;
  if (detail::parse_ascii_int(to_utf8(s), v)) return v;
  for (int32_t i = 0; i < 4; ++i) {
    int d = han_digit(s.charAt(i));
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

// 1..99 from "5", "05", "五", "十", "十二", "二十", "二十五", "廿五", "卅一"; -1 otherwise.
int parse_small(const icu::UnicodeString& s) {
  int v = 0;
  if (s.isEmpty()) return -1;
  if (detail::parse_ascii_int(to_utf8(s), v)) return v;
  const int32_t n = s.length();
  int tens = 0;
  int32_t i = 0;
  if (s.charAt(0) == u'廿' || s.charAt(0) == u'卅') {
    tens = s.charAt(0) == u'廿' ? 2 : 3;
    i = 1;
  } else {
    int32_t ten_at = s.indexOf(u'十');
    if (ten_at < 0) {
      if (n != 1) return -1;
      const int d = han_digit(s.charAt(0));
      return d > 0 ? d : -1;
    }
    if (ten_at == 0) tens = 1;
    else if (ten_at == 1) {
      tens = han_digit(s.charAt(0));
      if (tens < 2) return -1;  // 一十 and 〇十 are not written in dates
    } else {
      return -1;
    }
    i = ten_at + 1;
  }
  if (i == n) return tens * 10;
  if (i + 1 != n) return -1;
  int unit = han_digit(s.charAt(i));
  if (unit < 1) return -1;
  return tens * 10 + unit;
}

std::string two(int v) {
  std::string s = std::to_string(v);
  return s.size() < 2 ? "0" + s : s;
}

std::optional<std::string> iso(int y, int m, int d) {
  if (y < 1949 || y > 2100 || m < 1 || m > 12) return std::nullopt;
  if (d < 0) return std::to_string(y) + "-" + two(m);  // no day written
  if (!detail::valid_ymd(y, m, d)) return std::nullopt;
  return std::to_string(y) + "-" + two(m) + "-" + two(d);
}

struct Hit {
  int32_t start, end;
  std::string iso;
};

void scan_han(const icu::UnicodeString& f, std::vector<Hit>& out) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(han_date_re().matcher(f, st));
  if (U_FAILURE(st)) return;
  while (m->find(st) && U_SUCCESS(st)) {
    const int y = parse_year(m->group(1, st));
    const int mo = parse_small(m->group(2, st));
    int d = -1;
    if (m->start(3, st) >= 0) {
      d = parse_small(m->group(3, st));
      if (d < 0) continue;
    }
    if (U_FAILURE(st)) break;
    if (auto v = iso(y, mo, d)) out.push_back({m->start(st), m->end(st), *v});
  }
}

void scan_numeric(const icu::UnicodeString& f, std::vector<Hit>& out) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(numeric_date_re().matcher(f, st));
  if (U_FAILURE(st)) return;
  while (m->find(st) && U_SUCCESS(st)) {
    const int y = parse_year(m->group(1, st));
    const int mo = parse_small(m->group(3, st));
    const int d = parse_small(m->group(4, st));
    if (U_FAILURE(st)) break;
    if (d < 0) continue;
    if (auto v = iso(y, mo, d)) out.push_back({m->start(st), m->end(st), *v});
  }
}

std::vector<Hit> scan(const icu::UnicodeString& f) {
  std::vector<Hit> hits;
  scan_han(f, hits);
  scan_numeric(f, hits);
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.start < b.start; });
  return hits;
}

}  // namespace

std::vector<std::string> find_dates(std::string_view text) {
  const icu::UnicodeString f = detail::fold_field_width(detail::from_utf8(text));
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  for (auto& h : scan(f))
    if (seen.insert(h.iso).second) out.push_back(std::move(h.iso));
  return out;
}

std::optional<std::string> parse_date(std::string_view s) {
  const icu::UnicodeString f = detail::trim(detail::fold_field_width(detail::from_utf8(s)));
  auto hits = scan(f);
  if (hits.size() == 1 && hits[0].start == 0 && hits[0].end == f.length()) return hits[0].iso;
  return std::nullopt;
}

std::optional<std::string> date_at_start(std::string_view s) {
  const icu::UnicodeString f = detail::fold_field_width(detail::from_utf8(s));
  int32_t lead = 0;
  while (lead < f.length() && detail::is_space(f.charAt(lead))) ++lead;
  for (auto& h : scan(f))
    if (h.start == lead && h.iso.size() == 10) return h.iso;
  return std::nullopt;
}

namespace {

// GB/T 9704-2012 §7.4.2: the 版记 under a 公文 closes with the 印发机关 and the 印发日期, "后加'印发'
// 二字" (…办公室　2025年3月5日印发). That is the day it went to print, not the 成文日期 of the 落款
// (§7.3.5.4), and it comes after it in reading order.
bool is_printing_date(const icu::UnicodeString& f, int32_t end) {
  while (end < f.length() && detail::is_space(f.charAt(end))) ++end;
  return f.compare(end, 2, icu::UnicodeString(u"印发")) == 0;
}

}  // namespace

std::string last_full_date(std::string_view text) {
  const icu::UnicodeString f = detail::fold_field_width(detail::from_utf8(text));
  auto hits = scan(f);
  for (auto h = hits.rbegin(); h != hits.rend(); ++h)
    if (h->iso.size() == 10 && !is_printing_date(f, h->end)) return h->iso;
  return {};
}

namespace {

// The days of the name's compact digit stamps: runs of exactly 8 digits, or 14 (a time follows).
// Longer and shorter runs are numbers of other kinds (a record's serial, a phone, an ID number).
void compact_days(std::string_view name, std::vector<std::string>& out) {
  for (size_t i = 0; i < name.size();) {
    if (!std::isdigit(static_cast<unsigned char>(name[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) ++j;
    if (j - i == 8 || j - i == 14) {
      int y = 0, m = 0, d = 0;
      std::from_chars(name.data() + i, name.data() + i + 4, y);
      std::from_chars(name.data() + i + 4, name.data() + i + 6, m);
      std::from_chars(name.data() + i + 6, name.data() + i + 8, d);
      if (y >= 1990 && detail::valid_ymd(y, m, d))
        if (auto v = iso(y, m, d)) out.push_back(*v);
    }
    i = j;
  }
}

}  // namespace

std::string file_name_date(std::string_view name) {
  std::vector<std::string> days;
  for (auto& d : find_dates(name))
    if (d.size() == 10) days.push_back(std::move(d));
  compact_days(name, days);
  for (const auto& d : days)
    if (d != days.front()) return {};
  return days.empty() ? std::string() : days.front();
}

}  // namespace lh::normalize
