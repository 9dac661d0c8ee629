// The OFD as readers see it: every part valid against the GB/T 33190 XSDs, the text read back by
// lianghua's own OFD reader equal to the laid-out text, every character where Poppler finds it in
// the PDF of the same layout, the embedded fonts TrueType subsets whose glyphs keep the source
// font's outlines, page numbers as annotations, and byte-identical output across runs.
#include <gtest/gtest.h>
#include <hb.h>
#include <libdeflate.h>
#include <poppler.h>
#include <zip.h>

#include <charconv>
#include <cmath>

#include "codec/png_chunks.h"
#include "ingest/reader.h"
#include "ingest/safe_xml.h"
#include "ofd/check_internal.h"
#include "ofd/internal.h"
#include "ofd_test_util.h"
#include "pdf/pdf.h"
#include "poppler_chars.h"

using namespace lh;
using namespace lh::test::ofd;

namespace {

constexpr double kMmPerPt = 25.4 / 72;

std::string strip_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') out += c;
  return out;
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

std::vector<double> numbers(const std::string& s) {  // ST_Array with the "g N v" abbreviation
  std::vector<double> out;
  std::vector<std::string> tok;
  for (size_t i = 0; i < s.size();) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) tok.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  for (size_t i = 0; i < tok.size(); ++i) {
    if (tok[i] == "g" && i + 2 < tok.size()) {
      const int n = std::stoi(tok[i + 1]);
      for (int k = 0; k < n; ++k) out.push_back(std::stod(tok[i + 2]));
      i += 2;
    } else {
      out.push_back(std::stod(tok[i]));
    }
  }
  return out;
}

struct PlacedChar {
  std::string ch;
  double x_mm, y_mm;
};

std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    size_t n = 1;
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

// Every character of a Content.xml with its absolute position (Boundary + X/Y + DeltaX).
std::vector<PlacedChar> placed_chars(const std::string& content) {
  auto p = ingest::parse_xml(content, "Content.xml", 64u << 20);
  EXPECT_TRUE(p.doc);
  std::vector<PlacedChar> out;
  if (!p.doc) return out;
  std::vector<xmlNode*> objs;
  ofd::check::find_all(xmlDocGetRootElement(p.doc.get()), "TextObject", objs);
  for (xmlNode* t : objs) {
    const auto box = numbers(ingest::attr(t, "Boundary"));
    for (xmlNode* tc : ingest::elements(t)) {
      if (!ingest::local_is(tc, "TextCode")) continue;
      double x = box[0] + std::stod(ingest::attr(tc, "X")), y = box[1] + std::stod(ingest::attr(tc, "Y"));
      const auto dx = numbers(ingest::attr(tc, "DeltaX"));
      const auto chars = utf8_chars(ingest::own_text(tc));
      EXPECT_EQ(dx.size() + 1, chars.size()) << ingest::own_text(tc);
      for (size_t i = 0; i < chars.size(); ++i) {
        if (i > 0 && i - 1 < dx.size()) x += dx[i - 1];
        out.push_back({chars[i], x, y});
      }
    }
  }
  return out;
}

std::string schema_for(const std::string& name) {
  if (name == "OFD.xml") return "OFD.xsd";
  if (name == "Doc_0/Document.xml") return "Document.xsd";
  if (name.size() > 7 && name.compare(name.size() - 7, 7, "Res.xml") == 0) return "Res.xsd";
  if (name.find("/Content.xml") != std::string::npos) return "Page.xsd";
  if (name.find("Annotations.xml") != std::string::npos) return "Annotations.xsd";
  if (name.find("Annotation.xml") != std::string::npos) return "Annotation.xsd";
  return {};
}

