#include "compose/archive_stamp.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>

#include <poppler.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "ingest/poppler_state.h"
#include "render/render_document.h"
#include "compose/render_kit.h"
#include "pdf/pdf.h"
#include "pdf/qpdf_io.h"
#include "layout/layout.h"

namespace lh::compose {

namespace {

using pdf::detail::open_memory;

constexpr double kPtPerMm = 72.0 / 25.4;

// One page of marks, w × h mm, holding `frames`, as a document of fixed pages.
model::Document marks_document(double w, double h, std::vector<std::vector<model::Frame>> pages) {
  model::Section s;
  s.page.width_mm = w;
  s.page.height_mm = h;
  s.page.top_mm = s.page.bottom_mm = s.page.left_mm = s.page.right_mm = 0;
  s.fixed_pages = std::move(pages);
  model::Document d;
  d.sections.push_back(std::move(s));
  return d;
}

layout::Style marks_style(const model::Document& d) {
  layout::Style st = render_kit().form;
  st.page = d.sections[0].page;
  return st;
}

// The marks as one PDF, a page each, so that cairo embeds the font subset once.
std::string marks_pdf(double w, double h, std::vector<std::vector<model::Frame>> pages) {
  const model::Document d = marks_document(w, h, std::move(pages));
  render::RenderOptions ro;
  ro.docx = false;
  ro.date = "2000-01-01";  // a mark carries no clock: the same values give the same bytes
  return render::render_document(d, marks_style(d), render_kit().fonts, ro).pdf;
}

// The marks laid out (the pages marks_pdf draws).
std::vector<layout::Page> marks_pages(double w, double h, std::vector<std::vector<model::Frame>> pages) {
  const size_t n = pages.size();
  const model::Document d = marks_document(w, h, std::move(pages));
  layout::Laid laid = layout::lay_out(d, marks_style(d), render_kit().fonts);
  if (laid.pages.size() != n) throw pdf::PdfError("marks: laid out " + std::to_string(laid.pages.size()) + " pages of " + std::to_string(n));
  return std::move(laid.pages);
}

// The page's visible box (CropBox, else MediaBox) in default user space, normalized.
QPDFObjectHandle::Rectangle visible_box(QPDFPageObjectHelper& page) {
  auto b = page.getCropBox(false, false).getArrayAsRectangle();
  return {std::min(b.llx, b.urx), std::min(b.lly, b.ury), std::max(b.llx, b.urx), std::max(b.lly, b.ury)};
}

// /Rotate (inherited from the page tree when the page has none) as 0, 90, 180 or 270: the
// clockwise turn a viewer gives the page when showing it.
int display_rotation(QPDFPageObjectHelper& page) {
  QPDFObjectHandle r = page.getAttribute("/Rotate", false);
  int deg = r.isInteger() ? static_cast<int>(r.getIntValue()) : 0;
  deg = ((deg % 360) + 360) % 360;
  return deg - deg % 90;
}

// The /Resources of a page as a dictionary this page alone owns, so that naming a mark in it
// cannot change another page sharing the same dictionary.
QPDFObjectHandle own_xobjects(QPDFPageObjectHelper& page) {
  QPDFObjectHandle res = page.getAttribute("/Resources", true);
  if (!res.isDictionary()) {
    res = QPDFObjectHandle::newDictionary();
    page.getObjectHandle().replaceKey("/Resources", res);
  } else if (res.isIndirect()) {
    res = res.shallowCopy();
    page.getObjectHandle().replaceKey("/Resources", res);
  }
  QPDFObjectHandle xo = res.getKey("/XObject");
  if (!xo.isDictionary()) {
    xo = QPDFObjectHandle::newDictionary();
    res.replaceKey("/XObject", xo);
  } else if (xo.isIndirect()) {
    xo = xo.shallowCopy();
    res.replaceKey("/XObject", xo);
  }
  return xo;
}

// The matrix taking the mark's form space to the page's user space so that the mark lands at
// (x0, y0) of the page as displayed (origin bottom-left of what the reader sees), scaled by
// (kx, ky), upright whatever the page's /Rotate. Display and user space differ by the clockwise
// turn r: for r = 90 the user-space top edge is shown on the right, so display x runs along user y
// and display y runs against user x.
std::string placement_matrix(const QPDFObjectHandle::Rectangle& box, int r, double x0, double y0, double kx, double ky) {
  const double llx = box.llx, lly = box.lly, w = box.urx - box.llx, h = box.ury - box.lly;
  double a = kx, b = 0, c = 0, d = ky, e = llx + x0, f = lly + y0;
  if (r == 90) { a = 0; b = kx; c = -ky; d = 0; e = llx + w - y0; f = lly + x0; }
  if (r == 180) { a = -kx; b = 0; c = 0; d = -ky; e = llx + w - x0; f = lly + h - y0; }
  if (r == 270) { a = 0; b = -kx; c = ky; d = 0; e = llx + y0; f = lly + h - x0; }
  char buf[200];
  std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f %.4f %.4f %.4f cm", a, b, c, d, e, f);
  return buf;
}

// The content that draws one mark on its page.
std::string place_mark(QPDFPageObjectHelper& page, QPDFObjectHandle form, const std::string& name,
                       const MarkPlacement& m) {
  const auto box = visible_box(page);
  const int r = display_rotation(page);
  const double shown_w = (r % 180 ? box.ury - box.lly : box.urx - box.llx);
  const double shown_h = (r % 180 ? box.urx - box.llx : box.ury - box.lly);
  const double w = m.width_mm * kPtPerMm, h = m.height_mm * kPtPerMm;
  const double x0 = m.anchor == MarkAnchor::TopCentre ? (shown_w - w) / 2
                    : m.anchor == MarkAnchor::TopLeft  ? m.from_side_mm * kPtPerMm
                                                       : shown_w - m.from_side_mm * kPtPerMm - w;
  const double y0 = shown_h - m.from_top_mm * kPtPerMm - h;
  auto bb = form.getKey("/BBox").getArrayAsRectangle();
  const double bw = bb.urx - bb.llx, bh = bb.ury - bb.lly;
  const double kx = bw > 0 ? w / bw : 1, ky = bh > 0 ? h / bh : 1;
  char shift[100];
  std::snprintf(shift, sizeof shift, "1 0 0 1 %.4f %.4f cm", -bb.llx, -bb.lly);
  return "q " + placement_matrix(box, r, x0, y0, kx, ky) + " " + shift + " " + name + " Do Q\n";
}

// One 页号: the number alone, right-aligned in its box (a numbering machine's figure), black.
std::vector<model::Frame> page_number_frames(int number) {
  model::TextBox tb{0, 0, kPageNumberWidthMm, kPageNumberHeightMm, {}, model::FontRole::Song, 12, 12,
                    model::Align::End, true, 0, 1.0};
  model::Run r;
  r.text = std::to_string(number);
  tb.runs.push_back(r);
  return {tb};
}

// --- the top blank area (DA/T 22-2015: 首页上端居中空白处, else another top blank) ----------------

constexpr double kBandPxPerMm = 2;      // 50 dpi: a stroke of text is still seen
constexpr double kStampClearMm = 2;     // blank space kept around the stamp (a line box reaches below the ink)
constexpr double kTopAreaMm = 24;       // how far down the top of the page reaches
constexpr double kSideMm = 10;          // distance from the side for the top-left/right places

// Ink of the top band of page 1 as displayed (white = no ink), as Poppler draws it.
struct TopBand {
  double page_w_mm = 0, page_h_mm = 0;
  int w = 0, h = 0;
  std::vector<bool> ink;
  bool inked(double x0, double y0, double x1, double y1) const;
};

// Every visible character of page 1's text layer marked as ink in the band (its box, in points of
// the page as displayed, origin top-left, as Poppler's text layout gives it).
void mark_text(PopplerDocument* doc, TopBand& b) {
  PopplerPage* page = poppler_document_get_page(doc, 0);
  if (!page) return;
  char* text = poppler_page_get_text(page);
  PopplerRectangle* rects = nullptr;
  guint n = 0;
  poppler_page_get_text_layout(page, &rects, &n);
  const double k = kBandPxPerMm / kPtPerMm;
  const char* c = text;
  for (guint i = 0; c && *c && i < n; ++i, c = g_utf8_next_char(c)) {
    const gunichar u = g_utf8_get_char(c);
    if (g_unichar_isspace(u) || u == 0x3000) continue;
    const int x0 = std::max(0, static_cast<int>(std::floor(std::min(rects[i].x1, rects[i].x2) * k)));
    const int x1 = std::min(b.w, static_cast<int>(std::ceil(std::max(rects[i].x1, rects[i].x2) * k)));
    const int y0 = std::max(0, static_cast<int>(std::floor(std::min(rects[i].y1, rects[i].y2) * k)));
    const int y1 = std::min(b.h, static_cast<int>(std::ceil(std::max(rects[i].y1, rects[i].y2) * k)));
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) b.ink[static_cast<size_t>(y) * b.w + x] = true;
  }
  g_free(rects);
  g_free(text);
  g_object_unref(page);
}

// Drops the text objects (BT … ET, ISO 32000-1 §9.4) of a content stream: what is left is drawn
// without a single font being loaded. Poppler renders a non-embedded CJK font (STSong-Light, as
// many Chinese office systems write it) by reading a 19 MB system font and mapping all 30,000
// Adobe-GB1 CIDs for every document: most of what placing the stamp used to cost.
class DropText : public QPDFObjectHandle::TokenFilter {
 public:
  void handleToken(QPDFTokenizer::Token const& t) override {
    if (t.getType() == QPDFTokenizer::tt_word && (t.getValue() == "BT" || t.getValue() == "ET")) {
      in_text_ = t.getValue() == "BT";
      return;
    }
    if (!in_text_) writeToken(t);
  }

