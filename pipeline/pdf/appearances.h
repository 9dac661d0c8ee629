// The appearance streams of a page's annotations (PDF 32000-1 §12.5.5: /AP's /N, /R and /D, each
// a stream or a dictionary of streams by state). What they draw is drawn by the file: the fonts
// they use are fonts ISO 19005-2 6.2.11.4.1 wants embedded. Header-only (qpdf), so the read-back
// check (ingest/pdfa_check_fonts.cpp) and the PDF/A pass (pdf/font_substitute.cpp) walk the same.
#pragma once
#include <vector>

#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

namespace lh::pdf::detail {

inline std::vector<QPDFObjectHandle> appearance_streams(QPDFPageObjectHelper& page) {
  std::vector<QPDFObjectHandle> out;
  QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
  if (!annots.isArray()) return out;
  for (QPDFObjectHandle a : annots.aitems()) {
    QPDFObjectHandle ap = a.isDictionary() ? a.getKey("/AP") : QPDFObjectHandle();
    if (!ap.isDictionary()) continue;
    for (auto& [which, appearance] : ap.ditems()) {
      if (appearance.isStream()) out.push_back(appearance);
      else if (appearance.isDictionary())
        for (auto& [state, s] : appearance.ditems())
          if (s.isStream()) out.push_back(s);
    }
  }
  return out;
}

}  // namespace lh::pdf::detail