std::string validate(const std::string& xml, const std::string& xsd) {
  static std::map<std::string, ingest::XmlSchemaPtr> cache;
  auto& s = cache[xsd];
  std::string error;
  if (!s) s = ofd::check::load_ofd_schema(schema_dir()->string(), xsd, &error);
  if (!s) return "schema " + xsd + ": " + error;
  auto p = ingest::parse_xml(xml, "part", 64u << 20);
  if (!p.doc) return "not well-formed";
  auto problems = ingest::validate(*s, p.doc.get());
  return problems.empty() ? "" : "line " + std::to_string(problems[0].line) + ": " + problems[0].message;
}

TEST(OfdWriter, EveryPartIsValidAgainstTheOfdXsds) {
  if (!schema_dir()) GTEST_SKIP() << "../shared/schemas/ofd not present";
  int checked = 0;
  for (const auto& [name, bytes] : parts(sample_ofd())) {
    const std::string xsd = schema_for(name);
    if (xsd.empty()) continue;
    EXPECT_EQ(validate(bytes, xsd), "") << name;
    ++checked;
  }
  EXPECT_GE(checked, 6 + static_cast<int>(laid_sample().pages.size()));
}

TEST(OfdWriter, TheSchemasRejectABrokenPart) {  // the validation above can fail
  if (!schema_dir()) GTEST_SKIP() << "../shared/schemas/ofd not present";
  std::string page = parts(sample_ofd()).at("Doc_0/Pages/Page_0/Content.xml");
  const size_t at = page.find(" Font=\"");
  ASSERT_NE(at, std::string::npos);
  page.replace(at, 7, " Fnt=\"");
  EXPECT_NE(validate(page, "Page.xsd"), "");
  std::string ofd = parts(sample_ofd()).at("OFD.xml");
  ofd.replace(ofd.find("DocType=\"OFD-A\""), 15, "DocType=\"OFD-B\"");
  EXPECT_NE(validate(ofd, "OFD.xsd"), "");
}

// Text per page from lianghua's OFD reader, spaces removed.
std::vector<std::string> read_back_pages(const std::string& ofd_bytes, model::Metadata* meta = nullptr) {
  ingest::ReadOptions ro;
  ingest::Input in{ofd_bytes, "sample.ofd", &ro};
  ingest::ReadResult r = ingest::read_ofd(in);
  EXPECT_FALSE(r.error) << (r.error ? r.error->message : "");
  if (meta) *meta = r.meta;
  std::vector<std::string> pages(1);
  for (const auto& s : r.doc.sections)
    for (const auto& b : s.blocks) {
      if (std::holds_alternative<model::PageBreak>(b.value)) pages.emplace_back();
      else if (const auto* p = std::get_if<model::Paragraph>(&b.value))
        for (const auto& run : p->runs) pages.back() += strip_space(run.text);
    }
  return pages;
}

TEST(OfdWriter, OurOfdReaderReadsBackTheLaidOutText) {
  model::Metadata meta;
  const auto pages = read_back_pages(sample_ofd(), &meta);
  const auto& laid = laid_sample();
  ASSERT_EQ(pages.size(), laid.pages.size());
  EXPECT_EQ(meta.title, options().title);
  EXPECT_EQ(meta.pages, static_cast<int>(laid.pages.size()));
  for (size_t i = 0; i < laid.pages.size(); ++i) {
    size_t expected = 0;
    for (const auto& it : laid.pages[i].items) {
      const auto* g = std::get_if<layout::GlyphLine>(&it);
      if (!g || g->page_number) continue;  // the page number is an annotation (6.10.2)
      const std::string t = strip_space(g->text);
      expected += code_points(t);
      EXPECT_NE(pages[i].find(t), std::string::npos) << "page " << i + 1 << ": " << g->text;
    }
    EXPECT_EQ(code_points(pages[i]), expected) << "page " << i + 1;
  }
}

