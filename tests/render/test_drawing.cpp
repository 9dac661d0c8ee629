// Drawings (model::Drawing blocks) and paths (model::Path frames) through render_document, checked
// the way a reader checks them: Poppler finds a drawing's text where the drawing puts it, the
// rasterized PDF page shows a filled path in its fill colour, and the DOCX holds a schema-valid
// picture of at least 300 dpi at the size Word shows it.
#include <gtest/gtest.h>
#include <cairo.h>
#include <poppler.h>

#include <cmath>
#include <string>

#include "layout/layout.h"
#include "layout_fixtures.h"
#include "ooxml_check.h"
#include "render/render_document.h"
#include "poppler_chars.h"

using namespace lh;

namespace {

using lh::test::kMm;

struct Pdf {
  PopplerDocument* doc = nullptr;
  std::string bytes;
  explicit Pdf(std::string b) : bytes(std::move(b)) {
    GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
    doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
    g_bytes_unref(gb);
  }
  ~Pdf() {
    if (doc) g_object_unref(doc);
  }
  int pages() const { return poppler_document_get_n_pages(doc); }
};

// The box of `text` on a page (the union of its characters' boxes); nullopt when absent.
struct Box { double x1, y1, x2, y2; };
std::optional<Box> find_text(PopplerDocument* doc, int page, const std::string& text) {
  const auto chars = test::page_chars(doc, page);
  std::string all;
  std::vector<size_t> start;
  for (const auto& c : chars) {
    start.push_back(all.size());
    all += c.ch;
  }
  const size_t at = all.find(text);
  if (at == std::string::npos) return std::nullopt;
  Box b{1e9, 1e9, -1e9, -1e9};
  for (size_t i = 0; i < chars.size(); ++i) {
    if (start[i] < at || start[i] >= at + text.size() || chars[i].ch == " ") continue;
    b = {std::min(b.x1, chars[i].x1), std::min(b.y1, chars[i].y1), std::max(b.x2, chars[i].x2), std::max(b.y2, chars[i].y2)};
  }
  return b;
}

model::Paragraph para(const std::string& text) {
  model::Paragraph p;
  p.runs.push_back({text});
  return p;
}

model::TextBox text_box(double x, double y, double w, double h, const std::string& text) {
  model::TextBox tb{x, y, w, h};
  tb.runs.push_back({text});
  tb.min_pt = 6;
  tb.max_pt = 12;
  return tb;
}

model::Path rectangle_path(double x, double y, double w, double h, uint32_t fill) {
  model::Path p;
  p.points = {{x, y}, {x + w, y}, {x + w, y + h}, {x, y + h}};
  p.closed = true;
  p.filled = true;
  p.fill_rgb = fill;
  return p;
}

// A 120 × 60 mm drawing: an outlined box with a text inside, and a filled triangle.
model::Drawing sample_drawing(double w = 120, double h = 60) {
  model::Drawing d;
  d.width_mm = w;
  d.height_mm = h;
  d.description = "测试流程图";
  d.frames.push_back(rectangle_path(0, 0, w, h, 0xFFFFFF));
  d.frames.push_back(text_box(w / 12, h / 6, w * 5 / 12, h / 4, "立案审批"));
  model::Path tri;
  tri.points = {{w * 0.6, h * 0.8}, {w * 0.9, h * 0.8}, {w * 0.75, h * 0.3}};
  tri.closed = true;
  tri.filled = true;
  tri.fill_rgb = 0xCC0000;
  d.frames.push_back(tri);
  return d;
}

render::RenderedDocument rendered(const model::Document& doc, bool docx = false) {
  render::RenderOptions o;
  o.date = "2024-03-05";
  o.docx = docx;
  return render::render_document(doc, test::gongwen(), test::fonts(), o);
}

// The RGB of the pixel at (x_pt, y_pt) of a page rendered by Poppler at 2 px per point.
uint32_t pixel_at(PopplerDocument* doc, int page, double x_pt, double y_pt) {
  PopplerPage* p = poppler_document_get_page(doc, page);
  double w = 0, h = 0;
  poppler_page_get_size(p, &w, &h);
  const double k = 2;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(w * k), static_cast<int>(h * k));
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, k, k);
  poppler_page_render(p, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  const int stride = cairo_image_surface_get_stride(s);
  const auto* row = reinterpret_cast<const uint32_t*>(data + static_cast<int>(y_pt * k) * stride);
  const uint32_t v = row[static_cast<int>(x_pt * k)] & 0xFFFFFF;
  cairo_surface_destroy(s);
  g_object_unref(p);
  return v;
}

