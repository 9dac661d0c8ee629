// Scanned pages of a source PDF and the joined copy (ofd_copy.h). The picture is drawn by Poppler
// (the renderer the archive already uses to find the stamp's place) onto a white cairo surface and
// encoded as scan_picture.h stores scans; the text comes from Poppler's text layout (one box per character).
#include "package/ofd_copy.h"

#include <fontconfig/fontconfig.h>
#include <malloc.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "compose/render_kit.h"
#include "ingest/poppler_state.h"
#include "ingest/sha256.h"
#include "model/markup.h"
#include "package/derive_pool.h"
#include "package/files.h"
#include "package/scan_picture.h"
#include "package/vector_page.h"
#include "pdf/font_substitute.h"

namespace lh::package {
namespace {

constexpr double kPtPerInch = 72;

// Chinese fonts that source PDFs name without embedding them are drawn with the role faces that
// stand in for them (the one table: pdf::substitute_names, which the PDF/A pass embeds by). Poppler
// draws such a font with what the machine's fontconfig offers for the name (on Debian 12 the
// 19 MB Noto Sans CJK collection for every one of them: a 黑体 face for 宋体 text), and reads that
// whole file again for every PDF (FoFiTrueType::load; a fifth of a night's OFD work on the sample
// inbox, bench/RESULTS.md §8a). Our role faces are the ones lianghua typesets with: 宋体 text drawn
// in a 宋体 face, the same on every machine, from a file of a third the size (GBK + symbols,
// fonts/README.md).
}  // namespace

// Makes the process's current fontconfig configuration (the one Poppler asks) the machine's own,
// plus our role files, with the names of pdf::substitute_names resolved to those files. Once per process,
// before the first page is drawn (Poppler keeps each name's answer for the life of the process).
// On any failure the machine's configuration stays: the pictures are drawn as before.
void steer_poppler_fonts() {
  static std::once_flag once;
  std::call_once(once, [] {
    const layout::FontSet& fonts = compose::render_kit().fonts;
    const FcChar8* system = FcConfigFilename(nullptr);
    if (!system) return;
    std::string xml = "<?xml version=\"1.0\"?><fontconfig><include ignore_missing=\"yes\">" +
                      model::markup_escape(reinterpret_cast<const char*>(system)) + "</include>";
    std::string accept, reject, rules;
    for (const pdf::SubstituteNames& s : pdf::substitute_names()) {
      const layout::RoleFont& r = fonts.role(s.role);
      if (!s.steer_poppler || r.matched_file.empty() || r.families.empty()) continue;
      const std::string file = model::markup_escape(r.matched_file), family = model::markup_escape(r.families.front());
      xml += "<dir>" + model::markup_escape(std::filesystem::path(r.matched_file).parent_path().string()) + "</dir>";
      // Our file, and no other face of that family (the machine's): fontconfig lets an accepting
      // pattern override a rejecting one (a glob would not: globs judge files, patterns faces).
      accept += "<pattern><patelt name=\"file\"><string>" + file + "</string></patelt></pattern>";
      reject += "<pattern><patelt name=\"family\"><string>" + family + "</string></patelt></pattern>";
      for (std::string name : s.names) {
        // Poppler asks for a name with its "-" made blanks (GlobalParams buildFcPattern), cut at the
        // "-" only when a style follows it (STSong-Light → STSong; FZXiaoBiaoSong-B05S whole).
        std::replace(name.begin(), name.end(), '-', ' ');
        rules += "<match target=\"pattern\"><test qual=\"first\" name=\"family\"><string>" + model::markup_escape(name) +
                 "</string></test><edit name=\"family\" mode=\"prepend\" binding=\"strong\"><string>" + family +
                 "</string></edit>" +
                 // The 小标宋 stand-in is the family's bold face (roles.json): asked by weight, not by file.
                 (r.bold_weight ? "<edit name=\"weight\" mode=\"assign\" binding=\"strong\"><const>bold</const></edit>" : "") +
                 "</match>";
      }
    }
    xml += "<selectfont><acceptfont>" + accept + "</acceptfont><rejectfont>" + reject + "</rejectfont></selectfont>" +
           rules + "</fontconfig>";
    FcConfig* config = FcConfigCreate();
    if (config && FcConfigParseAndLoadFromMemory(config, reinterpret_cast<const FcChar8*>(xml.c_str()), FcFalse) &&
        FcConfigBuildFonts(config) && FcConfigSetCurrent(config))
      return;  // the process's configuration from now on (FcConfigSetCurrent took it)
    if (config) FcConfigDestroy(config);
  });
}

namespace {

// A process drawing page pictures allocates and frees the same large blocks page after page: the
// 15 MB surface of a 200 dpi A4 page and the substitute font Poppler reads whole for each PDF. glibc
// hands blocks that large to the kernel and back (mmap, or trimming the heap's top), so every page
// faulted in 15-25 MB of fresh zeroed memory: a third of the pictures' CPU on the 2-core machine
// (bench/RESULTS.md §8a). Kept in the heap instead, the next page reuses them. The process's size at
// its peak is unchanged; what it keeps between tasks is at most kKeptFreeHeapBytes (derive_pool.h).
void keep_freed_picture_memory() {
  constexpr int kMmapBytes = 64 << 20;  // blocks below this come from the heap
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, kMmapBytes);
    mallopt(M_TRIM_THRESHOLD, static_cast<int>(kKeptFreeHeapBytes));  // free memory at the heap's top kept
  });
}

