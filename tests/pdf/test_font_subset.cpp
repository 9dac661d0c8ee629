// Fonts embedded small (issue 12 item 1), checked as a reader sees the PDF: the pages drawn with
// hb-subset cuts look (Poppler raster) and read (Poppler text, through the ToUnicode CMaps) exactly
// as with cairo's own subsetting of the whole fonts; every character comes out in a font of its
// role (the PostScript names fontconfig gives the role's files); a one-page document embeds only
// its glyphs; the bytes are the same on every write.
#include <gtest/gtest.h>
#include <poppler.h>

#include <fontconfig/fontconfig.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "../layout/sample_doc.h"
#include "layout/layout.h"
#include "layout_fixtures.h"
#include "pdf/pdf.h"
#include "poppler_chars.h"

using namespace lh;
using lh::test::gongwen;
using lh::test::strip_ws;

namespace {

// The plain style has no footer: a page holds only the document's text.
const layout::Style& plain() {
  static const layout::Style s = layout::load_style("plain");
  return s;
}

std::string write(const model::Document& d, bool subset, const layout::Style& style = gongwen()) {
  pdf::PdfOptions o;
  o.date = "2024-03-05T10:00:00+08:00";
  o.subset_fonts = subset;
  return pdf::write_pdf(layout::lay_out(d, style, test::fonts()), o);
}

struct PopplerPdf {
  std::string bytes;
  PopplerDocument* doc = nullptr;
  explicit PopplerPdf(std::string b) : bytes(std::move(b)) {
    GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
    doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
    g_bytes_unref(gb);
  }
  ~PopplerPdf() {
    if (doc) g_object_unref(doc);
  }
  int pages() const { return doc ? poppler_document_get_n_pages(doc) : 0; }
  std::string text(int page) const { return lh::test::page_text(doc, page); }
  // The page as Poppler paints it at `dpi`: the pixels.
  std::string raster(int page, double dpi) const {
    PopplerPage* p = poppler_document_get_page(doc, page);
    double w = 0, h = 0;
    poppler_page_get_size(p, &w, &h);
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, int(w * dpi / 72), int(h * dpi / 72));
    cairo_t* cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, dpi / 72, dpi / 72);
    poppler_page_render(p, cr);
    cairo_destroy(cr);
    cairo_surface_flush(s);
    const auto* data = reinterpret_cast<const char*>(cairo_image_surface_get_data(s));
    std::string px(data, size_t(cairo_image_surface_get_stride(s)) * cairo_image_surface_get_height(s));
    cairo_surface_destroy(s);
    g_object_unref(p);
    return px;
  }
};

// Every embedded font program of the PDF: its /FontName and the decoded size of its font file.
struct Embedded {
  std::string name;
  size_t bytes = 0;
};
std::vector<Embedded> embedded_fonts(const std::string& pdf) {
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("t.pdf", pdf.data(), pdf.size());
  std::vector<Embedded> out;
  for (QPDFObjectHandle o : q.getAllObjects()) {
    if (!o.isDictionary() || !o.getKey("/Type").isNameAndEquals("/FontDescriptor")) continue;
    for (const char* k : {"/FontFile", "/FontFile2", "/FontFile3"})
      if (o.getKey(k).isStream())
        out.push_back({o.getKey("/FontName").getName(), o.getKey(k).getStreamData(qpdf_dl_generalized)->getSize()});
  }
  return out;
}

// The PostScript names of every face in the role's files (a TTC holds several).
std::set<std::string> role_postscript_names(model::FontRole r) {
  std::set<std::string> names;
  for (const std::string& file : test::fonts().role(r).files) {
    int count = 1;
    for (int i = 0; i < count; ++i) {
      FcPattern* p = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(file.c_str()), i, nullptr, &count);
      if (!p) break;
      FcChar8* ps = nullptr;
      if (FcPatternGetString(p, FC_POSTSCRIPT_NAME, 0, &ps) == FcResultMatch) names.insert(reinterpret_cast<const char*>(ps));
      FcPatternDestroy(p);
    }
  }
  return names;
}

std::string postscript_name_of(const std::string& file) {
  int count = 0;
  FcPattern* p = FcFreeTypeQuery(reinterpret_cast<const FcChar8*>(file.c_str()), 0, nullptr, &count);
  std::string name;
  FcChar8* ps = nullptr;
  if (p && FcPatternGetString(p, FC_POSTSCRIPT_NAME, 0, &ps) == FcResultMatch) name = reinterpret_cast<const char*>(ps);
  if (p) FcPatternDestroy(p);
  return name;
}

model::Document one_paragraph(const std::string& text, model::FontRole role, double size_pt = 0) {
  model::Document d;
  model::Section s;
  model::Paragraph p;
  p.runs.push_back(model::Run{.text = text, .role = role, .size_pt = size_pt});
  s.blocks.push_back(model::Block{p});
  d.sections.push_back(std::move(s));
  return d;
}

}  // namespace

TEST(FontSubset, PagesLookAndReadExactlyAsWithTheWholeFonts) {
  const model::Document d = sample::manual(6);
  const PopplerPdf cut(write(d, true)), whole(write(d, false));
  ASSERT_GT(cut.pages(), 3);
  ASSERT_EQ(cut.pages(), whole.pages());
  for (int i = 0; i < cut.pages(); ++i) {
    EXPECT_EQ(cut.text(i), whole.text(i)) << "page " << i + 1;
    EXPECT_TRUE(cut.raster(i, 60) == whole.raster(i, 60)) << "page " << i + 1 << " looks different";
  }
  EXPECT_LT(cut.bytes.size(), whole.bytes.size() * 3 / 4) << cut.bytes.size() << " vs " << whole.bytes.size();
}

