// The PDF as a reader sees it: Poppler (poppler-glib) measures the produced file.
#include <gtest/gtest.h>
#include <poppler.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include "../layout/sample_doc.h"
#include "layout/layout.h"
#include "pdf/pdf.h"
#include "layout_fixtures.h"
#include "test_support.h"
#include "poppler_chars.h"

using namespace lh;
namespace fs = std::filesystem;

namespace {

using lh::test::gongwen;
using lh::test::kMm;

std::string render(const model::Document& d, const layout::Style& st = gongwen()) {
  pdf::PdfOptions o;
  o.title = "测试文档";
  o.date = "2024-03-05T10:00:00+08:00";
  return pdf::write_pdf(layout::lay_out(d, st, test::fonts()), o);
}

struct Doc {
  PopplerDocument* doc = nullptr;
  explicit Doc(const std::string& bytes) : bytes_(bytes) {
    GError* err = nullptr;
    GBytes* gb = g_bytes_new(bytes_.data(), bytes_.size());
    doc = poppler_document_new_from_bytes(gb, nullptr, &err);
    g_bytes_unref(gb);
    if (err) g_error_free(err);
  }
  ~Doc() { if (doc) g_object_unref(doc); }
  int pages() const { return poppler_document_get_n_pages(doc); }
  std::string bytes_;
};

struct Char { std::string ch; double x1, y1, x2, y2; };

// Characters of a page with their boxes (points, origin top-left).
std::vector<Char> chars(PopplerDocument* doc, int page) {
  std::vector<Char> out;
  for (const auto& c : lh::test::page_chars(doc, page)) out.push_back({c.ch, c.x1, c.y1, c.x2, c.y2});
  return out;
}

using lh::test::page_text;
using lh::test::strip_ws;

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out;
  size_t a = 0;
  while (a <= s.size()) {
    size_t b = s.find('\n', a);
    if (b == std::string::npos) b = s.size();
    out.push_back(s.substr(a, b - a));
    a = b + 1;
  }
  return out;
}

// One rendering of the sample manual shared by the measuring tests.
struct Manual {
  model::Document doc = sample::manual(16);
  std::string bytes = render(doc);
  Doc pdf{bytes};
};
const Manual& manual() {
  static Manual m;
  return m;
}

}  // namespace

// Body lines of a page: characters grouped by their baseline (y2), left to right.
struct Line { std::string text; double x1, x2, y1, y2; size_t n; };
// `inside`: only characters that start inside the 版心 (a hanging mark sits in the right margin).
std::vector<Line> body_lines(PopplerDocument* doc, int page, bool inside = false) {
  std::vector<Line> out;
  for (const Char& c : chars(doc, page)) {
    if (c.ch == "\n" || c.ch == " " || c.x2 <= c.x1) continue;
    if (inside && c.x1 > (28 + 156) * kMm - 1) continue;
    if (out.empty() || std::abs(out.back().y2 - c.y2) > 3) out.push_back({"", c.x1, c.x2, c.y1, c.y2, 0});
    Line& l = out.back();
    l.text += c.ch;
    l.x1 = std::min(l.x1, c.x1);
    l.x2 = std::max(l.x2, c.x2);
    l.y1 = std::min(l.y1, c.y1);
    ++l.n;
  }
  return out;
}

bool is_page_number(const std::string& t) { return t.rfind("—", 0) == 0; }

TEST(Pdf, MarginsAreThoseOfGbt9704) {
  // A page of plain body text: its first line is a continuation line, flush left.
  model::Document d;
  model::Section s;
  s.blocks.push_back({sample::para(sample::prose(4, 90))});
  d.sections.push_back(s);
  std::string bytes = render(d);
  Doc pdf(bytes);
  ASSERT_GE(pdf.pages(), 2);
  auto lines = body_lines(pdf.doc, 1);
  ASSERT_GE(lines.size(), 22u);
  EXPECT_NEAR(lines[0].y1 / kMm, 37, 0.5) << "天头";
  double left = 1e9;
  for (const Line& l : lines)
    if (!is_page_number(l.text)) left = std::min(left, l.x1);
  EXPECT_NEAR(left / kMm, 28, 0.5) << "订口";
  // Full lines end at the right edge of the 156 mm 版心 (or hang one closing mark beyond it).
  int at_edge = 0, hanging = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    if (is_page_number(lines[i].text)) continue;
    const double right = lines[i].x2 / kMm;
    if (std::abs(right - (28 + 156)) <= 0.5) ++at_edge;
    else if (right > 28 + 156 && right < 28 + 156 + 6) ++hanging;
    else ADD_FAILURE() << "line ends at " << right << " mm: " << lines[i].text;
  }
  EXPECT_GT(at_edge, 15);
}