 private:
  bool in_text_ = false;
};

// The text of the form XObjects a page draws is dropped as well (a letterhead is often a form).
void drop_text_of_forms(QPDFObjectHandle resources, std::set<QPDFObjGen>& seen) {
  if (!resources.isDictionary() || !resources.getKey("/XObject").isDictionary()) return;
  QPDFObjectHandle xo = resources.getKey("/XObject");
  for (const std::string& key : xo.getKeys()) {
    QPDFObjectHandle f = xo.getKey(key);
    if (!f.isStream() || !f.getDict().getKey("/Subtype").isNameAndEquals("/Form") || !seen.insert(f.getObjGen()).second)
      continue;
    f.addTokenFilter(std::make_shared<DropText>());
    drop_text_of_forms(f.getDict().getKey("/Resources"), seen);
  }
}

// Page 1 of pdf alone, without its text: its pictures, lines and fills as they are (streams are
// copied, not re-encoded). Throws what qpdf throws.
std::string first_page_without_text(const std::string& pdf) {
  auto in = open_memory(pdf, "page1.pdf");
  QPDFPageDocumentHelper(*in).pushInheritedAttributesToPage();  // /Rotate, /MediaBox, /Resources
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(*in).getAllPages();
  if (pages.empty()) throw pdf::PdfError("no pages");
  QPDF one;
  one.emptyPDF();
  QPDFPageDocumentHelper(one).addPage(pages[0], false);
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(one).getAllPages().at(0);
  page.addContentTokenFilter(std::make_shared<DropText>());
  std::set<QPDFObjGen> seen;
  drop_text_of_forms(page.getAttribute("/Resources", false), seen);
  return pdf::detail::write_out(one, false);
}

struct PopplerDoc {
  PopplerDocument* doc = nullptr;
  explicit PopplerDoc(const std::string& pdf) {  // pdf outlives the document
    ingest::use_poppler();
    GBytes* bytes = g_bytes_new_static(pdf.data(), pdf.size());
    doc = poppler_document_new_from_bytes(bytes, nullptr, nullptr);
    g_bytes_unref(bytes);
  }
  ~PopplerDoc() {
    if (doc) g_object_unref(doc);
  }
};

// The ink of page 1's top band as displayed: its pictures and lines as Poppler draws them (the page
// without its text), and the box of every character of its text layer (from the text layout, which
// needs the fonts' encodings but never their glyphs). nullopt when the PDF cannot be read.
std::optional<TopBand> top_band(const std::string& pdf) {
  std::string without_text;
  try {
    without_text = first_page_without_text(pdf);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  const PopplerDoc drawn(without_text), original(pdf);
  if (!drawn.doc || !original.doc || poppler_document_get_n_pages(original.doc) < 1) return std::nullopt;
  PopplerPage* page = poppler_document_get_page(drawn.doc, 0);
  if (!page) return std::nullopt;
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);  // as displayed: /Rotate applied
  TopBand b;
  b.page_w_mm = w / kPtPerMm;
  b.page_h_mm = h / kPtPerMm;
  b.w = std::max(1, static_cast<int>(std::ceil(b.page_w_mm * kBandPxPerMm)));
  b.h = std::max(1, static_cast<int>(std::ceil(std::min(b.page_h_mm, kTopAreaMm + kStampHeightMm + 2 * kStampClearMm) * kBandPxPerMm)));
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, b.w, b.h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, kBandPxPerMm / kPtPerMm, kBandPxPerMm / kPtPerMm);
  poppler_page_render(page, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  b.ink.resize(static_cast<size_t>(b.w) * static_cast<size_t>(b.h));
  for (int y = 0; y < b.h; ++y)
    for (int x = 0; x < b.w; ++x) {
      const uint32_t p = reinterpret_cast<const uint32_t*>(data + y * stride)[x];
      // Scanned paper is off-white: only what is clearly darker than paper counts as ink.
      b.ink[static_cast<size_t>(y) * b.w + x] = ((p >> 16) & 255) < 200 || ((p >> 8) & 255) < 200 || (p & 255) < 200;
    }
  cairo_surface_destroy(s);
  g_object_unref(page);
  mark_text(original.doc, b);
  return b;
}

// Whether more than a speck (0.2 % of the area: scanner dust) of the rectangle (mm) is inked.
bool TopBand::inked(double x0, double y0, double x1, double y1) const {
  const int px0 = std::max(0, static_cast<int>(x0 * kBandPxPerMm)), px1 = std::min(w, static_cast<int>(std::ceil(x1 * kBandPxPerMm)));
  const int py0 = std::max(0, static_cast<int>(y0 * kBandPxPerMm)), py1 = std::min(h, static_cast<int>(std::ceil(y1 * kBandPxPerMm)));
  if (x0 < 0 || y0 < 0 || x1 > page_w_mm || y1 > page_h_mm || px1 <= px0 || py1 <= py0) return true;  // off the page
  size_t n = 0;
  for (int y = py0; y < py1; ++y)
    for (int x = px0; x < px1; ++x) n += ink[static_cast<size_t>(y) * w + x];
  return n > 0.002 * (px1 - px0) * (py1 - py0);
}

// The stamp's place: top centre 6 mm down, else centre at another height of the top area (closest
// to 6 mm first), else top right, else top left (the binding edge). nullopt: no blank top area.
std::optional<MarkPlacement> top_blank_place(const TopBand& b) {
  const double w = kStampWidthMm, h = kStampHeightMm, c = kStampClearMm;
  std::vector<double> heights = {kStampFromTopMm};
  for (double d = 1; d <= kTopAreaMm; ++d) {
    if (kStampFromTopMm - d >= 3) heights.push_back(kStampFromTopMm - d);
    if (kStampFromTopMm + d <= kTopAreaMm) heights.push_back(kStampFromTopMm + d);
  }
  auto place = [&](MarkAnchor a, double x, double y, double side) -> std::optional<MarkPlacement> {
    if (b.inked(x - c, y - c, x + w + c, y + h + c)) return std::nullopt;
    MarkPlacement m;
    m.anchor = a;
    m.from_top_mm = y;
    m.from_side_mm = side;
    m.width_mm = w;
    m.height_mm = h;
    return m;
  };
  for (double y : heights)
    if (auto m = place(MarkAnchor::TopCentre, (b.page_w_mm - w) / 2, y, 0)) return m;
  for (double y : heights)
    if (auto m = place(MarkAnchor::TopRight, b.page_w_mm - kSideMm - w, y, kSideMm)) return m;
  for (double y : heights)
    if (auto m = place(MarkAnchor::TopLeft, kSideMm, y, kSideMm)) return m;
  return std::nullopt;
}

// One read and one write: the marks as form XObjects, then (pdfa) the PDF/A-2b changes.
std::string overlay(const std::string& pdf, const std::string& marks, const std::vector<MarkPlacement>& at,
                    const pdf::PdfaMetadata* pdfa, bool& made_pdfa) {
  made_pdfa = false;
  try {
    auto q = open_memory(pdf, "target.pdf");
    auto s = open_memory(marks, "marks.pdf");
    auto pages = QPDFPageDocumentHelper(*q).getAllPages();
    auto mpages = QPDFPageDocumentHelper(*s).getAllPages();
    std::map<int, QPDFObjectHandle> forms;  // mark page → its form XObject in the target
    std::map<int, std::string> content;     // target page → the content drawing its marks
    for (const auto& m : at) {
      if (m.page < 0 || m.page >= static_cast<int>(pages.size()) || m.mark_page < 0 ||
          m.mark_page >= static_cast<int>(mpages.size()))
        throw pdf::PdfError("no such page");
      if (!forms.count(m.mark_page))
        forms[m.mark_page] = q->copyForeignObject(mpages[static_cast<size_t>(m.mark_page)].getFormXObjectForPage());
      QPDFPageObjectHelper& page = pages[static_cast<size_t>(m.page)];
      QPDFObjectHandle xo = own_xobjects(page);
      std::string name = "/LhMark";
      for (int n = 1; xo.hasKey(name); ++n) name = "/LhMark" + std::to_string(n);
      xo.replaceKey(name, forms[m.mark_page]);
      content[m.page] += place_mark(page, forms[m.mark_page], name, m);
    }
    for (auto& [index, drawn] : content) {
      // The page's own content is wrapped in q … Q so a graphics state it leaves behind (a
      // transformation, a colour) cannot move or tint the marks.
      QPDFPageObjectHelper& page = pages[static_cast<size_t>(index)];
      page.addPageContents(QPDFObjectHandle::newStream(q.get(), "q\n"), true);
      page.addPageContents(QPDFObjectHandle::newStream(q.get(), "\nQ\n" + drawn), false);
    }
    if (pdfa && !q->isEncrypted()) {
      try {
        pdf::apply_pdfa(*q, *pdfa);
        made_pdfa = true;
      } catch (const std::exception&) {
        // Left to make_pdfa's post-pass, which tries again and says why it could not (or, for a
        // set-up fault such as a missing ICC profile, stops the run): the stamp is not lost for it.
      }
    }
    return pdf::detail::write_out(*q, true, made_pdfa);  // deterministic /ID: same input, same bytes
  } catch (const pdf::PdfError&) {
    throw;
  } catch (const std::exception& e) {
    throw pdf::PdfError(std::string("qpdf overlay: ") + e.what());
  }
}

}  // namespace