TEST(FontSubset, BoldUnderlinedAndColouredRunsLookAsWithTheWholeFonts) {
  // 仿宋 and 楷体 have no bold face: fontconfig asks for synthetic emboldening, which the cut
  // faces must carry over; underlines and colours come from pango's attributes.
  model::Document d = one_paragraph("正文：", model::FontRole::Body);
  auto& runs = std::get<model::Paragraph>(d.sections[0].blocks[0].value).runs;
  runs.push_back(model::Run{.text = "加粗仿宋", .role = model::FontRole::Body, .bold = true});
  runs.push_back(model::Run{.text = "加粗楷体", .role = model::FontRole::Kai, .bold = true});
  runs.push_back(model::Run{.text = "下划线", .underline = true});
  runs.push_back(model::Run{.text = "红色文字", .color_rgb = 0xC62828});
  runs.push_back(model::Run{.text = "黑体 Bold", .role = model::FontRole::Hei, .bold = true});
  const PopplerPdf cut(write(d, true, plain())), whole(write(d, false, plain()));
  ASSERT_EQ(cut.pages(), 1);
  EXPECT_EQ(cut.text(0), whole.text(0));
  EXPECT_TRUE(cut.raster(0, 60) == whole.raster(0, 60));
  EXPECT_TRUE(cut.raster(0, 200) == whole.raster(0, 200));
}

TEST(FontSubset, EveryCharacterComesOutInItsRolesFontAndExtractsAsTyped) {
  const std::string text = "档案整理应当遵循文件的形成规律，保持文件之间的有机联系。Room 104";
  for (model::FontRole r : {model::FontRole::Body, model::FontRole::Song, model::FontRole::Title, model::FontRole::Hei,
                            model::FontRole::Kai, model::FontRole::Mono}) {
    const PopplerPdf pdf(write(one_paragraph(text, r), true, plain()));
    ASSERT_EQ(pdf.pages(), 1);
    // The paragraph, then the page number of the plain style's footer (宋体, another role).
    const std::string page_text = pdf.text(0);
    const size_t end = page_text.find("104");
    ASSERT_NE(end, std::string::npos) << page_text;
    EXPECT_EQ(strip_ws(page_text.substr(0, end + 3)), strip_ws(text)) << layout::role_key(r);
    const int last_char = static_cast<int>(g_utf8_strlen(page_text.c_str(), static_cast<gssize>(end + 3))) - 1;
    const std::set<std::string> allowed = role_postscript_names(r);
    const std::string first = postscript_name_of(test::fonts().role(r).matched_file);
    PopplerPage* page = poppler_document_get_page(pdf.doc, 0);
    GList* attrs = poppler_page_get_text_attributes(page);
    int chars_in_first = 0, chars = 0;
    for (GList* l = attrs; l; l = l->next) {
      auto* a = static_cast<PopplerTextAttributes*>(l->data);
      if (a->start_index > last_char) break;
      std::string name = a->font_name ? a->font_name : "";
      if (name.size() > 7 && name[6] == '+') name = name.substr(7);  // the subset tag (PDF 32000-1 §9.6.4)
      EXPECT_TRUE(allowed.count(name)) << layout::role_key(r) << ": characters " << a->start_index << "–"
                                       << a->end_index << " in " << name;
      const int n = std::min(a->end_index, last_char) - a->start_index + 1;
      chars += n;
      if (name == first) chars_in_first += n;
    }
    poppler_page_free_text_attributes(attrs);
    g_object_unref(page);
    EXPECT_GT(chars_in_first * 2, chars) << layout::role_key(r) << ": most text should be in " << first;
  }
}

TEST(FontSubset, AOnePageDocumentEmbedsOnlyItsGlyphs) {
  // A door plate's words in large type, in two roles (the sign's 黑体 and the title's 小标宋).
  model::Document d = one_paragraph("调解室", model::FontRole::Hei, 72);
  d.sections[0].blocks.push_back(model::Block{model::Paragraph{.runs = {model::Run{
      .text = "南岭县市场监督管理局 Room 104", .role = model::FontRole::Title, .size_pt = 24}}}});
  const std::string cut = write(d, true, plain()), whole = write(d, false, plain());
  EXPECT_LT(cut.size(), 40u * 1024);
  for (const Embedded& f : embedded_fonts(cut)) EXPECT_LT(f.bytes, 15u * 1024) << f.name;
  // The whole fonts through cairo's own subsetter keep every local subroutine: the test can fail.
  size_t whole_fonts = 0;
  for (const Embedded& f : embedded_fonts(whole)) whole_fonts += f.bytes;
  EXPECT_GT(whole_fonts, 40u * 1024);
}

TEST(FontSubset, WritesAreByteIdenticalWhateverWasWrittenBefore) {
  const model::Document d = sample::manual(3);
  const std::string first = write(d, true);
  write(one_paragraph("另一份文件", model::FontRole::Body), true);  // other cuts in the process cache
  EXPECT_EQ(first, write(d, true));
}