TEST(OfdWriter, CharactersSitWherePopplerFindsThemInThePdfOfTheSameLayout) {
  const std::string pdf_bytes = pdf::write_pdf(laid_sample(), pdf::PdfOptions{});
  GBytes* gb = g_bytes_new(pdf_bytes.data(), pdf_bytes.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(gb, nullptr, nullptr);
  g_bytes_unref(gb);
  ASSERT_TRUE(doc);
  const auto files = parts(sample_ofd());
  size_t compared = 0;
  double worst = 0;
  for (int page = 0; page < 3; ++page) {
    const auto ofd_chars = placed_chars(files.at("Doc_0/Pages/Page_" + std::to_string(page) + "/Content.xml"));
    std::vector<lh::test::PageChar> pop;
    for (auto& c : lh::test::page_chars(doc, page))
      if (strip_space(c.ch) != "") pop.push_back(c);
    size_t j = 0;
    for (const PlacedChar& c : ofd_chars) {
      if (strip_space(c.ch).empty()) continue;
      size_t k = j;
      while (k < pop.size() && k < j + 4 && pop[k].ch != c.ch) ++k;  // Poppler's order is the PDF's
      if (k >= pop.size() || pop[k].ch != c.ch) continue;
      worst = std::max(worst, std::fabs(pop[k].x1 * kMmPerPt - c.x_mm));
      ++compared;
      j = k + 1;
    }
  }
  g_object_unref(doc);
  EXPECT_GT(compared, 500u);
  EXPECT_LT(worst, 0.05) << "mm";  // DeltaX keeps the layout's positions (0.001 mm steps)
}

TEST(OfdWriter, BaselinesAreTheLayoutsExactly) {
  const auto files = parts(sample_ofd());
  const auto chars = placed_chars(files.at("Doc_0/Pages/Page_1/Content.xml"));
  std::set<long> baselines;
  for (const auto& it : laid_sample().pages[1].items)
    if (const auto* g = std::get_if<layout::GlyphLine>(&it); g && !g->page_number)
      baselines.insert(std::lround(g->baseline * kMmPerPt * 1000));
  ASSERT_FALSE(chars.empty());
  for (const PlacedChar& c : chars) EXPECT_TRUE(baselines.count(std::lround(c.y_mm * 1000))) << c.ch << " at " << c.y_mm;
}

// The ink bounds of a glyph (curves sampled at 32 points each; control points do not count, so a
// cubic and its quadratic approximation compare equal), in font units.
struct Ink {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
  void add(double x, double y) { x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y); }
};
Ink ink_bounds(hb_font_t* font, hb_codepoint_t gid) {
  static hb_draw_funcs_t* f = [] {
    hb_draw_funcs_t* d = hb_draw_funcs_create();
    hb_draw_funcs_set_move_to_func(d, [](hb_draw_funcs_t*, void* ink, hb_draw_state_t*, float x, float y, void*) {
      static_cast<Ink*>(ink)->add(x, y);
    }, nullptr, nullptr);
    hb_draw_funcs_set_line_to_func(d, [](hb_draw_funcs_t*, void* ink, hb_draw_state_t*, float x, float y, void*) {
      static_cast<Ink*>(ink)->add(x, y);
    }, nullptr, nullptr);
    hb_draw_funcs_set_quadratic_to_func(d, [](hb_draw_funcs_t*, void* ink, hb_draw_state_t* st, float cx, float cy, float x, float y, void*) {
      for (int i = 1; i <= 32; ++i) {
        const double t = i / 32.0, u = 1 - t;
        static_cast<Ink*>(ink)->add(u * u * st->current_x + 2 * u * t * cx + t * t * x, u * u * st->current_y + 2 * u * t * cy + t * t * y);
      }
    }, nullptr, nullptr);
    hb_draw_funcs_set_cubic_to_func(d, [](hb_draw_funcs_t*, void* ink, hb_draw_state_t* st, float ax, float ay, float bx, float by, float x, float y, void*) {
      for (int i = 1; i <= 32; ++i) {
        const double t = i / 32.0, u = 1 - t;
        static_cast<Ink*>(ink)->add(u * u * u * st->current_x + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * x,
                                    u * u * u * st->current_y + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * y);
      }
    }, nullptr, nullptr);
    return d;
  }();
  Ink ink;
  hb_font_get_glyph_shape(font, gid, f, &ink);
  return ink;
}

