// `lianghua signage` checked the way a sign maker checks proofs: the built program makes the sample
// office's pack; Poppler finds every text of the spec in its sign's PDF inside its region, and no
// glyph outside the trim box; the page boxes are exact; the archive's spine labels agree with
// manifest.json box by box, and their QR codes decode to the box's range.
#include <gtest/gtest.h>
#include <poppler.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <nlohmann/json.hpp>

#include "cli/signage_inputs.h"
#include "compose/signs/signs.h"
#include "flow/flow.h"
#include "layout/fonts.h"
#include "layout_fixtures.h"
#include "poppler_chars.h"
#include "test_support.h"

namespace fs = std::filesystem;
namespace sg = lh::compose::signs;
using lh::test::program;
using lh::test::run;
using lh::test::source_dir;

namespace {

constexpr double kPt = 72.0 / 25.4;

fs::path sample_spec() { return source_dir() / "samples" / "signage" / "spec.xml"; }

using lh::test::fonts;

// The pack the sample spec describes, composed in the test (regions in page mm), keyed by file.
struct Expected {
  std::shared_ptr<const lh::cli::SignageInputs> in;  // owns the types each ComposedSign::type points to
  std::map<std::string, sg::ComposedSign> by_file;
  std::map<std::string, sg::Sign> sign_by_file;
};

Expected expected_pack(const std::string& archive = "") {
  Expected e;
  auto in = std::make_shared<lh::cli::SignageInputs>(
      lh::cli::load_signage_inputs(sample_spec().string(), "", archive, [](const std::string&) {}));
  e.in = in;
  std::vector<sg::Sign> signs = lh::cli::gather_signs(*in, fonts(), [](const std::string&) {});
  for (sg::Sign& s : signs) {
    const sg::SignType* t = in->types.find(s.type);
    if (!t) continue;
    e.by_file.emplace(s.file, sg::compose_sign(s, *t, in->types, in->brand, fonts(), false));
    e.sign_by_file.emplace(s.file, s);
  }
  return e;
}

struct Pdf {
  PopplerDocument* doc = nullptr;
  explicit Pdf(const fs::path& p) {
    std::string uri = "file://" + fs::absolute(p).string();
    doc = poppler_document_new_from_file(uri.c_str(), nullptr, nullptr);
  }
  ~Pdf() {
    if (doc) g_object_unref(doc);
  }
};

// Each line of the region's text (spaces aside) found in order among the characters Poppler reads
// inside the region. Line by line, because Poppler orders a column of short lines ("1F　101　调解室")
// in its own reading order.
void expect_text_in_region(const std::vector<lh::test::PageChar>& chars, const sg::PlacedRegion& r,
                           const std::string& file) {
  const double tol = 1.0;  // pt: Poppler's boxes include the font's side bearings
  const double x1 = r.x_mm * kPt - tol, y1 = r.y_mm * kPt - tol;
  const double x2 = (r.x_mm + r.w_mm) * kPt + tol, y2 = (r.y_mm + r.h_mm) * kPt + tol;
  std::vector<std::string> inside;
  std::string seen;
  for (const auto& pc : chars) {
    const double cx = (pc.x1 + pc.x2) / 2, cy = (pc.y1 + pc.y2) / 2;
    if (cx >= x1 && cx <= x2 && cy >= y1 && cy <= y2) inside.push_back(pc.ch), seen += pc.ch;
  }
  size_t from = 0;
  while (from <= r.text.size()) {
    size_t to = r.text.find('\n', from);
    if (to == std::string::npos) to = r.text.size();
    std::vector<std::string> want;
    for (size_t i = from; i < to;) {
      const unsigned char c = r.text[i];
      const size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
      const std::string ch = r.text.substr(i, n);
      i += n;
      if (ch != " " && ch != "\u3000" && ch != "\u202F") want.push_back(ch);
    }
    size_t k = 0;
    for (const auto& ch : inside)
      if (k < want.size() && ch == want[k]) ++k;
    EXPECT_EQ(k, want.size()) << file << " region " << r.region << ": line \"" << r.text.substr(from, to - from)
                              << "\" found up to character " << k << "; inside the region: " << seen;
    from = to + 1;
  }
}

fs::path make_pack(const std::string& tag, const std::vector<std::string>& extra = {}) {
  const fs::path out = lh::test::temp_dir(tag);
  std::vector<std::string> argv{program().string(), "signage", sample_spec().string(), "--out", out.string(), "--quiet"};
  argv.insert(argv.end(), extra.begin(), extra.end());
  auto r = run(argv);
  EXPECT_LE(r.exit_code, 1) << r.err;
  return out;
}

const fs::path& sample_pack() {
  static const fs::path p = make_pack("signage-sample");
  return p;
}

}  // namespace

