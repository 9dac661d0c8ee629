// The facts of a case volume's cover (范本 No. 54 卷宗封面), taken from the case's own documents (never
// invented; issue 9 §3): 当事人 and 案由 from the 立案审批表 (范本 No. 7), then the decision (No. 44–46),
// the 调查终结报告 (No. 35) and the 案件来源登记表 (No. 1) — 案由, else the 案件名称 without party and 案;
// 案件名称 = 当事人 + 违法行为 + 案 (domain.md §2, 案卷封面 local practice); 处罚结果 the decision's
// penalty in short (normalize::penalty_summary: 警告；罚款 5000 元 …, never its 复议/诉讼 notice);
// 立案日期 and 结案日期 from the dates of the 立案审批表 and the 结案审批表 (No. 53). A 简易程序 case (a
// 当场行政处罚决定书 alone, 《行政处罚法》第五十一条、第五十二条) has neither form by law: its 立案日期
// reads 不适用（简易程序）, its 结案日期 is the decision's date, its 案由 the 违法行为 the decision states
// (normalize::violation_of); each reason is a line of CaseFacts::notes, printed in the 卷内备考表.
// The 目录's 文号: filing::own_doc_number (only documents that print one of their own).
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

}  // namespace lh::compose
