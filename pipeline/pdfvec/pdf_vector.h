// A source PDF's pages as vector content, read by Poppler's own interpreter (issue 15, the OFD-A
// copies of PDF originals): what each page draws, in drawing order, as the paths and characters
// Poppler hands its output devices, in points from the page's top-left corner (its /Rotate and crop
// box applied, as poppler_page_render_for_printing draws it), or why the page cannot be copied that
// way faithfully.
//
// The reader is Poppler's C++ API (libpoppler, Debian's libpoppler-private-dev), which the program
// does not link: libpoppler with NSS, lcms and openjpeg is most of the 15 ms of start-up that
// poppler-glib costs (lazylib/lazy_library.h). It lives in a module of its own (lh_pdfvec.so, beside
// the program or in <prefix>/lib/lianghua), opened on first use through lazylib with one entry point,
// kReadEntryPoint. Only standard types cross: the caller builds the layout from them
// (package/vector_page.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace lh::pdfvec {

struct Point {
  double x = 0, y = 0;
};
// One subpath as Poppler's GfxSubpath holds it: `curve[i]` marks point i as a Bézier control point
// (two of them before each curve's end point).
struct Subpath {
  std::vector<Point> points;
  std::vector<bool> curve;
  bool closed = false;
};
// A painted path: filled (nonzero or even-odd) or stroked, one colour (sRGB 0xRRGGBB), line width
// in points. A fill and a stroke of one `B` operator are two shapes, as Poppler paints them.
struct Shape {
  std::vector<Subpath> subpaths;
  bool stroke = false, even_odd = false;
  uint32_t rgb = 0;
  double width = 0;
};
// One character as drawn: its text, the origin of its glyph on the baseline, the advance to the
// next character's origin as the PDF positions it (widths, Tc, Tw, TJ), the em size and the fill
// colour; `font` indexes Page::fonts.
struct Glyph {
  std::string text;  // UTF-8, one character
  double x = 0, y = 0, advance = 0, size = 0;
  uint32_t rgb = 0;
  int font = 0;  // -1 for an invisible glyph: its font is never drawn, so it is not asked for
  // Text render mode 3 (PDF 32000-1 9.3.6: neither filled nor stroked): the recognised text a
  // scanner's OCR lays over its picture, to be found and copied, never seen.
  bool invisible = false;
};
// A JPEG image drawn upright (no rotation, skew or flip) and whole, in the box (x, y) to (x + w,
// y + h): a scanner's or a phone's page, copied as the very JPEG the PDF holds (its DCTDecode data,
// ISO/IEC 10918-1), so a scan keeps its own pixels instead of being drawn again at another
// resolution. `data` starts with the JPEG's SOI marker.
struct Picture {
  std::string data;
  double x = 0, y = 0, w = 0, h = 0;
};
// A font the page's text uses: its name in the PDF (BaseFont) and the family Poppler asks
// fontconfig for when the font is not embedded (the name before "-" or ",", subset tag removed).
struct Font {
  std::string name, family;
};

struct Page {
  double width = 0, height = 0;  // points, as displayed
  std::vector<std::variant<Shape, Glyph, Picture>> items;
  std::vector<Font> fonts;
  // Empty: everything on the page is in `items`. Else the first thing found that the items cannot
  // show as Poppler draws it (Chinese, for the report: "含嵌入字体 ABCDEF+SimSun"); `items` is then
  // incomplete and must not be used.
  std::string picture_because;
};

// The module's entry point: reads every page of the PDF `pdf` (`size` bytes) into `pages`. Returns
// false with `error` set when Poppler cannot open the PDF.
using ReadPages = bool (*)(const char* pdf, size_t size, std::vector<Page>* pages, std::string* error);
inline constexpr const char* kReadEntryPoint = "lh_pdfvec_read_pages";
inline constexpr const char* kModuleFile = "lh_pdfvec.so";

}  // namespace lh::pdfvec