uint32_t be32(const std::string& b, size_t i) {
  auto u = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(b[k])); };
  return (u(i) << 24) | (u(i + 1) << 16) | (u(i + 2) << 8) | u(i + 3);
}

}  // namespace

TEST(Drawing, TextOfADrawingInAFlowingDocumentIsWhereTheDrawingPutsIt) {
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({sample_drawing()});
  doc.sections[0].blocks.push_back({para("图后的正文。")});
  Pdf pdf(rendered(doc).pdf);
  ASSERT_TRUE(pdf.doc);
  // 公文 page: 版心 from x = 28 mm, 156 mm wide, from y = 37 mm; the drawing is centred.
  const double left = (28 + (156 - 120) / 2.0) * kMm, top = 37 * kMm;
  auto box = find_text(pdf.doc, 0, "立案审批");
  ASSERT_TRUE(box) << "the drawing's text is not on page 1";
  EXPECT_GE(box->x1, left + 10 * kMm - 0.5);
  EXPECT_LE(box->x2, left + 60 * kMm + 0.5);
  EXPECT_GE(box->y1, top + 10 * kMm - 0.5);
  EXPECT_LE(box->y2, top + 25 * kMm + 0.5);
  auto after = find_text(pdf.doc, 0, "图后的正文");
  ASSERT_TRUE(after);
  EXPECT_GE(after->y1, top + 60 * kMm - 0.5) << "the text after the drawing overlaps it";
}

TEST(Drawing, AWideDrawingIsScaledDownUniformlyToTheTextBlock) {
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({sample_drawing(312, 156)});  // twice the 版心 width
  Pdf pdf(rendered(doc).pdf);
  auto box = find_text(pdf.doc, 0, "立案审批");
  ASSERT_TRUE(box);
  const double left = 28 * kMm, top = 37 * kMm;  // scale ½: the text box is 13..65 × 13..32.5 mm
  EXPECT_GE(box->x1, left + 13 * kMm - 0.5);
  EXPECT_LE(box->x2, left + 78 * kMm + 0.5);
  EXPECT_GE(box->y1, top + 13 * kMm - 0.5);
  EXPECT_LE(box->y2, top + 32.5 * kMm + 0.5);
  // 4 characters at 12 pt × ½: the text scales with its box (neither kept at 12 pt nor shrunk to
  // the scaled minimum of 3 pt).
  EXPECT_NEAR(box->x2 - box->x1, 4 * 12 * 0.5, 2) << "the text did not scale with its drawing";
}

TEST(Drawing, ADrawingThatDoesNotFitTheRestOfThePageMovesWholeToTheNext) {
  model::Document doc;
  doc.sections.emplace_back();
  for (int i = 0; i < 15; ++i) doc.sections[0].blocks.push_back({para("第" + std::to_string(i + 1) + "行正文。")});
  doc.sections[0].blocks.push_back({sample_drawing(120, 150)});
  Pdf pdf(rendered(doc).pdf);
  ASSERT_EQ(pdf.pages(), 2);
  EXPECT_FALSE(find_text(pdf.doc, 0, "立案审批"));
  auto box = find_text(pdf.doc, 1, "立案审批");
  ASSERT_TRUE(box);
  EXPECT_LT(box->y1, (37 + 50) * kMm) << "the drawing does not start at the top of page 2";
}

