// The 违法行为 a decision states (doc_facts.h violation_of), for the 案由 of a volume's cover when no
// 立案审批表 names one. A 当场行政处罚决定书 (范本 No. 44) has none by law: 《行政处罚法》第五十二条 and
// 《市场监督管理行政处罚程序规定》第六十八条 require it to state the 违法行为, and offices word it
// in a few ways:
//   - a form field: "违法行为：…", "违法事实：…", "违法事实及证据：…";
//   - the fact, then its qualification: "…检查时发现：当事人销售的苹果等5种水果未标示价格。当事人的
//     上述行为违反了《价格法》第十三条第一款的规定，…";
//   - both in one sentence: "当事人在店内销售超过保质期的食品的行为，违反了《食品安全法》第三十四条…".
// So the act is the text before "违反(了)《" in its sentence, or the sentence before it when that text
// only points back (当事人的上述行为, 以上事实); the lead-in to the finding (…检查时发现：, 经查，, 本局
// 认为，), a leading date and time, the subject 当事人 and a closing 的行为 are not the act. The act
// ends with its sentence: the 范本 No. 44 field 违法事实及证据 holds the evidence too, as a clause or a
// sentence of its own ("，有现场照片为证", "。有现场检查情况及当事人陈述为证", "以上事实有现场笔录、询问
// 笔录等证据证实", "证据：…"), and a 案由 names the violation, never what proves it. What is
// longer than a 案由 can be (kMaxChars) is a story, not a name: the provision broken is named instead
// ("违反《中华人民共和国价格法》第十三条第一款").
#include <algorithm>
#include <memory>
#include <string>

#include "normalize/doc_facts.h"
#include "normalize/field_text.h"

