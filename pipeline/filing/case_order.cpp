#include "filing/case_order.h"

#include <algorithm>
#include <tuple>

#include <unicode/unistr.h>

#include "filing/text_util.h"
#include "normalize/fields.h"

namespace lh::filing {
namespace {

// The 范本 document a 送达回证's 送达文书名称 or title names, by its 范本 name (行政处罚决定书,
// 行政处罚告知书, 实施行政强制措施决定书 …); empty when it names none. The name is cut at punctuation and
// spaces ("送达回证（决定书）", "行政处罚决定书 桐市监罚字〔2025〕7号", "告知书、决定书"); a decision named
// among others wins (第七十八条 puts the decision's 送达回证 with it). A 决定书 named by no kind of its
// own ("送达回证（决定书）") is the case's decision: the 决定书 a penalty case file is about (范本 No. 44–46),
// where every other 决定书 served on a party carries its kind in its name (实施/延长/解除行政强制措施
// 决定书, 范本 No. 21–23); it reads as 行政处罚决定书.
std::string served_document(const std::string& said) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(said);
  const icu::UnicodeString cuts(u"、，,；;：:（）()《》〈〉“”\"'[]【】 \t\n\u3000");
  const icu::UnicodeString receipt(u"送达回证"), bare(u"决定书");
  std::string other;
  int32_t from = 0;
  for (int32_t i = 0; i <= text.length(); ++i) {
    if (i < text.length() && cuts.indexOf(text.charAt(i)) < 0) continue;
    icu::UnicodeString part(text, from, i - from);
    from = i + 1;
    part.findAndReplace(receipt, icu::UnicodeString());
    if (part.isEmpty()) continue;
    std::string name;
    part.toUTF8String(name);
    const normalize::DocType d = normalize::classify_doc_type(name);
    if (d.number == 44 || d.number == 45 || d.number == 46) return d.name;
    if (d.number == 0 && part == bare) return "行政处罚决定书";
    if (d.number > 0 && other.empty()) other = d.name;
  }
  return other;
}

}  // namespace

CasePlace place_in_case(const Category& c, int doc_number, const std::string& title, const std::string& format,
                        const std::string& served) {
  // A slot's title-contains reads the title; for a 送达回证, the document it served (see the header):
  // the 送达文书名称 before the title, which is often a file name or the form's bare 送达回证.
  std::string said = served.empty() ? title : title + "\n" + served;
  std::string slot_by;
  if (doc_number == 50) {
    for (const auto& [label, text] : {std::pair<const char*, const std::string&>{"送达文书名称", served}, {"题名", title}}) {
      const std::string named = text.empty() ? std::string() : served_document(text);
      if (named.empty()) continue;
      said = named;
      slot_by = std::string("送达回证所送达的文书：") + named + "（" + label + "“" + text + "”；程序规定 第七十八条）";
      break;
    }
  }
  for (size_t vi = 0; vi < c.volumes.size(); ++vi) {
    const Volume& v = c.volumes[vi];
    for (const Slot& s : v.slots) {
      for (const DocRef& d : s.docs) {
        bool ok;
        if (d.number) ok = d.number == doc_number && (d.title_contains.empty() || contains_any(said, d.title_contains));
        else if (!d.format.empty()) ok = doc_number == 0 && d.format == format;
        else ok = !d.title_contains.empty() && contains_any(title, d.title_contains);
        if (ok) return {static_cast<int>(vi), v.code, v.name, s.order, s.name, slot_by};
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
