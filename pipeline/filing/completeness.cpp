#include "filing/completeness.h"

#include <algorithm>

namespace lh::filing {
namespace {
bool has(const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); }

// No text to read: none at all (a photo, a picture-only PDF), or every page a scanned image with at
// most a stray mark of text (model::Metadata::scanned_pages).
bool has_no_text_layer(const model::InspectedFile& f) {
  return f.text_chars == 0 || (f.meta.pages > 0 && f.meta.scanned_pages >= f.meta.pages);
}
}  // namespace

std::vector<Missing> check_completeness(const Category& c, const Scheme& s, const std::vector<int>& docs) {
  std::vector<Missing> out;
  for (const auto& r : c.completeness) {
    if (r.requires_any.empty()) continue;
    bool any = r.when_any.empty() || std::any_of(r.when_any.begin(), r.when_any.end(), [&](int n) { return has(docs, n); });
    bool none = std::none_of(r.when_none.begin(), r.when_none.end(), [&](int n) { return has(docs, n); });
    if (!(any && none)) continue;
    if (std::any_of(r.requires_any.begin(), r.requires_any.end(), [&](int n) { return has(docs, n); })) continue;
    Missing m{r.id, r.message, r.clause, {}};
    for (int n : r.requires_any)
      if (const DocumentType* d = s.document(n)) m.documents.push_back(d->name);
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<Missing> check_officers(const Category& c, const std::vector<model::InspectionRecord>& records,
                                    const std::vector<model::Officer>& typed) {
  std::vector<Missing> out;
  std::vector<std::vector<model::Officer>> named;
  for (const auto& rec : records) named.push_back(rec.officers);
  if (records.empty() && !typed.empty()) named.push_back(typed);
  for (const auto& r : c.completeness) {
    if (r.min_officers <= 0) continue;
    bool ok = !named.empty();
    for (const auto& officers : named) {
      int n = 0;
      for (const auto& o : officers)
        if (!o.name.empty() && (!r.require_certificate || !o.certificate.empty())) ++n;
      if (n < r.min_officers) ok = false;
    }
    if (!ok) out.push_back({r.id, r.message, r.clause, {}});
  }
  return out;
}

std::vector<Missing> check_officers_of(const Category& c, const model::InspectedFile& f) {
  // Structured records and officers the text names decide as before; only an input that offers
  // neither and has no text is left undecided.
  if (!f.records.empty() || !f.fields.officers.empty() || !has_no_text_layer(f))
    return check_officers(c, f.records, f.fields.officers);
  std::vector<Missing> out;
  for (const auto& r : c.completeness)
    if (r.min_officers > 0)
      out.push_back({r.id + "-unchecked",
                     "文件无文字层（扫描件或照片，未经文字识别），无法据以核对：" + r.message + "，待人工核对原件",
                     r.clause, {}});
  return out;
}

}  // namespace lh::filing