namespace lh::normalize {
namespace {

using icu::UnicodeString;

constexpr int32_t kMaxChars = 40;  // 当事人 + 违法行为 + 案 stays one line of a cover's cell or two

bool is_sentence_end(char16_t c) { return c == u'。' || c == u'\n' || c == u';' || c == u'；'; }

bool is_trim_mark(char16_t c) {
  return detail::is_space(c) || c == u',' || c == u'，' || c == u':' || c == u'：' || c == u'。' || c == u';' ||
         c == u'；' || c == u'、';
}

UnicodeString trim_marks(const UnicodeString& s) {
  int32_t a = 0, b = s.length();
  while (a < b && is_trim_mark(s.charAt(a))) ++a;
  while (b > a && is_trim_mark(s.charAt(b - 1))) --b;
  return UnicodeString(s, a, b - a);
}

// A stretch [a, b) of the decision: matched in its width-folded form (full-width colons and digits as
// ASCII), returned in the original (the cover prints the decision's own punctuation).
struct DecisionSpan {
  const UnicodeString& text;
  const UnicodeString& folded;
  int32_t a, b;
  UnicodeString view() const { return UnicodeString(folded, a, b - a); }
  UnicodeString original() const { return UnicodeString(text, a, b - a); }
  void trim() {
    while (a < b && is_trim_mark(folded.charAt(a))) ++a;
    while (b > a && is_trim_mark(folded.charAt(b - 1))) --b;
  }
  bool drop_prefix(const char16_t* p) {
    if (!view().startsWith(UnicodeString(p))) return false;
    a += UnicodeString(p).length();
    return true;
  }
  // "于2023年11月14日10时20分许，" at the start: when, not what.
  void drop_leading_date() {
    static const icu::RegexPattern* re = detail::compile_regex(
        u"^于?[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日(?:[0-9]{1,2}(?:时|:)(?:[0-9]{1,2}分?)?)?(?:许|左右)?[,，\\s]*");
    UErrorCode st = U_ZERO_ERROR;
    const UnicodeString v = view();
    std::unique_ptr<icu::RegexMatcher> m(re->matcher(v, st));
    if (U_SUCCESS(st) && m->lookingAt(st) && U_SUCCESS(st)) a += m->end(st);
  }
};

// A statement of evidence (see above): what proves the act, never the act. "有…为证/证明/证实/佐证"
// or "有…等证据…", also after a pointer back (以上事实，有…), and "证据：…" / "证据有…". A clause that
// opens with 有 but names no proof ("有3种商品未标示价格") is a fact.
bool is_evidence(UnicodeString s) {
  s = trim_marks(s);
  for (const char16_t* back : {u"以上违法事实", u"上述违法事实", u"前述违法事实", u"以上事实", u"上述事实", u"前述事实"})
    if (s.startsWith(UnicodeString(back))) { s = trim_marks(UnicodeString(s, UnicodeString(back).length())); break; }
  if (s.startsWith(UnicodeString(u"证据"))) return true;
  if (!s.startsWith(UnicodeString(u"有"))) return false;
  if (s.indexOf(UnicodeString(u"证据")) >= 0) return true;
  for (const char16_t* tail : {u"为证", u"证明", u"证实", u"佐证", u"为凭", u"在案"})
    if (s.endsWith(UnicodeString(tail))) return true;
  return false;
}

// Where the first statement of evidence in s begins (a clause or a sentence, read to its sentence's
// end); s.b when there is none.
int32_t evidence_start(const DecisionSpan& s) {
  for (int32_t p = s.a; p < s.b; ++p) {
    if (p > s.a && !is_sentence_end(s.folded.charAt(p - 1)) && s.folded.charAt(p - 1) != u',') continue;
    int32_t e = p;
    while (e < s.b && !is_sentence_end(s.folded.charAt(e))) ++e;
    if (is_evidence(UnicodeString(s.folded, p, e - p))) return p;
  }
  return s.b;
}

// The act in a clause of the decision: evidence, lead-in, date, subject and 的行为 taken off.
UnicodeString act_of(DecisionSpan s) {
  s.b = evidence_start(s);
  // The finding follows the last lead-in: "…检查时发现：", "经查，", "经查明，", "本局认为，".
  const UnicodeString v = s.view();
  int32_t from = 0;
  for (const char16_t* lead : {u"发现", u"经查明", u"经查实", u"经查", u"查明", u"认为", u"违法事实:", u"违法行为:"}) {
    const int32_t at = v.lastIndexOf(UnicodeString(lead));
    if (at >= 0) from = std::max(from, at + UnicodeString(lead).length());
  }
  s.a += from;
  s.trim();
  // The act is one sentence: what follows its end is another statement (the qualification, the amount).
  for (int32_t e = s.a; e < s.b; ++e)
    if (is_sentence_end(s.folded.charAt(e))) { s.b = e; break; }
  s.drop_leading_date();
  s.drop_prefix(u"当事人");
  s.drop_leading_date();  // "当事人于2023年…"
  s.trim();
  if (s.view().endsWith(UnicodeString(u"的行为"))) s.b -= 3;
  s.trim();
  return s.original();
}

// A clause that only points back at the fact told before it.
bool points_back(UnicodeString s) {
  for (const char16_t* w : {u"当事人", u"的", u"其", u"上述", u"以上", u"前述", u"该", u"违法", u"行为", u"事实"})
    s.findAndReplace(UnicodeString(w), UnicodeString());
  return trim_marks(s).isEmpty();
}

// "违反《中华人民共和国价格法》第十三条第一款" from "违反了《…》第十三条第一款的规定".
UnicodeString provision(const UnicodeString& text, const UnicodeString& folded, int32_t at) {
  int32_t end = at;
  while (end < folded.length() && !is_sentence_end(folded.charAt(end)) && folded.charAt(end) != u',') ++end;
  UnicodeString s(text, at, end - at);
  for (const char16_t* tail : {u"的规定", u"之规定", u"规定"})
    if (const int32_t k = s.indexOf(UnicodeString(tail)); k > 0) { s.truncate(k); break; }
  s.findAndReplace(UnicodeString(u"违反了"), UnicodeString(u"违反"));
  return trim_marks(s);
}

int32_t sentence_start(const UnicodeString& t, int32_t at) {
  while (at > 0 && !is_sentence_end(t.charAt(at - 1))) --at;
  return at;
}

UnicodeString from_qualification(const UnicodeString& text) {
  const UnicodeString t = detail::fold_field_width(text);
  for (int32_t at = t.indexOf(UnicodeString(u"违反")); at >= 0; at = t.indexOf(UnicodeString(u"违反"), at + 2)) {
    int32_t k = at + 2;
    if (k < t.length() && t.charAt(k) == u'了') ++k;
    if (k >= t.length() || t.charAt(k) != u'《') continue;  // "违反" not naming a law
    const int32_t s0 = sentence_start(t, at);
    UnicodeString act = act_of({text, t, s0, at});
    if (points_back(act) && s0 > 0) {  // the sentence before, without its 。 and line end
      int32_t e = s0;
      while (e > 0 && is_sentence_end(t.charAt(e - 1))) --e;
      act = act_of({text, t, sentence_start(t, e), e});
    }
    if (!points_back(act) && act.length() <= kMaxChars) return act;
    return provision(text, t, at);
  }
  return {};
}

}  // namespace

std::string violation_of(std::string_view decision_text) {
  for (const char* label : {"违法行为", "违法事实及证据", "违法事实"}) {
    const std::string v = labelled_value(decision_text, label);
    if (v.empty()) continue;
    const UnicodeString text = detail::from_utf8(v), folded = detail::fold_field_width(text);
    const UnicodeString act = act_of({text, folded, 0, folded.length()});
    if (!act.isEmpty() && act.length() <= kMaxChars) return detail::to_utf8(act);
  }
  return detail::to_utf8(from_qualification(detail::from_utf8(decision_text)));
}

}  // namespace lh::normalize
