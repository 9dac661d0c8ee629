#include "filing/category.h"

#include <algorithm>
#include <tuple>

#include "filing/text_util.h"

namespace lh::filing {

int document_number(const model::InspectedFile& f, const Scheme& s) {
  if (f.fields.doc_type_number > 0 && s.document(f.fields.doc_type_number)) return f.fields.doc_type_number;
  if (!f.fields.doc_type.empty()) {
    if (int n = match_document_type(s, f.fields.doc_type)) return n;
  }
  if (int n = match_document_type(s, f.title)) return n;
  return match_document_type(s, stem_of(f.path));
}

std::string assign_category(const model::InspectedFile& f, int doc_number, const Scheme& s, bool allow_case) {
  struct Cand { int priority; size_t cat; size_t order; const CategoryMatch* m; };
  std::vector<Cand> cands;
  for (size_t ci = 0; ci < s.categories.size(); ++ci) {
    if (!allow_case && s.categories[ci].kind == CategoryKind::Case) continue;
    for (size_t mi = 0; mi < s.categories[ci].matches.size(); ++mi)
      cands.push_back({s.categories[ci].matches[mi].priority, ci, mi, &s.categories[ci].matches[mi]});
  }
  std::stable_sort(cands.begin(), cands.end(), [](const Cand& a, const Cand& b) {
    return std::tie(a.priority, a.cat, a.order) < std::tie(b.priority, b.cat, b.order);
  });
  const std::string name = base_name(f.path);
  for (const auto& c : cands) {
    const CategoryMatch& m = *c.m;
    bool any_condition = false, ok = true;
    if (m.records) { any_condition = true; ok = ok && !f.records.empty(); }
    if (m.min_records > 0) { any_condition = true; ok = ok && f.records.size() >= static_cast<size_t>(m.min_records); }
    if (m.case_number) { any_condition = true; ok = ok && !f.fields.case_numbers.empty(); }
    if (!m.docs.empty()) {
      any_condition = true;
      ok = ok && doc_number > 0 && std::find(m.docs.begin(), m.docs.end(), doc_number) != m.docs.end();
    }
    if (!m.title_contains.empty()) {
      any_condition = true;
      // The type told on content (normalize: a 现场检查笔录 of the routine form is 检查记录) counts as
      // much as the title's words.
      ok = ok && (contains_any(f.title, m.title_contains) || contains_any(name, m.title_contains) ||
                  contains_any(f.fields.doc_type, m.title_contains));
    }
    if (any_condition && ok) return s.categories[c.cat].code;
  }
  return s.default_category;
}

}  // namespace lh::filing
