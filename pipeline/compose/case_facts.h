// The facts of a case volume's cover (范本 No. 54 卷宗封面) and 目录 rows, taken from the case's own
// documents (never invented): 案号, 案由 and 当事人 from the 立案审批表 (范本 No. 7), the decision
// (No. 44–46) or the 案件来源登记表 / 调查终结报告 (No. 1, 35); 处罚结果 from the decision; 立案日期 and
// 结案日期 from the dates of the 立案审批表 and the 结案审批表 (No. 53).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compose/item_pages.h"
#include "compose/volume.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "model/fields.h"

namespace lh::compose {

struct VolumePart {
  const nlohmann::json* item;  // the manifest entry
  const ItemPages* pages;
};

// The cover's facts; a fact not found stays empty and adds a line to `problems`.
CaseFacts case_facts(const std::vector<VolumePart>& parts, const filing::Scheme& s, const filing::Office& o,
                     const VolumeOptions& opt, std::vector<std::string>& problems);

// 文号 of a document of 范本 number `doc`: the first 案号 its text gives, for the documents served
// on the party that carry their own; empty otherwise.
std::string own_doc_number(int doc, const model::Fields& fields);

}  // namespace lh::compose
