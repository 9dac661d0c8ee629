#include "compose/case_facts.h"

#include <algorithm>
#include <sstream>

#include "normalize/fields.h"

namespace lh::compose {
using json = nlohmann::json;

namespace {

// The value written after a label in a form: "案由\t涉嫌…", "案由：…".
std::string label_value(const std::string& text, const std::string& label) {
  size_t pos = 0;
  while ((pos = text.find(label, pos)) != std::string::npos) {
    size_t v = pos + label.size();
    auto skip = [&](const std::string& s) {
      if (text.compare(v, s.size(), s) == 0) { v += s.size(); return true; }
      return false;
    };
    bool sep = false;
    while (skip("\t") || skip("：") || skip(":") || skip(" ") || skip("　")) sep = true;
    if (sep) {
      size_t end = text.find_first_of("\t\n", v);
      std::string val = text.substr(v, end == std::string::npos ? std::string::npos : end - v);
      if (!val.empty()) return val;
    }
    pos += label.size();
  }
  return {};
}

// 处罚结果 from a decision's text: the numbered lines after "如下行政处罚", else the sentence
// holding "罚款". Empty when neither is there.
std::string penalty_result(const std::string& text) {
  for (const char* marker : {"如下行政处罚", "处罚如下", "作出如下处罚"}) {
    size_t p = text.find(marker);
    if (p == std::string::npos) continue;
    size_t nl = text.find('\n', p);
    std::string out;
    std::istringstream lines(nl == std::string::npos ? "" : text.substr(nl + 1));
    std::string line;
    for (int n = 0; n < 6 && std::getline(lines, line); ++n) {
      if (line.empty()) continue;
      if (line.find("、") != std::string::npos && line.find("、") < 8 && line.find("罚") == std::string::npos) break;
      if (line.find("履行") != std::string::npos) break;
      out += (out.empty() ? "" : "") + line;
      if (out.size() > 300) break;
    }
    if (!out.empty()) return out;
  }
  size_t p = text.find("罚款");
  if (p == std::string::npos) return {};
  size_t b = text.rfind("。", p);
  b = b == std::string::npos ? 0 : b + std::string("。").size();
  size_t nlb = text.rfind('\n', p);
  if (nlb != std::string::npos && nlb + 1 > b) b = nlb + 1;
  size_t e = text.find("。", p);
  return text.substr(b, e == std::string::npos ? std::string::npos : e - b + std::string("。").size());
}

bool issues_own_number(int doc) {  // 范本 documents served on the party carry their own 文号
  static const int kDocs[] = {2, 3, 4, 5, 6, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 31, 32, 33, 34, 37, 39, 44, 45, 46, 47, 48, 49, 51};
  return std::find(std::begin(kDocs), std::end(kDocs), doc) != std::end(kDocs);
}

// The cover of a public volume: every fact taken from the documents, masked.
void mask_facts(CaseFacts& f) {
  for (std::string* v : {&f.case_number, &f.cause, &f.party, &f.result}) *v = normalize::mask_personal_numbers(*v);
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

// 案由, 当事人, 处罚结果, 立案日期 and 结案日期 from the documents' text and dates.
void document_facts(CaseFacts& f, const std::vector<VolumePart>& parts) {
  auto by_doc = [&](std::initializer_list<int> docs) -> const ItemPages* {
    for (int d : docs)
      for (const auto& pv : parts)
        if (pv.item->value("doc_number", 0) == d && !pv.pages->text.empty()) return pv.pages;
    return nullptr;
  };
  for (const ItemPages* p : {by_doc({7}), by_doc({45, 44, 46}), by_doc({1, 35})}) {
    if (!p) continue;
    if (f.cause.empty()) {
      f.cause = label_value(p->text, "案由");
      if (f.cause.rfind("涉嫌", 0) == 0) f.cause = f.cause.substr(std::string("涉嫌").size());
    }
    if (f.party.empty() && !p->fields.parties.empty()) f.party = p->fields.parties.front();
    if (f.party.empty()) f.party = label_value(p->text, "当事人");
  }
  if (const ItemPages* d = by_doc({45, 44, 46})) f.result = penalty_result(d->text);
  for (const auto& pv : parts) {
    int dn = pv.item->value("doc_number", 0);
    if (dn == 7 && f.opened.empty()) f.opened = pv.item->value("date", "");
    if (dn == 53 && f.closed.empty()) f.closed = pv.item->value("date", "");
  }
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
  if (opt.mask) mask_facts(f);
  if (f.cause.empty()) problems.push_back("案由未能从立案审批表或决定书中取得，封面留空");
  if (f.party.empty()) problems.push_back("当事人未能从文书中取得，封面留空");
  if (f.result.empty()) problems.push_back("处罚结果未能从行政处罚决定书中取得，封面留空");
  if (f.opened.empty()) problems.push_back("没有立案审批表：立案日期留空");
  if (f.closed.empty()) problems.push_back("没有结案审批表：结案日期留空");
  return f;
}

std::string own_doc_number(int doc, const model::Fields& fields) {
  if (!issues_own_number(doc) || fields.case_numbers.empty()) return {};
  return fields.case_numbers.front().normalized;
}

}  // namespace lh::compose
