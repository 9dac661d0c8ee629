// An item's 题名, date and 文号 from what its document states (issue 9 §3), each with the rule that
// gave it (the manifest's `title_by` and `date_by`, so a clerk can see why):
//   题名  DA/T 22-2015 §6.7: the document's own title line (normalize/doc_facts.h), never its
//         letterhead or an agency's name; a title that is only the form's name (行政处罚决定书) gets
//         the 当事人 in front ("汕头市某某食品店行政处罚决定书"), the document's own or else its case's,
//         so the rows of a catalogue do not all read the same.
//   日期  the field the scheme's <document-facts> names for the type (询问笔录: 询问时间; 现场笔录 and
//         检查记录: 检查时间; 送达回证: 送达时间 …) before any date of the body; else the 落款 (the last
//         full date, GB/T 9704-2012 §7.3.5.3); else the file's metadata, else its modification time.
//   文号  only where the document prints one of its own: a 范本 form the scheme marks own-number,
//         or a document that is no 范本 form (its 发文字号, GB/T 9704-2012 §7.2.5).
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::filing {

struct Plan;

struct ItemFacts {
  std::string title, title_by;  // 题名 and the rule that gave it
  std::string date, date_by;    // YYYY-MM-DD and the field or rule that gave it
  bool date_unsure = false;     // only the day the file was saved or zipped: a clerk must check it
};

// Title and date of the item whose final document is f (doc: its 范本 number, 0 if none).
ItemFacts item_facts(const model::InspectedFile& f, const Scheme& s, int doc);

// The 文号 the document carries itself, for the catalogues; empty when its type prints none.
std::string own_doc_number(const Scheme& s, int doc, const std::string& doc_type, const model::Fields& fields);

// Items whose 题名 is only a form's name and whose document names no 当事人 get their case's
// 当事人 (from the 立案审批表 or the decision first). Runs after the items of a plan are made.
void add_case_parties_to_titles(Plan& plan);

}  // namespace lh::filing