// Full body lines: lines that reach the right edge of the 版心 and hold no half-width characters
// (digits and Latin take less room, as in Word). Returns {full lines, lines of 28 characters}.
static std::pair<int, int> count_28(PopplerDocument* doc, int page) {
  int full = 0, of28 = 0;
  for (const Line& l : body_lines(doc, page, true)) {
    if (is_page_number(l.text) || l.x2 / kMm < 28 + 156 - 1) continue;
    if (l.y2 - l.y1 > 16 * 1.6) continue;  // the 22 pt title
    bool has_ascii = false;
    for (unsigned char c : l.text) has_ascii = has_ascii || c < 0x80 || c == 0xC2;
    if (has_ascii) continue;
    const bool indented = l.x1 / kMm > 28 + 5;  // a paragraph's first line: 2 characters in
    ++full;
    if (l.n + (indented ? 2 : 0) == 28) ++of28;
    else if (std::getenv("LH_DEBUG_28")) std::printf("%zu%s %s\n", l.n, indented ? "+2" : "", l.text.c_str());
  }
  return {full, of28};
}

TEST(Pdf, TwentyTwoLinesOfTwentyEightCharacters) {
  model::Document d;
  model::Section s;
  for (int i = 0; i < 12; ++i) s.blocks.push_back({sample::para(sample::prose(i, 4))});
  d.sections.push_back(s);
  std::string bytes = render(d);
  Doc pdf(bytes);
  ASSERT_GE(pdf.pages(), 2);
  int body = 0;
  for (const Line& l : body_lines(pdf.doc, 0)) body += !is_page_number(l.text);
  EXPECT_EQ(body, 22);
  // Over the whole manual: ≥ 90 % of full lines hold 28 characters. The rest are lines where the
  // no-closing-mark-at-line-start rule pushed a character down (pango does no 标点挤压).
  const Manual& m = manual();
  int full = 0, of28 = 0;
  for (int i = 0; i < m.pdf.pages(); ++i) {
    auto [f, n] = count_28(m.pdf.doc, i);
    full += f;
    of28 += n;
  }
  ASSERT_GT(full, 100);
  EXPECT_GE(of28 * 10, full * 9) << of28 << " of " << full << " full lines hold 28 characters";
  std::printf("28 characters on %d of %d full lines\n", of28, full);
}

TEST(Pdf, TextRoundTripsAndReferencesStayOnOneLine) {
  const Manual& m = manual();
  std::string all;
  for (int i = 0; i < m.pdf.pages(); ++i)
    for (const std::string& line : lines_of(page_text(m.pdf.doc, i)))
      if (!is_page_number(line)) all += line + "\n";
  // Every body paragraph's text is in the PDF, whitespace aside, in order.
  std::string flat = strip_ws(all);
  // Drop the narrow no-break space (U+202F) layout puts inside "GB/T 9704-2012".
  for (size_t p; (p = flat.find("\xE2\x80\xAF")) != std::string::npos;) flat.erase(p, 3);
  size_t from = 0;
  int checked = 0;
  for (const auto& b : m.doc.sections[0].blocks)
    if (const auto* p = std::get_if<model::Paragraph>(&b.value)) {
      if (p->heading_level > 0) continue;
      std::string want = strip_ws(p->plain_text());
      size_t at = flat.find(want, from);
      ASSERT_NE(at, std::string::npos) << want.substr(0, 60);
      from = at + want.size();
      ++checked;
    }
  EXPECT_GT(checked, 10);
  // "GB/T 9704-2012" is never split over two lines.
  int refs = 0;
  for (const std::string& line : lines_of(all)) {
    size_t at = line.find("GB/T");
    if (at == std::string::npos) continue;
    ++refs;
    EXPECT_NE(line.find("9704-2012", at), std::string::npos) << line;
  }
  EXPECT_GT(refs, 3);
}