// The page as displayed (its /Rotate applied), w × h points, drawn at `dpi` on white.
std::string page_picture(PopplerPage* page, double w, double h, double dpi) {
  const int pw = std::max(1, static_cast<int>(std::lround(w / kPtPerInch * dpi)));
  const int ph = std::max(1, static_cast<int>(std::lround(h / kPtPerInch * dpi)));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, pw, ph);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, pw / w, ph / h);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);  // shapes and glyphs two-valued (scan_picture.h)
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_NONE);
  cairo_set_font_options(cr, fo);
  cairo_font_options_destroy(fo);
  poppler_page_render_for_printing(page, cr);  // what prints: no form-field highlights
  cairo_destroy(cr);
  cairo_surface_flush(s);
  std::string picture;
  try {
    picture = encode_scan(s, dpi);
  } catch (...) {
    cairo_surface_destroy(s);
    throw;
  }
  cairo_surface_destroy(s);
  return picture;
}

struct Stretch {  // characters of one line with no wide gap between them
  std::string text;
  double x0 = 1e9, x1 = -1e9, top = 1e9, bottom = -1e9;
  int chars = 0;
};

// One invisible line of text over the picture: the Song role's font at the height Poppler gives
// the characters, letter-spaced so that it spans the stretch as the page's own characters do.
layout::GlyphLine text_line(const Stretch& s) {
  const layout::FontSet& fonts = compose::render_kit().fonts;
  const double height = std::max(1.0, s.bottom - s.top);
  const double size = height * 0.86;  // Poppler's box: ascent + descent of the font, about 1.16 em
  PangoLayout* l = pango_layout_new(fonts.context());
  PangoFontDescription* fd = fonts.describe(model::FontRole::Song, size, false);
  pango_layout_set_font_description(l, fd);
  pango_font_description_free(fd);
  pango_layout_set_text(l, s.text.data(), static_cast<int>(s.text.size()));
  PangoRectangle logical{};
  pango_layout_get_extents(l, nullptr, &logical);
  const double natural = logical.width / double(PANGO_SCALE);
  if (s.chars > 1) {
    PangoAttrList* attrs = pango_attr_list_new();
    const double spacing = (s.x1 - s.x0 - natural) / s.chars;
    pango_attr_list_insert(attrs, pango_attr_letter_spacing_new(static_cast<int>(std::lround(spacing * PANGO_SCALE))));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
  }
  layout::GlyphLine g;
  g.layout = layout::adopt_layout(l);
  g.line = 0;
  g.x = s.x0;
  g.baseline = s.bottom - height * 0.14;
  g.text = s.text;
  return g;
}

