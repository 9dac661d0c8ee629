// Block-level WordprocessingML shared by word/document.xml, header*.xml and footer*.xml
// (ECMA-376 Part 1 §17.3): paragraphs (§17.3.1.22), runs (§17.3.2.25), text/tab/break content
// (§17.3.3), hyperlinks (§17.16.22), bookmarks (§17.13.6), complex fields (§17.16.18 fldChar,
// §17.16.23 instrText).
//
// Model conventions (the same as layout/flow.cpp, so DOCX and PDF agree):
// - Paragraph::style "title" or "Title" is the document title → the Title style, even when it also
//   has a heading level (it is then not a heading: no outline level, not in the TOC).
// - heading_level 1..4 → Heading1..4; 5..9 → Heading4 with its own w:outlineLvl.
// - A ChineseLevel heading's list level is its heading level (Heading 2 → （一））; other list
//   paragraphs use list_level.
// - A paragraph whose largest run needs more than one grid line (size × line_height_em > pitch)
//   gets an exact line spacing of that many grid lines, as layout's grid_height() does.
// - A Run's text may hold \t (→ w:tab), \n and \r (→ w:br); other controls are dropped.
// - Run::link "#name" → internal link to the bookmark of the paragraph whose anchor is "name";
//   other links must be http, https, mailto or ftp URLs (anything else — file:, javascript: — is
//   dropped and the text kept), written as external relationships.
// - PageBreak → w:pageBreakBefore on the next paragraph (no empty line at the top of the new page);
//   before a table or at the end of a section, a paragraph holding <w:br w:type="page"/>.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "docx/parts.h"
#include "docx/properties.h"

namespace lh::docx::detail {

// --- Private functions --------------------------------------------------------------------------


// The layout paragraph style a model paragraph is set in.
static const layout::ParagraphStyle& layout_style_of(const model::Paragraph& p, const StoryContext& ctx,
                                                     const layout::Style& style) {
  if (is_title(p)) return style.title;
  if (p.heading_level > 0) return style.headings[static_cast<size_t>(std::clamp(p.heading_level, 1, 4) - 1)];
  if (ctx.in_table) return style.table_text;
  if (ctx.header_footer) return style.header_footer;
  return style.body;
}

static std::string style_id_of(const model::Paragraph& p, const StoryContext& ctx) {
  if (is_title(p)) return "Title";
  if (p.heading_level > 0) return "Heading" + std::to_string(std::clamp(p.heading_level, 1, 4));
  if (ctx.in_table) return "TableText";
  if (ctx.header_footer) return ctx.footer ? "Footer" : "Header";
  return {};  // Normal
}

static bool allowed_url(const std::string& url) {
  for (const char* scheme : {"http://", "https://", "mailto:", "ftp://"}) {
    size_t n = std::char_traits<char>::length(scheme);
    if (url.size() > n && std::equal(scheme, scheme + n, url.begin(), [](char a, char b) {
          return a == std::tolower(static_cast<unsigned char>(b));
        }))
      return true;
  }
  return false;
}

// ASCII letters, digits and '_' plus any non-ASCII byte (Word accepts CJK bookmark names).
static bool bookmark_char(unsigned char c) { return c >= 0x80 || std::isalnum(c) || c == '_'; }

static size_t utf8_length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

// --- Public functions ---------------------------------------------------------------------------

bool is_title(const model::Paragraph& p) { return p.style == "title" || p.style == "Title"; }

bool is_heading(const model::Paragraph& p) { return p.heading_level > 0 && !is_title(p); }

int list_ilvl(const model::Paragraph& p) {
  if (p.list == model::ListKind::ChineseLevel && p.heading_level > 0) return std::clamp(p.heading_level, 1, 9) - 1;
  return std::clamp(p.list_level, 0, 8);
}

// Exact line spacing in twips for text of `size_pt`: a whole number of grid lines (layout's
// grid_height: ceil(size × line_height_em / pitch) lines).
int64_t grid_line_twips(double size_pt, const layout::Style& style) {
  const int64_t pitch = line_pitch_twips(style);
  const double em = style.line_height_em > 0 ? style.line_height_em : 1.2;
  const double lines = std::max(1.0, std::ceil(size_pt * em * 20.0 / static_cast<double>(pitch) - 1e-6));
  return static_cast<int64_t>(lines) * pitch;
}

// Word limits bookmark names to 40 characters starting with a letter, no spaces or punctuation
// (a leading '_' marks a hidden bookmark). A valid anchor is kept; anything else becomes "bm_" +
// FNV-1a-64 of the anchor, so links and targets map identically and deterministically.
std::string bookmark_name(std::string_view anchor) {
  std::string a = sanitize_xml_text(anchor);
  bool ok = !a.empty() && utf8_length(a) <= 40 &&
            (static_cast<unsigned char>(a[0]) >= 0x80 || std::isalpha(static_cast<unsigned char>(a[0])));
  for (unsigned char c : a) ok = ok && bookmark_char(c);
  if (ok) return a;
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : anchor) h = (h ^ c) * 1099511628211ull;
  char buf[24];
  std::snprintf(buf, sizeof buf, "bm_%016llx", static_cast<unsigned long long>(h));
  return buf;
}

