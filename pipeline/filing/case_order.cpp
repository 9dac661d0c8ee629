#include "filing/case_order.h"

#include <algorithm>
#include <tuple>

#include "filing/text_util.h"

namespace lh::filing {

CasePlace place_in_case(const Category& c, int doc_number, const std::string& title, const std::string& format,
                        const std::string& served) {
  // A slot's title-contains reads the title, and what a 送达回证 served (its form's 送达文书名称): the
  // standard form is titled 送达回证 alone.
  const std::string said = served.empty() ? title : title + "\n" + served;
  for (size_t vi = 0; vi < c.volumes.size(); ++vi) {
    const Volume& v = c.volumes[vi];
    for (const Slot& s : v.slots) {
      for (const DocRef& d : s.docs) {
        bool ok;
        if (d.number) ok = d.number == doc_number && (d.title_contains.empty() || contains_any(said, d.title_contains));
        else if (!d.format.empty()) ok = doc_number == 0 && d.format == format;
        else ok = !d.title_contains.empty() && contains_any(title, d.title_contains);
        if (ok) return {static_cast<int>(vi), v.code, v.name, s.order, s.name};
      }
    }
  }
  for (size_t vi = 0; vi < c.volumes.size(); ++vi)
    for (const Slot& s : c.volumes[vi].slots)
      if (s.other) return {static_cast<int>(vi), c.volumes[vi].code, c.volumes[vi].name, s.order, s.name};
  if (!c.volumes.empty() && !c.volumes[0].slots.empty()) {
    const Slot& last = c.volumes[0].slots.back();
    return {0, c.volumes[0].code, c.volumes[0].name, last.order, last.name};
  }
  return {};
}

bool case_key_less(std::string_view a, std::string_view b) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::string_view x = a.substr(i, ei - i), y = b.substr(j, ej - j);
      while (x.size() > 1 && x.front() == '0') x.remove_prefix(1);
      while (y.size() > 1 && y.front() == '0') y.remove_prefix(1);
      if (x.size() != y.size()) return x.size() < y.size();
      if (x != y) return x < y;
      i = ei, j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i, ++j;
  }
  if ((a.size() - i) != (b.size() - j)) return a.size() - i < b.size() - j;
  return a < b;  // equal by value ("07" and "7"): the text decides, so the order is total
}

void order_case_documents(std::vector<CaseDocument>& docs) {
  std::stable_sort(docs.begin(), docs.end(), [](const CaseDocument& a, const CaseDocument& b) {
    return std::tie(a.place.volume_index, a.place.slot_order, a.date, a.title, a.key) <
           std::tie(b.place.volume_index, b.place.slot_order, b.date, b.title, b.key);
  });
}

}  // namespace lh::filing
