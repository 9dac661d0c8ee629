// word/document.xml (ECMA-376 Part 1 §17.2): w:document/w:body with each section's blocks and
// section properties (§17.6.17 sectPr). A section that is not the last ends with a paragraph whose
// w:pPr holds its sectPr (§17.6.18); the last section's sectPr is the body's final child.
//
// sectPr children in CT_SectPr order: headerReference/footerReference, type, pgSz, pgMar, pgNumType,
// cols, docGrid. Geometry (GB/T 9704-2012 §5.2):
//   pgSz   A4 210 × 297 mm (§5.1) = 11906 × 16838 twips, w:orient="landscape" when wider than tall
//   pgMar  天头 37 mm, 订口 28 mm, bottom 35 mm, right 26 mm → 版心 156 × 225 mm (§5.2.1)
//          w:footer puts the middle of the page-number line 7 mm below the 版心 (§7.5)
//   docGrid w:type="lines", linePitch 579 twips (28.95 pt): 22 lines (§5.2.3), which the styles'
//          exact line spacing enforces in every consumer.
// 28 characters a line come from character spacing −0.25 pt on body-size text (styles.cpp,
// units.cpp grid_char_spacing), NOT from docGrid w:type="linesAndChars" + w:charSpace: measured
// with LibreOffice 7.4 here, a linesAndChars grid whose pitch (15.79 pt) is narrower than the
// 16 pt glyphs puts each character in two grid cells — 13 widely spread characters a line, even
// with the character spacing added (regression test
// DocxRegression.LinesAndCharsGridSpreadsCharactersInLibreOffice). Character spacing gives 28 a
// line in Word, WPS and LibreOffice alike.
// Line and character pitch come from the Style (its own page), not from each section's page, so
// a landscape section keeps the body's rhythm.
// Fixed-page sections (signs, labels: frames placed in millimetres) are approximated in DOCX as
// flowing text: each text box a paragraph, each placed image an inline picture, one page each.
// A page drawn with paths (a 流程图 board, outlines) would lose its geometry that way: it is shown
// whole as one picture of its frames (story.cpp, Drawing), its texts as the alternative text.
#include <cmath>

#include "docx/parts.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------

static bool holds_path(const std::vector<model::Frame>& frames) {
  for (const model::Frame& f : frames)
    if (std::holds_alternative<model::Path>(f)) return true;
  return false;
}

// A whole fixed page as one drawing (a picture in DOCX); its texts are its alternative text.
static model::Drawing page_as_drawing(const std::vector<model::Frame>& frames, const model::PageSetup& page) {
  model::Drawing d;
  d.width_mm = page.width_mm;
  d.height_mm = page.height_mm;
  d.frames = frames;
  for (const model::Frame& f : frames)
    if (const auto* tb = std::get_if<model::TextBox>(&f)) {
      if (!d.description.empty()) d.description += ' ';
      for (const model::Run& r : tb->runs) d.description += r.text;
    }
  return d;
}

// The blocks a fixed-page section shows in DOCX (see the header).
static std::vector<model::Block> flow_fixed_pages(const model::Section& s) {
  std::vector<model::Block> out;
  for (size_t i = 0; i < s.fixed_pages.size(); ++i) {
    if (i > 0 || !s.blocks.empty()) out.push_back({model::PageBreak{}});
    if (holds_path(s.fixed_pages[i])) {
      out.push_back({page_as_drawing(s.fixed_pages[i], s.page)});
      continue;
    }
    for (const model::Frame& f : s.fixed_pages[i]) {
      if (const auto* tb = std::get_if<model::TextBox>(&f)) {
        model::Paragraph p;
        p.runs = tb->runs;
        for (model::Run& r : p.runs)
          if (!r.role) r.role = tb->role;
        p.align = tb->align;
        p.first_line_indent_chars = 0;
        out.push_back({std::move(p)});
      } else if (const auto* pi = std::get_if<model::PlacedImage>(&f)) {
        model::Image img = pi->image;
        img.width_mm = pi->w_mm;
        img.height_mm = pi->h_mm;
        out.push_back({std::move(img)});
      }
    }
  }
  return out;
}

// pgMar w:footer: from the page bottom to the bottom of the footer paragraph, so the middle of a
// line of the page-number size lies below_text_block_mm under the 版心 (GB/T 9704 §7.5).
static int64_t footer_distance(const model::PageSetup& page, const layout::Style& style) {
  const double size_mm = (style.page_number.font.size_pt > 0 ? style.page_number.font.size_pt : 14) * 25.4 / 72;
  const double mm = page.bottom_mm - style.page_number.below_text_block_mm - size_mm / 2;
  return twips_from_mm(mm > 5 ? mm : 5);
}

// pgMar w:header: from the page top to the top of the header; layout::Style::header_distance_mm
// is to the header's first baseline (layout/decorate.cpp), one ascent (0.88 em) lower.
static int64_t header_distance(const layout::Style& style) {
  const double size = style.header_footer.font.size_pt > 0 ? style.header_footer.font.size_pt : 14;
  const double mm = style.header_distance_mm - 0.88 * size * 25.4 / 72;
  return twips_from_mm(mm > 5 ? mm : 5);
}

// --- XML functions ------------------------------------------------------------------------------

