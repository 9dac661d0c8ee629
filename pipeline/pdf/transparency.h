// Whether a page or form paints anything transparent, read from its resources with qpdf. Shared by
// the PDF/A post-pass (pdfa.cpp drops a needless transparency group) and the PDF/A checker
// (ingest/pdfa_check.h), so the writer and the reader agree on what "uses transparency" means.
// Header-only and read-only: it inspects objects, never writes a file.
#pragma once
#include <set>

#include <qpdf/QPDFObjGen.hh>
#include <qpdf/QPDFObjectHandle.hh>

namespace lh::pdf::detail {

inline bool number_below_one(QPDFObjectHandle o) { return o.isNumber() && o.getNumericValue() < 1.0; }

// Whether anything drawn with these resources is transparent (PDF 32000-1 §11: a soft mask, a
// constant alpha below 1, a blend mode other than Normal, an image with a soft mask, a form that
// is itself transparent). `seen` stops cycles through shared forms.
inline bool uses_transparency(QPDFObjectHandle resources, std::set<QPDFObjGen>& seen) {
  if (!resources.isDictionary()) return false;
  QPDFObjectHandle gs = resources.getKey("/ExtGState");
  if (gs.isDictionary())
    for (auto& [k, g] : gs.ditems()) {
      if (!g.isDictionary()) continue;
      QPDFObjectHandle sm = g.getKey("/SMask"), bm = g.getKey("/BM");
      if ((sm.isInitialized() && !sm.isNull() && !(sm.isName() && sm.getName() == "/None")) || number_below_one(g.getKey("/CA")) ||
          number_below_one(g.getKey("/ca")) || (bm.isName() && bm.getName() != "/Normal" && bm.getName() != "/Compatible"))
        return true;
    }
  QPDFObjectHandle xo = resources.getKey("/XObject");
  if (xo.isDictionary())
    for (auto& [k, x] : xo.ditems()) {
      if (!x.isStream() || (x.isIndirect() && !seen.insert(x.getObjGen()).second)) continue;
      QPDFObjectHandle d = x.getDict();
      if (d.getKey("/Subtype").isNameAndEquals("/Image")) {
        if (d.getKey("/SMask").isStream() || (d.getKey("/SMaskInData").isInteger() && d.getKey("/SMaskInData").getIntValue() != 0))
          return true;
      } else if (uses_transparency(d.getKey("/Resources"), seen)) {
        return true;
      }
    }
  return false;
}

}  // namespace lh::pdf::detail
