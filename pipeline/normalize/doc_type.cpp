// 文书类型 against 《市场监督管理行政处罚文书格式范本（2021年修订版）》 (国市监法发〔2021〕42号,
// 56 documents; numbered list in domain.md §2, from two public parsers of the official PDF).
// Names are kept in full, slashed variants included (立案/不予立案审批表); each entry also lists the
// shorter titles offices actually print (立案审批表, 不予立案审批表, 扣押物品移送告知书 …).
//
// Matching: white space is removed (Word titles are spaced: 行 政 处 罚 决 定 书), full-width forms are
// folded, 、 and ／ read as /. Bracketed remarks — （副本）, （送达回证） — are ignored on a first pass.
// Among the names found, the one ending last wins (the 文种 closes a title: 行政处罚决定书送达回证 is a
// 送达回证), then the longest (当场行政处罚决定书 over 行政处罚决定书, 不予行政处罚决定书 over
// 行政处罚决定书, 解除先行登记保存证据通知书 over 先行登记保存证据通知书).
//
// Decisions: 现场检查笔录 is No. 9 现场笔录. 检查记录 (日常监督检查记录, 现场检查记录) is not a 范本
// document: number 0 with name "检查记录". 行政处罚事先告知书 (the pre-2019 name) is No. 37, and so is
// a separate 行政处罚听证告知书 of the older forms: 程序规定 第五十七条 gives the hearing right in the one
// 告知 before a decision, served on the party (第七十八条 正卷: 对当事人制发的其他法律文书). 撤销立案审批表
// ends in 立案审批表 but approves another matter in an opened case, not its opening (第十九条): it is
// No. 8, the 范本's form for such approvals (its approval forms are No. 7 立案/不予立案, 8 有关事项,
// 43 行政处理决定 and 53 结案), filed in the 副卷's 其他有关材料, never as the form that opened the case.
// The same holds for every approval titled by its matter (延长办案期限审批表, 中止调查审批表, 先行登记保存
// 审批表, 案件移送审批表 …): the 范本 has one form for approving 有关事项 of a case, No. 8, and names no
// other 审批表 than 7, 8, 43 and 53 — so a title ending in 审批表 that names none of them is No. 8
// (is_matter_approval_title), on the form of a case only (approval_of_a_case_matter: an office's
// 请休假审批表 is no case document). 涉案物品处理记录 (No. 52) is named by its head noun 物品处理记录
// (罚没物品处理记录, 没收物品处理记录 of older forms). A 没收物品清单 lists the goods taken, not their
// disposal, and no 范本 form has its name (No. 24 is the list of a 查封/扣押): it stays untyped.
#include <algorithm>
#include <memory>
#include <string>

#include "normalize/field_text.h"
#include "normalize/doc_facts.h"
#include "normalize/fields.h"