TEST(Pdf, NoLineStartsWithClosingPunctuation) {
  const Manual& m = manual();
  const std::set<std::string> bad = {"，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "〕"};
  int n = 0;
  for (int i = 0; i < m.pdf.pages(); ++i)
    for (const std::string& line : lines_of(page_text(m.pdf.doc, i))) {
      if (line.size() < 3) continue;
      ++n;
      EXPECT_FALSE(bad.count(line.substr(0, 3))) << "page " << i + 1 << ": " << line;
    }
  EXPECT_GT(n, 200);
}

TEST(Pdf, FontsAreEmbeddedAsSubsets) {
  if (!test::have_program("pdffonts")) GTEST_SKIP() << "pdffonts (poppler-utils) not installed";
  fs::path dir = test::temp_dir("pdf-fonts");
  test::write_file(dir / "m.pdf", manual().bytes);
  auto r = test::run({"pdffonts", (dir / "m.pdf").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = lines_of(r.out);
  int fonts_seen = 0;
  std::set<std::string> families;
  for (size_t i = 2; i < lines.size(); ++i) {
    if (lines[i].empty()) continue;
    ++fonts_seen;
    // name type… emb sub uni: the three yes/no columns before the object id.
    EXPECT_NE(lines[i].find("yes yes yes"), std::string::npos) << lines[i];
    EXPECT_EQ(lines[i][6], '+') << "subset tag: " << lines[i];
    families.insert(lines[i].substr(7, lines[i].find(' ') - 7));
  }
  EXPECT_GE(fonts_seen, 4);
  for (const char* f : {"FandolFang-Regular", "NotoSansCJKsc-Regular", "NotoSerifCJKsc-Bold"})
    EXPECT_TRUE(families.count(f)) << f;
  // No font the roles do not declare (e.g. a sans fallback for 仿宋).
  for (const auto& f : families)
    EXPECT_TRUE(f.find("Fandol") == 0 || f.find("NotoS") == 0 || f.find("UKai") == 0) << f;
}

static void walk_outline(PopplerIndexIter* it, int level, std::vector<std::pair<int, std::string>>& out,
                         std::vector<int>& pages, PopplerDocument* doc) {
  do {
    PopplerAction* a = poppler_index_iter_get_action(it);
    if (a->type == POPPLER_ACTION_GOTO_DEST) {
      out.push_back({level, a->goto_dest.title ? a->goto_dest.title : ""});
      PopplerDest* d = a->goto_dest.dest;
      int page = d->page_num;
      if (d->type == POPPLER_DEST_NAMED) {
        PopplerDest* r = poppler_document_find_dest(doc, d->named_dest);
        page = r ? r->page_num : -1;
        if (r) poppler_dest_free(r);
      }
      pages.push_back(page);
    }
    poppler_action_free(a);
    if (PopplerIndexIter* child = poppler_index_iter_get_child(it)) {
      walk_outline(child, level + 1, out, pages, doc);
      poppler_index_iter_free(child);
    }
  } while (poppler_index_iter_next(it));
}

TEST(Pdf, OutlineMatchesHeadingsAndTocPagesAreReal) {
  const Manual& m = manual();
  PopplerIndexIter* it = poppler_index_iter_new(m.pdf.doc);
  ASSERT_NE(it, nullptr) << "no outline";
  std::vector<std::pair<int, std::string>> items;
  std::vector<int> pages;
  walk_outline(it, 1, items, pages, m.pdf.doc);
  poppler_index_iter_free(it);
  layout::Laid laid = layout::lay_out(m.doc, gongwen(), test::fonts());
  ASSERT_EQ(items.size(), laid.outline.size());
  for (size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].first, laid.outline[i].level);
    EXPECT_EQ(items[i].second, laid.outline[i].title);
    // The heading text is on the page the bookmark opens.
    const std::string text = strip_ws(page_text(m.pdf.doc, pages[i] - 1));
    EXPECT_NE(text.find(strip_ws(items[i].second)), std::string::npos) << items[i].second << " p" << pages[i];
  }
  // TOC (page 1): each entry's number is the printed page number of the page holding that heading.
  const auto toc = lines_of(page_text(m.pdf.doc, 0));
  int entries = 0;
  size_t k0 = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].first > 2) continue;
    for (size_t k = k0; k + 1 < toc.size(); ++k)
      if (strip_ws(toc[k]).rfind(strip_ws(items[i].second), 0) == 0) {
        // pdftotext-style reading order puts the number on the same line or the next.
        std::string rest = strip_ws(toc[k]).substr(strip_ws(items[i].second).size());
        if (rest.empty()) rest = strip_ws(toc[k + 1]);
        const std::string printed = strip_ws(page_text(m.pdf.doc, pages[i] - 1));
        EXPECT_NE(printed.find("—" + rest + "—"), std::string::npos) << items[i].second << " → " << rest;
        ++entries;
        k0 = k + 1;
        break;
      }
  }
  EXPECT_GE(entries, 6);
}

