// Facts a document states about itself (doc_facts.h). Lines are read "tight": width folded
// (full-width digits and colons as ASCII, Unicode ch. 18.5) and the spaces between two ideographs
// removed, because Word forms space their labels and titles (案　　由, 询 问 笔 录).
#include "normalize/doc_facts.h"

#include <array>
#include <memory>

#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

using icu::UnicodeString;

// Width folded, spaces between ideographs removed, trimmed.
UnicodeString tight(const UnicodeString& raw) {
  const UnicodeString f = detail::fold_field_width(raw);
  UnicodeString out;
  for (int32_t i = 0; i < f.length(); ++i) {
    char16_t c = f.charAt(i);
    if (detail::is_space(c) && c != u'\t') {
      int32_t j = i;
      while (j < f.length() && detail::is_space(f.charAt(j)) && f.charAt(j) != u'\t') ++j;
      bool han_both = !out.isEmpty() && detail::is_han(out.charAt(out.length() - 1)) && j < f.length() &&
                      detail::is_han(f.charAt(j));
      if (!han_both) out.append(j - i >= 2 ? UnicodeString(u"  ") : UnicodeString(u' '));
      i = j - 1;
      continue;
    }
    out.append(c);
  }
  return detail::trim(out);
}

std::vector<UnicodeString> tight_lines(std::string_view text, size_t max_lines) {
  std::vector<UnicodeString> out;
  size_t at = 0;
  while (at <= text.size() && out.size() < max_lines) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    UnicodeString t = tight(detail::from_utf8(text.substr(at, nl - at)));
    if (!t.isEmpty()) out.push_back(std::move(t));
    at = nl + 1;
  }
  return out;
}

bool ends_with(const UnicodeString& s, const char16_t* suffix) {
  UnicodeString x(suffix);
  return s.length() >= x.length() && s.endsWith(x);
}

bool starts_with(const UnicodeString& s, const char16_t* prefix) { return s.startsWith(UnicodeString(prefix)); }

// Separators between a label and its value: colon, tab, spaces.
int32_t skip_separators(const UnicodeString& t, int32_t i) {
  while (i < t.length() && (t.charAt(i) == u':' || t.charAt(i) == u'\t' || detail::is_space(t.charAt(i)))) ++i;
  return i;
}

// 文种 that close a title (GB/T 9704-2012 §8 文种 and the record forms offices keep).
bool ends_with_genre(const UnicodeString& t) {
  static const std::array<const char16_t*, 44> kGenres = {
      u"通知", u"通报", u"报告", u"请示", u"批复", u"函", u"纪要", u"意见", u"方案", u"计划", u"规划",
      u"总结", u"小结", u"规定", u"办法", u"细则", u"决定", u"公告", u"通告", u"说明", u"记录", u"笔录",
      u"表", u"书", u"单", u"清单", u"台账", u"名单", u"名册", u"简报", u"章程", u"制度", u"汇报", u"讲话",
      u"要点", u"指引", u"须知", u"登记簿", u"决议", u"议案", u"命令", u"证明", u"回证", u"公示"};
  for (const char16_t* g : kGenres)
    if (ends_with(t, g)) return true;
  return false;
}

// Lines of a form's head that are neither its title nor its letterhead.
bool head_furniture(const UnicodeString& t) {
  for (const char16_t* p : {u"签发人", u"份号", u"密级", u"编号", u"NO", u"No", u"no", u"第"})
    if (starts_with(t, p)) return true;
  if (t.indexOf(u':') >= 0) return true;            // a labelled field (当事人: …)
  if (date_at_start(detail::to_utf8(t))) return true;  // a date line
  return !find_case_numbers(detail::to_utf8(t)).empty();
}

UnicodeString drop_remark_suffix(UnicodeString t) {  // （副本） （存根） at the end
  while (t.length() > 0 && (t.endsWith(UnicodeString(u")")) || t.endsWith(UnicodeString(u"）")))) {
    int32_t open = std::max(t.lastIndexOf(u'('), t.lastIndexOf(u'（'));
    if (open <= 0) break;
    t.truncate(open);
  }
  return t;
}

}  // namespace

