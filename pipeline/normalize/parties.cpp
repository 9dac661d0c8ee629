// 当事人 from labelled lines. Sources: 《市场监督管理行政处罚程序规定》 and the 2021 范本 (当事人 heads
// every decision and notice); 日常监督检查表 headers 被检查单位 / 名称 (domain.md §3); chnfn quality
// rule 3: 当事人 is the full licensed name, so names are kept whole (有限公司 included).
//
// Labels: 当事人(名称|姓名)?, 被检查单位(名称)?, 被检查人(姓名|名称)?, 检查对象(名称)?,
// (单位|企业|经营者)?名称 — at the start of a line or after a space or punctuation (so 商品名称 is not
// a label), optionally with a bracketed remark (被检查单位（人）), then ： or : — or a tab, which is
// how a two-column table row (当事人 | 某某公司) reaches plain text.
// The value ends at the line end, at ，。；,; or a tab, at two spaces, at a space before the next
// label (住所：), or at a known label glued on (…有限公司住所：), bracketed or not (…公司（统一社会信用
//代码：…）). Empty form blanks (____, /, 无) are
// skipped. De-duplicated in order of appearance; returned as written (widths not folded).
#include <memory>
#include <string>
#include <unordered_set>

#include "normalize/field_text.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

const icu::RegexPattern& label_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"(当事人(?:名称|姓名)?|被检查单位(?:名称)?|被检查人(?:姓名|名称)?|检查对象(?:名称)?|"
      u"(?:单位|企业|经营者)?名称)(?:\\([^)\\n]{0,8}\\))?(?:[ \\t]*:[ \\t]*|\\t+)([^\\n]*)");
  return *p;
}

// Where a value stops (searched in the value only).
const icu::RegexPattern& stop_re() {
  static const icu::RegexPattern* p = detail::compile_regex(
      u"[,;，。；\\t]|  | (?=\\p{Han}{1,12}[ \\t]*:)|"
      u"[(\\[【]?[ \\t]*(?:统一社会信用代码|社会信用代码|信用代码|住所|地址|法定代表人|负责人|经营场所|联系电话|电话|"
      u"身份证号码|身份证号|证件号码|注册号|经营者|性别|民族|出生)[ \\t]*:");
  return *p;
}

bool placeholder(const icu::UnicodeString& v) {
  if (v == icu::UnicodeString(u"无") || v == icu::UnicodeString(u"暂无")) return true;
  for (int32_t i = 0; i < v.length(); ++i) {
    char16_t c = v.charAt(i);
    if (!(c == u'_' || c == u'-' || c == u'/' || c == u'—' || c == u'…' || c == u'*' || c == u'.' ||
          c == u'＿' || c == u' ' || c == 0x3000))
      return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> find_parties(std::string_view text) {
  std::vector<std::string> out;
  std::unordered_set<std::string> seen;
  const icu::UnicodeString raw = detail::from_utf8(text);
  const icu::UnicodeString f = detail::fold_field_width(raw);
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(label_re().matcher(f, st));
  if (U_FAILURE(st)) return out;
  int64_t pos = 0;
  while (pos < f.length() && m->find(pos, st) && U_SUCCESS(st)) {
    const int32_t start = m->start(st);
    const int32_t vstart = m->start(2, st);
    const int32_t vend = m->end(2, st);
    if (U_FAILURE(st)) break;
    pos = vend > start ? vend : start + 1;
    if (start > 0) {
      char16_t before = f.charAt(start - 1);
      if (detail::is_han(before) || detail::is_ascii_alnum(before)) {
        pos = start + 1;  // 商品名称: not a label; labels later on the line still count
        continue;
      }
    }
    icu::UnicodeString value(f, vstart, vend - vstart);
    int32_t cut = value.length();
    std::unique_ptr<icu::RegexMatcher> stop(stop_re().matcher(value, st));
    if (U_SUCCESS(st) && stop->find(st) && U_SUCCESS(st)) cut = stop->start(st);
    st = U_ZERO_ERROR;
    pos = vstart + cut;
    const icu::UnicodeString v = detail::trim(icu::UnicodeString(raw, vstart, cut));
    if (v.isEmpty() || placeholder(detail::trim(icu::UnicodeString(f, vstart, cut))) || v.countChar32() > 80)
      continue;
    std::string s = detail::to_utf8(v);
    if (seen.insert(s).second) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace lh::normalize
