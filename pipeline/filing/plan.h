// 整理 of one batch: what becomes of every input (fate) and which 件 (items) the batch holds, in the
// order the Catalogue should number them. Pure: no I/O, no clock; the same inputs give the same plan.
//   清扫  junk (classify_junk) and unreadable inputs (quarantined) are set aside;
//   整理  same bytes → one item (find_duplicates); drafts/copies → versions of the final (find_versions);
//   分类  category (assign_category), cases on evidence only (placement.h);
//   排列  第七十八条 order inside a case, date order elsewhere (DA/T 22-2015 §5.3).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "filing/case_order.h"
#include "filing/completeness.h"
#include "filing/office.h"
#include "filing/scheme.h"
#include "model/inspected.h"

namespace lh::filing {

enum class Fate { Archived, Duplicate, Version, Junk, Quarantined };
const char* fate_name(Fate f);

struct PlannedInput {
  std::string path;                        // relative to INBOX; a ZIP entry: "<zip>/<entry>"
  const model::InspectedFile* file = nullptr;
  Fate fate = Fate::Archived;
  std::string reason;
  int item = -1;                           // index into Plan::items (archived, duplicate, version)
  bool container = false;                  // a ZIP whose entries are inputs of their own
  bool standard_name = false;              // already `<档号> <题名>.<ext>`
};

struct PlannedItem {
  std::string identity;                    // content hash the Catalogue keys the 件号 on
  std::vector<std::string> member_hashes;  // final first, then versions
  int final_input = -1;                    // index into Plan::inputs
  std::vector<int> version_inputs;         // oldest first
  std::vector<int> duplicate_inputs;
  std::string category;
  CategoryKind kind = CategoryKind::Documents;
  std::string case_key, case_number, case_name;
  CasePlace place;                         // cases only
  std::string placed_by;                   // why here, in Chinese (placement.h; manifest "placed_by")
  std::string fonds, organisation, retention;
  int year = 0;
  std::string title, doc_type, date, ext, format;
  std::string retention_by;               // the rule that gave the 保管期限 (filing/retention.h)
  std::string title_by, date_by;           // the field or rule that gave title and date (document_facts.h)
  int doc_number = 0;
  std::vector<Missing> issues;             // per-item checks (inspection officers)
  std::vector<std::string> invalid_credit_codes;
  std::vector<std::string> warnings;
  std::string scope_key(const Scheme& s) const;
};

struct Plan {
  std::vector<PlannedInput> inputs;        // sorted by path
  std::vector<PlannedItem> items;          // in allocation order
};

// What the catalogue remembers from earlier runs (optional).
struct PlanContext {
  std::function<bool(const std::string& sha)> known_identity;                      // has a 件号
  std::function<std::optional<std::string>(const std::string& sha)> archived_path;  // input that was kept
  // A case numbered on an earlier night: its committed 年度 and 保管期限, which a new document of the
  // case takes (一案一卷: one case, one scope, even when its earlier papers have left the inbox).
  std::function<std::optional<std::pair<int, std::string>>(const std::string& case_key)> case_scope;
};

Plan plan_filing(const std::vector<model::InspectedFile>& files, const Scheme& s, const Office& o,
                 const std::string& inbox_root, const PlanContext& ctx = {});

// The reason an input is set aside for a reader's error: Chinese for the clerk, the machine kind in
// parentheses, the reader's message ("疑似压缩炸弹（解压后远超限额），未解压 (zip_bomb)：…"). The kind
// reaches the manifest, stderr and the report unchanged (issue 9 §4).
std::string refusal_reason(const model::ReadError& e);

// Helpers exposed for tests.
std::string relative_input_path(const std::string& path, const std::string& inbox_root);
int year_of_case_number(const std::string& normalized);  // 〔YYYY〕 → YYYY, 0 if none
std::string date_from_mtime(int64_t mtime_ns);           // YYYY-MM-DD at UTC+8 (China Standard Time)

}  // namespace lh::filing