TEST(Pdf, PageNumberThreeIsRightOnPageThree) {
  const Manual& m = manual();
  ASSERT_GE(m.pdf.pages(), 4);
  for (int page : {2, 3}) {  // 0-based: pages 3 and 4
    auto lines = body_lines(m.pdf.doc, page);
    const Line* num = nullptr;
    for (const Line& l : lines)
      if (is_page_number(l.text)) num = &l;
    ASSERT_NE(num, nullptr);
    EXPECT_EQ(num->text, "—" + std::to_string(page + 1) + "—");
    if ((page + 1) % 2 == 1)  // odd: right, one 14 pt character in
      EXPECT_NEAR(num->x2, (28 + 156) * kMm - 14, 1.5);
    else
      EXPECT_NEAR(num->x1, 28 * kMm + 14, 1.5);
    // The dash line 7 mm below the 版心 (its lower edge at 262 mm): the line box straddles it.
    EXPECT_LT(num->y1, 269 * kMm);
    EXPECT_GT(num->y2, 269 * kMm);
  }
}

TEST(Pdf, TwoRunsGiveIdenticalBytes) {
  std::string a = render(sample::manual(6));
  std::string b = render(sample::manual(6));
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("/ID"), std::string::npos);
  EXPECT_NE(a.find("/ObjStm"), std::string::npos);
}

TEST(Pdf, DateFromSourceDateEpoch) {
  setenv("SOURCE_DATE_EPOCH", "1709604000", 1);  // 2024-03-05T02:00:00Z
  EXPECT_EQ(pdf::document_date({}), "2024-03-05T02:00:00Z");
  layout::Laid laid = layout::lay_out(sample::manual(2, false, false), gongwen(), test::fonts());
  std::string bytes = pdf::write_pdf(laid, {});
  unsetenv("SOURCE_DATE_EPOCH");
  Doc d(bytes);
  EXPECT_EQ(poppler_document_get_creation_date(d.doc), 1709604000);
  QPDF q;
  q.processMemoryFile("d.pdf", bytes.data(), bytes.size());
  EXPECT_EQ(q.getTrailer().getKey("/Info").getKey("/CreationDate").getUTF8Value().substr(0, 16), "D:20240305020000");
}

TEST(Pdf, QpdfFindsNoDamage) {
  const std::string& bytes = manual().bytes;
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("m.pdf", bytes.data(), bytes.size());
  QPDFWriter w(q);
  w.setOutputMemory();
  w.write();  // reads every object and stream
  EXPECT_FALSE(q.anyWarnings());
  EXPECT_EQ(q.getAllPages().size(), static_cast<size_t>(manual().pdf.pages()));
  if (test::have_program("qpdf")) {
    fs::path dir = test::temp_dir("pdf-check");
    test::write_file(dir / "m.pdf", bytes);
    auto r = test::run({"qpdf", "--check", (dir / "m.pdf").string()});
    EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("No syntax or stream encoding errors"), std::string::npos) << r.out;
  }
}