TEST(Signage, EveryTextOfTheSpecIsFoundInsideItsRegion) {
  const Expected e = expected_pack();
  ASSERT_GE(e.by_file.size(), 20u);
  int regions = 0;
  for (const auto& [file, cs] : e.by_file) {
    Pdf pdf(sample_pack() / "signs" / (file + ".pdf"));
    ASSERT_NE(pdf.doc, nullptr) << file;
    const auto chars = lh::test::page_chars(pdf.doc, 0);
    for (const auto& r : cs.regions) {
      expect_text_in_region(chars, r, file);
      ++regions;
    }
  }
  EXPECT_GT(regions, 60);
}

TEST(Signage, MediaBoxIsTrimPlusTwiceTheBleedAndTrimBoxIsTheTrim) {
  const Expected e = expected_pack();
  for (const auto& [name, cs] : e.by_file) {
    const std::string& file = name;  // a lambda below uses it: clang 14 captures no structured binding
    const std::string bytes = lh::test::read_file(sample_pack() / "signs" / (file + ".pdf"));
    QPDF q;
    q.processMemoryFile(file.c_str(), bytes.data(), bytes.size());
    auto pages = QPDFPageDocumentHelper(q).getAllPages();
    ASSERT_EQ(pages.size(), 1u) << file;
    QPDFObjectHandle page = pages[0].getObjectHandle();
    const double w = cs.type->width_mm, h = cs.type->height_mm, b = cs.type->bleed_mm;
    auto expect_box = [&](const char* key, double x0, double y0, double x1, double y1) {
      QPDFObjectHandle box = page.getKey(key);
      ASSERT_TRUE(box.isRectangle()) << file << " " << key;
      auto r = box.getArrayAsRectangle();
      EXPECT_NEAR(r.llx, x0 * kPt, 0.01) << file << " " << key;
      EXPECT_NEAR(r.lly, y0 * kPt, 0.01) << file << " " << key;
      EXPECT_NEAR(r.urx, x1 * kPt, 0.01) << file << " " << key;
      EXPECT_NEAR(r.ury, y1 * kPt, 0.01) << file << " " << key;
    };
    expect_box("/MediaBox", 0, 0, w + 2 * b, h + 2 * b);
    expect_box("/TrimBox", b, b, b + w, b + h);
    expect_box("/BleedBox", 0, 0, w + 2 * b, h + 2 * b);
  }
}

// CJK glyphs intact after subsetting: every font a sign uses is embedded (a subset, with its font
// file), so the print shop's RIP never substitutes one; the text test above shows each character
// still maps back to its Unicode value.
TEST(Signage, EveryFontOfEverySignIsEmbedded) {
  const Expected e = expected_pack();
  size_t fonts_seen = 0;
  for (const auto& [file, cs] : e.by_file) {
    const std::string bytes = lh::test::read_file(sample_pack() / "signs" / (file + ".pdf"));
    QPDF q;
    q.processMemoryFile(file.c_str(), bytes.data(), bytes.size());
    for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
      QPDFObjectHandle fonts = page.getAttribute("/Resources", false).getKey("/Font");
      if (!fonts.isDictionary()) continue;
      for (const auto& key : fonts.getKeys()) {
        QPDFObjectHandle font = fonts.getKey(key);
        if (font.getKey("/Subtype").isName() && font.getKey("/Subtype").getName() == "/Type0")
          font = font.getKey("/DescendantFonts").getArrayItem(0);
        QPDFObjectHandle fd = font.getKey("/FontDescriptor");
        ASSERT_TRUE(fd.isDictionary()) << file << " " << key;
        EXPECT_TRUE(fd.hasKey("/FontFile") || fd.hasKey("/FontFile2") || fd.hasKey("/FontFile3")) << file << " " << key;
        const std::string name = fd.getKey("/FontName").isName() ? fd.getKey("/FontName").getName() : "";
        EXPECT_EQ(name.size() > 8 ? name[7] : ' ', '+') << file << " " << name << ": not a subset";
        ++fonts_seen;
      }
    }
  }
  EXPECT_GT(fonts_seen, e.by_file.size());
}

// Fonts embedded small (issue 12 item 1): a small sign's file is under 40 KB besides any raster
// picture it carries (the sample emblem is drawn as vectors, so none here), fonts included: before
// the fonts were cut with hb-subset a 门牌 carried 670 KB of Noto Sans CJK. The 制度 and 流程 boards
// are poster-sized documents of several hundred characters and are not held to it.
TEST(Signage, EverySmallSignIsUnder40KBBesidesItsPictures) {
  const Expected e = expected_pack();
  size_t checked = 0;
  for (const auto& [file, cs] : e.by_file) {
    if (file.rfind("制度", 0) == 0 || file.rfind("流程", 0) == 0) continue;
    const std::string bytes = lh::test::read_file(sample_pack() / "signs" / (file + ".pdf"));
    QPDF q;
    q.processMemoryFile(file.c_str(), bytes.data(), bytes.size());
    size_t pictures = 0;
    for (QPDFObjectHandle o : q.getAllObjects())
      if (o.isStream() && o.getDict().getKey("/Subtype").isNameAndEquals("/Image"))
        pictures += o.getRawStreamData()->getSize();
    EXPECT_LT(bytes.size() - std::min(bytes.size(), pictures), 40u * 1024) << file << ": " << bytes.size() << " bytes, "
                                                                          << pictures << " of pictures";
    ++checked;
  }
  EXPECT_GE(checked, 10u);
}