namespace lh::normalize {
namespace {

struct Entry {
  int number;
  const char* name;
  std::vector<const char*> aliases;  // besides the name itself
};

const std::vector<Entry>& table() {
  static const std::vector<Entry> t = {
      {1, "案件来源登记表", {}},
      {2, "指定管辖通知书", {}},
      {3, "案件交办通知书", {}},
      {4, "案件移送函", {}},
      {5, "涉嫌犯罪案件移送书", {}},
      {6, "查封/扣押物品移送告知书", {"查封扣押物品移送告知书", "查封物品移送告知书", "扣押物品移送告知书"}},
      {7, "立案/不予立案审批表", {"立案审批表", "不予立案审批表"}},
      {8, "行政处罚案件有关事项审批表", {"撤销立案审批表"}},
      {9, "现场笔录", {"现场检查笔录"}},
      {10, "送达地址确认书", {}},
      {11, "证据提取单", {}},
      {12, "电子数据证据提取笔录", {}},
      {13, "询问通知书", {}},
      {14, "询问笔录", {}},
      {15, "限期提供材料通知书", {}},
      {16, "协助辨认/鉴别通知书", {"协助辨认鉴别通知书", "协助辨认通知书", "协助鉴别通知书"}},
      {17, "协助调查函", {}},
      {18, "协助扣押通知书", {}},
      {19, "先行登记保存证据通知书", {}},
      {20, "解除先行登记保存证据通知书", {}},
      {21, "实施行政强制措施决定书", {}},
      {22, "延长行政强制措施期限决定书", {}},
      {23, "解除行政强制措施决定书", {}},
      {24, "场所/设施/财物清单", {"场所设施财物清单", "场所清单", "设施清单", "财物清单"}},
      {25, "封条", {}},
      {26, "实施行政强制措施场所/设施/财物委托保管书",
       {"实施行政强制措施场所设施财物委托保管书", "委托保管书"}},
      {27, "先行处置物品确认书", {}},
      {28, "先行处置物品公告", {}},
      {29, "抽样记录", {}},
      {30, "检测/检验/检疫/鉴定委托书",
       {"检测检验检疫鉴定委托书", "检测委托书", "检验委托书", "检疫委托书", "鉴定委托书"}},
      {31, "检测、检验、检疫、鉴定期间告知书",
       {"检测检验检疫鉴定期间告知书", "检测期间告知书", "检验期间告知书", "检疫期间告知书", "鉴定期间告知书"}},
      {32, "检测、检验、检疫、鉴定结果告知书",
       {"检测检验检疫鉴定结果告知书", "检测结果告知书", "检验结果告知书", "检疫结果告知书", "鉴定结果告知书"}},
      {33, "责令改正通知书", {"责令限期改正通知书"}},
      {34, "责令退款通知书", {}},
      {35, "案件调查终结报告", {"调查终结报告"}},
      {36, "案件审核/法制审核表", {"案件审核法制审核表", "案件审核表", "法制审核表"}},
      {37, "行政处罚告知书", {"行政处罚事先告知书", "行政处罚听证告知书", "听证告知书"}},
      {38, "陈述申辩笔录", {}},
      {39, "行政处罚听证通知书", {}},
      {40, "听证笔录", {}},
      {41, "听证报告", {}},
      {42, "行政处罚案件集体讨论记录", {"集体讨论记录"}},
      {43, "行政处理决定审批表", {}},
      {44, "当场行政处罚决定书", {}},
      {45, "行政处罚决定书", {}},
      {46, "不予行政处罚决定书", {}},
      {47, "延期/分期缴纳罚款通知书", {"延期分期缴纳罚款通知书", "延期缴纳罚款通知书", "分期缴纳罚款通知书"}},
      {48, "行政处罚决定履行催告书", {"催告书"}},
      {49, "强制执行申请书", {}},
      {50, "送达回证", {}},
      {51, "行政处罚文书送达公告", {}},
      {52, "涉案物品处理记录", {"物品处理记录"}},
      {53, "结案审批表", {}},
      {54, "卷宗封面", {"案卷封面"}},
      {55, "卷内文件目录", {"卷内目录"}},
      {56, "卷内备考表", {}},
  };
  return t;
}

// Spaces out, widths folded, 、 and ／ as '/'.
icu::UnicodeString canon(const icu::UnicodeString& s) {
  icu::UnicodeString out = detail::strip_spaces(detail::fold_field_width(s));
  out.findAndReplace(icu::UnicodeString(u"、"), icu::UnicodeString(u"/"));
  return out;
}

// Drops (…) […] 【…】 〔…〕 remarks (after width folding), innermost-agnostic, unbalanced kept.
icu::UnicodeString drop_remarks(const icu::UnicodeString& s) {
  icu::UnicodeString out;
  int depth = 0;
  for (int32_t i = 0; i < s.length(); ++i) {
    char16_t c = s.charAt(i);
    if (c == u'(' || c == u'[' || c == u'【' || c == u'〔') { ++depth; continue; }
    if ((c == u')' || c == u']' || c == u'】' || c == u'〕') && depth > 0) { --depth; continue; }
    if (depth == 0) out.append(c);
  }
  return depth == 0 ? out : s;
}

struct Pattern {
  int number;
  icu::UnicodeString text;
};

const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> p = [] {
    std::vector<Pattern> v;
    for (auto& e : table()) {
      v.push_back({e.number, canon(detail::from_utf8(e.name))});
      for (auto* a : e.aliases) v.push_back({e.number, canon(detail::from_utf8(a))});
    }
    return v;
  }();
  return p;
}

int match(const icu::UnicodeString& t) {
  int best = 0;
  int32_t best_end = -1, best_len = -1;
  for (auto& p : patterns()) {
    int32_t at = t.lastIndexOf(p.text);
    if (at < 0) continue;
    int32_t end = at + p.text.length();
    if (end > best_end || (end == best_end && p.text.length() > best_len)) {
      best = p.number;
      best_end = end;
      best_len = p.text.length();
    }
  }
  return best;
}

DocType make(int number) {
  if (number <= 0) return {};
  return {number, table()[static_cast<size_t>(number - 1)].name};
}

// The routine inspection's own forms under their usual names: 日常监督检查表 (domain.md §3), the
// 要点表 and 结果记录表 of 《食品生产经营日常监督检查管理办法》 (表1-1…1-4, 表2), any "…检查表".
bool is_inspection_form_name(const icu::UnicodeString& t) {
  const icu::UnicodeString body = drop_remarks(t);
  if (body.endsWith(icu::UnicodeString(u"检查表"))) return true;
  return body.indexOf(icu::UnicodeString(u"监督检查")) >= 0 &&
         (body.endsWith(icu::UnicodeString(u"记录表")) || body.endsWith(icu::UnicodeString(u"要点表")));
}

// An approval titled by its matter (延长办案期限审批表, 解除查封扣押审批表): a title ending in 审批表
// that names none of the 范本's approval forms (match found nothing), whose one form for approving a
// matter of a case is No. 8 行政处罚案件有关事项审批表.
bool is_matter_approval_title(const icu::UnicodeString& t) {
  return drop_remarks(t).endsWith(icu::UnicodeString(u"审批表"));
}

constexpr int kMatterApproval = 8;

// One line as a title: 范本 first (remarks dropped, then kept), then an approval of a matter (No. 8),
// then 检查记录 and its forms.
DocType classify_line(const icu::UnicodeString& line) {
  const icu::UnicodeString t = canon(line);
  if (t.isEmpty()) return {};
  int n = match(drop_remarks(t));
  if (n == 0) n = match(t);
  if (n > 0) return make(n);
  if (is_matter_approval_title(t)) return make(kMatterApproval);
  if (t.indexOf(icu::UnicodeString(u"检查记录")) >= 0 || is_inspection_form_name(t)) return {0, "检查记录"};
  return {};
}

}  // namespace

