// pdf_vector.h: an OutputDev that collects what Poppler's interpreter (Gfx) paints, in device space
// at 72 dpi with the page upside down (y down, as layout/frames.h), and gives up on the page at the
// first thing our OFD objects cannot show as Poppler draws it: an image, a shading or pattern,
// transparency or a soft mask, a clip that is not a rectangle around what it clips, an embedded or
// Type 3 font, text that is stroked, clipped, invisible, vertical, rotated or slanted, a dashed
// line. Each reason is a short Chinese phrase the report shows ("第2页：含图像，以图像保存").
#include <GfxFont.h>
#include <GfxState.h>
#include <GlobalParams.h>
#include <OutputDev.h>
#include <PDFDoc.h>
#include <Stream.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "pdfvec/pdf_vector.h"

namespace lh::pdfvec {
namespace {

constexpr double kTolerance = 0.5;  // points: what a containment test forgives (half a pixel at 144 dpi)

uint32_t rgb_of(const GfxRGB& c) {
  return (static_cast<uint32_t>(colToByte(c.r)) << 16) | (static_cast<uint32_t>(colToByte(c.g)) << 8) | colToByte(c.b);
}

void append_utf8(std::string& out, Unicode u) {
  if (u < 0x80) {
    out += static_cast<char>(u);
  } else if (u < 0x800) {
    out += static_cast<char>(0xC0 | (u >> 6));
    out += static_cast<char>(0x80 | (u & 0x3F));
  } else if (u < 0x10000) {
    out += static_cast<char>(0xE0 | (u >> 12));
    out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (u & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (u >> 18));
    out += static_cast<char>(0x80 | ((u >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((u >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (u & 0x3F));
  }
}

struct Box {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  void add(double x, double y) { x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y); }
};

// The family fontconfig is asked for when Poppler substitutes a font that is not embedded: the
// BaseFont without its subset tag, up to its style ("STSong-Light" → "STSong", "SimHei,Bold" → "SimHei").
std::string family_of(const std::string& name) {
  std::string n = name;
  if (n.size() > 7 && n[6] == '+' && std::all_of(n.begin(), n.begin() + 6, [](char c) { return c >= 'A' && c <= 'Z'; }))
    n = n.substr(7);
  const size_t cut = n.find_first_of(",-");
  return cut == std::string::npos ? n : n.substr(0, cut);
}

class VectorDevice : public OutputDev {
 public:
  explicit VectorDevice(Page& page) : page_(page) {}

  bool refused() const { return !page_.picture_because.empty(); }

  bool upsideDown() override { return true; }
  bool useDrawChar() override { return true; }
  bool interpretType3Chars() override { return false; }
  // Asked for, so that Gfx hands patterns and shadings over whole instead of painting them as fills.
  bool useTilingPatternFill() override { return true; }
  bool useShadedFills(int) override { return true; }

  void startPage(int, GfxState*, XRef*) override { clips_ = {false}; }
  void saveState(GfxState*) override { clips_.push_back(clips_.back()); }
  void restoreState(GfxState*) override {
    if (clips_.size() > 1) clips_.pop_back();
  }

  void stroke(GfxState* state) override { paint(state, true, false); }
  void fill(GfxState* state) override { paint(state, false, false); }
  void eoFill(GfxState* state) override { paint(state, false, true); }

  void clip(GfxState* state) override { clip_to(state); }
  void eoClip(GfxState* state) override { clip_to(state); }
  void clipToStrokePath(GfxState*) override { refuse("含描边裁剪路径"); }

  bool tilingPatternFill(GfxState*, Gfx*, Catalog*, GfxTilingPattern*, const double*, int, int, int, int, double, double) override {
    return refuse("含图案填充");
  }
  bool functionShadedFill(GfxState*, GfxFunctionShading*) override { return refuse("含渐变填充"); }
  bool axialShadedFill(GfxState*, GfxAxialShading*, double, double) override { return refuse("含渐变填充"); }
  bool radialShadedFill(GfxState*, GfxRadialShading*, double, double) override { return refuse("含渐变填充"); }
  bool gouraudTriangleShadedFill(GfxState*, GfxGouraudTriangleShading*) override { return refuse("含渐变填充"); }
  bool patchMeshShadedFill(GfxState*, GfxPatchMeshShading*) override { return refuse("含渐变填充"); }

  void setSoftMask(GfxState*, const double*, bool, Function*, GfxColor*) override { refuse("含软蒙版"); }

  // Images: the page is a picture. The base class reads an inline image's data past, as Gfx expects.
  void drawImageMask(GfxState* s, Object* ref, Stream* str, int w, int h, bool inv, bool interp, bool inl) override {
    refuse("含图像");
    OutputDev::drawImageMask(s, ref, str, w, h, inv, interp, inl);
  }
  void setSoftMaskFromImageMask(GfxState* s, Object* ref, Stream* str, int w, int h, bool inv, bool inl, double* m) override {
    refuse("含图像");
    OutputDev::setSoftMaskFromImageMask(s, ref, str, w, h, inv, inl, m);
  }
  void drawImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp, const int* mc, bool inl) override {
    if (!inl && !mc && copy_jpeg(s, str, cm)) return;
    refuse("含图像");
    OutputDev::drawImage(s, ref, str, w, h, cm, interp, mc, inl);
  }
  void drawMaskedImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp, Stream* ms, int mw,
                       int mh, bool minv, bool minterp) override {
    refuse("含图像");
    OutputDev::drawMaskedImage(s, ref, str, w, h, cm, interp, ms, mw, mh, minv, minterp);
  }
  void drawSoftMaskedImage(GfxState* s, Object* ref, Stream* str, int w, int h, GfxImageColorMap* cm, bool interp, Stream* ms, int mw,
                           int mh, GfxImageColorMap* mcm, bool minterp) override {
    refuse("含图像");
    OutputDev::drawSoftMaskedImage(s, ref, str, w, h, cm, interp, ms, mw, mh, mcm, minterp);
  }

  void drawChar(GfxState* state, double x, double y, double dx, double dy, double, double, CharCode, int, const Unicode* u,
                int uLen) override;
  void invisible_char(GfxState* state, double x, double y, double dx, double dy, const Unicode* u, int uLen);
  std::optional<Glyph> placed_glyph(GfxState* state, double x, double y, double dx, double dy, Unicode u);

 private:
  // A JPEG image (DCTDecode, after any other filters) in grey or RGB, not inverted by /Decode, drawn
  // upright and inside the clip: kept as its own bytes (pdf_vector.h Picture), as pdfimages -j
  // writes it. Anything else is drawn by Poppler into the page's picture.
  bool copy_jpeg(GfxState* state, Stream* str, GfxImageColorMap* cm) {
    if (str->getKind() != strDCT || !cm || cm->getBits() != 8) return false;
    const int comps = cm->getNumPixelComps();
    const GfxColorSpaceMode mode = cm->getColorSpace()->getMode();
    const bool plain = mode == csDeviceGray || mode == csDeviceRGB || (mode == csICCBased && (comps == 1 || comps == 3));
    if (!plain) return false;
    for (int i = 0; i < comps; ++i)
      if (cm->getDecodeLow(i) != 0 || cm->getDecodeHigh(i) != 1) return false;  // a negative or a remapped range
    // The unit square in device space (points from the top-left): upright means x grows with the
    // image's columns and its first row is at the top.
    const double* m = state->getCTM();
    if (m[0] <= 0 || m[3] >= 0 || std::abs(m[1]) > 1e-3 * m[0] || std::abs(m[2]) > 1e-3 * m[0]) return false;
    Picture p;
    p.x = m[4] + m[2];
    p.y = m[5] + m[3];
    p.w = m[0];
    p.h = -m[3];
    Box b;
    b.add(p.x, p.y);
    b.add(p.x + p.w, p.y + p.h);
    if (!inside_clip(state, b)) return false;
    Stream* raw = str->getNextStream();
    if (!raw) return false;
    raw->reset();
    const std::vector<unsigned char> bytes = raw->toUnsignedChars(1 << 16, 1 << 16);
    raw->close();
    if (bytes.size() < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8) return false;  // no JPEG SOI marker
    p.data.assign(bytes.begin(), bytes.end());
    page_.items.emplace_back(std::move(p));
    return true;
  }

  bool refuse(const std::string& why) {
    if (page_.picture_because.empty()) page_.picture_because = why;
    return true;  // "handled": Gfx paints nothing more of it
  }
  bool opaque(GfxState* state, bool stroke) {
    if (state->getBlendMode() != gfxBlendNormal) return !refuse("含混合模式");
    if ((stroke ? state->getStrokeOpacity() : state->getFillOpacity()) < 1) return !refuse("含透明");
    return true;
  }
  // Inside the clip the content set (the page's own crop box clips the OFD page as it does the PDF).
  bool inside_clip(GfxState* state, const Box& b) {
    if (!clips_.back()) return true;
    double x0, y0, x1, y1;
    state->getClipBBox(&x0, &y0, &x1, &y1);
    if (b.x0 >= x0 - kTolerance && b.y0 >= y0 - kTolerance && b.x1 <= x1 + kTolerance && b.y1 <= y1 + kTolerance) return true;
    return !refuse("内容被裁剪");
  }
  void clip_to(GfxState* state);
  void paint(GfxState* state, bool stroke, bool even_odd);
  int font_index(GfxFont* font);

  Page& page_;
  std::vector<bool> clips_{false};  // by saved state: a clip set by the content is in force
  const GfxFont* last_font_ = nullptr;
  int last_font_index_ = -1;
};

// Device-space subpaths of the current path, with their bounds.
std::vector<Subpath> device_path(GfxState* state, Box& box) {
  std::vector<Subpath> out;
  const GfxPath* path = state->getPath();
  for (int i = 0; path && i < path->getNumSubpaths(); ++i) {
    const GfxSubpath* sp = path->getSubpath(i);
    Subpath s;
    s.closed = sp->isClosed();
    for (int k = 0; k < sp->getNumPoints(); ++k) {
      Point p;
      state->transform(sp->getX(k), sp->getY(k), &p.x, &p.y);
      box.add(p.x, p.y);
      s.points.push_back(p);
      s.curve.push_back(sp->getCurve(k));
    }
    out.push_back(std::move(s));
  }
  return out;
}

// An axis-aligned rectangle: four corners (a fifth closing point allowed), no curves.
bool is_rectangle(const Subpath& s) {
  std::vector<Point> p = s.points;
  if (p.size() == 5 && std::abs(p[4].x - p[0].x) < 1e-6 && std::abs(p[4].y - p[0].y) < 1e-6) p.pop_back();
  if (p.size() != 4 || std::any_of(s.curve.begin(), s.curve.end(), [](bool c) { return c; })) return false;
  for (size_t i = 0; i < 4; ++i) {
    const Point& a = p[i];
    const Point& b = p[(i + 1) % 4];
    if (std::abs(a.x - b.x) > 1e-6 && std::abs(a.y - b.y) > 1e-6) return false;
  }
  return true;
}

void VectorDevice::clip_to(GfxState* state) {
  Box b;
  const std::vector<Subpath> path = device_path(state, b);
  if (path.size() != 1 || !is_rectangle(path[0])) {
    refuse("含非矩形裁剪");
    return;
  }
  clips_.back() = true;
}

void VectorDevice::paint(GfxState* state, bool stroke, bool even_odd) {
  if (refused() || !opaque(state, stroke)) return;
  GfxColorSpace* cs = stroke ? state->getStrokeColorSpace() : state->getFillColorSpace();
  if (cs && cs->getMode() == csPattern) {
    refuse("含图案填充");
    return;
  }
  Shape s;
  Box box;
  s.subpaths = device_path(state, box);
  if (s.subpaths.empty()) return;
  s.stroke = stroke;
  s.even_odd = even_odd;
  GfxRGB rgb;
  if (stroke) {
    state->getStrokeRGB(&rgb);
    double start = 0;
    if (!state->getLineDash(&start).empty()) {
      refuse("含虚线");
      return;
    }
    // A stroke is as wide in every direction only under a CTM that scales x and y alike.
    const double* m = state->getCTM();
    const double sx = std::hypot(m[0], m[1]), sy = std::hypot(m[2], m[3]);
    if (std::abs(sx - sy) > 1e-3 * std::max(sx, sy) || std::abs(m[0] * m[2] + m[1] * m[3]) > 1e-3 * sx * sy) {
      refuse("线宽随方向变化");
      return;
    }
    s.width = state->getTransformedLineWidth();
    box.x0 -= s.width / 2, box.y0 -= s.width / 2, box.x1 += s.width / 2, box.y1 += s.width / 2;
  } else {
    state->getFillRGB(&rgb);
  }
  s.rgb = rgb_of(rgb);
  if (!inside_clip(state, box)) return;
  page_.items.emplace_back(std::move(s));
}

int VectorDevice::font_index(GfxFont* font) {
  if (font == last_font_) return last_font_index_;
  const std::string name = font->getName() ? *font->getName() : std::string();
  int index = -1;
  for (size_t i = 0; i < page_.fonts.size(); ++i)
    if (page_.fonts[i].name == name) index = static_cast<int>(i);
  if (index < 0) {
    page_.fonts.push_back(Font{name, family_of(name)});
    index = static_cast<int>(page_.fonts.size()) - 1;
  }
  last_font_ = font;
  last_font_index_ = index;
  return index;
}

void VectorDevice::drawChar(GfxState* state, double x, double y, double dx, double dy, double, double, CharCode, int,
                            const Unicode* u, int uLen) {
  if (refused()) return;
  GfxFont* font = state->getFont().get();
  if (!font) return;
  if (state->getRender() == 3) return invisible_char(state, x, y, dx, dy, u, uLen);
  const std::string name = font->getName() ? *font->getName() : std::string("（无名）");
  Ref embedded;
  if (font->getType() == fontType3) {
    refuse("含Type 3字体 " + name);
  } else if (font->getEmbeddedFontID(&embedded)) {
    refuse("含嵌入字体 " + name);  // its glyphs would have to travel in the OFD: the picture shows them
  } else if (!font->isCIDFont()) {
    refuse("含单字节字体 " + name);  // Poppler stretches substitutes of those to the PDF's widths
  } else if (font->getWMode() != 0) {
    refuse("含竖排文字");
  } else if (font->isBold() || font->isItalic() || name.find("Bold") != std::string::npos ||
             name.find("Italic") != std::string::npos || name.find("Oblique") != std::string::npos) {
    refuse("含粗体或斜体字体 " + name);
  } else if (state->getRender() != 0) {
    refuse("含文字渲染模式 " + std::to_string(state->getRender()));
  } else if (uLen != 1 || !u) {
    refuse("含无对应Unicode的字符");
  } else if (state->getFillColorSpace() && state->getFillColorSpace()->getMode() == csPattern) {
    refuse("含图案填充");
  }
  if (refused() || !opaque(state, false)) return;
  std::optional<Glyph> g = placed_glyph(state, x, y, dx, dy, u[0]);
  if (!g) return;
  GfxRGB rgb;
  state->getFillRGB(&rgb);
  g->rgb = rgb_of(rgb);
  g->font = font_index(font);
  Box b;
  b.add(g->x, g->y - g->size);
  b.add(g->x + std::max(g->advance, g->size * 0.5), g->y + g->size * 0.25);
  if (!inside_clip(state, b)) return;
  page_.items.emplace_back(std::move(*g));
}

// A character at its origin with its advance, if drawn upright and unscaled (device y grows
// downwards, so an upright glyph's y scale is negative); else the page is refused.
std::optional<Glyph> VectorDevice::placed_glyph(GfxState* state, double x, double y, double dx, double dy, Unicode u) {
  double m11, m12, m21, m22;
  state->getFontTransMat(&m11, &m12, &m21, &m22);
  if (m11 <= 0 || std::abs(m12) > 1e-3 * m11 || std::abs(m21) > 1e-3 * m11 || std::abs(m22 + m11) > 1e-3 * m11) {
    refuse("含旋转或变形的文字");
    return std::nullopt;
  }
  Glyph g;
  append_utf8(g.text, u);
  state->transform(x, y, &g.x, &g.y);
  double ay = 0;
  state->transformDelta(dx, dy, &g.advance, &ay);
  g.size = m11;
  return g;
}

// Invisible text (render mode 3, a scan's OCR layer): whatever its font (an OCR engine embeds a
// glyph-less one), only its characters and their places matter.
void VectorDevice::invisible_char(GfxState* state, double x, double y, double dx, double dy, const Unicode* u, int uLen) {
  if (uLen != 1 || !u) {
    refuse("含无对应Unicode的字符");
    return;
  }
  std::optional<Glyph> g = placed_glyph(state, x, y, dx, dy, u[0]);
  if (!g) return;
  g->font = -1;
  g->invisible = true;
  page_.items.emplace_back(std::move(*g));
}

bool abort_when_refused(void* device) { return static_cast<VectorDevice*>(device)->refused(); }

}  // namespace
}  // namespace lh::pdfvec

// The module's one entry point (pdf_vector.h, kReadEntryPoint).
extern "C" __attribute__((visibility("default"))) bool lh_pdfvec_read_pages(const char* pdf, size_t size,
                                                                             std::vector<lh::pdfvec::Page>* pages,
                                                                             std::string* error) {
  using namespace lh::pdfvec;
  // Poppler's global state, counted as poppler-glib counts its documents' (ingest/poppler_state.h
  // keeps it alive for the process): held from the first call on, its messages not printed (the
  // caller reports what it finds).
  static auto* const params = new GlobalParamsIniter([](ErrorCategory, Goffset, const char*) {});
  (void)params;
  // The bytes are the caller's and outlive the document: a MemStream reads them in place.
  auto doc = std::make_unique<PDFDoc>(new MemStream(pdf, 0, static_cast<Goffset>(size), Object(objNull)));
  if (!doc->isOk()) {
    *error = "Poppler cannot read the PDF (error " + std::to_string(doc->getErrorCode()) + ")";
    return false;
  }
  pages->clear();
  for (int n = 1; n <= doc->getNumPages(); ++n) {
    lh::pdfvec::Page p;
    const bool turned = doc->getPageRotate(n) % 180 != 0;
    p.width = turned ? doc->getPageCropHeight(n) : doc->getPageCropWidth(n);
    p.height = turned ? doc->getPageCropWidth(n) : doc->getPageCropHeight(n);
    VectorDevice device(p);
    // As poppler_page_render_for_printing draws it: crop box, /Rotate, annotations that print.
    doc->displayPage(&device, n, 72, 72, 0, false, true, true, abort_when_refused, &device);
    if (!p.picture_because.empty()) p.items.clear();
    pages->push_back(std::move(p));
  }
  return true;
}
