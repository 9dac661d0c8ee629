// Paragraph and run properties as values, written in schema order by ONE function each.
//
// ECMA-376 Part 1 declares w:pPr (CT_PPrBase, §17.3.1.26) and w:rPr (EG_RPrBase, §17.3.2.28) as
// xsd:sequence: Word tolerates misordered children, the schema and strict consumers do not
// (pandoc writes w:pStyle after w:numPr and fails validation, shared/schemas/ooxml/README.md).
// Every writer that needs a w:pPr or w:rPr — styles, numbering levels, body text, headers — fills
// one of these structs, so the order lives in exactly one place.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "docx/xml_writer.h"
#include "model/document.h"

namespace lh::docx::detail {

struct RPr {
  std::string style;                       // w:rStyle
  std::optional<model::FontRole> role;     // w:rFonts
  std::optional<bool> bold;                // w:b, w:bCs
  std::optional<bool> italic;              // w:i, w:iCs
  std::optional<uint32_t> color;           // w:color
  std::optional<int64_t> char_spacing;     // w:spacing (twips; negative condenses)
  double size_pt = 0;                      // w:sz, w:szCs (0: not written)
  std::optional<bool> underline;           // w:u single / none
  bool lang = false;                       // w:lang val=en-US eastAsia=zh-CN
  bool empty() const {
    return style.empty() && !role && !bold && !italic && !color && !char_spacing && size_pt <= 0 && !underline &&
           !lang;
  }
};

struct Tab {
  std::string val;      // left, right, center
  std::string leader;   // dot, none; empty: not written
  int64_t pos = 0;      // twips
};

struct Spacing {
  std::optional<int64_t> before, before_lines, after, after_lines;  // twips, hundredths of a line
  std::optional<int64_t> line;            // twips (exact) or 240ths (auto)
  std::string line_rule;                  // exact, auto, atLeast
};

struct Ind {
  std::optional<int64_t> left, left_chars, right, right_chars, first_line, first_line_chars;
};

struct SectionInfo;
struct Package;

struct PPr {
  std::string style;                      // w:pStyle
  bool keep_next = false;
  bool page_break_before = false;
  int num_id = 0, ilvl = 0;               // w:numPr when num_id > 0
  std::vector<Tab> tabs;
  std::optional<bool> snap_to_grid;
  std::optional<Spacing> spacing;
  std::optional<Ind> ind;
  std::string jc;                         // left, center, right, both
  std::optional<int> outline_lvl;         // 0-based
  RPr mark;                               // w:rPr of the paragraph mark
  const SectionInfo* sect = nullptr;      // w:sectPr: this paragraph ends a section
  const Package* pkg = nullptr;           // needed with sect
  bool empty() const {
    return style.empty() && !keep_next && !page_break_before && num_id <= 0 && tabs.empty() &&
           !snap_to_grid && !spacing && !ind && jc.empty() && !outline_lvl && mark.empty() && !sect;
  }
};

void write_rpr(XmlWriter& x, const RPr& r);      // nothing when r.empty()
void write_ppr(XmlWriter& x, const PPr& p);      // nothing when p.empty()
void write_ind(XmlWriter& x, const Ind& ind);
void write_spacing(XmlWriter& x, const Spacing& s);
const char* jc_value(model::Align a);            // left, center, right, both

}  // namespace lh::docx::detail