// Write the content of one run: <w:t> pieces separated by <w:tab/> and <w:br/>.
void write_run_text(XmlWriter& x, std::string_view raw) {
  std::string text = sanitize_xml_text(raw);
  std::string piece;
  auto flush = [&] {
    if (piece.empty()) return;
    x.start("w:t");
    if (piece.front() == ' ' || piece.back() == ' ' || piece.find("  ") != std::string::npos)
      x.attr("xml:space", "preserve");
    x.text(piece);
    x.end();
    piece.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const size_t stop = std::min(text.find_first_of("\t\n\r", i), text.size());
    piece.append(text, i, stop - i);  // the text up to the next tab or break, in one piece
    i = stop;
    if (i == text.size()) break;
    const char c = text[i];
    if (c == '\t') {
      flush();
      x.empty("w:tab");
    } else {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one break
      flush();
      x.empty("w:br");
    }
  }
  flush();
}

// Write a run holding one complex-field character (§17.16.18): begin, separate or end.
void write_field_run(XmlWriter& x, const char* fld_char_type) {
  x.start("w:r");
  x.start("w:fldChar");
  x.attr("w:fldCharType", fld_char_type);
  x.end();
  x.end();
}

// Write a run holding a field instruction (§17.16.23), e.g. " PAGE ".
void write_instr_run(XmlWriter& x, std::string_view instr) {
  x.start("w:r");
  x.start("w:instrText");
  x.attr("xml:space", "preserve");
  x.text(instr);
  x.end();
  x.end();
}

// Run properties a model run asks for (on top of its paragraph style). A run whose size is not the
// body size drops the grid's character spacing, as layout only letter-spaces body-size text.
static RPr rpr_of_run(const model::Run& r, bool linked, const layout::Style& style) {
  RPr p;
  if (r.size_pt > 0 && std::abs(r.size_pt - style.body.font.size_pt) >= 0.01 && grid_char_spacing(style) != 0)
    p.char_spacing = 0;
  if (linked) p.style = "Hyperlink";
  p.role = r.role;
  if (r.bold) p.bold = true;
  if (r.italic) p.italic = true;
  if (r.color_rgb != 0) p.color = r.color_rgb;
  if (r.size_pt > 0) p.size_pt = r.size_pt;
  if (r.underline) p.underline = true;
  return p;
}

// Write a PAGE field (§17.16.5: PAGE) whose cached result is "1".
static void write_page_field(XmlWriter& x, const RPr& rpr) {
  write_field_run(x, "begin");
  write_instr_run(x, " PAGE ");
  write_field_run(x, "separate");
  x.start("w:r");
  write_rpr(x, rpr);
  write_run_text(x, "1");
  x.end();
  write_field_run(x, "end");
}

