// WordprocessingML reading, shared between docx_reader.cpp (package, sections, headers/footers),
// docx_styles.cpp (styles and numbering), docx_body.cpp (paragraphs, runs) and docx_table.cpp.
// Clauses: ECMA-376 Part 1 (5th edition) §17.
#pragma once
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/opc.h"
#include "ingest/reader.h"
#include "ingest/safe_xml.h"

namespace lh::ingest::docx {

inline constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr std::string_view kWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
inline constexpr std::string_view kA = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr std::string_view kAStrict = "http://purl.oclc.org/ooxml/drawingml/main";
inline constexpr std::string_view kMc = "http://schemas.openxmlformats.org/markup-compatibility/2006";

// How deep the reader follows nested elements (tables in tables, content controls, text boxes,
// fields): a crafted file cannot exhaust the stack.
inline constexpr int kMaxDepth = 40;

bool is_w(const xmlNode* n, std::string_view local);
xmlNode* w_child(const xmlNode* n, std::string_view local);
// A w: attribute (transitional or strict namespace; unqualified as a last resort).
std::optional<std::string> w_attr(const xmlNode* n, std::string_view local);
// ST_OnOff (§17.17.4): an element without w:val is on; "0", "false", "off" are off.
bool on_off(const xmlNode* el);
std::optional<int> to_int(std::string_view s);
std::optional<double> to_double(std::string_view s);

// Run properties (§17.3.2), each optional so style chains can be merged (§17.7.2).
struct RunProps {
  std::optional<bool> bold, italic, underline, hidden;
  std::optional<uint32_t> color;
  std::optional<double> size_pt;
  std::optional<model::FontRole> role;
  std::string char_style;  // w:rStyle
  std::optional<std::string> symbol_font;  // w:rFonts/@w:ascii when a symbol font (docx_symbols.cpp), else ""
  void merge_from(const RunProps& over);
};
RunProps parse_rpr(const xmlNode* rPr);

// Symbol fonts' check boxes and ticks as Unicode (docx_symbols.cpp): a w:sym's code, or the text of
// a run set in the font; empty for a code with no such meaning.
bool is_symbol_font(std::string_view font);
std::string symbol_text(std::string_view font, unsigned code);
std::string symbol_run_text(std::string_view font, std::string_view text);

// Paragraph properties (§17.3.1) lianghua keeps.
struct ParaProps {
  std::optional<int> outline;  // w:outlineLvl 0..9 (§17.3.1.20); 9 = body text
  std::optional<model::Align> align;
  std::optional<bool> keep_next, page_break_before;
  std::optional<double> first_line_chars;
  std::optional<int> num_id, ilvl;
  std::string style;  // w:pStyle
  void merge_from(const ParaProps& over);
};
ParaProps parse_ppr(const xmlNode* pPr);

// Borders of a table or a cell (§17.4.38 w:tblBorders, §17.4.66 w:tcBorders; docx_table.cpp):
// each side ruled, not ruled (none, nil) or unset (the next level of the chain decides). w:start and
// w:end (the 2010 names) are left and right: the texts read are left-to-right.
struct BorderSides {
  std::optional<bool> top, left, bottom, right, inside_h, inside_v;
  void merge_from(const BorderSides& over);
};
BorderSides parse_borders(const xmlNode* borders);
// The rules of a table read from DOCX (model::Table::borders, model::TableCell::rules): each cell's
// sides from its own w:tcBorders, else the table's (direct w:tblBorders over its style's): the outer
// sides at the table's edges, insideH / insideV between cells. `own[r][c]` follows the model's grid
// (one entry per grid column). All cells ruled alike: `borders` only, the cells' rules unset.
void rule_cells(model::Table& t, const BorderSides& table, const std::vector<std::vector<BorderSides>>& own);

// Styles part (§17.7): style chains through w:basedOn, heading levels from w:outlineLvl in the chain
// or from the built-in heading names (§17.7.4.9 latentStyles names "heading 1".."heading 9";
// localized "标题 1"; ids "Heading1").
class Styles {
 public:
  void load(const xmlNode* styles_root);
  int heading_level(const std::string& style_id) const;  // 0 when not a heading
  ParaProps para_props(const std::string& style_id) const;  // merged along the chain
  RunProps run_props(const std::string& style_id) const;    // merged along the chain
  std::string display_name(const std::string& style_id) const;
  const std::string& default_paragraph() const { return default_para_; }
  // A table's borders from its style (w:tblStyle; none given: the default table style, §17.7.4.17),
  // merged along the chain; unset sides are not ruled. Word's built-in default, "Normal Table",
  // rules nothing: a table with no style and no w:tblBorders has no borders.
  BorderSides table_borders(const std::string& style_id) const;

