// 保管期限 (DA/T 22-2015; 国家档案局令第8号): Y 永久, D30 定期30年, D10 定期10年. The rules are the
// office's configuration in the scheme (an EXAMPLE, not a national table): per category, by 文书
// type or title; for a case, one period for the whole file (一案一卷) chosen by its documents.
#pragma once
#include <string>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

// One document: the first matching <retention-rule>, else the category default.
std::string retention_for_document(const Category& c, int doc_number, const std::string& title);

// A whole case: the first matching <case-retention> rule over the case's document numbers, else its
// default; a category without <case-retention> takes the longest period of its documents.
std::string retention_for_case(const Category& c, const Scheme& s, const std::vector<int>& doc_numbers,
                               const std::vector<std::string>& document_periods);

}  // namespace lh::filing