// The glyphs of a CID font as the PDF lists their widths (/W, PDF 32000-1 §9.7.4.3): cairo writes
// one width for every glyph of the subset it embeds.
size_t glyphs_with_widths(QPDFObjectHandle type0) {
  QPDFObjectHandle w = type0.getKey("/DescendantFonts").getArrayItem(0).getKey("/W");
  size_t n = 0;
  for (int i = 0; w.isArray() && i < w.getArrayNItems(); ++i) {
    QPDFObjectHandle next = w.getArrayItem(i + 1);
    if (next.isArray()) {
      n += next.getArrayNItems();
      i += 1;
    } else if (next.isInteger()) {  // c_first c_last width
      n += next.getIntValue() - w.getArrayItem(i).getIntValue() + 1;
      i += 2;
    }
  }
  return n;
}

// A font's name without its subset tag ("ABCDEF+NotoSansCJKsc-Regular" → "NotoSansCJKsc-Regular").
std::string untagged(const std::string& name) {
  const size_t plus = name.find('+');
  std::string n = plus == 7 || plus == 6 ? name.substr(plus + 1) : name;
  return n.empty() || n[0] != '/' ? n : n.substr(1);
}

// Regression (session 6): the signs were drawn as one batch, so each small sign's font cut held
// every glyph of the pack, those of the 制度/流程 boards included (a 岗位牌 at 39.4 KB, just under
// the 40 KB floor). The boards are a batch of their own: a font in a small sign's file holds no
// more glyphs than the small signs draw in that font (Poppler's text attributes say which font
// each character is drawn in), plus .notdef and the odd space glyph Poppler does not report.
TEST(Signage, ASmallSignsFontsHoldNoGlyphsOfTheBoards) {
  const Expected e = expected_pack();
  auto small = [](const std::string& file) { return file.rfind("制度", 0) != 0 && file.rfind("流程", 0) != 0; };
  std::map<std::string, std::set<gunichar>> drawn;  // font → characters the small signs draw in it
  for (const auto& [file, cs] : e.by_file) {
    if (!small(file)) continue;
    Pdf pdf(sample_pack() / "signs" / (file + ".pdf"));
    ASSERT_NE(pdf.doc, nullptr) << file;
    PopplerPage* page = poppler_document_get_page(pdf.doc, 0);
    char* text = poppler_page_get_text(page);
    std::vector<gunichar> chars;
    for (const char* p = text; *p; p = g_utf8_next_char(p)) chars.push_back(g_utf8_get_char(p));
    GList* attrs = poppler_page_get_text_attributes(page);
    for (GList* l = attrs; l; l = l->next) {
      auto* a = static_cast<PopplerTextAttributes*>(l->data);
      for (int i = a->start_index; i <= a->end_index && i < static_cast<int>(chars.size()); ++i)
        if (chars[static_cast<size_t>(i)] != '\n') drawn[untagged(a->font_name)].insert(chars[static_cast<size_t>(i)]);
    }
    poppler_page_free_text_attributes(attrs);
    g_free(text);
    g_object_unref(page);
  }
  size_t checked = 0;
  for (const auto& [file, cs] : e.by_file) {
    if (!small(file)) continue;
    const std::string bytes = lh::test::read_file(sample_pack() / "signs" / (file + ".pdf"));
    QPDF q;
    q.processMemoryFile(file.c_str(), bytes.data(), bytes.size());
    for (QPDFObjectHandle o : q.getAllObjects())
      if (o.isDictionary() && o.getKey("/Subtype").isNameAndEquals("/Type0")) {
        const std::string font = untagged(o.getKey("/BaseFont").getName());
        ASSERT_TRUE(drawn.count(font)) << file << ": " << font << " draws no text";
        EXPECT_LE(glyphs_with_widths(o), drawn[font].size() + 4) << file << ": " << font;
        ++checked;
      }
  }
  EXPECT_GE(checked, 20u);
}

