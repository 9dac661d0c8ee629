// The penalty of a decision in short (doc_facts.h penalty_summary), for the 处罚结果 of a volume's
// cover (范本 No. 54). Kinds: 《中华人民共和国行政处罚法》(2021) 第九条 — 警告、通报批评；罚款、没收违法
// 所得、没收非法财物；暂扣许可证件、降低资质等级、吊销许可证件；限制开展生产经营活动、责令停产停业、
// 责令关闭、限制从业. A 不予行政处罚决定书 (范本 No. 46) reads 不予行政处罚.
// Only the operative part is read: it starts after 如下行政处罚 / 处罚如下 / 决定 and ends with the
// statement of the penalty, before the notices every decision carries (履行方式, 逾期不缴纳的加处罚款,
// 申请行政复议 / 提起行政诉讼), so that boilerplate is never taken for the penalty; a kind named inside
// a document's title (《没收物品清单》) is none.
// Amounts: Arabic (5000, 5,000.00, ５０００, 0.5万) or 大写 (伍仟元整); written "罚款 5000 元". An amount
// belongs to the kind before it, never past the next kind ("罚款；没收违法所得500元" fines no 500 元).
// A decision read from a PDF keeps the PDF's line breaks wherever a line was full ("罚款人民币800\n元"):
// such a wrap is taken out before reading, a break after a statement or before a list item kept.
// 责令改正 is not shown: it is not a kind of 第九条 but the order every penalty comes with (第二十八条第一款
// 行政机关实施行政处罚时，应当责令当事人改正或者限期改正违法行为), so it says nothing of this case's
// 处罚结果; a decision that imposes none of the kinds has no 处罚结果 to show (the cover says it is missing).
#include <algorithm>
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "normalize/doc_facts.h"
#include "normalize/field_text.h"

