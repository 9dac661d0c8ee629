// 完整性 checks per case type, from the scheme's <completeness> rules:
//   a 行政处罚决定书 needs its 送达回证 (程序规定 第七十八条: 决定书及送达回证);
//   a closed case needs a 结案审批表 (第七十七条); a general-procedure case its 立案审批表;
//   an inspection record needs two officers with 执法证号 (第二十二条).
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"
#include "model/inspected.h"
#include "model/record.h"

namespace lh::filing {

struct Missing {
  std::string rule;     // rule id
  std::string message;  // for the clerk
  std::string clause;
  std::vector<std::string> documents;  // names of the documents any one of which would satisfy it
};

// Rules over the document numbers of one case.
std::vector<Missing> check_completeness(const Category& c, const Scheme& s, const std::vector<int>& doc_numbers);

// Officer rules (执法程序规定 第二十二条) over one input's inspection records: its structured records
// (XML, register rows), else the officers its text names (a record typed in Word: `typed`,
// model::Fields::officers). An input that gives neither fails the rule: nothing shows two officers.
std::vector<Missing> check_officers(const Category& c, const std::vector<model::InspectionRecord>& records,
                                    const std::vector<model::Officer>& typed = {});

// The officer rules over one read input. A record with no text to read them from (a photo, or a scan
// with no text layer: no OCR was run) cannot show them, nor their absence: the officers are on the
// paper, out of the reader's sight. Each rule then gives an issue `<rule id>-unchecked` saying so
// (待人工核对), not that they are missing, which sent a clerk looking for signatures that are there.
std::vector<Missing> check_officers_of(const Category& c, const model::InspectedFile& f);

}  // namespace lh::filing