// Write the <w:r> element for a model run; in headers and footers "{PAGE}" becomes a PAGE field.
static void write_run(XmlWriter& x, const model::Run& r, bool linked, const StoryContext& ctx,
                      const Package& pkg) {
  RPr rpr = rpr_of_run(r, linked, *pkg.style);
  std::string_view text = r.text;
  while (!text.empty()) {
    size_t at = ctx.header_footer ? text.find("{PAGE}") : std::string_view::npos;
    std::string_view before = text.substr(0, at);
    if (!before.empty()) {
      x.start("w:r");
      write_rpr(x, rpr);
      write_run_text(x, before);
      x.end();
    }
    if (at == std::string_view::npos) break;
    write_page_field(x, rpr);
    text.remove_prefix(at + 6);
  }
}

// Write <w:bookmarkStart> (§17.13.6.2) and return its id for the matching <w:bookmarkEnd>.
static int write_bookmark_start(XmlWriter& x, const std::string& name, Package& pkg) {
  int id = pkg.next_bookmark_id++;
  x.start("w:bookmarkStart");
  x.attr("w:id", static_cast<int64_t>(id));
  x.attr("w:name", name);
  x.end();
  return id;
}

static void write_bookmark_end(XmlWriter& x, int id) {
  x.start("w:bookmarkEnd");
  x.attr("w:id", static_cast<int64_t>(id));
  x.end();
}

// Open a <w:hyperlink> (§17.16.22) for a link; false when the link is refused (text kept plain).
static bool start_hyperlink(XmlWriter& x, const std::string& link, Package& pkg, const StoryContext& ctx) {
  std::string url = sanitize_xml_text(link);
  if (url.size() > 1 && url[0] == '#') {
    x.start("w:hyperlink");
    x.attr("w:anchor", bookmark_name(std::string_view(url).substr(1)));
    x.attr("w:history", "1");
    return true;
  }
  if (ctx.header_footer || !allowed_url(url)) return false;
  auto it = pkg.link_rel_by_url.find(url);
  if (it == pkg.link_rel_by_url.end())
    it = pkg.link_rel_by_url.emplace(url, pkg.add_rel("hyperlink", url, true)).first;
  x.start("w:hyperlink");
  x.attr("r:id", it->second);
  x.attr("w:history", "1");
  return true;
}

// Write the runs of a paragraph, grouping consecutive runs with the same link into one hyperlink.
static void write_runs(XmlWriter& x, const std::vector<model::Run>& runs, Package& pkg,
                       const StoryContext& ctx) {
  for (size_t i = 0; i < runs.size();) {
    const std::string& link = runs[i].link;
    size_t j = i + 1;
    while (j < runs.size() && runs[j].link == link) ++j;
    bool linked = !link.empty() && start_hyperlink(x, link, pkg, ctx);
    for (size_t k = i; k < j; ++k) write_run(x, runs[k], linked, ctx, pkg);
    if (linked) x.end();
    i = j;
  }
}

void write_runs_of(XmlWriter& x, const std::vector<model::Run>& runs, Package& pkg, const StoryContext& ctx) {
  write_runs(x, runs, pkg, ctx);
}

// Paragraph properties of a model paragraph (style, numbering, direct overrides).
static PPr ppr_of_paragraph(const model::Paragraph& p, Package& pkg, const StoryContext& ctx) {
  const layout::Style& style = *pkg.style;
  PPr ppr;
  ppr.style = style_id_of(p, ctx);
  ppr.keep_next = p.keep_with_next;
  if (ctx.top_level || p.list != model::ListKind::None) ppr.num_id = pkg.numbering.on_paragraph(p.list);
  ppr.ilvl = list_ilvl(p);
  if (p.first_line_indent_chars >= 0) {
    const layout::ParagraphStyle& ls = layout_style_of(p, ctx, style);
    Ind ind;
    ind.first_line = twips_from_pt(p.first_line_indent_chars * (ls.font.size_pt > 0 ? ls.font.size_pt : 16));
    ind.first_line_chars = std::llround(p.first_line_indent_chars * 100);
    ppr.ind = ind;
  }
  if (p.align) ppr.jc = jc_value(*p.align);
  if (is_heading(p) && p.heading_level > 4) ppr.outline_lvl = std::clamp(p.heading_level, 1, 9) - 1;
  if (!ctx.in_table && !ctx.header_footer) {
    const layout::ParagraphStyle& ls = layout_style_of(p, ctx, style);
    double biggest = ls.font.size_pt;
    for (const model::Run& r : p.runs) biggest = std::max(biggest, r.size_pt);
    if (grid_line_twips(biggest, style) > grid_line_twips(ls.font.size_pt, style)) {
      Spacing sp;
      sp.line = grid_line_twips(biggest, style);
      sp.line_rule = "exact";
      ppr.spacing = sp;
    }
  }
  return ppr;
}