// The embedded fonts: TrueType (glyf) subsets whose glyphs have the source font's outlines.
TEST(OfdWriter, EmbeddedFontsAreTrueTypeSubsetsWithTheSourceOutlines) {
  ofd::detail::FontTable table;
  for (const auto& page : laid_sample().pages)
    for (const auto& it : page.items)
      if (const auto* g = std::get_if<layout::GlyphLine>(&it))
        for (const auto& run : ofd::detail::glyph_runs(*g)) {
          auto& f = table.note(run.font);
          f.glyphs.insert(run.glyphs.begin(), run.glyphs.end()), f.unicodes.insert(run.chars.begin(), run.chars.end());
        }
  ofd::detail::Ids ids;
  table.embed(ids);
  ASSERT_GE(table.all().size(), 2u);
  bool converted = false;
  for (const auto& [key, f] : table.all()) {
    EXPECT_EQ(ofd::check::font_problem(f.bytes), "") << key.file;
    converted = converted || f.outlines == "glyf (from CFF)";
    hb_blob_t* sb = hb_blob_create(f.bytes.data(), f.bytes.size(), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    hb_face_t* sub = hb_face_create(sb, 0);
    hb_blob_t* ob = hb_blob_create_from_file(key.file.c_str());
    hb_face_t* orig = hb_face_create(ob, key.index);
    EXPECT_LE(hb_face_get_glyph_count(sub), f.glyphs.size() + 64) << "a subset: " << key.file;
    hb_font_t* fs = hb_font_create(sub);
    hb_font_t* fo = hb_font_create(orig);
    int checked = 0;
    for (uint32_t u : f.unicodes) {
      hb_codepoint_t gs = 0, go = 0;
      if (!hb_font_get_nominal_glyph(fo, u, &go) || !hb_font_get_nominal_glyph(fs, u, &gs)) continue;
      const Ink is = ink_bounds(fs, gs), io = ink_bounds(fo, go);
      for (auto [a, b] : {std::pair{is.x0, io.x0}, {is.y0, io.y0}, {is.x1, io.x1}, {is.y1, io.y1}})
        // half a unit of approximation plus the rounding of points (control points too) to integers
        EXPECT_NEAR(a, b, 2.0) << key.file << " U+" << std::hex << u;
      EXPECT_EQ(hb_font_get_glyph_h_advance(fs, gs), hb_font_get_glyph_h_advance(fo, go));
      ++checked;
    }
    EXPECT_GT(checked, 0) << key.file;
    hb_font_destroy(fs), hb_font_destroy(fo), hb_face_destroy(sub), hb_face_destroy(orig);
    hb_blob_destroy(sb), hb_blob_destroy(ob);
  }
  EXPECT_TRUE(converted) << "the sample uses the CFF-based Fandol/Noto fonts";
}

TEST(OfdWriter, PageNumbersAreAnnotationsApartFromTheContent) {
  const auto files = parts(sample_ofd());
  const auto& laid = laid_sample();
  ASSERT_TRUE(files.count("Doc_0/Annots/Annotations.xml"));
  const std::string annot = files.at("Doc_0/Annots/Page_1/Annotation.xml");
  EXPECT_NE(annot.find("Subtype=\"PageNumber\""), std::string::npos);
  EXPECT_NE(annot.find(laid.pages[1].number_text), std::string::npos);
  EXPECT_EQ(files.at("Doc_0/Pages/Page_1/Content.xml").find("— "), std::string::npos);
}

TEST(OfdWriter, EntryFileDeclaresOfdAWithDaT46Metadata) {
  const std::string ofd = parts(sample_ofd()).at("OFD.xml");
  EXPECT_NE(ofd.find("DocType=\"OFD-A\""), std::string::npos);
  for (const char* s : {"<ofd:CustomData Name=\"档号\">Z109-WS·2024-Y-0001</ofd:CustomData>",
                        "<ofd:CustomData Name=\"题名\">关于开展市场监督管理所标准化规范化建设试点工作的通知</ofd:CustomData>",
                        "<ofd:CustomData Name=\"责任者\">汕头市市场监督管理局</ofd:CustomData>",
                        "<ofd:CustomData Name=\"日期\">2024-03-05</ofd:CustomData>", "<ofd:CreationDate>2024-03-05</ofd:CreationDate>"})
    EXPECT_NE(ofd.find(s), std::string::npos) << s;
}

TEST(OfdWriter, OutlinesGoToTheHeadingsPages) {
  const std::string doc = parts(sample_ofd()).at("Doc_0/Document.xml");
  size_t n = 0;
  for (size_t at = 0; (at = doc.find("<ofd:OutlineElem ", at)) != std::string::npos; ++at) ++n;
  EXPECT_EQ(n, laid_sample().outline.size());
  EXPECT_EQ(doc.find("<ofd:URI"), std::string::npos);
  EXPECT_NE(doc.find("<ofd:Goto><ofd:Dest Type=\"XYZ\""), std::string::npos);
}

TEST(OfdWriter, ImagesAreEmbeddedAsTheyCame) {
  const auto files = parts(sample_ofd());
  EXPECT_NE(files.at("Doc_0/DocumentRes.xml").find("Format=\"PNG\""), std::string::npos);
  ASSERT_TRUE(files.count("Doc_0/Res/Image_0.png"));
  EXPECT_EQ(files.at("Doc_0/Res/Image_0.png"), std::get<model::Image>(lh::test::ofd::sample().sections[0].blocks.back().value).bytes);
}

// The bug: a PNG whose text chunk after the pixels declares more than the file holds went into the
// OFD as it came, so a reader's libpng allocated what it declared (as ours did, codec/png_chunks.h).
// It is embedded up to that chunk, closed by an IEND: the same pixels, nothing to overrun.
TEST(OfdWriter, APngChunkDeclaringMoreThanTheFileHoldsIsNotEmbedded) {
  const std::string whole = png(30, 10, 0.1, 0.6, 0.2);
  const std::string overlong = whole.substr(0, whole.rfind("IEND") - 4) + std::string("\x3F\x00\x00\x11tEXtComment", 15);
  model::Document d;
  model::Section s;
  model::Image im;
  im.media_type = "image/png";
  im.bytes = overlong;
  im.width_mm = 30;
  im.height_mm = 10;
  s.blocks.push_back({im});
  d.sections.push_back(s);
  const layout::Laid laid = layout::lay_out(d, lh::test::gongwen(), lh::test::fonts());
  const auto files = parts(ofd::write_ofd(laid, options()));
  ASSERT_TRUE(files.count("Doc_0/Res/Image_0.png"));
  const std::string& embedded = files.at("Doc_0/Res/Image_0.png");
  EXPECT_EQ(embedded, whole) << "cut before the overrunning chunk and closed by the IEND cairo wrote";
  EXPECT_EQ(codec::png_overlong_chunk(embedded).at, std::string::npos);
}

TEST(OfdWriter, IdenticalPagesGiveIdenticalBytes) {
  const layout::Laid again = layout::lay_out(lh::test::ofd::sample(), lh::test::gongwen(), lh::test::fonts());
  EXPECT_EQ(ofd::write_ofd(again, options()), sample_ofd());
  std::vector<std::string> order;
  lh::test::ooxml::unzip(sample_ofd(), &order);
  ASSERT_FALSE(order.empty());
  EXPECT_EQ(order.front(), "OFD.xml");
}

TEST(OfdWriter, TheDocIdNamesTheContentItChangesWithOnePage) {
  // GB/T 33190-2016 7.4: DocID, 32 characters. Digest of every part's name, size and CRC-32, so one
  // changed glyph position on one page gives another DocID, and the same pages the same one.
  auto doc_id = [](const std::string& ofd) {
    const std::string x = parts(ofd).at("OFD.xml");
    const size_t a = x.find("<ofd:DocID>"), b = x.find("</ofd:DocID>");
    return a == std::string::npos || b == std::string::npos ? std::string() : x.substr(a + 11, b - a - 11);
  };
  const std::string id = doc_id(sample_ofd());
  ASSERT_EQ(id.size(), 32u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  layout::Laid moved = layout::lay_out(lh::test::ofd::sample(), lh::test::gongwen(), lh::test::fonts());
  bool shifted = false;
  for (auto& item : moved.pages.back().items)
    if (auto* line = std::get_if<layout::GlyphLine>(&item); line && !shifted) line->x += 0.5, shifted = true;
  ASSERT_TRUE(shifted);
  EXPECT_NE(doc_id(ofd::write_ofd(moved, options())), id);
}

TEST(OfdWriter, SignPagesDrawFilledAndStrokedPathsInTheirColours) {
  const layout::Laid laid = layout::lay_out(lh::sample::signs(1), lh::test::gongwen(), lh::test::fonts());
  const auto files = parts(ofd::write_ofd(laid, options()));
  const std::string page = files.at("Doc_0/Pages/Page_0/Content.xml");
  EXPECT_NE(page.find("<ofd:FillColor Value=\"31 78 154\"/>"), std::string::npos);  // 0x1F4E9A
  EXPECT_NE(page.find("<ofd:StrokeColor Value=\"31 78 154\"/>"), std::string::npos);
  EXPECT_NE(page.find(" B "), std::string::npos);  // rounded corners as Bézier curves
  EXPECT_NE(files.at("Doc_0/Document.xml").find("<ofd:PhysicalBox>0 0 300 120</ofd:PhysicalBox>"), std::string::npos);
}

// Runs as a reader sees them: colour as FillColor, underline as a filled path under the text, a
// synthesized bold (FandolFang has no bold face) as Weight 700. (CGTransform is not exercised:
// with the project's fonts and Chinese text every glyph pango picks is the font's cmap glyph.)
TEST(OfdWriter, ColourUnderlineAndSynthesizedBold) {
  model::Document d;
  model::Section s;
  model::Paragraph p;
  p.runs.push_back(model::Run{.text = "红色警示", .color_rgb = 0xC00000});
  p.runs.push_back(model::Run{.text = "下划线", .underline = true});
  p.runs.push_back(model::Run{.text = "加粗", .bold = true});
  s.blocks.push_back({p});
  d.sections.push_back(s);
  const layout::Laid laid = layout::lay_out(d, lh::test::gongwen(), lh::test::fonts());
  const std::string bytes = ofd::write_ofd(laid, options());
  const std::string page = parts(bytes).at("Doc_0/Pages/Page_0/Content.xml");
  EXPECT_NE(page.find("<ofd:FillColor Value=\"192 0 0\"/><ofd:TextCode"), std::string::npos) << page;
  EXPECT_NE(page.find("Weight=\"700\"><ofd:TextCode X=\"2.786\" Y=\"6.773\" DeltaX=\"5.571\">加粗"), std::string::npos) << page;
  EXPECT_EQ(page.find("CGTransform"), std::string::npos);
  // The underline: a filled path as wide as the three underlined characters.
  const size_t path = page.find("<ofd:PathObject");
  ASSERT_NE(path, std::string::npos) << page;
  const auto box = numbers(page.substr(page.find("Boundary=\"", path) + 10, 40).substr(0, page.substr(page.find("Boundary=\"", path) + 10).find('"')));
  ASSERT_EQ(box.size(), 4u);
  EXPECT_NEAR(box[2], 3 * 5.572, 1.0);  // three 16 pt characters, mm
  EXPECT_EQ(read_back_pages(bytes)[0], "红色警示下划线加粗");
  if (schema_dir()) {
    EXPECT_EQ(validate(page, "Page.xsd"), "");
  }
}

// DeltaX lists are written from integer thousandths (ofd::detail::milli) and must read as the
// numbers num() writes for the same lengths, to the byte (the files are unchanged by it).
TEST(OfdWriter, ThousandthsAreWrittenAsNumWritesThem) {
  for (long k = -30000; k <= 30000; ++k) ASSERT_EQ(ofd::detail::milli(k), ofd::detail::num(k / 1000.0)) << k;
  for (long k : {999999L, -1000001L, 123456789L, -5L, 50L, 1050L})
    EXPECT_EQ(ofd::detail::milli(k), ofd::detail::num(k / 1000.0)) << k;
  EXPECT_EQ(ofd::detail::milli(-500), "-0.5");
}

// Every part deflated at libdeflate level 1, the XML as the fonts (bench/RESULTS.md §8a7: level 6
// had been 62 % more of the XML's deflate time for 7 % fewer of its bytes): each deflated entry is as
// long as libdeflate level 1 makes its bytes (at level 6 the sample's pages are not).
TEST(OfdWriter, EveryPartIsDeflatedAtLevelOne) {
  const std::string& ofd = sample_ofd();
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(ofd.data(), ofd.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(za, nullptr);
  const auto bytes = parts(ofd);
  libdeflate_compressor* one = libdeflate_alloc_compressor(1);
  int xml = 0;
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    ASSERT_EQ(zip_stat_index(za, static_cast<zip_uint64_t>(i), 0, &st), 0);
    if (st.comp_method != ZIP_CM_DEFLATE) continue;
    const std::string& raw = bytes.at(st.name);
    std::string out(libdeflate_deflate_compress_bound(one, raw.size()), '\0');
    EXPECT_EQ(st.comp_size, libdeflate_deflate_compress(one, raw.data(), raw.size(), out.data(), out.size())) << st.name;
    xml += std::string(st.name).find(".xml") != std::string::npos;
  }
  EXPECT_GT(xml, 3);
  libdeflate_free_compressor(one);
  zip_close(za);
}

TEST(OfdWriter, NothingToWriteIsAnError) { EXPECT_THROW(ofd::write_ofd(layout::Laid{}, {}), ofd::OfdError); }

}  // namespace

// The embedded fonts' order (Font_N and their ids) followed the fonts' full paths, so the same
// inbox gave other OFD bytes with the project under /tmp than under /work ("/usr/share/…/ukai.ttc"
// sorts between them). They are ordered by file name first.
TEST(OfdFonts, TheFontOrderDoesNotDependOnWhereTheFontsAreInstalled) {
  using lh::ofd::detail::FontKey;
  const FontKey kai{"/usr/share/fonts/truetype/arphic/ukai.ttc", 0};
  for (const char* root : {"/tmp/lh", "/work/main", "/opt/lianghua/share"}) {
    const FontKey fang{std::string(root) + "/fonts/FandolFang-Regular.otf", 0};
    const FontKey noto{std::string(root) + "/fonts/NotoSerifCJKsc-Bold.subset.otf", 0};
    EXPECT_TRUE(fang < noto) << root;
    EXPECT_TRUE(noto < kai) << root;
    EXPECT_FALSE(kai < fang) << root;
  }
  EXPECT_TRUE((FontKey{"/a/x.ttc", 0} < FontKey{"/a/x.ttc", 1}));
  EXPECT_FALSE((FontKey{"/a/x.ttc", 1} < FontKey{"/a/x.ttc", 1}));
}