const std::vector<std::string>& fanben_2021_documents() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (auto& e : table()) v.emplace_back(e.name);
    return v;
  }();
  return names;
}

DocType classify_doc_type(std::string_view title, std::string_view text_head) {
  DocType d = classify_line(detail::from_utf8(title));
  if (d.number > 0 || !d.name.empty()) return d;
  // Title says nothing: the first short lines of the text (agency name, then the document's title).
  constexpr int kMaxLines = 10;
  constexpr int32_t kMaxTitleChars = 30;
  const icu::UnicodeString head = detail::from_utf8(text_head);
  int lines = 0;
  int32_t at = 0;
  while (at < head.length() && lines < kMaxLines) {
    int32_t nl = head.indexOf(u'\n', at);
    if (nl < 0) nl = head.length();
    icu::UnicodeString line = detail::strip_spaces(icu::UnicodeString(head, at, nl - at));
    at = nl + 1;
    if (line.isEmpty()) continue;
    ++lines;
    if (line.length() > kMaxTitleChars) continue;  // a sentence of the body, not a title
    d = classify_line(line);
    if (d.number > 0 || !d.name.empty()) return d;
  }
  return {};
}

namespace {
bool has(std::string_view hay, const char* needle) { return hay.find(needle) != std::string_view::npos; }

// The marks of a case's form: a 案号, or the words a case's forms print (当事人, 案由, 案件名称, 涉嫌,
// 立案) and an office's routine or internal papers do not.
bool on_case_form(const std::string& flat_text, bool has_case_number) {
  static const char* kCaseForm[] = {"当事人", "涉嫌", "立案", "案件", "案由"};
  bool case_form = has_case_number;
  for (const char* w : kCaseForm) case_form = case_form || has(flat_text, w);
  return case_form;
}
}  // namespace

