// 分类 (DA/T 22-2015 §5.2): which 门类 a document belongs to — by its structured records, its 案号,
// its 范本 document type or its title, per the scheme's <match> rules (lowest priority first).
#pragma once
#include <string>

#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::filing {

// The 范本 number of a document: the extractor's doc_type_number when set, else the scheme's own
// name/alias match over the title, then the file name.
int document_number(const model::InspectedFile& f, const Scheme& s);

// The category code (never empty: the scheme's default when nothing matches). Without allow_case,
// case categories are skipped: the category a document takes by its own type when nothing places it
// in a case (issue 9: 检查记录 or 文书, never a case of its own).
std::string assign_category(const model::InspectedFile& f, int doc_number, const Scheme& s, bool allow_case = true);

}  // namespace lh::filing
