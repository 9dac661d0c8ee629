// Internal interface between the part writers of the DOCX package. Not installed, not for callers:
// use docx/docx.h. Each *_xml() function assembles one OOXML part and returns its bytes.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "docx/docx.h"
#include "docx/xml_writer.h"
#include "layout/style.h"
#include "model/document.h"

namespace lh::docx::detail {

// --- namespaces and relationship types (ECMA-376 Part 1 §17.1, Part 2 §9) ---------------------
inline constexpr const char* kNsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
inline constexpr const char* kNsR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
inline constexpr const char* kNsWp = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
inline constexpr const char* kNsA = "http://schemas.openxmlformats.org/drawingml/2006/main";
inline constexpr const char* kNsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture";
inline constexpr const char* kRelBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";

// --- units -----------------------------------------------------------------------------------
int64_t twips_from_mm(double mm);        // 1 in = 25.4 mm = 1440 twips (ST_TwipsMeasure)
int64_t twips_from_pt(double pt);        // 1 pt = 20 twips
int64_t emu_from_mm(double mm);          // 1 mm = 36000 EMU (ECMA-376 Part 1 §20.1.2.1)
int64_t half_points(double pt);          // w:sz is in half-points (§17.3.2.38)
std::string hex_rgb(uint32_t rgb);       // "RRGGBB" (ST_HexColorRGB)

// --- fonts (font_table.cpp) ------------------------------------------------------------------
struct FontFace {
  const char* name;       // w:eastAsia: the face for Chinese text
  const char* latin;      // w:ascii, w:hAnsi, w:cs; the same face except for Mono
};
const FontFace& font_face(model::FontRole role);
void write_rfonts(XmlWriter& x, model::FontRole role);  // <w:rFonts …/>

// --- the package being assembled -----------------------------------------------------------
struct Relationship {
  std::string id, type, target;
  bool external = false;
};

struct Part {
  std::string name;          // zip entry name, e.g. "word/header1.xml"
  std::string content_type;  // Override content type; empty for parts covered by a Default
  std::string bytes;
  int level = 0;             // libdeflate level (1-12) of this entry; 0: the package's (zip_package's `level`)
};

// The ZIP of `parts`, in their order, every entry dated `when` (UTC seconds; none: 1980-01-01),
// deflated by libdeflate at `level` except already-compressed media and parts deflate would not
// shrink (package.cpp). The OFD package is zipped by it too, every part at level 1
// (ofd/package.cpp): its embedded fonts take many times as long at 9 for 1-2 % less.
std::string zip_package(const std::vector<Part>& parts, std::optional<int64_t> when, int level = 9);

// Numbering instances (numbering.cpp): one w:num per list that restarts.
struct NumInstance {
  int num_id;
  int abstract_id;
};

struct Numbering {
  std::vector<NumInstance> instances;      // decimal lists, numId 3, 4, …
  int current_num = 0;                     // the running decimal list, 0: none
  int on_paragraph(model::ListKind kind);  // the w:numId for a paragraph, 0 for none
};

struct HeadingEntry {       // one heading, for bookmarks and the TOC's cached result
  int level = 1;
  std::string label;        // list label ("一、") when the heading is numbered, else empty
  std::string text;         // plain text of the heading
  std::string bookmark;     // "_Toc00000001"
  int page = 0;             // 0: unknown
  std::string page_text;    // as the heading's section prints it: "7", or "ii" in front matter
};

struct Package {
  const layout::Style* style = nullptr;
  const DocxOptions* options = nullptr;
  model::PageSetup current_page;             // page of the section being written (table widths, images)
  std::vector<Relationship> doc_rels;        // word/_rels/document.xml.rels
  std::vector<Part> extra_parts;             // headers, footers, media: in creation order
  std::map<std::string, std::string> media_by_bytes;  // image bytes → relationship id
  std::map<std::string, std::string> link_rel_by_url;
  std::vector<std::string> media_extensions; // for [Content_Types].xml Defaults, sorted
  Numbering numbering;
  std::vector<HeadingEntry> headings;        // filled by collect_headings()
  int next_heading = 0;                      // index while writing document.xml
  int next_bookmark_id = 0;
  int next_drawing_id = 1;
  int header_count = 0, footer_count = 0;
  bool even_odd = false;                     // w:evenAndOddHeaders
  bool any_header = false;                   // a section so far had a running header
  std::string empty_header_rid;
  std::string default_footer_odd_rid, default_footer_even_rid, empty_footer_rid;