TEST(Drawing, AFilledClosedPathShowsItsFillColourInsideAndPaperOutside) {
  model::Document doc;
  model::Section s;
  s.page = {100, 100, 0, 0, 0, 0};
  model::Path tri;  // a triangle (20,80) (80,80) (50,20) mm
  tri.points = {{20, 80}, {80, 80}, {50, 20}};
  tri.closed = true;
  tri.filled = true;
  tri.fill_rgb = 0x1060C0;
  tri.stroke_mm = 0.5;
  model::Path curve;  // a curved, filled drop: a Bézier chain p0 c1 c2 p1 c1 c2 p2
  curve.points = {{10, 10}, {10, 2}, {30, 2}, {30, 10}, {30, 18}, {10, 18}, {10, 10}};
  curve.curved = true;
  curve.closed = true;
  curve.filled = true;
  curve.fill_rgb = 0x00A000;
  s.fixed_pages.push_back({tri, curve});
  doc.sections.push_back(s);
  Pdf pdf(rendered(doc).pdf);
  ASSERT_TRUE(pdf.doc);
  EXPECT_EQ(pixel_at(pdf.doc, 0, 50 * kMm, 60 * kMm), 0x1060C0u) << "inside the triangle";
  EXPECT_EQ(pixel_at(pdf.doc, 0, 50 * kMm, 79 * kMm), 0x1060C0u) << "near its base";
  EXPECT_EQ(pixel_at(pdf.doc, 0, 25 * kMm, 30 * kMm), 0xFFFFFFu) << "outside the triangle";
  EXPECT_EQ(pixel_at(pdf.doc, 0, 20 * kMm, 10 * kMm), 0x00A000u) << "inside the curved shape";
  EXPECT_EQ(pixel_at(pdf.doc, 0, 20 * kMm, 20 * kMm), 0xFFFFFFu) << "below the curve";
}

TEST(Drawing, DocxShowsTheDrawingAsAPictureOfAtLeast300DpiWithItsDescription) {
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({para("前文。")});
  doc.sections[0].blocks.push_back({sample_drawing(312, 156)});  // shown at 156 × 78 mm
  const auto parts = test::ooxml::unzip(rendered(doc, true).docx);
  ASSERT_TRUE(parts.count("word/media/image1.png"));
  const std::string& png = parts.at("word/media/image1.png");
  ASSERT_GT(png.size(), 24u);
  const uint32_t wpx = be32(png, 16), hpx = be32(png, 20);
  const std::string& xml = parts.at("word/document.xml");
  const size_t ext = xml.find("<wp:extent cx=\"");
  ASSERT_NE(ext, std::string::npos);
  const double cx = std::stod(xml.substr(ext + 15));
  const double inches = cx / 914400.0;
  EXPECT_NEAR(inches * 25.4, 156, 0.5) << "displayed at the text block width";
  EXPECT_GE(wpx / inches, 299.5) << wpx << " px across " << inches << " in";
  EXPECT_NEAR(static_cast<double>(hpx) / wpx, 0.5, 0.01);
  EXPECT_NE(xml.find("descr=\"测试流程图\""), std::string::npos);
  if (!test::ooxml::schema_dir()) GTEST_SKIP() << "../shared/schemas/ooxml absent: schema check skipped";
  for (const auto& [name, bytes] : parts) {
    const std::string xsd = test::ooxml::schema_for(name);
    if (!xsd.empty()) {
      EXPECT_EQ(test::ooxml::validate(bytes, xsd), "") << name;
    }
  }
}

TEST(Drawing, AFixedPageDrawnWithPathsIsOnePictureInDocx) {
  model::Document doc;
  model::Section s;
  s.page = {100, 50, 0, 0, 0, 0};
  s.fixed_pages.push_back({rectangle_path(5, 5, 90, 40, 0xEEEEEE), text_box(10, 10, 80, 30, "流程图板")});
  doc.sections.push_back(s);
  const auto parts = test::ooxml::unzip(rendered(doc, true).docx);
  EXPECT_TRUE(parts.count("word/media/image1.png"));
  EXPECT_NE(parts.at("word/document.xml").find("descr=\"流程图板\""), std::string::npos);
}

TEST(Drawing, PlainTextHoldsADrawingsTexts) {
  model::Document doc;
  doc.sections.emplace_back();
  doc.sections[0].blocks.push_back({sample_drawing()});
  EXPECT_NE(doc.plain_text().find("立案审批"), std::string::npos);
}