std::string overlay_marks(const std::string& pdf, const std::string& marks, const std::vector<MarkPlacement>& at) {
  bool made_pdfa = false;
  return overlay(pdf, marks, at, nullptr, made_pdfa);
}

std::string overlay_marks(const std::string& pdf, const std::string& marks, const std::vector<MarkPlacement>& at,
                          const pdf::PdfaMetadata& pdfa, bool& made_pdfa) {
  return overlay(pdf, marks, at, &pdfa, made_pdfa);
}

namespace {

std::vector<model::Frame> archive_stamp_frames(const StampValues& v) {
  const double w = kStampWidthMm, h = kStampHeightMm, cw = w / 3, ch = h / 2;
  std::vector<model::Frame> frames;
  const double line = 0.3;
  frames.push_back(model::Shape{line / 2, line / 2, w - line, h - line, 0, false, line, kStampRed, 0});
  frames.push_back(model::Rule{0, ch, w, ch, line, kStampRed});
  frames.push_back(model::Rule{cw, 0, cw, h, line, kStampRed});
  frames.push_back(model::Rule{2 * cw, 0, 2 * cw, h, line, kStampRed});
  const std::string cells[6] = {v.fonds, v.year, v.item, v.organisation, v.retention, v.pages};
  for (int i = 0; i < 6; ++i) {
    model::TextBox tb{(i % 3) * cw + 0.6, (i / 3) * ch + 0.6, cw - 1.2, ch - 1.2, {}, model::FontRole::Song, 4, 10,
                      model::Align::Center, true, kStampRed, 1.0};
    model::Run r;
    r.text = cells[i].empty() ? " " : cells[i];
    r.color_rgb = kStampRed;
    tb.runs.push_back(r);
    frames.push_back(tb);
  }
  return frames;
}

}  // namespace