TEST(Signage, NoGlyphLeavesTheTrimBox) {
  const Expected e = expected_pack();
  size_t glyphs = 0;
  for (const auto& [file, cs] : e.by_file) {
    Pdf pdf(sample_pack() / "signs" / (file + ".pdf"));
    ASSERT_NE(pdf.doc, nullptr) << file;
    const double b = cs.type->bleed_mm * kPt;
    const double x2 = b + cs.type->width_mm * kPt, y2 = b + cs.type->height_mm * kPt;
    for (const auto& c : lh::test::page_chars(pdf.doc, 0)) {
      if (c.ch == " " || c.ch == "\n") continue;
      ++glyphs;
      EXPECT_GE(c.x1, b - 0.5) << file << " '" << c.ch << "'";
      EXPECT_GE(c.y1, b - 0.5) << file << " '" << c.ch << "'";
      EXPECT_LE(c.x2, x2 + 0.5) << file << " '" << c.ch << "'";
      EXPECT_LE(c.y2, y2 + 0.5) << file << " '" << c.ch << "'";
    }
  }
  EXPECT_GT(glyphs, 500u);
}

TEST(Signage, TheIndexListsEverySignWithItsFile) {
  const Expected e = expected_pack();
  const std::string html = lh::test::read_file(sample_pack() / "index.html");
  for (const auto& [file, cs] : e.by_file) {
    EXPECT_NE(html.find("signs/" + file + ".pdf"), std::string::npos) << file;
    EXPECT_TRUE(fs::exists(sample_pack() / "previews" / (file + ".png"))) << file;
  }
  EXPECT_TRUE(fs::exists(sample_pack() / "index.pdf"));
  EXPECT_TRUE(fs::exists(sample_pack() / "sheets" / "门牌-A3.pdf"));
}

TEST(Signage, TwoRunsGiveIdenticalBytes) {
  const fs::path a = sample_pack(), b = make_pack("signage-again");
  size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(a)) {
    if (!entry.is_regular_file()) continue;
    const fs::path rel = fs::relative(entry.path(), a);
    ASSERT_TRUE(fs::exists(b / rel)) << rel;
    EXPECT_EQ(lh::test::read_file(entry.path()), lh::test::read_file(b / rel)) << rel;
    ++files;
  }
  EXPECT_GT(files, 40u);
}

TEST(Signage, CropMarksWidenTheMediaBoxAndKeepTheTrimBox) {
  const fs::path out = make_pack("signage-marks", {"--marks", "--only", "door-plate", "--sheet", "none"});
  const std::string bytes = lh::test::read_file(out / "signs" / "门牌-104-调解室.pdf");
  QPDF q;
  q.processMemoryFile("m", bytes.data(), bytes.size());
  QPDFObjectHandle page = QPDFPageDocumentHelper(q).getAllPages().at(0).getObjectHandle();
  const double s = (3 + sg::kSlugMm) * kPt;
  auto trim = page.getKey("/TrimBox").getArrayAsRectangle();
  auto media = page.getKey("/MediaBox").getArrayAsRectangle();
  EXPECT_NEAR(trim.llx, s, 0.01);
  EXPECT_NEAR(trim.urx - trim.llx, 300 * kPt, 0.01);
  EXPECT_NEAR(media.urx, 300 * kPt + 2 * s, 0.01);
  EXPECT_FALSE(fs::exists(out / "signs" / "岗位牌-登记注册岗.pdf"));  // --only
}

