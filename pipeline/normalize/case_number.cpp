// 案号 (行政处罚文书文号). Sources: 《市场监督管理行政处罚文书格式范本（2021年修订版）》 and
// domain.md §2 (real numbers: 马市监处罚〔2026〕193号, （杭临）市监处罚〔2024〕131号);
// GB/T 9704-2012 §7.2.5: year in 六角括号 〔〕 (U+3014/U+3015), serial without 第 and without
// zero padding. Real data breaks the rule (杭市监处罚〔2026〕0128号, 桐市监罚字〔2025〕第7号): accepted,
// flagged zero_padded or with_di, so the printed form can be named beside the normalized one.
//
// Accepted: any of 〔〕 [] () （） ［］ 【】 ﹝﹞ 〖〗 around the year (open and close need not agree),
// full-width digits, spaces inside, 第 before the serial, an agency prefix written bare (杭, 京朝) or
// in brackets （杭临）, a district before 罚 (深市监龙华罚, 杭市监（萧）罚). Normalized: <简称>市监<类>〔YYYY〕N号, or （简称）市监<类>〔YYYY〕N号.
//
// Heuristics (documented decisions):
//  - <类> must start with a case-related character (处 罚 案 立 检 查 强 扣 封 告 听 责 …), so 发文字号
//    such as 国市监法发〔2021〕42号 or 浙市监综〔2024〕3号 are not taken for 案号.
//  - A bare 简称 is at most 4 Han characters read backwards from 市监, cut after the last connective
//    word or verb (根据, 依据, 其中, 见, 就, 决定书, 的, 了, 办理, 现 …), so 根据杭市监处罚〔2024〕1号 and
//    经办理桐市监罚字〔2024〕12号 yield 杭市监处罚… and 桐市监罚字….
//  - An issuing agency's name written just before the number is not part of the 简称: the prefix is
//    cut after its last 局 or 所, so …市场监督管理局南市监处罚〔2024〕12号 yields 南市监处罚….
//  - Rejected as garbage: a year that is not exactly 4 digits or outside 1949–2100, a serial of more
//    than 6 digits or equal to 0, a match glued to a preceding ASCII letter or digit.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>

#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

using detail::from_utf8;
using detail::is_ascii_alnum;
using detail::is_han;
using detail::to_utf8;

const icu::RegexPattern& case_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"市监((?:\\(\\p{Han}{1,3}\\))?\\p{Han}{1,4}?)\\s*[\\[(〔【﹝〖]\\s*([0-9]{4,})\\s*[\\])〕】﹞〗]\\s*(第?)\\s*([0-9]+)\\s*号");
  return *p;
}

// First character of a case-related <类> (市监处罚, 市监罚, 市监处, 市监案, 市监立, 市监检, 市监强 …).
// The 2021 范本 writes the penalty number "××市监×罚〔 〕 号": a district or branch may stand between
// 市监 and 罚, bare (深市监龙华罚, 1–2 characters) or in brackets (杭市监(萧)罚). Only before 罚 or 处罚,
// so a 发文字号 with a 类 of its own (粤市监办发, 国市监法发) stays out.
bool category_ok(const icu::UnicodeString& cat) {
  static constexpr std::u16string_view kFirst = u"处罚案立检查强扣封告听责催执移没抽撤延解先协送简当稽违决不询证调核审结";
  if (cat.isEmpty()) return false;
  if (kFirst.find(cat.charAt(0)) != std::u16string_view::npos) return true;
  const int32_t after = cat.charAt(0) == u'(' ? cat.indexOf(u')') + 1 : 1;  // the regex closes a bracket
  for (int32_t at = after; at < cat.length() && at <= after + 1; ++at)
    if (cat.charAt(at) == u'罚' || (cat.charAt(at) == u'处' && at + 1 < cat.length() && cat.charAt(at + 1) == u'罚'))
      return true;
  return false;
}

// Connectives that end the phrase before a bare 简称; the prefix is cut after the last one.
// A 简称 is the 机关代字 of GB/T 9704-2012 §7.2.5 (发文字号 = 机关代字 + 〔年份〕 + 序号), the agency's
// place abbreviation (桐, 穗, 京朝, 厦集, 关岭县); the words here are what running text puts before
// a number it cites, never part of a place's name.
// Multi-character words only where the single character is also a real 简称 or begins one (据 is not,
// 经 is: 经开区; 于 begins 于都, 将 将乐, 依 依兰, 从 从江, 即 即墨, 凭 凭祥, 关 关岭), so those characters
// are cut only inside a word (经办, 依据, 关于), never alone: "于桐市监罚…" keeps 于桐 rather than
// turning 于都市监罚 into 都市监罚.
// 就 and 关于 introduce the matter ("现就南市监处罚〔2024〕12号…", "关于杭市监处罚…"); no 简称 is 就.
// 其中 and 包括 start an enumeration ("办结2件，其中厦集市监罚〔2023〕10号…"); no 简称 begins with them.
// The verbs take the number as their object ("经办理桐市监罚字〔2024〕12号案件", "现将…决定书送达",
// "不服…决定", "文号为…"); 现, 以, 为, 系, 由, 已 begin no place name either (将 does, 将乐: 现将 is a word).
constexpr std::array<std::u16string_view, 53> kStopWords = {
    u"其中", u"包括", u"根据", u"依据", u"按照", u"依照", u"参照", u"对照", u"作出", u"出具", u"送达", u"下达",
    u"文号", u"案号", u"编号", u"关于", u"办理", u"查办", u"承办", u"经办", u"审理", u"处理", u"办结", u"执行",
    u"履行", u"撤销", u"变更", u"收到", u"不服", u"书", u"表", u"函", u"号", u"的", u"了", u"及", u"与",
    u"或", u"并", u"对", u"被", u"向", u"在", u"是", u"见", u"就", u"现将", u"现", u"以", u"为", u"系", u"由", u"已"};