// The page's text as stretches: a new one at each line break, and where the next character starts
// more than a character's height to the right of the last one, or left of it (columns, tables).
std::vector<Stretch> text_stretches(PopplerPage* page) {
  std::vector<Stretch> out;
  char* text = poppler_page_get_text(page);
  PopplerRectangle* rects = nullptr;
  guint n = 0;
  if (!poppler_page_get_text_layout(page, &rects, &n)) n = 0;
  Stretch cur;
  auto flush = [&] {
    while (!cur.text.empty() && cur.text.back() == ' ') cur.text.pop_back();
    if (cur.chars > 0 && !cur.text.empty()) out.push_back(cur);
    cur = Stretch{};
  };
  const char* c = text;
  for (guint i = 0; c && *c && i < n; ++i, c = g_utf8_next_char(c)) {
    const gunichar u = g_utf8_get_char(c);
    if (u == '\n' || u == '\r') {
      flush();
      continue;
    }
    const PopplerRectangle& r = rects[i];
    const double x0 = std::min(r.x1, r.x2), x1 = std::max(r.x1, r.x2);
    const double top = std::min(r.y1, r.y2), bottom = std::max(r.y1, r.y2);
    const double height = bottom - top;
    if (cur.chars > 0 && (x0 > cur.x1 + std::max(height, 1.0) || x0 < cur.x1 - height || top > cur.bottom || bottom < cur.top))
      flush();
    const bool space = g_unichar_isspace(u);
    if (space && cur.chars == 0) continue;  // a stretch starts at its first visible character
    cur.text.append(c, static_cast<size_t>(g_utf8_next_char(c) - c));
    if (space) continue;                    // a space does not move the stretch's box
    ++cur.chars;
    cur.x0 = std::min(cur.x0, x0);
    cur.x1 = std::max(cur.x1, x1);
    cur.top = std::min(cur.top, top);
    cur.bottom = std::max(cur.bottom, bottom);
  }
  flush();
  g_free(rects);
  g_free(text);
  return out;
}

}  // namespace

std::optional<model::FontRole> substitute_role(const std::string& family) {
  const std::string f = pdf::folded_family(family);
  for (const pdf::SubstituteNames& s : pdf::substitute_names())
    for (const char* name : s.names)
      if (pdf::folded_family(name) == f) return s.role;
  return std::nullopt;
}

namespace {

// PagePictures: the file of page `index` (0-based) of the PDF whose SHA-256 is `sha`.
std::filesystem::path picture_file(const PagePictures& pictures, const std::string& sha, int index) {
  return pictures.dir / (sha + "-" + std::to_string(index + 1) + "-" + std::to_string(std::lround(pictures.dpi)) + ".picture");
}

// A kept file is the picture (encode_scan's bytes) followed by its SHA-256 (hex): the files are renamed into place without
// fsync (a cache, not an output), so a file torn by a crash must read as none, never as a picture.
constexpr size_t kShaHex = 64;

// The picture kept for that page, or empty (none kept, or torn: then it is drawn again).
std::string kept_picture(const std::filesystem::path& file) {
  if (file.empty()) return {};
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.size() <= kShaHex) return {};
  const std::string picture = bytes.substr(0, bytes.size() - kShaHex);
  return ingest::sha256_hex(picture) == std::string_view(bytes).substr(picture.size()) ? picture : std::string();
}

// Keeps a drawn picture for the night's later copies; a failure to keep it costs only a redraw.
void keep_picture(const std::filesystem::path& file, const std::string& picture) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  std::string err;
  if (!ec) write_atomic(file, picture + ingest::sha256_hex(picture), err, false);
}

}  // namespace