TEST(Pdf, PageLabelsAndInternalLinks) {
  model::Document d;
  model::Section cover;
  cover.page_label = "封面";
  cover.blocks.push_back({sample::para("封面")});
  model::Section body;
  body.restart_numbering = true;
  model::Paragraph target = sample::para("第一章", 1);
  target.anchor = "ch1";
  model::Paragraph ref;
  ref.runs.push_back(model::Run{.text = "见第一章（第{PAGEREF:ch1}页）", .link = "#ch1"});
  body.blocks.push_back({ref});
  body.blocks.push_back({model::PageBreak{}});
  body.blocks.push_back({target});
  d.sections = {cover, body};
  std::string bytes = render(d);
  Doc pdf(bytes);
  ASSERT_EQ(pdf.pages(), 3);
  auto label = [&](int i) {
    PopplerPage* p = poppler_document_get_page(pdf.doc, i);
    gchar* l = poppler_page_get_label(p);
    std::string s = l ? l : "";
    g_free(l);
    g_object_unref(p);
    return s;
  };
  EXPECT_EQ(label(0), "封面");
  EXPECT_EQ(label(1), "1");
  EXPECT_EQ(label(2), "2");
  EXPECT_NE(strip_ws(page_text(pdf.doc, 1)).find("见第一章（第2页）"), std::string::npos);
  PopplerPage* p = poppler_document_get_page(pdf.doc, 1);
  GList* links = poppler_page_get_link_mapping(p);
  int to_ch1 = 0;
  for (GList* l = links; l; l = l->next) {
    auto* m = static_cast<PopplerLinkMapping*>(l->data);
    if (m->action->type == POPPLER_ACTION_GOTO_DEST) {
      PopplerDest* dest = m->action->goto_dest.dest;
      PopplerDest* r = dest->type == POPPLER_DEST_NAMED ? poppler_document_find_dest(pdf.doc, dest->named_dest) : nullptr;
      if (r && r->page_num == 3) ++to_ch1;
      if (r) poppler_dest_free(r);
    }
  }
  poppler_page_free_link_mapping(links);
  g_object_unref(p);
  EXPECT_GE(to_ch1, 1);
}

TEST(Pdf, SignPagesRender) {
  std::string bytes = render(sample::signs(10));
  Doc pdf(bytes);
  ASSERT_EQ(pdf.pages(), 10);
  EXPECT_NE(strip_ws(page_text(pdf.doc, 2)).find("调解室"), std::string::npos);
  double w, h;
  PopplerPage* p = poppler_document_get_page(pdf.doc, 0);
  poppler_page_get_size(p, &w, &h);
  g_object_unref(p);
  EXPECT_NEAR(w / kMm, 300, 0.1);
  EXPECT_NEAR(h / kMm, 120, 0.1);
}

// Each per-sign file is the pack written with its page tree cut to that page: it must hold that
// page and what the page refers to, never the pack's other pages, their fonts or its structure tree
// (a page's /Parent left pointing at the pack's page tree would drag all of them into every file).
// The same opaque picture twice on one page (signage's index.pdf: two identical previews when an
// office lists a room twice) made cairo 1.16 write the page's XObject key twice; qpdf's strict pass
// refused the file and `lianghua signage` stopped with exit 3 and no index.
TEST(Pdf, SameOpaquePictureTwiceOnOnePageIsWritten) {
  model::Image png;
  png.media_type = "image/png";
  png.bytes = pdf::render_png({layout::RectItem{0, 0, 20, 20, true, 0x1F4E9A}}, 20, 20, 72);  // RGB24: no alpha
  png.width_px = png.height_px = 20;
  model::Document d = sample::signs(1);
  d.sections[0].fixed_pages[0].push_back(model::PlacedImage{20, 20, 20, 20, png});
  d.sections[0].fixed_pages[0].push_back(model::PlacedImage{60, 20, 20, 20, png});
  std::string bytes;
  ASSERT_NO_THROW(bytes = render(d));
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("twice.pdf", bytes.data(), bytes.size());
  int images = 0;
  for (QPDFObjectHandle o : q.getAllObjects())
    images += o.isStream() && o.getDict().getKey("/Subtype").isNameAndEquals("/Image");
  EXPECT_FALSE(q.anyWarnings());
  EXPECT_EQ(images, 1);  // still written once
}

