// w:pPr and w:rPr in schema order (see properties.h). Element orders, ECMA-376 Part 1 Transitional:
//   CT_PPrBase: pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr
//               suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct
//               topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind
//               contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment
//               textboxTightWrap outlineLvl divId cnfStyle; then (CT_PPr) rPr sectPr pPrChange.
//   EG_RPrBase: rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint
//               noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight
//               u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath.
#include "docx/properties.h"

#include "docx/parts.h"

namespace lh::docx::detail {

// --- XML functions ------------------------------------------------------------------------------

// Write an on/off toggle (§17.17.4 ST_OnOff): <w:b/> or <w:b w:val="0"/>.
static void write_toggle(XmlWriter& x, const char* qname, bool on) {
  x.start(qname);
  if (!on) x.attr("w:val", "0");
  x.end();
}

// Write the <w:lang> element (§17.3.2.20): East Asian text is Simplified Chinese.
static void write_lang(XmlWriter& x) {
  x.start("w:lang");
  x.attr("w:val", "en-US");
  x.attr("w:eastAsia", "zh-CN");
  x.attr("w:bidi", "ar-SA");
  x.end();
}

void write_rpr(XmlWriter& x, const RPr& r) {
  if (r.empty()) return;
  x.start("w:rPr");
  if (!r.style.empty()) x.val("w:rStyle", r.style);
  if (r.role) write_rfonts(x, *r.role);
  if (r.bold) { write_toggle(x, "w:b", *r.bold); write_toggle(x, "w:bCs", *r.bold); }
  if (r.italic) { write_toggle(x, "w:i", *r.italic); write_toggle(x, "w:iCs", *r.italic); }
  if (r.color) x.val("w:color", hex_rgb(*r.color));
  if (r.char_spacing) x.val("w:spacing", *r.char_spacing);
  if (r.size_pt > 0) {
    x.val("w:sz", half_points(r.size_pt));
    x.val("w:szCs", half_points(r.size_pt));
  }
  if (r.underline) x.val("w:u", *r.underline ? "single" : "none");
  if (r.lang) write_lang(x);
  x.end();
}

// Write the <w:numPr> element (§17.3.1.19): ilvl before numId.
static void write_num_pr(XmlWriter& x, int num_id, int ilvl) {
  x.start("w:numPr");
  x.val("w:ilvl", static_cast<int64_t>(ilvl));
  x.val("w:numId", static_cast<int64_t>(num_id));
  x.end();
}

// Write the <w:tabs> element (§17.3.1.38).
static void write_tabs(XmlWriter& x, const std::vector<Tab>& tabs) {
  x.start("w:tabs");
  for (const Tab& t : tabs) {
    x.start("w:tab");
    x.attr("w:val", t.val);
    if (!t.leader.empty()) x.attr("w:leader", t.leader);
    x.attr("w:pos", t.pos);
    x.end();
  }
  x.end();
}

// Write the <w:spacing> element (§17.3.1.33).
void write_spacing(XmlWriter& x, const Spacing& s) {
  x.start("w:spacing");
  if (s.before) x.attr("w:before", *s.before);
  if (s.before_lines) x.attr("w:beforeLines", *s.before_lines);
  if (s.after) x.attr("w:after", *s.after);
  if (s.after_lines) x.attr("w:afterLines", *s.after_lines);
  if (s.line) x.attr("w:line", *s.line);
  if (s.line && !s.line_rule.empty()) x.attr("w:lineRule", s.line_rule);
  x.end();
}

// Write the <w:ind> element (§17.3.1.12). The *Chars forms (hundredths of a character) win in Word
// and WPS; the twips forms are there for consumers that ignore them.
void write_ind(XmlWriter& x, const Ind& i) {
  x.start("w:ind");
  if (i.left) x.attr("w:left", *i.left);
  if (i.left_chars) x.attr("w:leftChars", *i.left_chars);
  if (i.right) x.attr("w:right", *i.right);
  if (i.right_chars) x.attr("w:rightChars", *i.right_chars);
  if (i.first_line) x.attr("w:firstLine", *i.first_line);
  if (i.first_line_chars) x.attr("w:firstLineChars", *i.first_line_chars);
  x.end();
}

void write_sect_pr(XmlWriter& x, const SectionInfo& info, const Package& pkg);

void write_ppr(XmlWriter& x, const PPr& p) {
  if (p.empty()) return;
  x.start("w:pPr");
  if (!p.style.empty()) x.val("w:pStyle", p.style);
  if (p.keep_next) x.empty("w:keepNext");
  if (p.page_break_before) x.empty("w:pageBreakBefore");
  if (p.num_id > 0) write_num_pr(x, p.num_id, p.ilvl);
  if (!p.tabs.empty()) write_tabs(x, p.tabs);
  if (p.snap_to_grid) write_toggle(x, "w:snapToGrid", *p.snap_to_grid);
  if (p.spacing) write_spacing(x, *p.spacing);
  if (p.ind) write_ind(x, *p.ind);
  if (!p.jc.empty()) x.val("w:jc", p.jc);
  if (p.outline_lvl) x.val("w:outlineLvl", static_cast<int64_t>(*p.outline_lvl));
  write_rpr(x, p.mark);
  if (p.sect && p.pkg) write_sect_pr(x, *p.sect, *p.pkg);
  x.end();
}

// Transitional ST_Jc: left/right rather than start/end, which Word 2007/2010 and WPS do not know.
const char* jc_value(model::Align a) {
  switch (a) {
    case model::Align::Start: return "left";
    case model::Align::Center: return "center";
    case model::Align::End: return "right";
    case model::Align::Justify: return "both";
  }
  return "both";
}

}  // namespace lh::docx::detail