std::vector<layout::Page> scanned_pages(const std::string& pdf, const PagePictures& pictures, const std::vector<bool>* only) {
  ingest::use_poppler();
  steer_poppler_fonts();
  keep_freed_picture_memory();
  GBytes* bytes = g_bytes_new_static(pdf.data(), pdf.size());
  GError* err = nullptr;
  PopplerDocument* doc = poppler_document_new_from_bytes(bytes, nullptr, &err);
  g_bytes_unref(bytes);
  if (!doc) {
    std::string why = err ? err->message : "unreadable";
    if (err) g_error_free(err);
    throw std::runtime_error("Poppler cannot read the PDF: " + why);
  }
  const std::string sha = pictures.dir.empty() ? std::string() : ingest::sha256_hex(pdf);
  std::vector<layout::Page> pages;
  const int n = poppler_document_get_n_pages(doc);
  for (int i = 0; i < n; ++i) {
    if (only && (static_cast<size_t>(i) >= only->size() || !(*only)[static_cast<size_t>(i)])) continue;
    PopplerPage* page = poppler_document_get_page(doc, i);
    if (!page) continue;
    layout::Page p;
    poppler_page_get_size(page, &p.width_pt, &p.height_pt);  // as displayed: /Rotate applied
    auto img = std::make_shared<model::Image>();
    const std::filesystem::path file = sha.empty() ? std::filesystem::path() : picture_file(pictures, sha, i);
    img->bytes = kept_picture(file);
    if (img->bytes.empty()) {
      try {
        img->bytes = page_picture(page, p.width_pt, p.height_pt, pictures.dpi);
      } catch (...) {
        g_object_unref(page);
        g_object_unref(doc);
        throw;
      }
      if (!file.empty()) keep_picture(file, img->bytes);
    }
    img->media_type = scan_media_type(img->bytes);
    p.items.push_back(layout::ImageItem{0, 0, p.width_pt, p.height_pt, img});
    for (const Stretch& s : text_stretches(page)) p.items.push_back(text_line(s));
    p.number = i + 1;
    p.number_text = std::to_string(i + 1);
    pages.push_back(std::move(p));
    g_object_unref(page);
  }
  g_object_unref(doc);
  return pages;
}

SourcePages source_pages(const std::string& pdf, const PagePictures& pictures) {
  SourcePages out;
  const std::vector<pdfvec::Page> vectors = read_vector_pages(pdf);
  std::vector<bool> drawn(vectors.size(), false);
  for (size_t i = 0; i < vectors.size(); ++i) {
    std::string why;
    std::optional<layout::Page> p = vector_layout_page(vectors[i], why);
    drawn[i] = !p;
    out.pages.push_back(p ? std::move(*p) : layout::Page{});
    out.pages.back().number = static_cast<int>(i) + 1;
    out.pages.back().number_text = std::to_string(i + 1);
    out.scanned.push_back(!p);
    out.why.push_back(p ? std::string() : why);
  }
  if (vectors.empty()) {  // no vector reader (vector_page.h): every page a picture
    out.pages = scanned_pages(pdf, pictures);
    out.scanned.assign(out.pages.size(), true);
    out.why.assign(out.pages.size(), "未找到矢量转换模块 " + std::string(pdfvec::kModuleFile));
    return out;
  }
  if (std::find(drawn.begin(), drawn.end(), true) == drawn.end()) return out;
  std::vector<layout::Page> pictures_drawn = scanned_pages(pdf, pictures, &drawn);
  size_t next = 0;
  for (size_t i = 0; i < drawn.size(); ++i)
    if (drawn[i] && next < pictures_drawn.size()) out.pages[i] = std::move(pictures_drawn[next++]);
  if (next != pictures_drawn.size() || next != static_cast<size_t>(std::count(drawn.begin(), drawn.end(), true)))
    throw std::runtime_error("Poppler's page count differs between its two readings of the PDF");
  return out;
}

OfdCopy join_parts(const std::vector<OfdCopyPart>& parts, const PagePictures& pictures) {
  OfdCopy c;
  for (const OfdCopyPart& part : parts) {
    const int start = static_cast<int>(c.laid.pages.size());
    if (part.laid) {
      for (const layout::Page& p : part.laid->pages) c.laid.pages.push_back(p);
      for (layout::OutlineEntry e : part.laid->outline) {
        e.page_index += start;
        c.laid.outline.push_back(std::move(e));
      }
      c.scanned.resize(c.laid.pages.size(), false);
    } else if (part.pdf) {
      SourcePages s = source_pages(*part.pdf, pictures);
      for (size_t i = 0; i < s.pages.size(); ++i) {
        c.laid.pages.push_back(std::move(s.pages[i]));
        c.scanned.push_back(s.scanned[i]);
        if (!s.scanned[i]) ++c.vector_pages;
        else c.picture_pages.push_back("第" + std::to_string(c.laid.pages.size()) + "页：" + s.why[i] + "，以图像保存");
      }
    }
  }
  return c;
}

}  // namespace lh::package
