// The font and transparency rules of the PDF/A-2b check (pdfa_check.h): ISO 19005-2 6.2.11.3.2
// (CIDToGIDMap), 6.2.11.4.1 (fonts embedded), 6.2.11.7 (ToUnicode, asked of lianghua's copies), 6.2.10 (transparency without
// an OutputIntent) and ISO 19005-1 6.4 (no needless transparency group). Fonts are found where
// pages use them: page resources, the appearance streams of their annotations (a FreeText note's
// font is a font the file draws with) and, recursively, the resources of the forms they draw.
#include <map>
#include <set>
#include <string>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "pdf/appearances.h"
#include "pdf/transparency.h"

namespace lh::ingest {
namespace {
using OH = QPDFObjectHandle;

std::string base_font(OH font) {
  OH n = font.getKey("/BaseFont");
  return n.isName() ? n.getName().substr(1) : std::string("(unnamed)");
}

// A Type0 font whose descendant is missing or not a dictionary (a null in /DescendantFonts, a
// reference to no object) has no program to draw with: not embedded. qpdf throws on a key asked of
// a direct null, which would have stopped the whole check (pdfjs-issue12823-zh-emoji.pdf).
bool embedded(OH font) {
  OH desc = font.getKey("/FontDescriptor");
  if (font.getKey("/Subtype").isNameAndEquals("/Type0")) {
    OH desc_fonts = font.getKey("/DescendantFonts");
    if (!desc_fonts.isArray() || desc_fonts.getArrayNItems() < 1) return false;
    OH cid = desc_fonts.getArrayItem(0);
    if (!cid.isDictionary()) return false;
    desc = cid.getKey("/FontDescriptor");
  }
  return desc.isDictionary() && (desc.getKey("/FontFile").isStream() || desc.getKey("/FontFile2").isStream() ||
                                 desc.getKey("/FontFile3").isStream());
}

// ISO 19005-2 6.2.11.7.2: a ToUnicode CMap, or an encoding from which Unicode follows (a simple
// font with a standard encoding and no Differences, a composite font with a predefined CMap).
bool maps_to_unicode(OH font) {
  if (font.getKey("/ToUnicode").isStream()) return true;
  OH enc = font.getKey("/Encoding");
  if (font.getKey("/Subtype").isNameAndEquals("/Type0"))
    return enc.isName() && enc.getName() != "/Identity-H" && enc.getName() != "/Identity-V";
  static const std::set<std::string> kStandard = {"/WinAnsiEncoding", "/MacRomanEncoding", "/StandardEncoding"};
  if (enc.isName()) return kStandard.count(enc.getName()) > 0;
  if (enc.isDictionary()) return !enc.hasKey("/Differences") && enc.getKey("/BaseEncoding").isName();
  return false;
}

struct FontWalk {
  std::map<std::string, std::string>& findings;
  std::set<QPDFObjGen> seen_forms, seen_fonts;
  int page = 0;

  void font(OH f) {
    if (!f.isDictionary() || (f.isIndirect() && !seen_fonts.insert(f.getObjGen()).second)) return;
    if (f.getKey("/Subtype").isNameAndEquals("/Type3")) return;  // glyphs are content streams: nothing to embed
    if (f.getKey("/Subtype").isNameAndEquals("/Type0")) {
      OH desc = f.getKey("/DescendantFonts");
      OH cid = desc.isArray() && desc.getArrayNItems() > 0 ? desc.getArrayItem(0) : OH();
      if (cid.isDictionary() && cid.getKey("/Subtype").isNameAndEquals("/CIDFontType2") && !cid.hasKey("/CIDToGIDMap"))
        findings.emplace("6.2.11.3.2", "TrueType CIDFont " + base_font(cid) + " (page " + std::to_string(page) + ") has no CIDToGIDMap");
    }
    if (!embedded(f))
      findings.emplace("6.2.11.4.1", "font " + base_font(f) + " (page " + std::to_string(page) + ") is not embedded");
    if (!maps_to_unicode(f))
      findings.emplace("6.2.11.7", "font " + base_font(f) + " (page " + std::to_string(page) +
                                       ") has no ToUnicode map: its text cannot be extracted");
  }
  void resources(OH res) {
    if (!res.isDictionary()) return;
    OH fonts = res.getKey("/Font");
    if (fonts.isDictionary())
      for (auto& [name, f] : fonts.ditems()) font(f);
    OH xo = res.getKey("/XObject");
    if (!xo.isDictionary()) return;
    for (auto& [name, x] : xo.ditems())
      if (x.isStream() && x.getDict().getKey("/Subtype").isNameAndEquals("/Form") &&
          (!x.isIndirect() || seen_forms.insert(x.getObjGen()).second))
        resources(x.getDict().getKey("/Resources"));
  }
};

}  // namespace

void check_pdfa_fonts(QPDF& q, std::map<std::string, std::string>& findings) {
  FontWalk walk{findings, {}, {}, 0};
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    ++walk.page;
    walk.resources(page.getAttribute("/Resources", false));
    for (OH& s : pdf::detail::appearance_streams(page)) walk.resources(s.getDict().getKey("/Resources"));
  }
}

void check_pdfa_transparency(QPDF& q, bool has_output_intent, std::map<std::string, std::string>& findings) {
  int n = 0;
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(q).getAllPages()) {
    ++n;
    std::set<QPDFObjGen> seen;
    const bool transparent = pdf::detail::uses_transparency(page.getAttribute("/Resources", false), seen);
    OH group = page.getObjectHandle().getKey("/Group");
    if (transparent && !has_output_intent && !(group.isDictionary() && group.hasKey("/CS")))
      findings.emplace("6.2.10", "page " + std::to_string(n) + " uses transparency, but there is no OutputIntent and its group has no /CS");
    if (!transparent && group.isDictionary())
      findings.emplace("1:6.4", "page " + std::to_string(n) +
                                    " has a transparency group but paints nothing transparent (PDF/A-1 readers reject it)");
  }
  for (OH& o : q.getAllObjects()) {
    if (!o.isStream() || !o.getDict().getKey("/Subtype").isNameAndEquals("/Form") || !o.getDict().hasKey("/Group")) continue;
    std::set<QPDFObjGen> seen{o.getObjGen()};
    if (!pdf::detail::uses_transparency(o.getDict().getKey("/Resources"), seen))
      findings.emplace("1:6.4", "form object " + std::to_string(o.getObjectID()) +
                                    " has a transparency group but paints nothing transparent (PDF/A-1 readers reject it)");
  }
}

}  // namespace lh::ingest