// Write the <w:p> element for a model paragraph; `sect` closes a section (sectPr in its pPr).
void write_paragraph(XmlWriter& x, const model::Paragraph& p, Package& pkg, const StoryContext& ctx,
                     const SectionInfo* sect, bool page_break_before) {
  PPr ppr = ppr_of_paragraph(p, pkg, ctx);
  ppr.page_break_before = page_break_before;
  ppr.sect = sect;
  ppr.pkg = &pkg;
  x.start("w:p");
  write_ppr(x, ppr);
  std::vector<int> open;
  if (ctx.top_level && is_heading(p)) {
    size_t i = static_cast<size_t>(pkg.next_heading++);
    if (i < pkg.headings.size()) open.push_back(write_bookmark_start(x, pkg.headings[i].bookmark, pkg));
  }
  if (!p.anchor.empty()) open.push_back(write_bookmark_start(x, bookmark_name(p.anchor), pkg));
  write_runs(x, p.runs, pkg, ctx);
  for (auto it = open.rbegin(); it != open.rend(); ++it) write_bookmark_end(x, *it);
  x.end();
}

// Write an empty paragraph, optionally holding a page break and/or closing a section.
void write_empty_paragraph(XmlWriter& x, const SectionInfo* sect, bool page_break, Package& pkg) {
  x.start("w:p");
  PPr ppr;
  ppr.sect = sect;
  ppr.pkg = &pkg;
  write_ppr(x, ppr);
  if (page_break) {
    x.start("w:r");
    x.start("w:br");
    x.attr("w:type", "page");
    x.end();
    x.end();
  }
  x.end();
}

// Write a list of blocks. `last_para_sect`: the sectPr of the section these blocks end.
void write_blocks(XmlWriter& x, const std::vector<model::Block>& blocks, Package& pkg,
                  const StoryContext& ctx, const SectionInfo* last_para_sect) {
  bool pending_break = false;
  bool sect_written = false;
  for (size_t i = 0; i < blocks.size(); ++i) {
    const model::Block& b = blocks[i];
    const bool last = i + 1 == blocks.size();
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      write_paragraph(x, *p, pkg, ctx, last ? last_para_sect : nullptr, pending_break);
      sect_written = last && last_para_sect;
      pending_break = false;
    } else if (const auto* img = std::get_if<model::Image>(&b.value)) {
      write_image_paragraph(x, *img, pkg, pending_break);
      pending_break = false;
    } else if (const auto* d = std::get_if<model::Drawing>(&b.value)) {
      write_image_paragraph(x, drawing_picture(*d, pkg), pkg, pending_break);
      pending_break = false;
    } else if (std::holds_alternative<model::PageBreak>(b.value)) {
      if (pending_break) write_empty_paragraph(x, nullptr, true, pkg);
      pending_break = true;
    } else {
      if (pending_break) write_empty_paragraph(x, nullptr, true, pkg);
      pending_break = false;
      if (const auto* t = std::get_if<model::Table>(&b.value)) write_table(x, *t, pkg, ctx);
      else if (const auto* toc = std::get_if<model::TableOfContents>(&b.value)) write_toc(x, *toc, pkg);
    }
  }
  if (pending_break || (last_para_sect && !sect_written))
    write_empty_paragraph(x, sect_written ? nullptr : last_para_sect, pending_break, pkg);
}

}  // namespace lh::docx::detail