TEST(Pdf, SignPackFileHoldsOnlyWhatItsPageUses) {
  model::Document pack = sample::signs(8);
  // Sign 3 alone carries a picture; sign 5 alone a font (楷体) no other sign uses.
  model::Image png;
  png.media_type = "image/png";
  png.bytes = pdf::render_png({layout::RectItem{0, 0, 20, 20, true, 0xC62828}}, 20, 20, 72);
  png.width_px = png.height_px = 20;
  pack.sections[0].fixed_pages[3].push_back(model::PlacedImage{250, 90, 20, 20, png});
  std::get<model::TextBox>(pack.sections[0].fixed_pages[5][4]).role = model::FontRole::Kai;
  const layout::Laid laid = layout::lay_out(pack, gongwen(), test::fonts());
  const std::vector<std::string> files = pdf::write_pdf_per_page(laid);
  ASSERT_EQ(files.size(), 8u);
  std::set<std::string> base_fonts_elsewhere, base_fonts_5;
  for (size_t i = 0; i < files.size(); ++i) {
    QPDF q;
    q.processMemoryFile("sign.pdf", files[i].data(), files[i].size());
    EXPECT_EQ(q.getRoot().getKeys(), (std::set<std::string>{"/Pages", "/Type"})) << i;
    std::vector<QPDFObjectHandle> pages = q.getAllPages();
    ASSERT_EQ(pages.size(), 1u) << i;
    std::set<QPDFObjGen> page_fonts;
    for (auto [name, font] : pages[0].getKey("/Resources").getKey("/Font").ditems()) page_fonts.insert(font.getObjGen());
    EXPECT_FALSE(page_fonts.empty()) << i;
    int page_objects = 0, images = 0;
    for (QPDFObjectHandle o : q.getAllObjects()) {
      QPDFObjectHandle d = o.isStream() ? o.getDict() : o;
      if (!d.isDictionary()) continue;
      QPDFObjectHandle type = d.getKey("/Type");
      page_objects += type.isNameAndEquals("/Page");
      EXPECT_FALSE(type.isNameAndEquals("/StructTreeRoot") || type.isNameAndEquals("/StructElem")) << i;
      if (type.isNameAndEquals("/Font") && d.getKey("/Subtype").isNameAndEquals("/Type0")) {
        EXPECT_TRUE(page_fonts.count(o.getObjGen())) << i << ": a font its page does not use";
        std::string name = d.getKey("/BaseFont").getName();
        name = name.substr(name.find('+') + 1);  // without the subset tag
        (i == 5 ? base_fonts_5 : base_fonts_elsewhere).insert(name);
      }
      images += d.getKey("/Subtype").isNameAndEquals("/Image");
    }
    EXPECT_EQ(page_objects, 1) << i;
    EXPECT_EQ(images, i == 3 ? 1 : 0) << i;
    EXPECT_LT(files[i].size(), 40u * 1024) << i;
  }
  // The 楷体 role's faces, in sign 5's file only: AR PL UKai, and FandolKai for the sign's digits
  // (fonts/roles.json "latin").
  std::set<std::string> only_5;
  for (const std::string& f : base_fonts_5)
    if (!base_fonts_elsewhere.count(f)) only_5.insert(f);
  EXPECT_FALSE(only_5.empty()) << "the 楷体 of sign 5 in its file only";
  for (const std::string& f : only_5) EXPECT_NE(f.find("Kai"), std::string::npos) << f << " in sign 5's file only";
}

TEST(Pdf, SignPackOneFilePerPage) {
  // write_pdf_per_page: drawn once, split by qpdf; each file one sign, clean, deterministic.
  pdf::PdfOptions o;
  o.title = "门牌";
  o.date = "2024-03-05T10:00:00+08:00";
  const layout::Laid laid = layout::lay_out(sample::signs(8), gongwen(), test::fonts());
  const std::vector<std::string> files = pdf::write_pdf_per_page(laid, o);
  ASSERT_EQ(files.size(), 8u);
  EXPECT_EQ(files, pdf::write_pdf_per_page(laid, o));  // byte-identical on a second run
  static const char* rooms[] = {"执法装备库", "罚没物品库", "调解室", "执法问询室", "快速检测室", "档案室", "服务大厅"};
  for (size_t i = 0; i < files.size(); ++i) {
    Doc d(files[i]);
    ASSERT_EQ(d.pages(), 1) << i;
    const std::string text = strip_ws(page_text(d.doc, 0));
    EXPECT_NE(text.find(rooms[i % 7]), std::string::npos) << i << ": " << text;
    EXPECT_EQ(text.find(rooms[(i + 1) % 7]), std::string::npos) << i << ": " << text;  // only its own sign
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("sign.pdf", files[i].data(), files[i].size());
    QPDFWriter w(q);
    w.setOutputMemory();
    w.write();
    EXPECT_FALSE(q.anyWarnings()) << i;
    EXPECT_EQ(q.getTrailer().getKey("/Info").getKey("/Title").getUTF8Value(), "门牌");
    EXPECT_EQ(q.getTrailer().getKey("/Info").getKey("/CreationDate").getStringValue().rfind("D:", 0), 0u);
  }
}
