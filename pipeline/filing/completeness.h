// 完整性 checks per case type, from the scheme's <completeness> rules:
//   a 行政处罚决定书 needs its 送达回证 (程序规定 第七十八条: 决定书及送达回证);
//   a closed case needs a 结案审批表 (第七十七条); a general-procedure case its 立案审批表;
//   an inspection record needs two officers with 执法证号 (第二十二条).
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"
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

// Officer rules over one inspection record's officers (records of one input).
std::vector<Missing> check_officers(const Category& c, const std::vector<model::InspectionRecord>& records);

}  // namespace lh::filing
