// Placement of a document in a penalty case (issue 9 item 2): evidence, not proximity.
//
// 《市场监督管理行政处罚程序规定》第七十八条: one case, one file (一案一卷) — a case's file holds that
// case's materials and nothing else, so a document joins a case only on positive evidence:
//   1. its own 案号 (the decision number <简称>市监处罚〔YYYY〕N号 or 市监当罚, written in it);
//   2. a 文号 of its own that the case's own documents cite (a 告知书's 罚告 number quoted in the
//      decision: 2021 范本 No. 45 cites the 告知书 it follows);
//   3. its folder or ZIP (or a folder above it, below the inbox root) is named by the 案号 — in full,
//      or by year and serial ([2024]35号, （2024）第3号) that match exactly one 案号 its documents carry;
//   4. the documents in its folder (or one above it, sub-folders included) carry one 案号 and no other,
//      and the folder's name names their party
//      (当事人, 2021 范本 No. 54 卷宗封面: 案件名称 = 当事人 + 违法行为).
// Never evidence: being near a case (a sibling, a parent folder, the inbox root — the root is never a
// case folder); a folder named by a category, a year, a month or quarter, a retention code, or a short
// personal name (a clerk's folder): those are an office's habits of sorting, not cases.
// A document without evidence is filed by its own type (检查记录 JC or 文书 WS, DA/T 22-2015 §5.2).
// Each decision carries its reason in Chinese (manifest "placed_by", contract 2).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "filing/scheme.h"

namespace lh::filing {

struct CaseEvidence {
  std::string case_number;  // normalized 案号
  std::string placed_by;    // 中文理由, e.g. "文件夹名 南市监处罚〔2024〕12号"
};

// One document's facts as placement sees them.
struct PlacementDoc {
  std::string path;                        // relative to the inbox
  std::string own_case;                    // its own 案号 (case identifier), empty if none
  std::vector<std::string> other_numbers;  // other 文号 it carries (罚告, 责改, …), normalized
  std::vector<std::string> parties;        // 当事人 named in it
  std::string title;                       // for the reason of a citation
};

class CaseEvidenceIndex {
 public:
  explicit CaseEvidenceIndex(const Scheme& s) : scheme_(s) {}
  void add(PlacementDoc d);

  // Rule 2: a case whose own documents cite one of the document's own numbers (exactly one case).
  std::optional<CaseEvidence> by_cited_number(const PlacementDoc& d) const;
  // Rules 3 and 4: the nearest folder above the document (below the inbox root) that is a case folder.
  std::optional<CaseEvidence> by_folder(std::string_view path) const;

 private:
  std::optional<CaseEvidence> folder_case(const std::string& folder) const;
  const Scheme& scheme_;
  std::vector<PlacementDoc> docs_;
  mutable std::map<std::string, std::optional<CaseEvidence>> folder_cache_;  // filled after the last add()
};

// A folder name that is an office's sorting habit, never a case: a category (code or name), a year,
// a month or quarter, a retention code or period, a short personal name.
bool is_sorting_folder_name(std::string_view name, const Scheme& s);

// Year and serial of a short case reference in a name: [2024]35号, （2024）第3号, 〔2024〕12号.
std::optional<std::pair<int, int>> short_case_reference(std::string_view name);

// True for a penalty case's 案号 (normalized): its whole 类 is one of the scheme's <case-classes>.
bool is_case_identifier(const std::string& normalized, const Scheme& s);
// A case's own number as plan.cpp names a case by it: a 处罚 decision number (<简称>市监处罚〔Y〕N号)
// or a number of one of the scheme's case classes.
bool names_a_case(const std::string& normalized, const Scheme& s);
// Year and serial of a normalized 案号 (…〔YYYY〕N号).
std::optional<std::pair<int, int>> year_and_serial(std::string_view case_number);

}  // namespace lh::filing