namespace lh::normalize {
namespace {

using icu::UnicodeString;

int32_t first_of(const UnicodeString& t, std::initializer_list<const char16_t*> keys, int32_t from) {
  int32_t best = -1;
  for (const char16_t* k : keys) {
    int32_t at = t.indexOf(UnicodeString(k), from);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

int han_value(char16_t c) {
  static const char16_t kDigits[][3] = {{u'零', u'〇', 0}, {u'壹', u'一', 0}, {u'贰', u'二', u'两'}, {u'叁', u'三', 0},
                                        {u'肆', u'四', 0}, {u'伍', u'五', 0}, {u'陆', u'六', 0},   {u'柒', u'七', 0},
                                        {u'捌', u'八', 0}, {u'玖', u'九', 0}};
  for (int d = 0; d < 10; ++d)
    for (char16_t x : kDigits[d])
      if (x && x == c) return d;
  return -1;
}

int han_unit(char16_t c) {
  switch (c) {
    case u'拾': case u'十': return 10;
    case u'佰': case u'百': return 100;
    case u'仟': case u'千': return 1000;
    default: return 0;
  }
}

// 大写 amount before 元 at t[i…]: "伍仟元", "壹万贰仟伍佰元", "拾万元"; -1 when none.
long long han_amount(const UnicodeString& t, int32_t i, int32_t* end) {
  long long total = 0, section = 0, digit = -1;
  bool any = false;
  for (; i < t.length(); ++i) {
    char16_t c = t.charAt(i);
    if (int d = han_value(c); d >= 0) { digit = d; any = true; continue; }
    if (int u = han_unit(c)) { section += (digit < 0 ? 1 : digit) * u; digit = -1; any = true; continue; }
    if (c == u'万') { total = (total + section + std::max(digit, 0LL)) * 10000; section = 0; digit = -1; any = true; continue; }
    if (c == u'元' && any) { *end = i + 1; return total + section + std::max(digit, 0LL); }
    break;
  }
  return -1;
}

// Arabic amount at t[i…] before (万)元; commas and a decimal part allowed. Text like "5000"; empty: none.
std::string arabic_amount(const UnicodeString& t, int32_t i, int32_t* end) {
  std::string whole, frac;
  bool in_frac = false;
  for (; i < t.length(); ++i) {
    char16_t c = t.charAt(i);
    if (detail::is_ascii_digit(c)) { (in_frac ? frac : whole) += static_cast<char>(c); continue; }
    if (c == u',' && !in_frac) continue;
    if (c == u'.' && !in_frac) { in_frac = true; continue; }
    break;
  }
  while (i < t.length() && t.charAt(i) == u' ') ++i;
  if (whole.empty()) return {};
  bool wan = i < t.length() && t.charAt(i) == u'万';
  if (wan) ++i;
  if (i >= t.length() || t.charAt(i) != u'元') return {};
  *end = i + 1;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  if (wan) {  // 0.5万 → 5000
    frac.resize(4, '0');
    whole += frac;
    frac.clear();
    while (whole.size() > 1 && whole[0] == '0') whole.erase(0, 1);
  }
  return frac.empty() ? whole : whole + "." + frac;
}

// The kinds of 第九条 as decisions write them: those shown as the phrase the decision writes, and all
// the keys penalty_summary looks for.
constexpr std::array<const char16_t*, 7> kPhraseKinds = {u"暂扣", u"降低资质等级", u"吊销", u"限制开展生产经营活动",
                                                        u"责令停产停业", u"责令关闭", u"限制从业"};

bool kind_at(const UnicodeString& t, int32_t i) {
  auto at = [&](const char16_t* k) { return t.compare(i, UnicodeString(k).length(), UnicodeString(k)) == 0; };
  for (const char16_t* k : {u"警告", u"通报批评", u"罚款", u"没收"})
    if (at(k)) return true;
  return std::any_of(kPhraseKinds.begin(), kPhraseKinds.end(), at);
}

// A line that opens an item of a list: 一、 （一） (1) 1. 1、 (width folded: （ is "(", ． is ".").
bool opens_list_item(const UnicodeString& t, int32_t i) {
  static const icu::RegexPattern* re = detail::compile_regex(
      u"^(?:[一二三四五六七八九十]{1,3}、|\\([一二三四五六七八九十0-9]{1,3}\\)|[0-9]{1,2}[.、](?![0-9]))");
  UErrorCode st = U_ZERO_ERROR;
  const UnicodeString rest(t, i, 8);
  std::unique_ptr<icu::RegexMatcher> m(re->matcher(rest, st));
  return U_SUCCESS(st) && m->lookingAt(st) && U_SUCCESS(st);
}

// The text with the line breaks of a full line taken out (see above): a break stays after 。；：!?, at
// a blank line and before a list item; the spaces around a taken-out break go with it.
UnicodeString unwrap_lines(const UnicodeString& t) {
  UnicodeString out;
  for (int32_t i = 0; i < t.length(); ++i) {
    if (t.charAt(i) != u'\n' && t.charAt(i) != u'\r') { out.append(t.charAt(i)); continue; }
    int32_t next = i, breaks = 0;
    for (; next < t.length() && detail::is_space(t.charAt(next)); ++next) breaks += t.charAt(next) == u'\n';
    int32_t end = out.length();
    while (end > 0 && detail::is_space(out.charAt(end - 1))) --end;
    const char16_t last = end > 0 ? out.charAt(end - 1) : u'\n';
    const bool statement_ends = UnicodeString(u"。；;:：!！?？\n").indexOf(last) >= 0;
    if (statement_ends || breaks > 1 || next >= t.length() || opens_list_item(t, next)) { out.append(u'\n'); continue; }
    out.truncate(end);  // a wrap: the line goes on
    i = next - 1;
  }
  return out;
}

// The operative part of the decision (see above); the whole text when no opening is found. After an
// opening it ends with the statement of the penalty: the 。 closing the sentence or list that names the
// first kind (a 。 before a list item "2." goes on). What a decision writes after it is its other
// contents (程序规定 第六十二条（五）至（七）: 履行方式, 救济途径, …) or a remark on the penalty
// ("没收物品见《没收物品清单》"), never a penalty of its own.
UnicodeString operative_part(const UnicodeString& t) {
  int32_t begin = -1;
  for (const char16_t* open : {u"如下行政处罚", u"处罚如下", u"作出如下处罚", u"如下处罚", u"决定如下", u"本局决定", u"决定:"}) {
    int32_t at = t.indexOf(UnicodeString(open));
    if (at >= 0) { begin = at + UnicodeString(open).length(); break; }
  }
  int32_t end = first_of(t, {u"如不服", u"行政复议", u"行政诉讼", u"履行方式", u"缴纳方式", u"逾期不缴纳", u"到期不缴纳",
                             u"收到本决定书之日起", u"自收到本"}, std::max(begin, 0));
  if (end < 0) end = t.length();
  if (begin < 0) return UnicodeString(t, 0, end);
  int32_t kind = begin;
  while (kind < end && !kind_at(t, kind)) ++kind;
  for (int32_t stop = t.indexOf(u'。', kind); stop >= 0 && stop < end; stop = t.indexOf(u'。', stop + 1)) {
    int32_t next = stop + 1;
    while (next < t.length() && detail::is_space(t.charAt(next))) ++next;
    if (next < t.length() && opens_list_item(t, next)) continue;
    end = stop + 1;
    break;
  }
  return UnicodeString(t, begin, end - begin);
}

// The amount written in the next few characters after `from` (人民币, a colon, spaces skipped),
// before the next kind.
std::string amount_after(const UnicodeString& t, int32_t from) {
  constexpr int32_t kWindow = 24;
  for (int32_t i = from; i < t.length() && i < from + kWindow; ++i) {
    char16_t c = t.charAt(i);
    if (c == u'。' || c == u';' || c == u'；' || c == u'\n' || kind_at(t, i)) break;
    int32_t end = 0;
    if (detail::is_ascii_digit(c)) {
      std::string a = arabic_amount(t, i, &end);
      if (!a.empty()) return a;
      while (i + 1 < t.length() && (detail::is_ascii_digit(t.charAt(i + 1)) || t.charAt(i + 1) == u',' || t.charAt(i + 1) == u'.')) ++i;
      continue;
    }
    if (han_value(c) >= 0 || han_unit(c)) {
      long long v = han_amount(t, i, &end);
      if (v >= 0) return std::to_string(v);
    }
  }
  return {};
}

// The phrase from `at` to the next punctuation, 并处 or kind, at most `max` characters. A bracket ends
// it too: what follows in ( ) is a note on the goods (括号, GB/T 15834-2011 §4.9: "（详见《没收物品
// 清单》）", "（共计12瓶）").
std::string phrase(const UnicodeString& t, int32_t at, int32_t max) {
  int32_t e = at;
  while (e < t.length() && e - at < max) {
    char16_t c = t.charAt(e);
    if (c == u'。' || c == u'；' || c == u';' || c == u'，' || c == u',' || c == u'\n' || c == u'、' || c == u'(') break;
    if (e > at && (kind_at(t, e) || t.compare(e, 2, UnicodeString(u"并处")) == 0)) break;
    ++e;
  }
  return detail::to_utf8(UnicodeString(t, at, e - at));
}

// Inside 《…》: the title of a document (书名号, GB/T 15834-2011 §4.15), as in 《没收物品清单》 — a
// paper the decision names, not a penalty it imposes.
bool inside_title(const UnicodeString& t, int32_t at) {
  const int32_t open = t.lastIndexOf(u'《', 0, at);
  return open >= 0 && open > t.lastIndexOf(u'》', 0, at);
}

void add(std::string& out, const std::string& item) {
  if (item.empty() || out.find(item) != std::string::npos) return;
  out += (out.empty() ? "" : "；") + item;
}

}  // namespace

std::string penalty_summary(std::string_view decision_text) {
  const UnicodeString all = unwrap_lines(detail::fold_field_width(detail::from_utf8(decision_text)));
  if (all.indexOf(UnicodeString(u"不予行政处罚")) >= 0 && all.indexOf(UnicodeString(u"如下行政处罚")) < 0)
    return "不予行政处罚";
  const UnicodeString t = operative_part(all);
  std::string out;
  struct Hit { int32_t at; std::string text; };
  std::vector<Hit> hits;
  auto each = [&](const char16_t* key, auto&& make) {
    for (int32_t at = t.indexOf(UnicodeString(key)); at >= 0; at = t.indexOf(UnicodeString(key), at + 1))
      if (!inside_title(t, at)) make(at);
  };
  each(u"警告", [&](int32_t at) { hits.push_back({at, "警告"}); });
  each(u"通报批评", [&](int32_t at) { hits.push_back({at, "通报批评"}); });
  each(u"罚款", [&](int32_t at) {
    if (at >= 2 && t.charAt(at - 2) == u'加' && t.charAt(at - 1) == u'处') return;  // 加处罚款: a late fee
    std::string a = amount_after(t, at + 2);
    hits.push_back({at, a.empty() ? "罚款" : "罚款 " + a + " 元"});
  });
  each(u"没收", [&](int32_t at) {
    UnicodeString rest(t, at, 6);
    if (rest.startsWith(UnicodeString(u"没收违法所得"))) {
      std::string a = amount_after(t, at + 6);
      hits.push_back({at, a.empty() ? "没收违法所得" : "没收违法所得 " + a + " 元"});
    } else {
      hits.push_back({at, phrase(t, at, 24)});
    }
  });
  for (const char16_t* k : kPhraseKinds) each(k, [&](int32_t at) { hits.push_back({at, phrase(t, at, 24)}); });
  std::stable_sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) { return a.at < b.at; });
  for (const auto& h : hits) add(out, h.text);
  return out;
}

}  // namespace lh::normalize