 private:
  struct Style {
    std::string id, name, based_on, type;
    ParaProps ppr;
    RunProps rpr;
    BorderSides borders;  // w:tblPr/w:tblBorders of a table style
  };
  std::vector<const Style*> chain(const std::string& id) const;  // most derived first
  std::map<std::string, Style> by_id_;
  std::string default_para_, default_table_;
};

// Numbering part (§17.9): w:num -> w:abstractNum -> w:lvl (numFmt, lvlText, start, suff).
// Word draws an auto-numbered paragraph's number ("第一章", "一、", "（一）") from here; the
// paragraph's text does not hold it (issue 11: auto-numbered headings).
class Numbering {
 public:
  void load(const xmlNode* numbering_root);
  model::ListKind kind(int num_id, int ilvl) const;
  // The number as Word prints it before the paragraph's text, and what follows it (w:suff);
  // advances the list's counters, so it is called once per numbered paragraph in document order.
  std::string next_label(int num_id, int ilvl);
  // Whether the level numbers a unit of a rule's structure, "第%1条" (or 第%1章 / 节 / 编): a 条 is
  // an article, never a list item (《立法技术规范（试行）（一）》: 条 numbered 第一条, 第二条 …
  // through the whole text), so its number is read as text, as a typed one is.
  bool numbers_structure(int num_id, int ilvl) const;

  struct Level {
    std::string format = "decimal";  // w:numFmt (ST_NumberFormat §17.18.59)
    std::optional<std::string> text;  // w:lvlText; unset: "%<ilvl+1>."
    int start = 0;  // w:start absent: zero (§17.9.25)
    std::string suffix = "tab";  // w:suff (§17.9.28): tab, space, nothing
  };

 private:
  const Level* level(int num_id, int ilvl) const;
  std::map<int, int> num_to_abstract_;
  std::map<int, std::map<int, Level>> levels_;  // abstract id -> level
  std::map<int, std::map<int, int>> start_overrides_;  // num id -> level -> w:startOverride
  std::map<int, std::array<std::optional<int>, 9>> counters_;  // num id -> last number drawn per level
};

// Everything a part's conversion needs.
struct Context {
  opc::Package* pkg = nullptr;
  model::Metadata* meta = nullptr;
  Styles styles;
  Numbering numbering;
  std::optional<model::ReadError> fatal;  // set: stop and fail the read
  int charts_skipped = 0, objects_skipped = 0, images = 0, images_missing = 0;
  // Footnote and endnote references met in the body, in order (docx_notes.cpp): the note's kind
  // and w:id, numbered from 1 as they appear. Reading a note's own text adds none.
  struct NoteRef {
    bool endnote = false;
    std::string id;
  };
  std::vector<NoteRef> notes;
  bool reading_notes = false;
  bool list_numbers_as_text = false;  // ReadOptions::list_numbers_as_text
};

struct PartContext {
  std::string name;  // e.g. "word/document.xml"
  opc::Rels rels;
  bool header_footer = false;  // PAGE fields become "{PAGE}" (model::HeaderFooter)
};

// Footnotes and endnotes (§17.11, docx_notes.cpp). A reference in the text becomes its number,
// "[n]"; the notes' own text (footnotes.xml, endnotes.xml) follows the document's last block under
// "注：", each note's first paragraph opening with its number, as Word's "convert to endnotes"
// would place them: a book or a reading copy has no page foot of the source's pages to keep them.
std::string note_reference(Context& ctx, bool endnote, const std::string& id);
// Appends the referenced notes to `out`; a note whose part or text is missing counts in the
// problem "N footnote(s) or endnote(s) not read".
void append_notes(Context& ctx, const PartContext& body, std::vector<model::Block>& out);

// Convert one block-level element (§17.2.2 body content: p, tbl, sdt, customXml, ins/moveTo) and
// append the result to `out`.
void read_block(const xmlNode* el, Context& ctx, const PartContext& part, std::vector<model::Block>& out,
                int depth);
// Convert one w:tbl (docx_table.cpp) and append it to `out`.
void read_table(const xmlNode* tbl, Context& ctx, const PartContext& part, std::vector<model::Block>& out, int depth);
// The w:sectPr carried by a paragraph's properties (§17.6.18: it ends a section), or null.
const xmlNode* paragraph_section(const xmlNode* p);
// A field's type: its instruction's first word, upper-cased ("TOC", "PAGE", "HYPERLINK"; §17.16.5).
std::string field_kind(std::string_view instr);

// A document's own table of contents (docx_toc.cpp): where it ends among the body's elements, and
// how deep it lists headings (model::TableOfContents::max_level).
struct SourceToc {
  size_t last = 0;
  int levels = 3;
};
// A block content control Word or WPS made for one (§17.5.2.13 docPartGallery "Table of Contents"),
// and how deep its TOC field lists (\o "1-N"; Word's default 3 without one) ...
bool is_toc_content_control(const xmlNode* sdt);
int toc_content_control_levels(const xmlNode* sdt);
// ... or a TOC field (§17.16.5.68) starting in body element `els[i]`: nullopt when `els[i]` starts
// none (a list of figures, \c or \a, is no table of contents) or the field never ends ...
std::optional<SourceToc> toc_field_at(const std::vector<const xmlNode*>& els, size_t i);
// ... or a run of paragraphs in Word's TOC styles ("toc 1" … "toc 9", the built-in names Word and
// WPS write whatever the language of their ids) that a TOC field left when it was unlinked
// (Ctrl+Shift+F9 turns the entries into text); it lists as deep as its deepest style.
std::optional<SourceToc> toc_styled_at(const std::vector<const xmlNode*>& els, size_t i, const Styles& styles);
// Appends one model::TableOfContents `levels` deep to `out`, in place of the entries Word computed,
// taking with it the "目录" line just before (normalize::names_a_toc).
void add_source_toc(int levels, std::vector<model::Block>& out);

}  // namespace lh::ingest::docx
