#include "filing/retention.h"

#include <algorithm>

#include "filing/text_util.h"

namespace lh::filing {
namespace {
bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

std::string retention_for_document(const Category& c, int doc_number, const std::string& title) {
  for (const auto& r : c.retention_rules) {
    bool doc_ok = !r.docs.empty() && doc_number > 0 && has(r.docs, doc_number);
    bool title_ok = !r.title_contains.empty() && contains_any(title, r.title_contains);
    if (doc_ok || title_ok) return r.retention;
  }
  return c.retention;
}

std::string retention_for_case(const Category& c, const Scheme& s, const std::vector<int>& docs,
                               const std::vector<std::string>& periods) {
  if (c.case_retention_default) {
    for (const auto& r : c.case_retention_rules) {
      bool any = r.when_any.empty() || std::any_of(r.when_any.begin(), r.when_any.end(), [&](int n) { return has(docs, n); });
      bool none = std::none_of(r.when_none.begin(), r.when_none.end(), [&](int n) { return has(docs, n); });
      if (any && none) return r.retention;
    }
    return *c.case_retention_default;
  }
  std::string best = c.retention;
  for (const auto& p : periods)
    if (s.retention_rank(p) > s.retention_rank(best)) best = p;
  return best;
}

}  // namespace lh::filing
