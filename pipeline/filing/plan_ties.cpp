#include "filing/plan_ties.h"

#include <algorithm>

#include "filing/file_name.h"
#include "filing/placement.h"
#include "filing/text_util.h"
#include "filing/versions.h"
#include "normalize/fields.h"

namespace lh::filing {

namespace {

// placement.h rules 3 and 4: the nearest folder above a document that is a case folder decides,
// judged by the documents of that folder and its sub-folders. A sorting folder is never a case
// folder, so only the top-most folder that is not one bounds everything that can decide.
std::string top_case_folder_candidate(const std::string& rel_path, const Scheme& s) {
  std::string top;
  for (std::string f = parent_path(rel_path); !f.empty(); f = parent_path(f))
    if (!is_sorting_folder_name(base_name(f), s)) top = f;
  return top;
}

void add_number(std::vector<std::string>& ties, const std::string& n) {
  if (!n.empty()) ties.push_back("n:" + n);
}

}  // namespace

std::string case_tie(const std::string& case_key) { return case_key.empty() ? std::string() : "c:" + case_key; }

std::string folder_tie(const std::string& rel_path) { return "d:" + parent_path(rel_path); }

std::vector<std::string> planning_ties(const model::InspectedFile& f, const std::string& rel_path, const Scheme& s) {
  std::vector<std::string> ties;
  if (!f.sha256.empty()) ties.push_back("s:" + f.sha256);
  ties.push_back(folder_tie(rel_path));
  // Every number it carries, as written and normalized; those in its title and name too (an office
  // document's own 案号 may be there only).
  for (const auto& cn : f.fields.case_numbers) {
    add_number(ties, cn.normalized);
    add_number(ties, cn.raw);
  }
  add_number(ties, f.fields.own_number);
  const std::string name = base_name(rel_path);
  for (std::string_view where : {std::string_view(f.title), std::string_view(name)})
    for (const auto& cn : normalize::find_case_numbers(where)) {
      add_number(ties, cn.normalized);
      add_number(ties, cn.raw);
    }
  if (std::string top = top_case_folder_candidate(rel_path, s); !top.empty()) ties.push_back("t:" + top);
  // Versions: the base name in its version folder; a generic name ("新建 Microsoft Word 文档") is
  // known by its title instead, and one with no usable title groups with nothing.
  const std::string stem = is_standard_name(name) ? title_of_standard_name(name) : stem_of(name);
  VersionMarks m = parse_version_marks(stem, s);
  if (m.generic) m = parse_version_marks(f.title, s);
  if (!m.generic && !m.base.empty()) ties.push_back("v:" + version_folder(parent_path(rel_path), s) + '\x1f' + m.base);
  std::sort(ties.begin(), ties.end());
  ties.erase(std::unique(ties.begin(), ties.end()), ties.end());
  return ties;
}

}  // namespace lh::filing
