// The table of contents in word/document.xml: a TOC complex field (ECMA-376 Part 1 §17.16.5.68,
// switches \o "1-n" outline levels, \h hyperlinked entries, \z no page numbers in Web view, \u use
// outline levels) whose cached result (between fldChar separate and end, §17.16.18) is already
// filled in: one TOCn paragraph per heading, "label + title", a tab to the right-aligned dot-leader
// tab stop of the TOCn style, and the page number that our PDF layout found
// (DocxOptions::heading_pages), written as the heading's section numbers its pages (ii in
// lower-roman front matter, as Word's own TOC would show it). The entries link to hidden "_Toc…" bookmarks around the headings,
// as Word's own entries do, but carry no PAGEREF fields: nothing needs updating on open, and
// Word/WPS can still regenerate the field (F9) from the instruction.
// Without a field update Word shows exactly this cached text (pandoc #458 is what happens when the
// result is left empty).
#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "docx/parts.h"
#include "docx/properties.h"
#include "layout/layout.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------


// The label Word shows for counter n (numbering.cpp's lvlText), which is layout's marker.
static std::string list_label(model::ListKind kind, int ilvl, int n) {
  if (kind == model::ListKind::ChineseLevel) return layout::list_marker(ilvl + 1, n);
  if (kind == model::ListKind::Decimal) return std::to_string(n) + ".";
  return {};
}

static std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  return s;
}

// --- Public functions ---------------------------------------------------------------------------

// Collect the headings of the section blocks in document order (layout/flow.cpp collect_headings:
// top-level paragraphs, title excluded), with the list labels Word will show, bookmark names and
// the pages of DocxOptions::heading_pages. Mirrors the numbering instances write_blocks() creates.
void collect_headings(const model::Document& doc, Package& pkg) {
  Numbering sim;
  std::map<int, std::array<int, 9>> counters;
  for (const model::Section& s : doc.sections)
    for (const model::Block& b : s.blocks) {
      const auto* p = std::get_if<model::Paragraph>(&b.value);
      if (!p) continue;  // tables and images do not interrupt a list (layout does the same)
      std::string label;
      if (int id = sim.on_paragraph(p->list); id > 0) {
        const int lvl = list_ilvl(*p);
        auto& c = counters[id];
        ++c[static_cast<size_t>(lvl)];
        for (size_t k = static_cast<size_t>(lvl) + 1; k < c.size(); ++k) c[k] = 0;
        label = list_label(p->list, lvl, c[static_cast<size_t>(lvl)]);
      }
      if (!is_heading(*p)) continue;
      HeadingEntry e;
      e.level = std::clamp(p->heading_level, 1, 9);
      e.label = label;
      e.text = one_line(p->plain_text());
      const size_t index = pkg.headings.size();
      char name[24];
      std::snprintf(name, sizeof name, "_Toc%08zu", index + 1);
      e.bookmark = name;
      const auto& pages = pkg.options->heading_pages;
      e.page = index < pages.size() ? pages[index] : 0;
      if (e.page > 0) e.page_text = layout::page_number_text(e.page, s.numbering);
      pkg.headings.push_back(std::move(e));
    }
}

// --- XML functions ------------------------------------------------------------------------------

// Write the TOC title paragraph ("目  录"), outside the field.
static void write_toc_title(XmlWriter& x, const std::string& title) {
  x.start("w:p");
  PPr p;
  p.style = "TOCHeading";
  write_ppr(x, p);
  x.start("w:r");
  write_run_text(x, title);
  x.end();
  x.end();
}

// Write the runs that open the field: begin, instruction, separate.
static void write_field_start(XmlWriter& x, int max_level) {
  write_field_run(x, "begin");
  write_instr_run(x, " TOC \\o \"1-" + std::to_string(max_level) + "\" \\h \\z \\u ");
  write_field_run(x, "separate");
}

// Write the hyperlinked entry: label and title, tab, page number.
static void write_entry_link(XmlWriter& x, const HeadingEntry& e) {
  x.start("w:hyperlink");
  x.attr("w:anchor", e.bookmark);
  x.attr("w:history", "1");
  x.start("w:r");
  write_run_text(x, e.label + e.text);
  x.end();
  x.start("w:r");
  x.empty("w:tab");
  x.end();
  if (e.page > 0) {
    x.start("w:r");
    write_run_text(x, e.page_text);
    x.end();
  }
  x.end();
}

// Write one cached entry paragraph (style TOC1..TOC3); the first opens the field, the last closes it.
static void write_entry(XmlWriter& x, const HeadingEntry* e, bool first, bool last, int max_level) {
  x.start("w:p");
  PPr p;
  p.style = "TOC" + std::to_string(e ? std::clamp(e->level, 1, 3) : 1);
  write_ppr(x, p);
  if (first) write_field_start(x, max_level);
  if (e) write_entry_link(x, *e);
  if (last) write_field_run(x, "end");
  x.end();
}

void write_toc(XmlWriter& x, const model::TableOfContents& toc, Package& pkg) {
  const int max_level = std::clamp(toc.max_level, 1, 9);
  if (!toc.title.empty()) write_toc_title(x, toc.title);
  std::vector<const HeadingEntry*> entries;
  for (const HeadingEntry& e : pkg.headings)
    if (e.level <= max_level) entries.push_back(&e);
  if (entries.empty()) {
    write_entry(x, nullptr, true, true, max_level);
    return;
  }
  for (size_t i = 0; i < entries.size(); ++i)
    write_entry(x, entries[i], i == 0, i + 1 == entries.size(), max_level);
}

}  // namespace lh::docx::detail
