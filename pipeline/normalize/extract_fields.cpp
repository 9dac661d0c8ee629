// All field extractors over one document (issue 2 §6): 案号 (GB/T 9704-2012 §7.2.5, 2021 范本),
// 当事人, 统一社会信用代码 (GB 32100-2015 §4, GB 11714), 居民身份证号 (GB 11643-1999, masked),
// dates (ISO 8601), 文书类型 (2021 范本), and the facts a form states about itself (doc_facts.h). Pure: no I/O, no clock.
// Warnings are in Chinese for the office's report and never contain an unmasked ID number.
#include <algorithm>
#include <string>
#include <unordered_set>

#include "normalize/code_tokens.h"
#include "normalize/doc_facts.h"
#include "normalize/fields.h"

namespace lh::normalize {

// A number whose printed serial departs from GB/T 9704-2012 §7.2.5 (序号不加“第”，不编虚位) is kept in
// its normalized form, the one form by which a case's documents, its cover and the 目录's 文号 agree
// and the catalogue finds it; the warning names the form printed on the paper (DA/T 22-2015: the 目录
// describes the document), so a clerk comparing the two sees why they differ. A year bracket typed
// [ ] or （ ） for 〔〕 is normalized without a word, as before: it is the same number typed without
// the 六角括号, where 第 and a leading zero are part of how the serial itself was written.
std::vector<std::string> printed_serial_warnings(const model::CaseNumber& n, const std::string& what) {
  std::vector<std::string> out;
  if (n.zero_padded) out.push_back(what + " " + n.raw + " 的序号有前导零");
  if (n.with_di) out.push_back(what + " " + n.raw + " 的序号前有“第”（GB/T 9704-2012 §7.2.5 不加“第”），按规范记为 " + n.normalized);
  return out;
}

namespace {

void warn_printed_serial(const model::CaseNumber& n, const std::string& what, std::vector<std::string>& warnings) {
  for (auto& w : printed_serial_warnings(n, what)) warnings.push_back(std::move(w));
}

}  // namespace

model::Fields extract_fields(std::string_view text, std::string_view title) {
  model::Fields f;

  // 案号: the title first (a file name or heading may carry it), then the body; de-duplicated.
  std::unordered_set<std::string> seen;
  for (std::string_view part : {title, text})
    for (auto& c : find_case_numbers(part))
      if (seen.insert(c.normalized).second) f.case_numbers.push_back(std::move(c));
  for (auto& c : f.case_numbers) warn_printed_serial(c, "案号", f.warnings);

  f.parties = find_parties(text);

  f.credit_codes = find_credit_codes(text);
  for (auto& c : f.credit_codes) {
    if (c.valid) continue;
    if (!detail::credit_check_char_ok(c.code))
      f.warnings.push_back("统一社会信用代码 " + c.code + " 校验位错误");
    else
      f.warnings.push_back("统一社会信用代码 " + c.code + " 的组织机构代码（第9–17位）校验位错误");
  }

  f.id_numbers = find_id_numbers(text);
  for (auto& id : f.id_numbers)
    if (!id.valid) f.warnings.push_back("居民身份证号 " + id.masked + " 校验位错误");

  f.dates = find_dates(text);
  // What the document's own form states (doc_facts.h): dated fields, its title line and 文号.
  f.labelled_dates = find_labelled_dates(text);
  f.last_date = last_full_date(text);
  f.title_line = find_title_line(text);
  const model::CaseNumber own = read_own_number(text);
  f.own_number = own.normalized;
  // Its own 文号: a 案号 printed as one above (or standing in its line: 案号：南市监处罚〔2024〕027号)
  // was warned of with them; another 发文字号 (青石所发〔2025〕第3号), or a 案号 the head prints
  // otherwise than the title, here.
  const bool warned = std::any_of(f.case_numbers.begin(), f.case_numbers.end(), [&](const model::CaseNumber& c) {
    return (c.normalized == own.normalized && c.with_di == own.with_di && c.zero_padded == own.zero_padded) ||
           own.raw.find(c.raw) != std::string::npos;
  });
  if (!own.normalized.empty() && !warned) warn_printed_serial(own, "文号", f.warnings);

  // The first lines of the text stand in for a missing or uninformative title.
  constexpr size_t kHeadBytes = 1200;
  DocType d = classify_doc_type(title, text.substr(0, std::min(text.size(), kHeadBytes)));
  d = tell_inspection_from_evidence(d, title, text, !f.case_numbers.empty());
  d = approval_of_a_case_matter(d, title, text, !f.case_numbers.empty());
  f.doc_type = d.name;
  f.doc_type_number = d.number;
  // 范本 No. 50 送达回证 names what it served ("送达文书名称及文号"): its place in a case follows that
  // (程序规定 第七十八条: 行政处罚决定书及送达回证 apart from the other documents' 送达回证).
  // The officers only where the completeness rule reads them (执法程序规定 第二十二条): reading them
  // passes over the whole text two or three times, a third of the rest of this function's work.
  if (d.number == 0 && d.name == "检查记录") {
    f.officers = find_officers(text);
    f.inspection_result = find_inspection_result(text);
  }
  if (d.number == 50)
    for (const char* label : {"送达文书名称及文号", "送达文书名称", "送达文书"})
      if (f.served.empty()) f.served = labelled_value(text, label);
  return f;
}

}  // namespace lh::normalize
