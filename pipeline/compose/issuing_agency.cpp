#include "compose/issuing_agency.h"

#include <unicode/unistr.h>

#include <regex>
#include <vector>

namespace lh::compose {

namespace {

// Lines of a text with their white space removed (Word and PDF text often space out names:
// 南 岭 县 市 场 …); a tab (a table row) becomes '|' so the row is never taken for a name.
std::vector<std::string> compact_lines(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(cur);
    cur.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') { flush(); continue; }
    if (c == '\t') { cur += '|'; continue; }
    if (c == ' ' || c == '\r' || c == '\f') continue;
    if (text.compare(i, 3, "\u3000") == 0 || text.compare(i, 3, "\uFEFF") == 0) { i += 2; continue; }
    if (text.compare(i, 2, "\u00A0") == 0) { i += 1; continue; }
    cur += c;
  }
  flush();
  return out;
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char b : s) n += (b & 0xC0) != 0x80;
  return n;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The name without a trailing seal note: 南岭县市场监督管理局（印章） → 南岭县市场监督管理局. Other
// parentheses are part of the name (…管理局（知识产权局）).
std::string without_seal_note(std::string s) {
  for (const char* note : {"（印章）", "（盖章）", "（公章）", "（章）", "(印章)", "(盖章)", "(公章)"})
    if (ends_with(s, note)) s.resize(s.size() - std::string(note).size());
  return s;
}

// An organisation's name as a line of its own: 4–40 characters, no digits, no sentence or field
// punctuation, no signature words, ending with the word for an organisation (局, 所, 办公室, …,
// 公司 for a party's own paper). A parenthesised end (…局（知识产权局）) is judged by what precedes it.
bool is_agency_name(const std::string& line_in) {
  const std::string line = without_seal_note(line_in);
  const size_t n = code_points(line);
  if (n < 4 || n > 40) return false;
  for (char c : line)
    if ((c >= '0' && c <= '9') || c == '|' || c == ':' || c == ',' || c == ';' || c == '"' || c == '/' || c == '-')
      return false;
  for (const char* bad : {"：", "，", "。", "；", "、", "“", "”", "《", "》", "？", "！", "—", "…", "·", "〔", "〕", "【", "】",
                          "签名", "签字", "签章", "盖章", "日期", "电话", "地址"})
    if (line.find(bad) != std::string::npos) return false;
  std::string base = line;
  if (ends_with(base, "）")) {
    size_t open = base.rfind("（");
    if (open == std::string::npos || open == 0) return false;
    base.resize(open);
  }
  for (const char* end : {"局", "所", "办公室", "委员会", "委", "办", "厅", "院", "政府", "中心", "队", "站", "科", "股", "处",
                          "室", "部", "公司", "厂", "店", "社", "协会"})
    if (ends_with(base, end) && code_points(base) >= 4) return true;
  return false;
}

// A 成文日期 on a line of its own: 2024年5月6日, 二〇二四年五月六日, 2024.3.5, 2024-03-05.
bool is_date_line(const std::string& line) {
  static const std::regex digits(R"(^[0-9]{4}(年[0-9]{1,2}月[0-9]{1,2}日|[./-][0-9]{1,2}[./-][0-9]{1,2})$)");
  static const std::regex hanzi("^(〇|○|零|一|二|三|四|五|六|七|八|九|十)+年(〇|○|零|一|二|三|四|五|六|七|八|九|十)+月"
                                "(〇|○|零|一|二|三|四|五|六|七|八|九|十)+日$");
  return std::regex_match(line, digits) || std::regex_match(line, hanzi);
}

// 发文机关标志: the first line, "…文件" dropped (GB/T 9704-2012 §7.2.4).
std::string header_agency(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  std::string first = lines.front();
  if (ends_with(first, "文件")) first.resize(first.size() - std::string("文件").size());
  return is_agency_name(first) ? without_seal_note(first) : std::string();
}

// Roles by which a party signs a paper it wrote itself, so that the signer is its 署名者 and the
// 责任者 (DA/T 22-2015 §5.5 编目; DA/T 22-2000 §5.5.1.2 words it "制发文件的组织或个人，即文件的
// 发文机关或署名者"): a 陈述申辩书 (行政处罚法 第四十五条), an 听证 or 复议 申请书, a 授权委托书, a
// complaint, an undertaking. Roles that sign someone else's paper to confirm it are not roles of
// authorship: 当事人、被询问人、被检查人 and 受送达人 sign the office's 笔录 and 送达回证, 执法人员、
// 检查人员、记录人 are the office's own, and 法定代表人 signs under the company that is the author.
constexpr const char* kAuthorRoles[] = {"申辩人", "陈述人", "陈述申辩人", "申请人", "听证申请人", "复议申请人", "委托人",
                                        "投诉人", "举报人", "承诺人", "声明人"};

// The role a signature label names, its notes on how to sign dropped: 申辩人（签名）, 委托人签字,
// 申请人（签名或盖章） → 申辩人, 委托人, 申请人.
std::string role_of(std::string label) {
  if (ends_with(label, "）"))
    if (size_t open = label.rfind("（"); open != std::string::npos && open > 0) label.resize(open);
  for (const char* how : {"签名", "签字", "签章", "盖章"})
    if (ends_with(label, how)) label.resize(label.size() - std::string(how).size());
  return label;
}

// The name a party signs with after a role of authorship: an organisation's (is_agency_name, its
// seal note dropped), else a person's: Han characters only (a minority name may have its ·), 2–20
// of them. A note on whom the person acts for, 李国华（惠民超市）, is no part of the name and is
// dropped: the 署名 is the person's (the case's other papers name the business), and such notes
// vary from one paper of the same signer to the next.
std::string signed_name(std::string value) {
  value = without_seal_note(value);
  if (is_agency_name(value)) return value;
  if (ends_with(value, "）"))
    if (size_t open = value.rfind("（"); open != std::string::npos) value.resize(open);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(value);
  if (u.length() < 2 || u.length() > 20) return {};
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    const bool han = (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
    if (!han && c != u'·' && c != u'•') return {};
  }
  for (const char* blank : {"本人", "签名", "签字", "盖章"})
    if (value == blank) return {};
  return value;
}

// The author a signature line names: the line itself when it is an organisation
// (南岭县市场监督管理局), whoever signs by a role of authorship (申辩人：李国华, 委托人（盖章）：
// 南岭县鲜丰食品贸易有限公司), or the organisation in another signer's field (…单位：…有限公司).
// A person signing in any other role (被询问人签名：王振东, 执法人员：张伟) names none.
std::string signer(const std::string& line, bool party_may_author) {
  if (is_agency_name(line)) return without_seal_note(line);
  // The field's colon, full-width or (typed on an English keyboard) ASCII.
  const size_t wide = line.rfind("："), narrow = line.rfind(':');
  const bool is_wide = wide != std::string::npos && (narrow == std::string::npos || wide > narrow);
  const size_t colon = is_wide ? wide : narrow;
  if (colon == std::string::npos) return {};
  const std::string label = line.substr(0, colon), value = line.substr(colon + (is_wide ? 3 : 1));
  const std::string role = role_of(label);
  for (const char* r : kAuthorRoles)
    if (role == r) {
      if (party_may_author)
        if (std::string who = signed_name(value); !who.empty()) return who;
      // On the office's own form the role is the officer's (申请人 asking the 负责人) or the party's
      // confirming the office's record: a person there is no author. An organisation there is the
      // office or its 局 (No. 49 强制执行申请书: 申请人：…市场监督管理局), named as before.
      if (!party_may_author && !is_agency_name(value)) return {};
    }
  const bool signer_field = label.find("人") != std::string::npos || label.find("单位") != std::string::npos ||
                            label.find("机关") != std::string::npos;
  return signer_field && is_agency_name(value) ? without_seal_note(value) : std::string();
}

// 落款: the organisation signing just above the closing date (within three lines: a 法定代表人 line
// may stand between), near the end of the text.
// A business's name (the endings is_agency_name admits for a party's own paper): on the office's
// own form it is the 当事人 the form is about, never its author.
bool is_business_name(const std::string& name) {
  for (const char* end : {"公司", "厂", "店", "社"})
    if (ends_with(name, end)) return true;
  return false;
}

std::string signature_agency(const std::vector<std::string>& lines, bool party_may_author) {
  const size_t n = lines.size();
  for (size_t i = n; i-- > 1 && n - i <= 16;) {
    if (!is_date_line(lines[i])) continue;
    for (size_t k = i; k-- > 0 && i - k <= 3;)
      if (std::string who = signer(lines[k], party_may_author); !who.empty() && (party_may_author || !is_business_name(who)))
        return who;
  }
  return {};
}

// A 笔录 naming the office that inspected (检查机关：…所, 执法机关：…): that office made the record,
// whatever letterhead the form carries.
std::string inspecting_office(const std::vector<std::string>& lines) {
  for (size_t i = 0; i < lines.size() && i < 40; ++i)
    for (const char* label : {"检查机关：", "检查单位：", "检查机构：", "执法机关：", "执法单位："})
      if (lines[i].rfind(label, 0) == 0) {
        std::string name = without_seal_note(lines[i].substr(std::string(label).size()));
        if (is_agency_name(name)) return name;
      }
  return {};
}

// A 公文 title naming its issuer: 南岭县市场监督管理局办公室关于做好…的通知.
std::string title_agency(const std::vector<std::string>& lines) {
  if (lines.empty()) return {};
  size_t at = lines.front().find("关于");
  if (at == std::string::npos || at == 0) return {};
  std::string prefix = lines.front().substr(0, at);
  return is_agency_name(prefix) ? prefix : std::string();
}
// Whose paper a document is, decided by its kind, not by a signature's role word: 申请人 and 承办人
// sign the office's internal 审批表 as the officer asking the 负责人 for approval. Every form of
// 《市场监督管理行政处罚文书格式范本（2021年修订版）》 (国市监法发〔2021〕42号, No. 1–56; domain.md §2)
// is one the office makes: its 审批表 (No. 7 立案/不予立案, 8 有关事项, 43 行政处理决定, 53 结案), its 笔录
// (No. 38 陈述申辩笔录 records the party's statement, which the party signs to confirm), its 强制执行申请书
// (No. 49, the office applying to the court). Offices title No. 8 by the matter it asks approval for
// (延长办案期限审批表, 先行登记保存审批表, 行政强制措施审批表): normalize types those No. 8 on a case's
// form (doc_type.cpp, approval_of_a_case_matter), so kind.fanben holds them. The word 审批表/呈批表 in
// the 题名 still counts for the approvals that are no case's (an office's 请休假审批表, untyped there)
// and for 呈批表, the older usage normalize does not type. A party's own
// paper (陈述申辩书, 听证申请书, 延期缴纳罚款申请书, 授权委托书) is no 范本 form: its signer is its author.
bool is_office_form(const DocumentKind& kind) {
  constexpr int kFanbenForms = 56;
  if (kind.fanben >= 1 && kind.fanben <= kFanbenForms) return true;
  for (const char* approval : {"审批表", "呈批表"})
    if (kind.title.find(approval) != std::string::npos) return true;
  return false;
}

std::string agency_in(const std::vector<std::string>& lines, bool party_may_author) {
  for (auto find : {inspecting_office, header_agency})
    if (std::string a = find(lines); !a.empty()) return a;
  if (std::string a = signature_agency(lines, party_may_author); !a.empty()) return a;
  return title_agency(lines);
}
}  // namespace

std::string issuing_agency(const std::string& text) { return agency_in(compact_lines(text), true); }

std::string responsible_party(const std::string& text, const filing::Office& o, const DocumentKind& kind) {
  std::string a = agency_in(compact_lines(text), !is_office_form(kind));
  return a.empty() ? o.name : a;
}

}  // namespace lh::compose