std::vector<model::LabelledDate> find_labelled_dates(std::string_view text) {
  std::vector<model::LabelledDate> out;
  for (const UnicodeString& t : tight_lines(text, 100000)) {
    for (const char16_t* key : {u"时间", u"日期"}) {
      int32_t at = 0;
      while ((at = t.indexOf(UnicodeString(key), at)) >= 0) {
        int32_t end = at + 2;
        int32_t start = at;
        while (start > 0 && detail::is_han(t.charAt(start - 1)) && end - start < 12) --start;
        at = end;
        int32_t v = skip_separators(t, end);
        if (v == end) continue;  // "时间" inside running text, not a label
        if (auto d = date_at_start(detail::to_utf8(t, v, t.length())))
          out.push_back({detail::to_utf8(t, start, end), *d});
      }
    }
  }
  return out;
}

bool label_matches(std::string_view found, std::string_view wanted) {
  if (found == wanted) return true;
  if (wanted == "时间" || wanted == "日期" || wanted.size() > found.size()) return false;
  return found.substr(found.size() - wanted.size()) == wanted;
}

namespace {

// The value after `label` (labelled_value), ending at a tab and, if `stop_at_gap`, at two spaces.
std::string value_after_label(std::string_view text, std::string_view label, bool stop_at_gap) {
  const UnicodeString want = tight(detail::from_utf8(label));
  for (const UnicodeString& t : tight_lines(text, 100000)) {
    int32_t at = 0;
    while ((at = t.indexOf(want, at)) >= 0) {
      const bool starts = at == 0 || !detail::is_han(t.charAt(at - 1));
      const int32_t end = at + want.length();
      at = end;
      const int32_t v = skip_separators(t, end);
      if (!starts || v == end) continue;
      int32_t stop = v;
      while (stop < t.length() && t.charAt(stop) != u'\t' &&
             !(stop_at_gap && stop + 1 < t.length() && t.charAt(stop) == u' ' && t.charAt(stop + 1) == u' '))
        ++stop;
      UnicodeString val = detail::trim(UnicodeString(t, v, stop - v));
      if (!val.isEmpty()) return detail::to_utf8(val);
    }
  }
  return {};
}

}  // namespace

std::string labelled_value(std::string_view text, std::string_view label) { return value_after_label(text, label, true); }

std::string labelled_line_rest(std::string_view text, std::string_view label) {
  return value_after_label(text, label, false);
}

bool is_organisation_line(std::string_view line) {
  UnicodeString t = detail::strip_spaces(tight(detail::from_utf8(line)));
  for (const char16_t* tail : {u"文件", u"(印章)", u"(盖章)", u"（印章）", u"（盖章）"})
    if (ends_with(t, tail) && t.length() > UnicodeString(tail).length()) t.truncate(t.length() - UnicodeString(tail).length());
  if (t.length() < 3 || t.length() > 40 || ends_with_genre(t)) return false;
  static const std::array<const char16_t*, 26> kBodies = {
      u"局", u"所", u"委员会", u"政府", u"办公室", u"厅", u"部", u"院", u"中心", u"大队", u"支队", u"中队", u"站",
      u"科", u"股", u"公司", u"店", u"厂", u"社", u"馆", u"行", u"协会", u"商会", u"集团", u"队", u"处"};
  for (const char16_t* b : kBodies)
    if (ends_with(t, b)) return true;
  return false;
}

namespace {

// The line under a title that belongs to it: wholly in brackets, and naming which one of a series
// or which state of the text it is — "（2024年第4次）" under 所务会议纪要, "（第3期）", "（试行）",
// "（修订稿）" — which the 题名 must keep for documents of one name to be told apart (DA/T 22-2015
// 题名; GB/T 9704-2012 §7.3.1 lets a title run over lines). A 题注 saying when it was adopted
// ("（2024年3月1日所务会议审议通过）") describes the document and stays out, as do list numbers.
UnicodeString title_continuation(const UnicodeString& line) {
  const UnicodeString t = detail::trim(line);
  if (t.length() < 3 || t.length() > 20 || !(t.startsWith(UnicodeString(u"（")) || t.startsWith(UnicodeString(u"(")))) return {};
  if (!(ends_with(t, u"）") || ends_with(t, u")"))) return {};
  const UnicodeString inner(t, 1, t.length() - 2);
  if (inner.indexOf(u'（') >= 0 || inner.indexOf(u'(') >= 0) return {};
  for (const char16_t* adopted : {u"通过", u"印发", u"施行", u"公布", u"发布", u"批准"})
    if (ends_with(inner, adopted)) return {};
  static const icu::RegexPattern* series = detail::compile_regex(u"第\\s*[0-9一二三四五六七八九十百〇零]+\\s*[次期号]");
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(series->matcher(inner, st));
  const bool numbered = U_SUCCESS(st) && m->find(st) && U_SUCCESS(st);
  bool state = false;
  for (const char16_t* w : {u"试行", u"暂行", u"修订", u"修订稿", u"草案", u"征求意见稿", u"送审稿"}) state = state || inner == UnicodeString(w);
  return numbered || state ? UnicodeString(u"（") + inner + UnicodeString(u"）") : UnicodeString();
}

}  // namespace