  std::string add_rel(const std::string& type_suffix, const std::string& target, bool external = false);
};

// --- part writers ----------------------------------------------------------------------------
std::string content_types_xml(const std::vector<Part>& parts, const std::vector<std::string>& media_ext);
std::string package_rels_xml();
std::string relationships_xml(const std::vector<Relationship>& rels);
std::string document_xml(const model::Document& doc, Package& pkg);
std::string styles_xml(const layout::Style& style);
std::string numbering_xml(const Numbering& numbering, double body_pt);
std::string settings_xml(const Package& pkg);
std::string font_table_xml();
std::string core_props_xml(const DocxOptions& opt, const std::optional<int64_t>& when);
std::string app_props_xml();

// --- shared WordprocessingML content (story.cpp, table.cpp, drawing.cpp, toc.cpp) -----------
void collect_headings(const model::Document& doc, Package& pkg);
// One <w:top>/<w:left>/… border (CT_Border, §17.18.2 ST_Border): single, 1/2 pt, black; `ruled`
// false: nil, no line (a cell side its table's style would otherwise rule). styles.cpp.
void write_border(XmlWriter& x, const char* qname, bool ruled = true);
// The left and right margin of every table cell (w:tblCellMar of the TableNormal style,
// styles.cpp): Word's default, 0.19 cm.
constexpr int64_t kCellMarginTwips = 108;
struct StoryContext {
  bool top_level = false;      // a section's own blocks (headings count, TOC bookmarks)
  bool in_table = false;       // cell paragraphs use the TableText style
  int64_t width_twips = 0;     // the width the blocks are set in: 0 the page's text width, in a cell its content width
  bool header_footer = false;  // header/footer part: Header/Footer style, "{PAGE}" is a PAGE field
  bool footer = false;
};
// Writes the sectPr of a section (§17.6.17); defined in document.cpp, called from write_paragraph.
struct SectionInfo {
  const model::Section* section = nullptr;
  std::string header_default, header_even, footer_default, footer_even;  // relationship ids
};
void write_sect_pr(XmlWriter& x, const SectionInfo& info, const Package& pkg);

void write_blocks(XmlWriter& x, const std::vector<model::Block>& blocks, Package& pkg,
                  const StoryContext& ctx, const SectionInfo* last_para_sect = nullptr);
void write_paragraph(XmlWriter& x, const model::Paragraph& p, Package& pkg, const StoryContext& ctx,
                     const SectionInfo* sect = nullptr, bool page_break_before = false);
void write_empty_paragraph(XmlWriter& x, const SectionInfo* sect, bool page_break, Package& pkg);
void write_runs_of(XmlWriter& x, const std::vector<model::Run>& runs, Package& pkg, const StoryContext& ctx);
void write_run_text(XmlWriter& x, std::string_view text);  // w:t / w:tab / w:br for one run's text
// A table in the width its blocks are set in (StoryContext::width_twips): the page's text width,
// or a cell's content width for a table nested in it.
void write_table(XmlWriter& x, const model::Table& t, Package& pkg, const StoryContext& ctx);
void write_image_paragraph(XmlWriter& x, const model::Image& img, Package& pkg, bool page_break_before);
void write_drawing(XmlWriter& x, const model::Image& img, Package& pkg);
// A model::Drawing as the picture DocxOptions::render_drawing makes, sized like an image of the
// drawing's millimetres (fitted to the text block); without a renderer, an image without bytes
// (written as its description).
model::Image drawing_picture(const model::Drawing& d, const Package& pkg);
void write_toc(XmlWriter& x, const model::TableOfContents& toc, Package& pkg);
void write_field_run(XmlWriter& x, const char* fld_char_type);  // <w:r><w:fldChar …/></w:r>
void write_instr_run(XmlWriter& x, std::string_view instr);      // <w:r><w:instrText …/></w:r>
std::string bookmark_name(std::string_view anchor);              // a valid, stable w:bookmark name
bool is_title(const model::Paragraph& p);      // style "title"/"Title" (layout/flow.cpp's rule)
bool is_heading(const model::Paragraph& p);    // heading_level > 0 and not the title
int list_ilvl(const model::Paragraph& p);      // w:ilvl of a list paragraph
int64_t grid_line_twips(double size_pt, const layout::Style& style);  // exact spacing, whole grid lines

// Header/footer parts of a section (header_footer.cpp): registers parts and relationships.
void add_section_headers_footers(const model::Section& s, Package& pkg, SectionInfo& info);

// Text block width and height of a page, in twips, after rounding the margins to twips.
int64_t text_width_twips(const model::PageSetup& p);
int64_t text_height_twips(const model::PageSetup& p);
int64_t line_pitch_twips(const layout::Style& s);  // floor: 22 lines must fit (GB/T 9704 §5.2.3)
int64_t grid_char_spacing(const layout::Style& s);  // w:spacing of body-size text: 28 a line

}  // namespace lh::docx::detail