std::string archive_stamp_pdf(const StampValues& v) {
  return marks_pdf(kStampWidthMm, kStampHeightMm, {archive_stamp_frames(v)});
}

layout::Page archive_stamp_page(const StampValues& v) {
  return std::move(marks_pages(kStampWidthMm, kStampHeightMm, {archive_stamp_frames(v)}).front());
}

std::vector<layout::Page> page_number_pages(int first_number, int count) {
  std::vector<std::vector<model::Frame>> numbers;
  for (int i = 0; i < count; ++i) numbers.push_back(page_number_frames(first_number + i));
  if (numbers.empty()) return {};
  return marks_pages(kPageNumberWidthMm, kPageNumberHeightMm, std::move(numbers));
}

MarkPlacement archive_stamp_place(const std::string& pdf, std::string* note) {
  MarkPlacement at;
  at.anchor = MarkAnchor::TopCentre;
  at.from_top_mm = kStampFromTopMm;
  at.width_mm = kStampWidthMm;
  at.height_mm = kStampHeightMm;
  const auto band = top_band(pdf);
  if (auto blank = band ? top_blank_place(*band) : std::nullopt) at = *blank;
  else if (note) *note = "首页上端没有空白处，归档章盖在上端居中处，压住了内容";
  return at;
}

MarkPlacement page_number_place() {
  MarkPlacement m;
  m.anchor = MarkAnchor::TopRight;
  m.from_top_mm = kPageNumberFromTopMm;
  m.from_side_mm = kPageNumberFromRightMm;
  m.width_mm = kPageNumberWidthMm;
  m.height_mm = kPageNumberHeightMm;
  return m;
}

