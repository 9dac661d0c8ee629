#include "filing/retention.h"

#include <algorithm>

#include "filing/text_util.h"

namespace lh::filing {
namespace {

bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

std::string because(const std::string& retention, const std::string& note, const std::string& what) {
  return retention + "：" + (note.empty() ? std::string("归档方案保管期限规则") : note) + (what.empty() ? "" : "（" + what + "）");
}

}  // namespace

RetentionChoice retention_for_document(const Category& c, int doc_number, const std::string& title,
                                       const std::vector<std::string>& results) {
  for (const auto& r : c.retention_rules) {
    if (!r.docs.empty() && doc_number > 0 && has(r.docs, doc_number))
      return {r.retention, because(r.retention, r.note, "范本文书 No. " + std::to_string(doc_number))};
    if (!r.title_contains.empty() && contains_any(title, r.title_contains))
      return {r.retention, because(r.retention, r.note, "题名含“" + std::string(first_found(title, r.title_contains)) + "”")};
    if (!r.result_contains.empty())
      for (const std::string& found : results)
        if (const std::string w(first_found(found, r.result_contains)); !w.empty())
          return {r.retention, because(r.retention, r.note, "检查结果“" + found.substr(0, 120) + "”含“" + w + "”")};
  }
  return {c.retention, c.retention + "：" + c.name + "类目默认保管期限"};
}

RetentionChoice retention_for_case(const Category& c, const Scheme& s, const std::vector<int>& docs,
                                   const std::vector<std::string>& periods) {
  if (c.case_retention_default) {
    for (const auto& r : c.case_retention_rules) {
      bool any = r.when_any.empty() || std::any_of(r.when_any.begin(), r.when_any.end(), [&](int n) { return has(docs, n); });
      bool none = std::none_of(r.when_none.begin(), r.when_none.end(), [&](int n) { return has(docs, n); });
      if (any && none) return {r.retention, because(r.retention, r.note, "一案一卷，全案同一保管期限")};
    }
    return {*c.case_retention_default, *c.case_retention_default + "：" + c.name + "默认保管期限（一案一卷，全案同一保管期限）"};
  }
  std::string best = c.retention;
  for (const auto& p : periods)
    if (s.retention_rank(p) > s.retention_rank(best)) best = p;
  return {best, best + "：案件内文件的最长保管期限（一案一卷）"};
}

}  // namespace lh::filing