// Last characters of an issuing agency's name (…市场监督管理局, …管理局, 分局, …监督管理所): the agency
// is often named in full right before its 案号 ("南岭县市场监督管理局南市监处罚〔2024〕12号"), and a 简称
// never holds them, so the 简称 starts after the last one.
constexpr std::array<std::u16string_view, 2> kAgencyNameEnds = {u"局", u"所"};

// Index just past the last occurrence of any of the words in prefix (0 if none occurs).
int32_t end_of_last(const icu::UnicodeString& prefix, std::span<const std::u16string_view> words) {
  int32_t end = 0;
  for (auto w : words) {
    icu::UnicodeString word(false, w.data(), static_cast<int32_t>(w.size()));
    int32_t at = prefix.lastIndexOf(word);
    if (at >= 0 && at + word.length() > end) end = at + word.length();
  }
  return end;
}

icu::UnicodeString cut_after_stop_words(const icu::UnicodeString& prefix) {
  int32_t cut = std::max(end_of_last(prefix, kStopWords), end_of_last(prefix, kAgencyNameEnds));
  return icu::UnicodeString(prefix, cut);
}

bool is_open_bracket(char16_t c) { return c == u'(' || c == u'[' || c == u'【' || c == u'〔' || c == u'﹝'; }
bool is_close_bracket(char16_t c) { return c == u')' || c == u']' || c == u'】' || c == u'〕' || c == u'﹞'; }

struct Found {
  model::CaseNumber cn;
  int32_t start = 0;
  int32_t end = 0;
};

// Reads the agency prefix before `at` (the index of 市 in 市监). Returns false for garbage.
bool read_prefix(const icu::UnicodeString& f, int32_t at, icu::UnicodeString& prefix, bool& bracketed,
                 int32_t& start) {
  bracketed = false;
  start = at;
  if (at > 0 && is_close_bracket(f.charAt(at - 1))) {
    // （杭临）市监… : up to 8 Han characters inside a bracket pair.
    int32_t i = at - 2;
    while (i >= 0 && at - 2 - i < 8 && is_han(f.charAt(i))) --i;
    if (i >= 0 && is_open_bracket(f.charAt(i)) && i < at - 2) {
      prefix = icu::UnicodeString(f, i + 1, at - 2 - i);
      bracketed = true;
      start = i;
    } else {
      prefix.remove();
    }
  } else {
    int32_t i = at;
    while (i > 0 && at - i < 4 && is_han(f.charAt(i - 1))) --i;
    prefix = cut_after_stop_words(icu::UnicodeString(f, i, at - i));
    start = at - prefix.length();
  }
  if (start > 0 && is_ascii_alnum(f.charAt(start - 1))) return false;
  return true;
}

bool number_of(const icu::UnicodeString& digits, int& out) {
  return detail::parse_ascii_int(to_utf8(digits), out);
}

// Runs the pattern over `text`; `whole` requires the match (with its prefix) to cover all of it.
std::vector<Found> scan(std::string_view text, bool whole) {
  std::vector<Found> out;
  const icu::UnicodeString raw = from_utf8(text);
  const icu::UnicodeString f = detail::fold_field_width(raw);
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(case_re().matcher(f, st));
  if (U_FAILURE(st)) return out;
  while (m->find(st) && U_SUCCESS(st)) {
    const int32_t at = m->start(st);
    const int32_t end = m->end(st);
    icu::UnicodeString cat = m->group(1, st);
    icu::UnicodeString year = m->group(2, st);
    const bool with_di = !m->group(3, st).isEmpty();
    icu::UnicodeString serial = m->group(4, st);
    if (U_FAILURE(st)) break;
    if (!category_ok(cat) || year.length() != 4 || serial.length() > 6) continue;
    int y = 0, n = 0;
    if (!number_of(year, y) || !number_of(serial, n) || y < 1949 || y > 2100 || n == 0) continue;
    icu::UnicodeString prefix;
    bool bracketed = false;
    int32_t start = at;
    if (!read_prefix(f, at, prefix, bracketed, start)) continue;
    if (whole) {
      icu::UnicodeString before(f, 0, start), after(f, end);
      if (!detail::trim(before).isEmpty() || !detail::trim(after).isEmpty()) continue;
    }
    Found x;
    std::string norm;
    if (bracketed) norm = "（" + to_utf8(prefix) + "）";
    else norm = to_utf8(prefix);
    cat.findAndReplace(icu::UnicodeString(u"("), icu::UnicodeString(u"（"))
        .findAndReplace(icu::UnicodeString(u")"), icu::UnicodeString(u"）"));  // as a bracketed 简称 is written
    norm += "市监" + to_utf8(cat) + "〔" + std::to_string(y) + "〕" + std::to_string(n) + "号";
    x.cn.normalized = std::move(norm);
    x.cn.raw = to_utf8(raw, start, end);
    x.cn.zero_padded = serial.length() > 1 && serial.charAt(0) == u'0';
    x.cn.with_di = with_di;
    x.start = start;
    x.end = end;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

std::vector<model::CaseNumber> find_case_numbers(std::string_view text) {
  std::vector<model::CaseNumber> out;
  std::unordered_set<std::string> seen;
  for (auto& x : scan(text, false))
    if (seen.insert(x.cn.normalized).second) out.push_back(std::move(x.cn));
  return out;
}

std::optional<model::CaseNumber> parse_case_number(std::string_view s) {
  auto found = scan(s, true);
  if (found.size() != 1) return std::nullopt;
  return std::move(found.front().cn);
}

}  // namespace lh::normalize