std::string find_title_line(std::string_view text) {
  constexpr size_t kHeadLines = 15;
  constexpr int32_t kMaxTitleChars = 60;
  const std::vector<UnicodeString> lines = tight_lines(text, kHeadLines);
  UnicodeString opening;  // a "关于…" line whose 文种 comes on the next line
  for (size_t i = 0; i < lines.size(); ++i) {
    UnicodeString t = lines[i];
    while (t.startsWith(UnicodeString(u"#"))) t.remove(0, 1);
    t = detail::trim(t);
    if (t.isEmpty() || t.length() > kMaxTitleChars) { opening.remove(); continue; }
    const std::string u8 = detail::to_utf8(t);
    if (is_organisation_line(u8) || head_furniture(t)) { opening.remove(); continue; }
    const UnicodeString bare = drop_remark_suffix(t);
    if (!classify_doc_type(u8).name.empty() || ends_with_genre(bare)) {
      if (!opening.isEmpty() && opening.length() + t.length() <= kMaxTitleChars) t = opening + t;
      if (i + 1 < lines.size()) t += title_continuation(lines[i + 1]);
      return detail::to_utf8(t);
    }
    opening = starts_with(t, u"关于") ? t : UnicodeString();
  }
  return {};
}

namespace {

// A 发文字号 standing alone: 机关代字 + 〔年份〕 + 序号 + 号 (GB/T 9704-2012 §7.2.5), any bracket; the
// 代字 is 1–12 ideographs, optionally in （） (（杭临）市监…). Normalized with 〔〕, no 第 and no padding,
// as find_case_numbers does a 案号, and flagged the same way where the serial was printed otherwise.
model::CaseNumber generic_number(const UnicodeString& line) {
  static const icu::RegexPattern* re = detail::compile_regex(
      u"^((?:[(（]\\p{Han}{1,6}[)）])?\\p{Han}{1,12})[\\[(（〔【﹝〖]([0-9]{4})[\\])）〕】﹞〗](第?)(0*)([1-9][0-9]{0,5})号$");
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(re->matcher(line, st));
  if (U_FAILURE(st) || !m->matches(st) || U_FAILURE(st)) return {};
  int year = 0;
  if (!detail::parse_ascii_int(detail::to_utf8(m->group(2, st)), year) || year < 1949 || year > 2100) return {};
  model::CaseNumber n;
  n.normalized = detail::to_utf8(m->group(1, st)) + "〔" + std::to_string(year) + "〕" + detail::to_utf8(m->group(5, st)) + "号";
  n.raw = detail::to_utf8(line);
  n.with_di = !m->group(3, st).isEmpty();
  n.zero_padded = !m->group(4, st).isEmpty();
  return n;
}

}  // namespace

model::CaseNumber read_own_number(std::string_view text) {
  constexpr size_t kHeadLines = 10;
  for (const UnicodeString& t : tight_lines(text, kHeadLines)) {
    UnicodeString line = detail::strip_spaces(t);
    int32_t signer = line.indexOf(UnicodeString(u"签发人"));
    if (signer > 0) line.truncate(signer);  // 发文字号 and 签发人 share a line in a 上行文 (GB/T 9704 §7.2.5)
    for (const char16_t* label : {u"发文字号:", u"文号:"})
      if (line.startsWith(UnicodeString(label))) line.remove(0, UnicodeString(label).length());
    auto found = find_case_numbers(detail::to_utf8(line));
    if (found.size() == 1) {
      UnicodeString rest = line;
      rest.findAndReplace(detail::from_utf8(found.front().raw), UnicodeString());
      if (detail::strip_spaces(rest).isEmpty()) return found.front();
    }
    if (model::CaseNumber g = generic_number(line); !g.normalized.empty()) return g;
  }
  return {};
}

std::string find_own_number(std::string_view text) { return read_own_number(text).normalized; }

}  // namespace lh::normalize
