#include "compose/case_facts.h"


#include "normalize/doc_facts.h"
#include "normalize/fields.h"
#include "normalize/unicode.h"

namespace lh::compose {
using json = nlohmann::json;

namespace {

// The party as a 案由 may open with it: the whole name, or its shop name, the name without the place
// in front ("惠民超市" of "青禾县白沙镇惠民超市"), at least three characters so that a word of the
// cause is not taken for one ("超市…"). Empty when the cause does not open with the party.
std::string party_in_front(const std::string& cause, const std::string& party) {
  constexpr size_t kShortest = 3;
  // The whole name however short (at 0), its tails of kShortest characters or more.
  for (size_t at = 0, left = normalize::code_points(party); at < party.size() && (at == 0 || left >= kShortest); --left) {
    if (cause.compare(0, party.size() - at, party, at, std::string::npos) == 0) return party.substr(at);
    do ++at;
    while (at < party.size() && (static_cast<unsigned char>(party[at]) & 0xC0) == 0x80);
  }
  return {};
}

// 案由 as the 立案审批表 (范本 No. 7) or a report writes it: 案由, else the 案件名称 (当事人 + 违法行为 +
// 案, domain.md §2) with the party and 案 taken off; 涉嫌 dropped when the case holds a decision
// (`decided`: the cover states what was decided). A case closed without one (a 撤销立案, a case
// still open) was only suspected: its 涉嫌 stays, or the cover would charge a party nobody decided
// against (another office's revoked case read "…经营超过保质期的食品原料案").
// The party goes whether the cause names it whole or by its shop name: the 案件名称 puts the whole
// name in front again, once.
std::string cause_from(const std::string& text, const std::string& party, bool decided) {
  std::string v = normalize::labelled_value(text, "案由");
  bool from_name = false;
  if (v.empty()) { v = normalize::labelled_value(text, "案件名称"); from_name = true; }
  if (v.empty()) v = normalize::labelled_value(text, "违法行为");
  auto drop_front = [&](const std::string& w) { if (!w.empty() && v.rfind(w, 0) == 0) v.erase(0, w.size()); };
  drop_front(party_in_front(v, party));
  if (decided) drop_front("涉嫌");
  const std::string an = "案";
  if ((from_name || v.size() > an.size()) && v.size() >= an.size() && v.compare(v.size() - an.size(), an.size(), an) == 0)
    v.erase(v.size() - an.size());
  return v;
}

// The cover of a public volume: every fact taken from the documents, masked.
void mask_facts(CaseFacts& f) {
  for (std::string* v : {&f.case_number, &f.cause, &f.party, &f.result, &f.case_name})
    *v = normalize::mask_personal_numbers(*v);
}

// 案号, 年度 and the longest 保管期限 of the case's items; the office's own facts.
void filing_facts(CaseFacts& f, const std::vector<VolumePart>& parts, const filing::Scheme& s,
                  const filing::Office& o, const VolumeOptions& opt) {
  f.fonds = o.fonds;
  f.office = o.name;
  f.catalogue_no = opt.catalogue_no;
  f.volume_no = opt.volume_no;
  f.archived = opt.archived_date;
  std::string best_retention;
  for (const auto& pv : parts) {
    const json* it = pv.item;
    if (f.case_number.empty()) f.case_number = it->value("case_number", "");
    if (f.year.empty() && it->contains("year")) f.year = std::to_string(it->value("year", 0));
    std::string r = it->value("retention", "");
    if (best_retention.empty() || s.retention_rank(r) > s.retention_rank(best_retention)) best_retention = r;
  }
  f.retention = best_retention;
  f.retention_name = s.period(best_retention) ? s.period(best_retention)->name : best_retention;
}

// A 简易程序 case, as the scheme's retention rule tells it (templates/scheme/default.xml: a 当场行政处罚
// 决定书, No. 44, and no 立案审批表 or other decision, No. 7, 45, 46): decided on the spot
// (《行政处罚法》第五十一条、第五十二条; 《市场监督管理行政处罚程序规定》第六十六条、第六十七条).
bool simplified_procedure(const std::vector<VolumePart>& parts) {
  bool on_the_spot = false;
  for (const auto& pv : parts) {
    const int d = pv.item->value("doc_number", 0);
    if (d == 7 || d == 45 || d == 46) return false;
    on_the_spot = on_the_spot || d == 44;
  }
  return on_the_spot;
}

// The dates of a 简易程序 case and why (the notes go to the 备考表). 立案 is a step of the 普通程序
// (程序规定第十九条); the 简易程序 (第四章) has none, so 立案日期 does not apply. 结案审批表 is for
// 普通程序 cases only (第七十七条); the case ends with the decision made and handed over on the spot
// (第六十七条), and its materials are archived within seven working days of that day (第七十条):
// 结案日期 is the decision's date.
void simplified_dates(CaseFacts& f, const std::vector<VolumePart>& parts) {
  f.simplified = true;
  f.notes.push_back("立案日期不适用：本案适用简易程序，当场作出行政处罚决定（《中华人民共和国行政处罚法》第五十一条、第五十二条，"
                    "《市场监督管理行政处罚程序规定》第六十六条、第六十七条），简易程序不立案，卷内无立案审批表。");
  if (!f.closed.empty()) return;
  for (const auto& pv : parts)
    if (pv.item->value("doc_number", 0) == 44 && !pv.item->value("date", "").empty()) {
      f.closed = pv.item->value("date", "");
      break;
    }
  if (!f.closed.empty())
    f.notes.push_back("结案日期取当场行政处罚决定书的作出日期：简易程序无结案审批表（《市场监督管理行政处罚程序规定》第七十七条只适用普通程序），"
                      "决定当场作出并交付当事人，材料自作出决定之日起七个工作日内归档（同规定第六十七条、第七十条）。");
}

// 案由, 当事人, 处罚结果, 立案日期 and 结案日期 from the documents' text and dates.
void document_facts(CaseFacts& f, const std::vector<VolumePart>& parts) {
  auto by_doc = [&](std::initializer_list<int> docs) -> const ItemPages* {
    for (int d : docs)
      for (const auto& pv : parts)
        if (pv.item->value("doc_number", 0) == d && !pv.pages->text.empty()) return pv.pages;
    return nullptr;
  };
  const std::vector<const ItemPages*> sources = {by_doc({7}), by_doc({45, 44, 46}), by_doc({35}), by_doc({1})};
  for (const ItemPages* p : sources)
    if (p && f.party.empty())
      f.party = p->fields.parties.empty() ? normalize::labelled_value(p->text, "当事人") : p->fields.parties.front();
  bool decided = false;  // a 当场, 行政处罚 or 不予行政处罚决定书 (范本 No. 44, 45, 46) is in the case
  for (const auto& pv : parts) {
    const int d = pv.item->value("doc_number", 0);
    decided = decided || (d >= 44 && d <= 46);
  }
  for (const ItemPages* p : sources)
    if (p && f.cause.empty()) f.cause = cause_from(p->text, f.party, decided);
  // No 案由 written as such (a 当场行政处罚决定书 has no 立案审批表): the 违法行为 the decision states.
  if (const ItemPages* d = by_doc({45, 44, 46}); d && f.cause.empty()) {
    f.cause = normalize::violation_of(d->text);
    const std::string what = d->fields.doc_type.empty() ? std::string("行政处罚决定书") : d->fields.doc_type;
    if (!f.cause.empty()) f.notes.push_back("案由取自" + what + "所载违法行为（卷内无写明案由的立案审批表）。");
  }
  // 处罚结果: the decision's operative part in short, never its 履行/复议/诉讼 notices.
  if (const ItemPages* d = by_doc({45, 44, 46})) f.result = normalize::penalty_summary(d->text);
  for (const auto& pv : parts) {
    int dn = pv.item->value("doc_number", 0);
    if (dn == 7 && f.opened.empty()) f.opened = pv.item->value("date", "");
    if (dn == 53 && f.closed.empty()) f.closed = pv.item->value("date", "");
  }
  if (simplified_procedure(parts)) simplified_dates(f, parts);
}

}  // namespace

CaseFacts case_facts(const std::vector<VolumePart>& parts, const filing::Scheme& s, const filing::Office& o,
                     const VolumeOptions& opt, std::vector<std::string>& problems) {
  CaseFacts f;
  filing_facts(f, parts, s, o, opt);
  document_facts(f, parts);
  const json* first = parts.empty() ? nullptr : parts.front().item;
  if (f.case_number.empty()) f.case_number = first ? first->value("case_name", "") : "";
  if (f.cause.empty() && first) {  // the case folder name without its 案号
    std::string n = first->value("case_name", "");
    if (!f.case_number.empty() && n.find(f.case_number) != std::string::npos) n.erase(n.find(f.case_number), f.case_number.size());
    while (!n.empty() && (n[0] == ' ')) n.erase(0, 1);
    if (n != f.case_number) f.cause = n;
  }
  if (!f.party.empty() && !f.cause.empty()) f.case_name = f.party + f.cause + "案";  // domain.md §2 案件名称
  if (opt.mask) mask_facts(f);
  if (f.cause.empty()) problems.push_back("案由未能从立案审批表或决定书中取得，封面留空");
  if (f.party.empty()) problems.push_back("当事人未能从文书中取得，封面留空");
  if (f.result.empty()) problems.push_back("处罚结果未能从行政处罚决定书中取得，封面留空");
  if (f.opened.empty() && !f.simplified) problems.push_back("没有立案审批表：立案日期留空");
  if (f.closed.empty()) problems.push_back("没有结案审批表：结案日期留空");
  return f;
}

}  // namespace lh::compose