TEST(Signage, OverflowIsAnErrorNamingTheSignAndTheOtherSignsAreStillMade) {
  const fs::path dir = lh::test::temp_dir("signage-overflow");
  lh::test::write_file(dir / "spec.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                           (source_dir() / "samples" / "office.xml").string() + "\" default-pack=\"false\">\n"
                           "<sign type=\"door-plate\" name=\"太长的房间\"><text region=\"room\">"
                           "市场监督管理所综合行政执法与消费者权益保护投诉举报受理调解处理中心第一接待室</text></sign>\n"
                           "<sign type=\"door-plate\" name=\"调解室\"><text region=\"room\">调解室</text></sign>\n</signage>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("门牌 · 太长的房间"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("区域 room"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("超出宽度"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "signs" / "门牌-调解室.pdf"));
  EXPECT_FALSE(fs::exists(dir / "out" / "signs" / "门牌-太长的房间.pdf"));
}

// Another office's spec listed two rooms under default-pack="false" and only plates of other
// types: the rooms produced nothing and nobody was told. default-pack="false" still makes only the
// signs listed (README), so no 门牌 is made that the office did not order; the rooms on no sign are
// named with the spec (exit 1, as every input the pack sets aside), and a listed 楼层索引 lists them.
TEST(Signage, DefaultPackFalseNamesTheListedRoomsThatStandOnNoSign) {
  const fs::path dir = lh::test::temp_dir("signage-rooms-on-no-sign");
  const std::string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                           (source_dir() / "samples" / "office.xml").string() + "\" default-pack=\"false\">\n"
                           "<rooms default-set=\"false\"><room name=\"调解室\" number=\"102\" floor=\"1F\"/>"
                           "<room name=\"档案室\" number=\"204\" floor=\"2F\"/></rooms>\n<sign type=\"unit-plate\"/>\n";
  lh::test::write_file(dir / "spec.xml", head + "</signage>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find((dir / "spec.xml").string() + "：列出的 2 个房间不在任何标识上（102 调解室、204 档案室）"),
            std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(rooms_on_no_sign)"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(dir / "out" / "signs" / "单位名牌（横）.pdf"));
  EXPECT_FALSE(fs::exists(dir / "out" / "signs" / "门牌-102-调解室.pdf"));  // only the signs listed

  // A listed 门牌 and a listed 楼层索引 carry them: nothing to say.
  lh::test::write_file(dir / "spec2.xml", head + "<sign type=\"door-plate\" name=\"调解室\"><text region=\"room\">调解室</text></sign>\n"
                                                 "<sign type=\"floor-index\"/>\n</signage>\n");
  r = run({program().string(), "signage", (dir / "spec2.xml").string(), "--out", (dir / "out2").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("rooms_on_no_sign"), std::string::npos) << r.err;
  Pdf index(dir / "out2" / "signs" / "楼层索引.pdf");
  ASSERT_NE(index.doc, nullptr);
  const std::string text = lh::test::page_text(index.doc, 0);
  EXPECT_NE(text.find("档案室"), std::string::npos) << text;
}

// Another office's 楼层索引 set a long room name at the list's full 90 pt and wrapped it under the
// floor and room number. Each name now stands in a names column: shrunk on its own to one line down
// to the region's min-pt, and only then on more lines, which start under the names, not under the
// numbers (Poppler's character boxes; the pack's type gives the region).
TEST(Signage, AFloorIndexShrinksALongNameAndHangsItsSecondLineUnderTheNames) {
  const std::string one_line = "龙潭坪市场监督管理所“双随机、一公开”监管工作指挥调度及行政执法办案信息化综合管理中心";
  const std::string two_lines = "消费者权益保护投诉举报受理调解处理中心暨“双随机、一公开”监管工作指挥调度及行政执法办案"
                                "信息化综合管理中心第一接待室及档案资料整理数字化加工室";
  const fs::path dir = lh::test::temp_dir("signage-floor-index-long-name");
  lh::test::write_file(dir / "spec.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                           (source_dir() / "samples" / "office.xml").string() + "\" default-pack=\"false\">\n"
                           "<rooms default-set=\"false\"><room name=\"调解室\" number=\"102\" floor=\"1F\"/>"
                           "<room name=\"" + one_line + "\" number=\"201\" floor=\"2F\"/>"
                           "<room name=\"" + two_lines + "\" number=\"202\" floor=\"2F\"/></rooms>\n"
                           "<sign type=\"floor-index\"/>\n</signage>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string(), "--quiet"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  Pdf pdf(dir / "out" / "signs" / "楼层索引.pdf");
  ASSERT_NE(pdf.doc, nullptr);
  const auto chars = lh::test::page_chars(pdf.doc, 0);
  // Lines of the page: characters grouped by their top, in reading order down the page.
  std::vector<std::vector<lh::test::PageChar>> lines;
  std::vector<lh::test::PageChar> sorted = chars;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.y1 < b.y1; });
  for (const auto& c : sorted) {
    if (c.ch == " " || c.ch == "\n" || c.ch == "\u3000") continue;
    if (lines.empty() || c.y1 > lines.back().front().y1 + 2) lines.emplace_back();
    lines.back().push_back(c);
  }
  auto line_of = [&](const std::string& ch) {
    for (size_t i = 0; i < lines.size(); ++i)
      for (const auto& c : lines[i])
        if (c.ch == ch) return i;
    return lines.size();
  };
  auto first_x = [](const std::vector<lh::test::PageChar>& l, double from) {
    double x = 1e9;
    for (const auto& c : l)
      if (c.x1 >= from) x = std::min(x, c.x1);
    return x;
  };
  const size_t mediation = line_of("调"), shrunk = line_of("龙"), two = line_of("消");
  ASSERT_LT(two + 1, lines.size());
  ASSERT_LT(shrunk, lines.size());
  const double bleed = 3 * kPt;
  const double region_x = 50 * kPt + bleed, region_r = 550 * kPt + bleed;
  // The names column: where 调解室 starts, after the numbers.
  double names_x = 0;
  for (const auto& c : lines[mediation])
    if (c.ch == "调") names_x = c.x1;
  double numbers_r = 0;  // the right edge of the room numbers
  for (const auto& l : lines)
    for (const auto& c : l)
      if (c.ch >= "0" && c.ch <= "9" && c.x1 < names_x) numbers_r = std::max(numbers_r, c.x2);
  ASSERT_GT(numbers_r, region_x);
  EXPECT_GT(names_x, numbers_r);
  // The name that fits on one line at a smaller size: one line, in the names column, shrunk.
  EXPECT_NEAR(first_x(lines[shrunk], numbers_r), names_x, 1.5);
  size_t on_line = 0;
  for (const auto& c : lines[shrunk]) on_line += c.x1 >= numbers_r;
  EXPECT_EQ(on_line, 43u);  // every character of the name
  double h_mediation = 0, h_shrunk = 0;
  for (const auto& c : lines[mediation]) h_mediation = std::max(h_mediation, c.y2 - c.y1);
  for (const auto& c : lines[shrunk]) h_shrunk = std::max(h_shrunk, c.y2 - c.y1);
  EXPECT_LT(h_shrunk, h_mediation * 0.5);
  // The name too long for one line even at the minimum: its second line starts under the names.
  EXPECT_NEAR(first_x(lines[two], numbers_r), names_x, 1.5);
  EXPECT_NEAR(first_x(lines[two + 1], 0), names_x, 1.5) << "the continuation starts under the numbers";
  for (size_t i : {shrunk, two, two + 1})
    for (const auto& c : lines[i]) {
      EXPECT_LE(c.x2, region_r + 1) << c.ch << " beyond the entries' box";
      EXPECT_GE(c.x1, region_x - 1) << c.ch;
    }
}

TEST(Signage, SpecWithADoctypeIsRefusedNamingTheLine) {
  const fs::path dir = lh::test::temp_dir("signage-doctype");
  lh::test::write_file(dir / "spec.xml",
                       "<?xml version=\"1.0\"?>\n<!DOCTYPE signage [<!ENTITY x \"y\">]>\n"
                       "<signage xmlns=\"urn:lianghua:signage:1\" office=\"office.xml\"/>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("spec.xml:"), std::string::npos) << r.err;
}

TEST(Signage, APolicyTooLongForItsBoardSaysSoAndNamesTheNextBoardSize) {
  auto in = lh::cli::load_signage_inputs(sample_spec().string(), "", "", [](const std::string&) {});
  std::vector<lh::model::Paragraph> ps;
  for (int i = 1; i <= 160; ++i) {
    lh::model::Paragraph p;
    p.runs.push_back({"第" + std::to_string(i) + "条 工作人员应当依法履行职责，严格执行各项规章制度，做到热情服务、文明执法、廉洁自律，"
                      "不得利用职务之便谋取私利，不得推诿、拖延或者刁难群众。"});
    ps.push_back(std::move(p));
  }
  const sg::Sign s = sg::policy_board(ps, "工作人员行为规范", "policy-600x900");
  try {
    sg::compose_sign(s, *in.types.find("policy-600x900"), in.types, in.brand, fonts(), false);
    FAIL() << "160 articles should not fit a 600×900 board";
  } catch (const sg::SignageError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("工作人员行为规范"), std::string::npos) << what;
    EXPECT_NE(what.find("policy-800x1200"), std::string::npos) << what;
    EXPECT_NE(what.find("policy_too_long"), std::string::npos) << what;
  }
}

// Issue 13 §4: a policy of megabytes for one board was fitted line by line at every size (minutes);
// it is answered from its length at once, and still names the next board size.
TEST(Signage, AMegabytePolicyIsRefusedFromItsLengthWithoutFitting) {
  auto in = lh::cli::load_signage_inputs(sample_spec().string(), "", "", [](const std::string&) {});
  std::vector<lh::model::Paragraph> ps;
  for (int i = 1; i <= 20000; ++i) {
    lh::model::Paragraph p;
    p.runs.push_back({"第" + std::to_string(i) + "条 工作人员应当依法履行职责，严格执行各项规章制度，做到热情服务、文明执法、廉洁自律。"});
    ps.push_back(std::move(p));
  }
  const sg::Sign s = sg::policy_board(ps, "大制度", "policy-600x900");
  try {
    sg::compose_sign(s, *in.types.find("policy-600x900"), in.types, in.brand, fonts(), false);
    FAIL() << "20,000 articles should not fit a 600×900 board";
  } catch (const sg::SignageError& e) {
    EXPECT_NE(std::string(e.what()).find("policy_too_long"), std::string::npos) << e.what();
  }
}

// The board's body regions ("body-1", "body-2", …) of a policy of `articles` articles.
std::vector<sg::PlacedRegion> policy_body_regions(int articles, const std::string& text) {
  auto in = lh::cli::load_signage_inputs(sample_spec().string(), "", "", [](const std::string&) {});
  std::vector<lh::model::Paragraph> ps;
  for (int i = 1; i <= articles; ++i) {
    lh::model::Paragraph p;
    p.runs.push_back({"第" + std::to_string(i) + "条 " + text});
    ps.push_back(std::move(p));
  }
  const sg::Sign s = sg::policy_board(ps, "首问负责制度", "policy-600x900");
  const sg::ComposedSign c = sg::compose_sign(s, *in.types.find("policy-600x900"), in.types, in.brand, fonts(), false);
  std::vector<sg::PlacedRegion> body;
  for (const auto& r : c.regions)
    if (r.region.rfind("body-", 0) == 0) body.push_back(r);
  return body;
}

// Regression: a short policy that reached the board's largest size on two columns stood in the top
// half of the board with both columns cut short; it takes one column across the body now.
TEST(Signage, AShortPolicyTakesOneColumnAcrossTheBoard) {
  const auto body = policy_body_regions(6, "首问负责人应当热情接待来访群众，不得推诿。");
  ASSERT_EQ(body.size(), 1u);
  EXPECT_NEAR(body[0].w_mm, 520, 0.5);  // the body's full width (types.xml policy-600x900)
}

TEST(Signage, APolicyThatNeedsTwoColumnsGetsThem) {
  const auto body = policy_body_regions(
      40, "工作人员应当依法履行职责，严格执行各项规章制度，做到热情服务、文明执法、廉洁自律，不得利用职务之便谋取私利。");
  ASSERT_EQ(body.size(), 2u);
  EXPECT_LT(body[0].w_mm, 260);
  EXPECT_GT(body[1].x_mm, body[0].x_mm + body[0].w_mm);
}

TEST(Signage, AnOfficeThatGivesOnlyItsNameGetsTheWholeDefaultPack) {
  const fs::path dir = lh::test::temp_dir("signage-minimal");
  lh::test::write_file(dir / "spec.xml", "<?xml version=\"1.0\"?>\n<signage xmlns=\"urn:lianghua:signage:1\" office=\"" +
                                             (source_dir() / "samples" / "office.xml").string() + "\"/>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string(), "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  int door_plates = 0;
  for (const auto& e : fs::directory_iterator(dir / "out" / "signs"))
    if (e.path().filename().string().rfind("门牌-", 0) == 0) ++door_plates;
  EXPECT_EQ(door_plates, 12);  // 九室二库一厅 (templates/signage/rooms.xml)
  for (const char* f : {"单位名牌（横）", "单位名牌（竖）", "楼层索引", "服务大厅标识-综合执法", "公示栏"})
    EXPECT_TRUE(fs::exists(dir / "out" / "signs" / (std::string(f) + ".pdf"))) << f;
}

TEST(Signage, AnEmblemThatRefersOutsideItselfIsRefused) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"10\" height=\"10\">"
      "<image xlink:href=\"file:///etc/passwd\" width=\"10\" height=\"10\"/></svg>";
  try {
    sg::load_emblem(svg, "emblem.svg");
    FAIL() << "an external reference must be refused";
  } catch (const sg::SignageError& e) {
    EXPECT_NE(std::string(e.what()).find("external_reference"), std::string::npos) << e.what();
  }
  const std::string ok = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" height=\"10\" fill=\"#00f\"/></svg>";
  const lh::model::Image img = sg::load_emblem(ok, "ok.svg");
  EXPECT_EQ(img.media_type, "image/svg+xml");  // drawn as vectors in the PDF
  EXPECT_EQ(img.bytes, ok);                    // placed unaltered
  ASSERT_TRUE(img.fallback_png);
  EXPECT_EQ(img.fallback_png->compare(0, 4, "\x89PNG"), 0);  // for DOCX
  EXPECT_EQ(img.width_px, 2 * img.height_px);  // aspect kept
}

// The office's SVG emblem is drawn as vectors (librsvg into the PDF), not as a 1600-px raster copied
// into every sign (issue 10: the raster was most of a sign's bytes and time); it is still visible:
// the placeholder's grey-blue disc (#DADFE6) covers a good part of the sign's rendered pixels.
TEST(Signage, TheSvgEmblemIsDrawnAsVectors) {
  const fs::path pdf_path = sample_pack() / "signs" / "单位名牌（横）.pdf";
  ASSERT_TRUE(fs::exists(pdf_path));
  const std::string bytes = lh::test::read_file(pdf_path);
  QPDF q;
  q.processMemoryFile("sign", bytes.data(), bytes.size());
  int images = 0;
  for (QPDFObjectHandle o : q.getAllObjects())
    if (o.isStream() && o.getDict().getKey("/Subtype").isNameAndEquals("/Image")) ++images;
  EXPECT_EQ(images, 0) << "the emblem must not be a raster image";
  Pdf pdf(pdf_path);
  ASSERT_NE(pdf.doc, nullptr);
  PopplerPage* page = poppler_document_get_page(pdf.doc, 0);
  double w = 0, h = 0;
  poppler_page_get_size(page, &w, &h);
  const double scale = 0.5;
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, static_cast<int>(w * scale), static_cast<int>(h * scale));
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  poppler_page_render(page, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const int sw = cairo_image_surface_get_width(s), sh = cairo_image_surface_get_height(s),
            stride = cairo_image_surface_get_stride(s);
  const unsigned char* px = cairo_image_surface_get_data(s);
  long disc = 0;
  for (int y = 0; y < sh; ++y)
    for (int x = 0; x < sw; ++x) {
      const unsigned char* p = px + y * stride + 4 * x;  // B G R x
      if (std::abs(p[2] - 0xDA) < 6 && std::abs(p[1] - 0xDF) < 6 && std::abs(p[0] - 0xE6) < 6) ++disc;
    }
  cairo_surface_destroy(s);
  g_object_unref(page);
  EXPECT_GT(disc, 200) << "the emblem's disc is not on the sign";
}

// A 流程图 board (wave2.md §1.4): the flow module's chart in the board's drawing area, its title in
// the title region; every step of the flow can be read on the board.
TEST(Signage, AFlowBoardShowsEveryStepOfItsFlow) {
  const fs::path flow_file = source_dir() / "samples" / "flows" / "行政许可登记.xml";
  const lh::flow::Flow fl = lh::flow::read_flow(lh::test::read_file(flow_file), flow_file.filename().string());
  const fs::path pdf_path = sample_pack() / "signs" / ("流程-" + fl.title + ".pdf");
  ASSERT_TRUE(fs::exists(pdf_path)) << pdf_path;
  Pdf pdf(pdf_path);
  ASSERT_NE(pdf.doc, nullptr);
  std::string text;
  for (const auto& pc : lh::test::page_chars(pdf.doc, 0))
    if (pc.ch != " " && pc.ch != "\n") text += pc.ch;
  EXPECT_NE(text.find(fl.title), std::string::npos) << text;
  for (const auto& step : fl.steps) {
    std::string label;
    for (char c : step.label)
      if (c != ' ' && c != '\n') label += c;
    EXPECT_NE(text.find(label), std::string::npos) << "step " << step.id << " \"" << step.label << "\" not on the board";
  }
}

// The lines Poppler reads on the plate FILE (单位名牌（横）, 单位名牌（竖）) made for an office named NAME
// (the parent's line below the rule left out).
static std::vector<std::string> plate_lines(const std::string& tag, const std::string& name, const std::string& file) {
  const fs::path dir = lh::test::temp_dir(tag);
  lh::test::write_file(dir / "office.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office><fonds>Z109</fonds><fonds-name>某局</fonds-name>"
                       "<name>" + name + "</name><short-name>某所</short-name><organisation-code>SMS</organisation-code>"
                       "<parent>某局</parent></office>\n");
  lh::test::write_file(dir / "spec.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<signage xmlns=\"urn:lianghua:signage:1\" office=\"office.xml\"/>\n");
  auto r = run({program().string(), "signage", (dir / "spec.xml").string(), "--out", (dir / "out").string(),
                "--only", "unit-plate", "--sheet", "none", "--quiet"});
  EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
  std::vector<std::string> lines;
  Pdf pdf(dir / "out" / "signs" / (file + ".pdf"));
  EXPECT_NE(pdf.doc, nullptr) << name << ": " << file;
  if (!pdf.doc) return lines;
  std::istringstream text(lh::test::page_text(pdf.doc, 0));
  for (std::string l; std::getline(text, l);)
    if (!l.empty() && l != "某局") lines.push_back(l);
  return lines;
}

// A 所's unit plate broke its 法定名称 wherever the size search liked ("南岭县市场监督 / 管理局石门市场
// / 监督管理所", the sample office's own plate): each organisation now has a line of its own
// (types.xml break-after, wave2.md §1.4 法定名称), over names of several offices' shapes.
TEST(Signage, AUnitPlateSetsEachOrganisationOfItsNameOnALineOfItsOwn) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"南岭县市场监督管理局石门市场监督管理所", {"南岭县市场监督管理局", "石门市场监督管理所"}},
      {"梅州市梅江区市场监督管理局程江市场监督管理所", {"梅州市梅江区市场监督管理局", "程江市场监督管理所"}},
      {"深圳市市场监督管理局福田监管局沙头市场监督管理所", {"深圳市市场监督管理局", "福田监管局", "沙头市场监督管理所"}},
      {"恩平市市场监督管理局横陂市场监督管理所", {"恩平市市场监督管理局", "横陂市场监督管理所"}},
      {"石门市场监督管理所", {"石门市场监督管理所"}},
  };
  int n = 0;
  for (const auto& [name, want] : cases) {
    const std::vector<std::string> lines = plate_lines("signage-unit-name-" + std::to_string(n++), name, "单位名牌（横）");
    EXPECT_EQ(lines, want) << name;
  }
}

// A 条牌 of a name with brackets ("…局（石门所）") was not made at all: stacked one character a line,
// "（" alone ended a line as an opening mark, which the fitting refuses at every size. Brackets
// now take their vertical forms (GB/T 15834-2011 §5.2), as a sign maker sets them.
TEST(Signage, AVerticalPlateSetsBracketsInTheirVerticalForms) {
  const std::vector<std::string> lines =
      plate_lines("signage-vertical-brackets", "南岭县市场监督管理局（石门所）", "单位名牌（竖）");
  ASSERT_EQ(lines.size(), 15u);
  EXPECT_EQ(lines[10], "︵");
  EXPECT_EQ(lines[14], "︶");
  EXPECT_EQ(lines[11] + lines[12] + lines[13], "石门所");
}