// 现场检查笔录 is a title two different forms carry (issue 9: a routine record was filed as a case's
// evidence). 2021 范本 No. 9 现场笔录 is evidence in a case: it names a 当事人 and is made for a case
// (案号, 涉嫌, 立案). An office's routine inspection (日常监督检查, 《市场监督管理行政处罚程序规定》
// does not govern it) names a 被检查单位 / 检查对象 and records 检查内容 / 检查结果: 检查记录, not a 范本
// document. So No. 9 stays No. 9 only on the form of a case; the title word 检查 with no case form, or
// the routine form with no case form, makes it 检查记录.
DocType tell_inspection_from_evidence(const DocType& d, std::string_view title, std::string_view text,
                                      bool has_case_number) {
  if (d.number != 9) return d;
  static const char* kRoutineForm[] = {"被检查单位", "检查对象", "检查内容", "检查结果", "日常监督", "监督检查"};
  const std::string flat_title = detail::to_utf8(canon(detail::from_utf8(title)));
  const std::string flat_text = detail::to_utf8(detail::strip_spaces(detail::from_utf8(text)));
  if (on_case_form(flat_text, has_case_number)) return d;
  bool routine = has(flat_title, "检查笔录") || has(flat_text.substr(0, std::min<size_t>(flat_text.size(), 600)), "检查笔录");
  for (const char* w : kRoutineForm) routine = routine || has(flat_text, w);
  return routine ? DocType{0, "检查记录"} : d;
}

// No. 8 approves a matter of a case (范本 No. 8 行政处罚案件有关事项审批表; its own name says 案件, and
// 撤销立案审批表 says 立案): a 审批表 with no mark of a case is the office's own paper (请休假审批表,
// 公务接待审批表 of the 文书档案), not a case's, and gets no 范本 type, so it is never drawn into a case.
DocType approval_of_a_case_matter(const DocType& d, std::string_view title, std::string_view text,
                                  bool has_case_number) {
  if (d.number != kMatterApproval) return d;
  const std::string flat = detail::to_utf8(canon(detail::from_utf8(title))) + "\n" +
                           detail::to_utf8(detail::strip_spaces(detail::from_utf8(text)));
  return on_case_form(flat, has_case_number) ? d : DocType{};
}

// Exactly a name or alias of the table (remarks such as （副本） dropped), or one of the 检查记录
// forms' names: nothing in it says whose document it is.
bool is_bare_form_title(std::string_view title) {
  const icu::UnicodeString t = drop_remarks(canon(detail::from_utf8(title)));
  if (t.isEmpty()) return false;
  for (auto& p : patterns())
    if (t == p.text) return true;
  for (const char16_t* n : {u"检查记录", u"现场检查记录", u"日常检查记录", u"日常监督检查记录", u"监督检查记录",
                            u"日常监督检查记录表", u"检查记录表", u"日常监督检查表", u"日常监督检查结果记录表",
                            u"日常监督检查要点表"})
    if (t == icu::UnicodeString(n)) return true;
  return false;
}

}  // namespace lh::normalize
