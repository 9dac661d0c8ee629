// 保管期限 (DA/T 22-2015; 国家档案局令第8号): Y 永久, D30 定期30年, D10 定期10年. The rules are the
// office's configuration in the scheme (an EXAMPLE, not a national table): per category, by 文书
// type or title; for a case, one period for the whole file (一案一卷) chosen by its documents.
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

// A 保管期限 and why it was chosen (the rule's note and what matched), for the manifest's
// retention_by: the period is a segment of the 档号, fixed once, so its reason is kept beside it.
struct RetentionChoice {
  std::string retention, by;
};

// One document: the first matching <retention-rule> (by 范本 number, title, or what an inspection
// record found: its 检查结果, `results`), else the category default.
RetentionChoice retention_for_document(const Category& c, int doc_number, const std::string& title,
                                       const std::vector<std::string>& results = {});

// A whole case: the first matching <case-retention> rule over the case's document numbers, else its
// default; a category without <case-retention> takes the longest period of its documents.
RetentionChoice retention_for_case(const Category& c, const Scheme& s, const std::vector<int>& doc_numbers,
                                   const std::vector<std::string>& document_periods);

}  // namespace lh::filing