std::pair<double, double> mark_origin_pt(const MarkPlacement& m, double page_w_pt, double page_h_pt) {
  (void)page_h_pt;  // marks hang from the top edge
  const double w = m.width_mm * kPtPerMm;
  const double x = m.anchor == MarkAnchor::TopCentre ? (page_w_pt - w) / 2
                   : m.anchor == MarkAnchor::TopLeft ? m.from_side_mm * kPtPerMm
                                                     : page_w_pt - m.from_side_mm * kPtPerMm - w;
  return {x, m.from_top_mm * kPtPerMm};
}

std::string stamp_first_page(const std::string& pdf, const StampValues& v, std::string* note) {
  return overlay_marks(pdf, archive_stamp_pdf(v), {archive_stamp_place(pdf, note)});
}

std::string stamp_page_numbers(const std::string& pdf, int first_index, int count, int first_number) {
  bool made_pdfa = false;
  return stamp_page_numbers(pdf, first_index, count, first_number, nullptr, made_pdfa);
}

std::string stamp_page_numbers(const std::string& pdf, int first_index, int count, int first_number,
                               const pdf::PdfaMetadata* pdfa, bool& made_pdfa) {
  made_pdfa = false;
  if (count <= 0) return pdf;
  std::vector<std::vector<model::Frame>> numbers;
  std::vector<MarkPlacement> at;
  for (int i = 0; i < count; ++i) {
    numbers.push_back(page_number_frames(first_number + i));
    MarkPlacement m = page_number_place();
    m.page = first_index + i;
    m.mark_page = i;
    at.push_back(m);
  }
  return overlay(pdf, marks_pdf(kPageNumberWidthMm, kPageNumberHeightMm, std::move(numbers)), at, pdfa, made_pdfa);
}

}  // namespace lh::compose
