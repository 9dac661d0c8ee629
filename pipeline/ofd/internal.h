// Internal interface between the part writers of the OFD package (ofd.h). Not for callers.
// Units: the layout gives PDF points from the top-left corner, y down; OFD (GB/T 33190-2016 §5.2)
// uses millimetres from the top-left corner, y down, so a position converts by one factor.
#pragma once
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <pango/pango.h>

#include "docx/xml_writer.h"
#include "fonts/font_subset.h"
#include "layout/frames.h"
#include "ofd/ofd.h"

namespace lh::ofd::detail {

using docx::detail::XmlWriter;
inline constexpr const char* kNs = "http://www.ofdspec.org/2016";  // GB/T 33190-2016 §7.1
inline constexpr double kMmPerPt = 25.4 / 72;

std::string num(double v);                                // ≤ 3 decimals, no trailing zeros, never "-0"
std::string milli(long k);                                // num(k / 1000.0), for k thousandths ("4.939", "-0.5", "0")
inline std::string mm(double pt) { return num(pt * kMmPerPt); }
std::string box_mm(double x, double y, double w, double h);  // ST_Box from points: "x y w h" in mm
std::string rgb_value(uint32_t rgb);                      // CT_Color Value: "r g b"
std::string xs_date(const std::string& iso);              // "2024-03-05…" → "2024-03-05"; else ""

// ID allocation (ST_ID, §7.5): one counter per document; MaxUnitID is its last value.
class Ids {
 public:
  uint32_t take() { return ++last_; }
  uint32_t max() const { return last_; }
 private:
  uint32_t last_ = 0;
};

// --- glyphs of a laid-out line (glyphs.cpp) -----------------------------------------------------
// A run's code points and glyph ids sit in two arrays of the run, each cluster naming its stretch of
// them: a page of text is read twice (fonts, then objects), and a vector or string per cluster was
// a third of that reading (allocations, bench/RESULTS.md §8a7).
struct Cluster {                  // characters that shape to glyphs together
  std::string_view text;          // UTF-8, in the pango layout's text (alive as long as the line)
  uint32_t first_char = 0, chars = 0;    // its code points: GlyphRun::chars[first_char, + chars)
  uint32_t first_glyph = 0, glyphs = 0;  // its glyph ids of the source font, in drawing order
  double x = 0, y = 0;            // pen position of the first glyph (points, page coordinates)
  bool nominal = true;            // one char, one glyph, and it is the font's cmap glyph for it
};
struct GlyphRun {                 // one pango glyph item: one font, size, colour
  PangoFont* font = nullptr;
  double size_pt = 0, x = 0, baseline = 0, width = 0;
  uint32_t rgb = 0;
  bool underline = false, synthetic_bold = false;
  std::vector<Cluster> clusters;
  std::vector<uint32_t> chars, glyphs;   // of all its clusters, in their order
};
// with_nominal = false: Cluster::nominal is left true (what collecting the fonts needs: only which
// glyphs and characters a run uses; the cmap look-up per cluster is the writer's).
std::vector<GlyphRun> glyph_runs(const layout::GlyphLine& g, bool with_nominal = true);

// --- fonts (fonts.cpp) --------------------------------------------------------------------------
// Fonts are embedded in the order of their file names, then their folders: the order (Font_N, the
// font ids) must not depend on where lianghua or its fonts are installed ("/usr/share/…/ukai.ttc"
// sorted before "/work/…/fonts/FandolFang-Regular.otf" but after "/tmp/…": same inputs, other bytes).
struct FontKey {
  std::string file;
  int index = 0;
  bool operator<(const FontKey& o) const;
};
struct EmbeddedFont {
  uint32_t id = 0;
  std::string family, postscript, file_name;  // file_name: under Doc_0/Res/
  bool bold = false, italic = false, serif = false, fixed = false;
  std::set<uint32_t> glyphs, unicodes;         // used glyph ids (source font) and characters
  // What the pages' runs use, in drawing order with repeats, merged into glyphs and unicodes by
  // FontTable::embed: one sort, not a tree insertion per character (bench/RESULTS.md §8a7).
  std::vector<uint32_t> seen_glyphs, seen_unicodes;
  std::map<uint32_t, uint32_t> new_gid;        // source glyph id → subset glyph id
  std::string bytes;                           // the embedded subset (TrueType glyf outlines)
  std::string outlines;                        // "glyf" (TrueType) or what the source had
};
class FontTable {
 public:
  FontTable() = default;
  FontTable(const FontTable&) = delete;  // last_ points into fonts_
  FontTable& operator=(const FontTable&) = delete;
  EmbeddedFont& note(PangoFont* font);         // the font's entry (created on first use)
  void note_run(const GlyphRun& run);          // its font's entry, and the glyphs and characters it uses
  const EmbeddedFont& get(PangoFont* font) const;
  // Subset every noted font (in file order, so ids are stable), convert CFF outlines to glyf.
  void embed(Ids& ids);
  const std::map<FontKey, EmbeddedFont>& all() const { return fonts_; }
 private:
  std::map<FontKey, EmbeddedFont> fonts_;
  // The entry of the font last asked for: a page's runs mostly share one font, and its key (file
  // and face, from fontconfig) is strings to build and compare. A PangoFont lives as long as the
  // layouts that drew with it, which outlive the writing.
  mutable PangoFont* last_font_ = nullptr;
  mutable EmbeddedFont* last_ = nullptr;
};
FontKey font_key(PangoFont* font);
// What an OFD's font cut asks hb-subset for: the glyphs and characters `f` uses, no hinting, no
// layout tables (GB/T 42133-2022 6.2.6 c lists the tables an embedded font keeps).
fonts::SubsetRequest cut_request(const EmbeddedFont& f);
// The subset of the font in `file` (face `index`) holding `glyphs` and `unicodes`, as TrueType
// (truetype.cpp); fills `new_gid`. Throws OfdError.
std::string subset_font(const std::string& file, int index, EmbeddedFont& f);
// Whether face `index` of `file` has CFF outlines (then it is embedded from its glyf form).
bool has_cff_outlines(const std::string& file, int index);
// The file of the glyf form of a CFF font (glyf_form.cpp): every glyph, same glyph ids, rebuilt with
// TrueType outlines, `drop_tables` left out; made once and kept. Throws OfdError.
std::string glyf_form(const std::string& file, int index, const std::vector<const char*>& drop_tables);
// An sfnt with CFF outlines rebuilt with glyf/loca (cubic curves approximated by quadratics within
// half a font unit); other tables copied. Throws OfdError.
std::string cff_to_truetype(const std::string& sfnt);

// --- the package being assembled (package.cpp) --------------------------------------------------
struct Part {
  std::string name, bytes;
};
struct ImageRes {
  uint32_t id = 0;
  std::string format, file_name, bytes;  // format: PNG, JPEG, TIFF, BMP (GB/T 42133 6.2.6 e)
};
struct PageAnnots {                      // what a page carries besides its content (6.10.2)
  std::vector<const layout::GlyphLine*> page_numbers;  // the layout's own page-number lines
  std::vector<const OfdMark*> marks;                   // marks the caller laid over the page
  bool empty() const { return page_numbers.empty() && marks.empty(); }
};
struct Package {
  const layout::Laid* laid = nullptr;
  const OfdOptions* options = nullptr;
  Ids ids;
  FontTable fonts;
  std::vector<uint32_t> page_ids;
  std::map<std::string, ImageRes> images;  // by content hash
  std::vector<Part> parts;
  double default_w = 0, default_h = 0;     // PageArea (points)
  uint32_t image_id(const model::Image& img);  // 0: a format OFD-A does not allow
};

// --- parts ---------------------------------------------------------------------------------------
// scanned: images in a Background layer, text in the Body layer not drawn (OfdOptions::scanned).
std::string page_content_xml(const layout::Page& page, bool scanned, Package& pkg, PageAnnots& annots);
// drawn = false: the text is written but not painted (Fill="false"; a scanned page's text layer).
void write_text_line(XmlWriter& x, const layout::GlyphLine& g, Package& pkg, bool drawn = true);  // text.cpp
void write_graphic(XmlWriter& x, const layout::Item& it, Package& pkg);        // graphics.cpp
std::string page_annotation_xml(const PageAnnots& a, const layout::Page& page, Package& pkg);
std::string annotations_xml(const std::vector<std::pair<uint32_t, std::string>>& page_files);
std::string public_res_xml(const Package& pkg);
std::string document_res_xml(const Package& pkg);
std::string document_xml(const Package& pkg, bool with_annotations);
std::string ofd_xml(const OfdOptions& o, const std::string& doc_id);

}  // namespace lh::ofd::detail
