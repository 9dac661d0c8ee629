// word/settings.xml (ECMA-376 Part 1 §17.15). Children are written in CT_Settings sequence order
// (zoom … defaultTabStop … evenAndOddHeaders … characterSpacingControl … compat … themeFontLang
// … decimalSymbol, listSeparator). No mc:Ignorable extensions (w14/w15), so the part validates
// against the Transitional schema as written; no w:updateFields (Word would prompt on every open,
// pandoc #5915) — the TOC's cached result is already right.
#include "docx/parts.h"

namespace lh::docx::detail {

// --- XML functions ------------------------------------------------------------------------------

// Write the <w:zoom> element; w:percent is required (python-docx default.docx omits it and fails).
static void write_zoom(XmlWriter& x, int percent) {
  if (percent < 10 || percent > 500) percent = 100;
  x.start("w:zoom");
  x.attr("w:percent", static_cast<int64_t>(percent));
  x.end();
}

// Write the <w:compat> element: lines ended by a manual break (\n → w:br) are not stretched in
// justified paragraphs (as layout sets them); compatibilityMode 15 (Word 2013+ layout) so Word
// does not open the file in compatibility mode.
static void write_compat(XmlWriter& x) {
  x.start("w:compat");
  x.empty("w:doNotExpandShiftReturn");
  x.start("w:compatSetting");
  x.attr("w:name", "compatibilityMode");
  x.attr("w:uri", "http://schemas.microsoft.com/office/word");
  x.attr("w:val", "15");
  x.end();
  x.end();
}

// Write the <w:themeFontLang> element: East Asian language zh-CN.
static void write_theme_font_lang(XmlWriter& x) {
  x.start("w:themeFontLang");
  x.attr("w:val", "en-US");
  x.attr("w:eastAsia", "zh-CN");
  x.end();
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string settings_xml(const Package& pkg) {
  XmlWriter x;
  x.start("w:settings");
  x.ns("w", kNsW);
  write_zoom(x, pkg.options ? pkg.options->zoom_percent : 100);
  // Two characters of the 16 pt body text (Word's Chinese default is 420 = 2 × 10.5 pt).
  double body_pt = pkg.style && pkg.style->body.font.size_pt > 0 ? pkg.style->body.font.size_pt : 16;
  x.val("w:defaultTabStop", twips_from_pt(2 * body_pt));
  // GB/T 9704-2012 §7.5: odd pages number right, even pages left → separate even footers.
  if (pkg.even_odd) x.empty("w:evenAndOddHeaders");
  // Full-width punctuation keeps its full width, so the 28-character grid of §5.2.3 stays exact.
  x.val("w:characterSpacingControl", "doNotCompress");
  write_compat(x);
  write_theme_font_lang(x);
  x.val("w:decimalSymbol", ".");
  x.val("w:listSeparator", ",");
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
