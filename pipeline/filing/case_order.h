// 排列 of a case file: 《市场监督管理行政处罚程序规定》第七十八条 — one case, one file, 正卷 then 副卷:
//   正卷: 立案审批表; 行政处罚决定书及送达回证; 对当事人制发的其他法律文书及送达回证; 证据材料; 听证笔录;
//         财物处理单据; 其他有关材料.
//   副卷: 案源材料; 调查终结报告; 审核意见; 听证报告; 结案审批表; 其他有关材料.
// The scheme maps each of the 56 文书 of the 2021 范本 onto these slots (templates/scheme/default.xml);
// 卷宗封面/卷内文件目录 open the 正卷 and 卷内备考表 closes it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

struct CasePlace {
  int volume_index = 0;     // 0 = 正卷, 1 = 副卷 (scheme order)
  std::string volume_code;  // ZJ / FJ
  std::string volume_name;  // 正卷 / 副卷
  int slot_order = 0;
  std::string slot_name;
  std::string slot_by;      // why this slot, where more than the document's kind decided (a 送达回证's
                            // served document: manifest "slot_by"); empty otherwise
};

// Where a document goes. format: "image" etc. (meta format name, lower case). Documents of no
// known place go to the volume slot marked other="true" (正卷 其他有关材料). A 送达回证 (范本 No. 50)
// goes with the document it served (第七十八条: 行政处罚决定书及送达回证; 其他法律文书及送达回证): its
// form's 送达文书名称 (`served`) when that names a document, else its title or file name.
CasePlace place_in_case(const Category& c, int doc_number, const std::string& title, const std::string& format,
                        const std::string& served = {});

// Case keys in the order of their 案号: a run of digits compared by its value, so that 〔2025〕7号
// comes before 〔2025〕12号 (as text, "12" < "7" numbered a year's cases 12号, 15号, 7号).
bool case_key_less(std::string_view a, std::string_view b);

struct CaseDocument {
  CasePlace place;
  std::string date;   // YYYY-MM-DD or ""
  std::string title;
  std::string key;    // stable tie-break (content hash)
};

// Sorts by volume, slot, date, title, key. Stable and total: the same input gives the same order.
void order_case_documents(std::vector<CaseDocument>& docs);

}  // namespace lh::filing