// Write a <w:headerReference>/<w:footerReference> (§17.10.5, §17.10.2).
static void write_hdr_ftr_reference(XmlWriter& x, const char* qname, const char* type, const std::string& rid) {
  if (rid.empty()) return;
  x.start(qname);
  x.attr("w:type", type);
  x.attr("r:id", rid);
  x.end();
}

// Write the <w:pgSz> element (§17.6.13).
static void write_pg_sz(XmlWriter& x, const model::PageSetup& page) {
  x.start("w:pgSz");
  x.attr("w:w", twips_from_mm(page.width_mm));
  x.attr("w:h", twips_from_mm(page.height_mm));
  if (page.landscape()) x.attr("w:orient", "landscape");
  x.end();
}

// Write the <w:type> element (§17.6.22): a section that opens on a recto page starts with an
// odd-page break, for which Word and WPS insert the blank verso themselves (layout adds it too).
static void write_sect_type(XmlWriter& x, const model::Section& s) {
  if (!s.start_on_odd_page) return;
  x.start("w:type");
  x.attr("w:val", "oddPage");
  x.end();
}

// Write the <w:pgNumType> element (§17.6.12): lower-roman front matter, decimal body, and the
// restart at 1 — what layout prints in {PAGE} and the page number line.
static void write_pg_num_type(XmlWriter& x, const model::Section& s) {
  const bool roman = s.numbering == model::Section::Numbering::LowerRoman;
  if (!roman && !s.restart_numbering) return;
  x.start("w:pgNumType");
  x.attr("w:fmt", roman ? "lowerRoman" : "decimal");
  if (s.restart_numbering) x.attr("w:start", static_cast<int64_t>(1));
  x.end();
}

// Write the <w:pgMar> element (§17.6.11).
static void write_pg_mar(XmlWriter& x, const model::PageSetup& page, const layout::Style& style) {
  x.start("w:pgMar");
  x.attr("w:top", twips_from_mm(page.top_mm));
  x.attr("w:right", twips_from_mm(page.right_mm));
  x.attr("w:bottom", twips_from_mm(page.bottom_mm));
  x.attr("w:left", twips_from_mm(page.left_mm));
  x.attr("w:header", header_distance(style));
  x.attr("w:footer", footer_distance(page, style));
  x.attr("w:gutter", static_cast<int64_t>(0));
  x.end();
}

// Write the <w:docGrid> element (§17.6.5): a line grid of 22 lines (GB/T 9704 §5.2.3); see the
// header for why there is no character grid.
static void write_doc_grid(XmlWriter& x, const layout::Style& style) {
  x.start("w:docGrid");
  x.attr("w:type", "lines");
  x.attr("w:linePitch", line_pitch_twips(style));
  x.end();
}

void write_sect_pr(XmlWriter& x, const SectionInfo& info, const Package& pkg) {
  const model::Section& s = *info.section;
  x.start("w:sectPr");
  write_hdr_ftr_reference(x, "w:headerReference", "default", info.header_default);
  write_hdr_ftr_reference(x, "w:headerReference", "even", info.header_even);
  write_hdr_ftr_reference(x, "w:footerReference", "default", info.footer_default);
  write_hdr_ftr_reference(x, "w:footerReference", "even", info.footer_even);
  write_sect_type(x, s);
  write_pg_sz(x, s.page);
  write_pg_mar(x, s.page, *pkg.style);
  write_pg_num_type(x, s);
  x.start("w:cols");
  x.attr("w:space", static_cast<int64_t>(425));
  x.end();
  write_doc_grid(x, *pkg.style);
  x.end();
}

// Write one section: its blocks, the last of them carrying the sectPr unless it is the last section.
static void write_section(XmlWriter& x, const model::Section& s, bool last, Package& pkg) {
  pkg.current_page = s.page;
  SectionInfo info;
  info.section = &s;
  add_section_headers_footers(s, pkg, info);
  StoryContext ctx;
  ctx.top_level = true;
  std::vector<model::Block> fixed = flow_fixed_pages(s);
  const std::vector<model::Block>* blocks = &s.blocks;
  std::vector<model::Block> combined;
  if (!fixed.empty()) {
    combined = s.blocks;
    combined.insert(combined.end(), fixed.begin(), fixed.end());
    blocks = &combined;
  }
  if (blocks->empty()) write_empty_paragraph(x, last ? nullptr : &info, false, pkg);
  else write_blocks(x, *blocks, pkg, ctx, last ? nullptr : &info);
  if (last) write_sect_pr(x, info, pkg);
}

// --- XML file assembly functions ----------------------------------------------------------------

std::string document_xml(const model::Document& doc, Package& pkg) {
  collect_headings(doc, pkg);
  XmlWriter x;
  x.start("w:document");
  x.ns("w", kNsW);
  x.ns("r", kNsR);
  x.ns("wp", kNsWp);
  x.ns("a", kNsA);
  x.ns("pic", kNsPic);
  x.start("w:body");
  if (doc.sections.empty()) {
    model::Section empty;
    empty.page = pkg.style->page;
    write_section(x, empty, true, pkg);
  }
  for (size_t i = 0; i < doc.sections.size(); ++i)
    write_section(x, doc.sections[i], i + 1 == doc.sections.size(), pkg);
  x.end();
  x.end();
  return x.finish();
}

}  // namespace lh::docx::detail
