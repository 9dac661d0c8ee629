// Issue 5: the case volume (案卷.pdf) as Poppler reads it — each document's own text on exactly the
// pages the 卷内文件目录 gives, bookmarks on those pages, the 备考表's totals — plus the catalogues
// (XLSX through LibreOffice), DOCX schema validity, the 归档章, masking, a damaged source PDF, and
// deterministic, incremental re-runs.
#include <cairo-pdf.h>
#include <cairo.h>
#include <gtest/gtest.h>
#include <poppler.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "compose/archive_stamp.h"
#include "compose/uniform_record.h"
#include "compose/volume.h"
#include "compose/volume_forms.h"
#include "ingest/inspect.h"
#include "package/archive.h"
#include "filing/catalogue.h"
#include "package/files.h"
#include "filing/scheme.h"
#include "manifest_json.h"
#include "pdf/assemble.h"
#include "catalog_sql.h"
#include "shared_dir.h"
#include "test_support.h"

// Schema validation helpers of the DOCX tests (one translation unit, reused as is).
#include "../docx/docx_test_util.cpp"
#include "poppler_chars.h"

// ingest installs a deny-all external entity loader (XXE protection) for the whole process once it
// has read an XML part; the schema files include each other, so keep the default one for them.
static const xmlExternalEntityLoader g_default_loader = xmlGetExternalEntityLoader();

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;
using lh::test::read_json;
using lh::test::sql_in;

namespace {

struct Pdf {
  PopplerDocument* doc = nullptr;
  std::string bytes;
  explicit Pdf(std::string b) : bytes(std::move(b)) {
    GError* err = nullptr;
    GBytes* gb = g_bytes_new(bytes.data(), bytes.size());
    doc = poppler_document_new_from_bytes(gb, nullptr, &err);
    g_bytes_unref(gb);
    if (err) g_error_free(err);
  }
  ~Pdf() { if (doc) g_object_unref(doc); }
  int pages() const { return doc ? poppler_document_get_n_pages(doc) : 0; }
  std::string text(int i) const { return lh::test::page_text(doc, i); }
};

std::string squeeze(const std::string& s) {
  std::string o;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
    if (s.compare(i, 3, "\u3000") == 0) { i += 2; continue; }
    o += s[i];
  }
  return o;
}

// Leaf bookmarks: title → 0-based page.
void walk_outline(PopplerDocument* doc, PopplerIndexIter* it, std::map<std::string, int>& out, std::vector<std::string>& tops,
                  int depth) {
  do {
    PopplerAction* a = poppler_index_iter_get_action(it);
    std::string title;
    int page = -1;
    if (a && a->type == POPPLER_ACTION_GOTO_DEST) {
      title = a->goto_dest.title ? a->goto_dest.title : "";
      PopplerDest* d = a->goto_dest.dest;
      if (d && d->type == POPPLER_DEST_NAMED) {
        PopplerDest* nd = poppler_document_find_dest(doc, d->named_dest);
        if (nd) { page = nd->page_num - 1; poppler_dest_free(nd); }
      } else if (d) {
        page = d->page_num - 1;
      }
    }
    if (depth == 0) tops.push_back(title);
    PopplerIndexIter* child = poppler_index_iter_get_child(it);
    if (child) {
      walk_outline(doc, child, out, tops, depth + 1);
      poppler_index_iter_free(child);
    } else if (depth > 0) {
      out[title] = page;
    }
    if (a) poppler_action_free(a);
  } while (poppler_index_iter_next(it));
}

// The sample inbox archived once by the CLI, shared by the tests below.
struct SampleArchive {
  fs::path archive;
  json manifest, derived, report;
  bool ok = false;
  std::string error;
};

const SampleArchive& sample_archive() {
  static SampleArchive a = [] {
    SampleArchive s;
    const char* run_time = "2024-12-01T02:00:00+0800";
    setenv("LIANGHUA_RUN_TIME", run_time, 1);
    auto argv = [](const fs::path& archive) -> std::vector<std::string> {
      return {test::program().string(), "archive", "--documents", "--in", (test::source_dir() / "samples/inbox").string(),
              "--out", archive.string(), "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet", "--jobs", "2"};
    };
    std::vector<std::string> key = argv("ARCHIVE");
    key.push_back(run_time);
    // Made once for every Volume test process of this build (tests/support/shared_dir.h).
    const test::SharedDir shared = test::shared_dir("volume-sample", key, [&](const fs::path& dir) -> std::string {
      auto r = test::run(argv(dir / "ARCHIVE"));
      return r.exit_code <= 1 ? "" : "archive exit " + std::to_string(r.exit_code) + ": " + r.err;
    });
    s.error = shared.error;
    if (shared.dir.empty()) return s;
    s.archive = shared.dir / "ARCHIVE";
    s.manifest = read_json(s.archive / "manifest.json");
    s.derived = read_json(s.archive / "derived.json");
    s.report = read_json(s.archive / "reports/report.json");
    s.ok = s.error.empty();
    return s;
  }();
  return a;
}

#define REQUIRE_SAMPLE(a)                     \
  const SampleArchive& a = sample_archive();  \
  ASSERT_TRUE(a.ok) << a.error

// Text of an archived original as its own pages (PDF) or as one text (others).
std::vector<std::string> source_pages(const fs::path& file) {
  std::string bytes = test::read_file(file);
  std::vector<std::string> out;
  if (bytes.rfind("%PDF", 0) == 0) {
    Pdf p(bytes);
    for (int i = 0; i < p.pages(); ++i) out.push_back(squeeze(p.text(i)));
    return out;
  }
  auto f = ingest::inspect_bytes(file.filename().string(), bytes, {}, true);
  out.push_back(f.doc ? squeeze(f.doc->plain_text()) : "");
  return out;
}

// A piece of s (by code points) starting at character `from`, `n` characters long.
std::string piece(const std::string& s, size_t from, size_t n) {
  size_t i = 0, c = 0, start = std::string::npos;
  while (i < s.size()) {
    if (c == from) start = i;
    if (start != std::string::npos && c == from + n) return s.substr(start, i - start);
    unsigned char b = static_cast<unsigned char>(s[i]);
    i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    ++c;
  }
  return start == std::string::npos ? std::string() : s.substr(start);
}
// The characters of `probe` in order in `page`, each within `gap` bytes of the previous one: a
// wrapped table cell comes out of Poppler interleaved with the cells beside it.
bool contains_spread(const std::string& page, const std::string& probe, size_t gap = 240) {
  std::vector<std::string> cs;
  for (size_t i = 0; i < probe.size();) {
    unsigned char b = static_cast<unsigned char>(probe[i]);
    size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    cs.push_back(probe.substr(i, n));
    i += n;
  }
  if (cs.empty()) return true;
  for (size_t start = page.find(cs[0]); start != std::string::npos; start = page.find(cs[0], start + 1)) {
    size_t at = start + cs[0].size();
    bool ok = true;
    for (size_t k = 1; k < cs.size() && ok; ++k) {
      size_t nx = page.find(cs[k], at);
      ok = nx != std::string::npos && nx - at <= gap;
      if (ok) at = nx + cs[k].size();
    }
    if (ok) return true;
  }
  return false;
}

size_t chars(const std::string& s) {
  size_t c = 0;
  for (unsigned char b : s) c += (b & 0xC0) != 0x80;
  return c;
}

// --- what a clerk sees: page geometry through Poppler ---------------------------------------------

constexpr double kPt = 72.0 / 25.4;  // points per mm

// Page size as displayed (its /Rotate applied), in mm.
std::pair<double, double> shown_size_mm(PopplerDocument* doc, int i) {
  PopplerPage* pg = poppler_document_get_page(doc, i);
  double w = 0, h = 0;
  poppler_page_get_size(pg, &w, &h);
  g_object_unref(pg);
  return {w / kPt, h / kPt};
}

struct CharBox { std::string ch; double x0, y0, x1, y1; };  // mm, displayed page, top-left origin
// Each character Poppler extracts from a page with its box.
std::vector<CharBox> char_boxes(PopplerDocument* doc, int i) {
  std::vector<CharBox> out;
  for (const auto& c : test::page_chars(doc, i)) out.push_back({c.ch, c.x1 / kPt, c.y1 / kPt, c.x2 / kPt, c.y2 / kPt});
  return out;
}
// The boxes of the first occurrence of `needle` (consecutive characters) on the page.
std::vector<CharBox> find_chars(const std::vector<CharBox>& all, const std::string& needle) {
  std::vector<std::string> want;
  for (const char* p = needle.c_str(); *p; p = g_utf8_next_char(p)) want.emplace_back(p, static_cast<const char*>(g_utf8_next_char(p)));
  for (size_t i = 0; i + want.size() <= all.size(); ++i) {
    bool ok = true;
    for (size_t k = 0; k < want.size() && ok; ++k) ok = all[i + k].ch == want[k];
    if (ok) return {all.begin() + static_cast<long>(i), all.begin() + static_cast<long>(i + want.size())};
  }
  return {};
}

// The characters Poppler finds inside a rectangle of the page as displayed (mm from its top-left
// corner; a character counts when its centre is inside), in reading order, white space dropped.
// (poppler_page_get_text_for_area selects like a mouse drag and takes whole lines in between.)
std::string text_in_mm(PopplerDocument* doc, int i, double x0, double y0, double x1, double y1) {
  std::string s;
  for (const auto& c : char_boxes(doc, i)) {
    const double cx = (c.x0 + c.x1) / 2, cy = (c.y0 + c.y1) / 2;
    if (cx >= x0 && cx <= x1 && cy >= y0 && cy <= y1) s += c.ch;
  }
  return squeeze(s);
}

// A page as displayed, rendered by Poppler on white at `ppm` pixels per mm.
struct Raster {
  int w = 0, h = 0;
  double ppm = 1;
  std::vector<uint32_t> px;
  uint32_t at(int x, int y) const { return px[static_cast<size_t>(y) * static_cast<size_t>(w) + static_cast<size_t>(x)]; }
};
Raster rasterize(PopplerDocument* doc, int i, double ppm) {
  PopplerPage* pg = poppler_document_get_page(doc, i);
  double w = 0, h = 0;
  poppler_page_get_size(pg, &w, &h);
  Raster r;
  r.ppm = ppm;
  r.w = static_cast<int>(w / kPt * ppm);
  r.h = static_cast<int>(h / kPt * ppm);
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.w, r.h);
  cairo_t* cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, ppm / kPt, ppm / kPt);
  poppler_page_render(pg, cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const int stride = cairo_image_surface_get_stride(s);
  const unsigned char* data = cairo_image_surface_get_data(s);
  r.px.resize(static_cast<size_t>(r.w) * static_cast<size_t>(r.h));
  for (int y = 0; y < r.h; ++y)
    for (int x = 0; x < r.w; ++x) r.px[static_cast<size_t>(y) * r.w + x] = reinterpret_cast<const uint32_t*>(data + y * stride)[x];
  cairo_surface_destroy(s);
  g_object_unref(pg);
  return r;
}
bool is_red(uint32_t p) {
  int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
  return r > 150 && g < 120 && b < 120;
}
bool is_ink(uint32_t p) {
  int r = (p >> 16) & 255, g = (p >> 8) & 255, b = p & 255;
  return r < 110 && g < 110 && b < 110;
}
struct MmBox { double x0 = 1e9, y0 = 1e9, x1 = -1, y1 = -1; bool empty() const { return x1 < 0; } };
MmBox red_box(const Raster& r) {
  MmBox b;
  for (int y = 0; y < r.h; ++y)
    for (int x = 0; x < r.w; ++x)
      if (is_red(r.at(x, y))) {
        b.x0 = std::min(b.x0, x / r.ppm);
        b.y0 = std::min(b.y0, y / r.ppm);
        b.x1 = std::max(b.x1, (x + 1) / r.ppm);
        b.y1 = std::max(b.y1, (y + 1) / r.ppm);
      }
  return b;
}
// Rules inside a box (mm): vertical rules are pixel columns inked over ≥ 85 % of the box height
// (text never is), horizontal rules likewise for rows; adjacent lines count as one rule.
int rules(const Raster& r, const MmBox& b, bool vertical, bool (*ink)(uint32_t)) {
  const int x0 = static_cast<int>(b.x0 * r.ppm), x1 = std::min(r.w, static_cast<int>(b.x1 * r.ppm));
  const int y0 = static_cast<int>(b.y0 * r.ppm), y1 = std::min(r.h, static_cast<int>(b.y1 * r.ppm));
  int count = 0;
  bool in_rule = false;
  const int outer0 = vertical ? x0 : y0, outer1 = vertical ? x1 : y1;
  for (int a = std::max(0, outer0); a < outer1; ++a) {
    int hit = 0, n = 0;
    for (int c = vertical ? y0 : x0; c < (vertical ? y1 : x1); ++c, ++n) hit += ink(vertical ? r.at(a, c) : r.at(c, a));
    const bool line = n > 0 && hit >= 0.85 * n;
    if (line && !in_rule) ++count;
    in_rule = line;
  }
  return count;
}

// A one-page PDF made with cairo, w × h pt, with a line of text near the top-left of its user
// space; then /Rotate set with qpdf.
std::string source_pdf(double w, double h, int rotate, double heading_mm = -1, bool dark_top = false) {
  std::string bytes;
  auto sink = [](void* closure, const unsigned char* data, unsigned int len) -> cairo_status_t {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
    return CAIRO_STATUS_SUCCESS;
  };
  cairo_surface_t* s = cairo_pdf_surface_create_for_stream(sink, &bytes, w, h);
  cairo_t* cr = cairo_create(s);
  cairo_select_font_face(cr, "sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, 12);
  cairo_move_to(cr, 80, 120);
  cairo_show_text(cr, "Body text of the source");
  if (heading_mm >= 0) {  // a heading centred at the top, its baseline heading_mm down
    cairo_set_font_size(cr, 22);
    cairo_text_extents_t ext;
    cairo_text_extents(cr, "CATALOGUE OF ARCHIVED FILES", &ext);
    cairo_move_to(cr, (w - ext.width) / 2, heading_mm * kPt);
    cairo_show_text(cr, "CATALOGUE OF ARCHIVED FILES");
  }
  if (dark_top) {  // a scan whose whole top is dark
    cairo_rectangle(cr, 0, 0, w, 60 * kPt);
    cairo_fill(cr);
  }
  cairo_destroy(cr);
  cairo_surface_destroy(s);
  QPDF q;
  q.processMemoryFile("src.pdf", bytes.data(), bytes.size());
  auto pages = QPDFPageDocumentHelper(q).getAllPages();
  if (rotate) pages[0].getObjectHandle().replaceKey("/Rotate", QPDFObjectHandle::newInteger(rotate));
  QPDFWriter wr(q);
  wr.setOutputMemory();
  wr.write();
  auto buf = wr.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

// A page's text without the 页号 stamped on it (Poppler reads the number as a line of its own).
std::string without_page_number(const std::string& squeezed, int number) {
  const std::string n = std::to_string(number);
  if (squeezed.rfind(n, 0) == 0) return squeezed.substr(n.size());
  if (squeezed.size() >= n.size() && squeezed.compare(squeezed.size() - n.size(), n.size(), n) == 0)
    return squeezed.substr(0, squeezed.size() - n.size());
  return squeezed;
}

// Text of each w:tc of a DOCX's document.xml (tags dropped).
std::vector<std::string> docx_cells(const std::string& docx) {
  auto u = docx::test::unzip(docx);
  std::string xml = u.at("word/document.xml");
  std::vector<std::string> out;
  for (size_t at = xml.find("<w:tc>"); at != std::string::npos; at = xml.find("<w:tc>", at + 1)) {
    size_t end = xml.find("</w:tc>", at);
    std::string cell, inner = xml.substr(at, end - at);
    bool tag = false;
    for (char c : inner) {
      if (c == '<') tag = true;
      else if (c == '>') tag = false;
      else if (!tag) cell += c;
    }
    out.push_back(cell);
  }
  return out;
}

}  // namespace

TEST(Volume, EveryDocumentsTextIsOnExactlyThePagesTheContentsGive) {
  REQUIRE_SAMPLE(a);
  ASSERT_TRUE(a.derived.contains("volumes"));
  ASSERT_FALSE(a.derived["volumes"].empty());
  int checked_volumes = 0;
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    ASSERT_GT(vol.pages(), 0) << folder;
    EXPECT_EQ(vol.pages(), v["pages"].get<int>()) << folder;
    std::vector<std::string> pages;
    for (int i = 0; i < vol.pages(); ++i) pages.push_back(squeeze(vol.text(i)));
    std::map<std::string, json> items;
    for (const auto& it : a.manifest["items"]) items[it["archival_code"]] = it;
    for (const auto& row : v["contents"]) {
      std::string code = row["archival_code"];
      std::string range = row["pages"];
      int first = std::stoi(range), last = range.find('-') == std::string::npos ? first : std::stoi(range.substr(range.find('-') + 1));
      int first_index = row["pdf_first_page"].get<int>() - 1;
      int last_index = first_index + (last - first);
      ASSERT_LT(last_index, vol.pages()) << code;
      // The 目录 itself prints this 页号 on the row (its pages come right after the cover).
      std::string how = row["how"];
      std::string orig;
      for (const auto& f : items[code]["files"]) if (f["role"] == "original") orig = f["path"];
      if (how == "pdf") {
        auto src = source_pages(a.archive / orig);
        ASSERT_EQ(static_cast<int>(src.size()), last - first + 1) << code;
        for (size_t i = 0; i < src.size(); ++i)
          EXPECT_EQ(without_page_number(pages[first_index + i], first + static_cast<int>(i)), src[i]) << code << " page " << i;
      } else if (how == "typeset") {
        // Every paragraph or cell of the document's own text (≥ 4 characters) starts on a page of
        // its range; the first starts on the first page and the last ends on the last page.
        std::string raw;
        {
          std::string bytes = test::read_file(a.archive / orig);
          auto f = ingest::inspect_bytes(fs::path(orig).filename().string(), bytes, {}, true);
          raw = f.doc ? f.doc->plain_text() : "";
        }
        std::vector<std::string> segs, tails;
        std::string cur;
        for (char ch : raw + "\n") {
          if (ch == '\n' || ch == '\t') {
            std::string sq = squeeze(cur);
            if (chars(sq) >= 2 && sq.find("{PAGE}") == std::string::npos) tails.push_back(sq);
            if (chars(sq) >= 4 && sq.find("{PAGE}") == std::string::npos) segs.push_back(sq);
            cur.clear();
          } else {
            cur += ch;
          }
        }
        if (segs.empty()) continue;
        for (const auto& sg : segs) {
          std::string probe = piece(sg, 0, 6);
          bool inside = false;
          for (int p = first_index; p <= last_index && !inside; ++p) inside = contains_spread(pages[p], probe);
          EXPECT_TRUE(inside) << code << " '" << probe << "' (of '" << sg << "') not on pages " << range;
        }
        EXPECT_TRUE(contains_spread(pages[first_index], piece(segs.front(), 0, 6))) << code << " starts on page " << first;
        const std::string& lastseg = tails.back();
        // A trailing page holding only its page number (— n —) is a layout artefact (reported to
        // the layout owner): the text then ends on the page before.
        int end_index = last_index;
        auto only_number = [](const std::string& pg) { return pg.size() < 16 && pg.rfind("—", 0) == 0; };
        auto page_no = [&](int index) { return first + (index - first_index); };
        while (end_index > first_index && only_number(without_page_number(pages[end_index], page_no(end_index)))) --end_index;
        EXPECT_TRUE(contains_spread(pages[end_index], piece(lastseg, chars(lastseg) - std::min<size_t>(4, chars(lastseg)), 4))) << code << " ends on page " << last;
      } else if (how == "image") {
        EXPECT_NE(pages[first_index].find(squeeze(items[code]["title"].get<std::string>())), std::string::npos) << code;
      } else if (how == "placeholder") {
        EXPECT_NE(pages[first_index].find("文件无法编入本卷"), std::string::npos) << code;
      }
      // The 目录 page(s) (between the cover and the first document) show the row's 页号.
      bool listed = false;
      const int contents_end = v["contents"][0]["pdf_first_page"].get<int>() - 1;
      ASSERT_NE(pages[1].find("卷内文件目录"), std::string::npos);
      for (int p = 1; p < contents_end && !listed; ++p) listed = pages[p].find(range) != std::string::npos;
      EXPECT_TRUE(listed) << code << " 页号 " << range << " not on the 目录";
    }
    ++checked_volumes;
  }
  EXPECT_GE(checked_volumes, 3);
}

TEST(Volume, BookmarksLandOnTheContentsPagesAndNotesCountThePages) {
  REQUIRE_SAMPLE(a);
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    PopplerIndexIter* it = poppler_index_iter_new(vol.doc);
    ASSERT_NE(it, nullptr) << folder << ": no outline";
    std::map<std::string, int> leaves;
    std::vector<std::string> tops;
    walk_outline(vol.doc, it, leaves, tops, 0);
    poppler_index_iter_free(it);
    EXPECT_EQ(tops.front(), "卷宗封面");
    EXPECT_EQ(tops.back(), "卷内备考表");
    EXPECT_NE(std::find(tops.begin(), tops.end(), "正卷"), tops.end()) << folder;
    for (const auto& row : v["contents"]) {
      std::string title = std::to_string(row["seq"].get<int>()) + " " + row["title"].get<std::string>();
      ASSERT_TRUE(leaves.count(title)) << folder << ": no bookmark " << title;
      EXPECT_EQ(leaves[title], row["pdf_first_page"].get<int>() - 1) << title;
    }
    // 备考表: the last page states the document pages and the whole volume's pages.
    std::string notes = squeeze(vol.text(vol.pages() - 1));
    EXPECT_NE(notes.find("卷内备考表"), std::string::npos);
    EXPECT_NE(notes.find("全卷共" + std::to_string(vol.pages()) + "页"), std::string::npos) << notes;
    EXPECT_NE(notes.find("共" + std::to_string(v["numbered_pages"].get<int>()) + "页（不含"), std::string::npos) << notes;
    // Metadata: title = 案号 案由.
    gchar* t = poppler_document_get_title(vol.doc);
    std::string title = t ? t : "";
    g_free(t);
    EXPECT_EQ(title.rfind(v["case_number"].get<std::string>(), 0), 0u) << title;
    // Page labels: cover, 目录, then 1…N.
    PopplerPage* p0 = poppler_document_get_page(vol.doc, 0);
    gchar* l0 = poppler_page_get_label(p0);
    EXPECT_STREQ(l0, "封面");
    g_free(l0);
    g_object_unref(p0);
  }
}

TEST(Volume, CaseAHasItsCoverFacts) {
  REQUIRE_SAMPLE(a);
  bool seen = false;
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    if (v["case_number"] != "南市监处罚〔2024〕12号") continue;
    seen = true;
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    std::string cover = squeeze(vol.text(0));
    EXPECT_NE(cover.find("南岭县鲜丰食品贸易有限公司"), std::string::npos) << cover;
    EXPECT_NE(cover.find("经营超过保质期的食品"), std::string::npos) << cover;
    EXPECT_NE(cover.find("罚款"), std::string::npos) << cover;
    EXPECT_NE(cover.find("永久"), std::string::npos) << cover;
  }
  EXPECT_TRUE(seen);
}

// The bug: 27号's 立案审批表.pdf is a table and Poppler ran its 案由 cell into the value
// ("案由涉嫌未明码标价"): the cover's 案由 and 案件名称 were blank. 涉嫌 is not on the cover: it states
// the violation decided (案件名称 = 当事人全称 + 违法行为表述 + 案, domain.md §2).
TEST(Volume, TheCauseInAPdfFormsTableCellReachesTheCover) {
  REQUIRE_SAMPLE(a);
  bool seen = false;
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    if (v["case_number"] != "南市监处罚〔2024〕27号") continue;
    seen = true;
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    std::string cover = squeeze(vol.text(0));
    EXPECT_NE(cover.find("案件名称南岭县石门镇李记粮油店未明码标价案"), std::string::npos) << cover;
    EXPECT_NE(cover.find("未明码标价当事人"), std::string::npos) << cover;  // 案由, then the next row
    EXPECT_EQ(cover.find("涉嫌"), std::string::npos) << cover;
    for (const auto& p : v.value("problems", json::array())) EXPECT_EQ(p.get<std::string>().find("案由"), std::string::npos) << p;
  }
  EXPECT_TRUE(seen);
}

TEST(Volume, CatalogueXlsxHasOneRowPerItemViaLibreOffice) {
  REQUIRE_SAMPLE(a);
  if (!test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  std::map<std::string, std::set<std::string>> codes;  // folder → 档号
  for (const auto& it : a.manifest["items"])
    codes[it["category"].get<std::string>() + "/" + std::to_string(it["year"].get<int>())].insert(it["archival_code"]);
  // Every folder's catalogue in one LibreOffice start (a start is most of a conversion's time),
  // each under a name of its own.
  const fs::path dir = test::temp_dir("vol-lo");
  std::vector<std::string> argv = {"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(), "--headless",
                                   "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", (dir / "csv").string()};
  std::vector<std::string> folders;
  for (const auto& [folder, want] : codes) {
    fs::path x = a.archive / folder / "归档文件目录.xlsx";
    ASSERT_TRUE(fs::exists(x)) << x;
    const fs::path named = dir / (std::to_string(folders.size()) + ".xlsx");
    fs::copy_file(x, named);
    argv.push_back(named.string());
    folders.push_back(folder);
  }
  auto r = test::run(argv);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int checked = 0;
  for (size_t i = 0; i < folders.size(); ++i) {
    const std::string& folder = folders[i];
    const std::set<std::string>& want = codes[folder];
    std::ifstream in(dir / "csv" / (std::to_string(i) + ".csv"));
    ASSERT_TRUE(in) << folder << ": LibreOffice wrote no CSV\n" << r.out << r.err;
    std::string line;
    std::multiset<std::string> got;
    while (std::getline(in, line)) {
      for (const auto& c : want)
        if (line.find("," + c + ",") != std::string::npos || line.find(",\"" + c + "\",") != std::string::npos) got.insert(c);
    }
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), want) << folder;
    EXPECT_EQ(got.size(), want.size()) << folder << ": a 档号 on more than one row";
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(Volume, EveryDocxPartIsSchemaValid) {
  REQUIRE_SAMPLE(a);
  if (!docx::test::SchemaSet::schema_dir()) GTEST_SKIP() << "../shared/schemas/ooxml not present";
  std::vector<fs::path> files;
  for (auto& e : fs::recursive_directory_iterator(a.archive))
    if (e.path().extension() == ".docx" &&
        (e.path().filename() == "案卷.docx" || e.path().filename() == "归档文件目录.docx" ||
         e.path().parent_path().filename() == "检查笔录"))
      files.push_back(e.path());
  ASSERT_FALSE(files.empty());
  xmlExternalEntityLoader ingest_loader = xmlGetExternalEntityLoader();
  xmlSetExternalEntityLoader(g_default_loader);
  int n = 0;
  for (const auto& f : files) {
    if (f.parent_path().filename() == "检查笔录" && ++n > 4) continue;  // a few records suffice
    auto u = docx::test::unzip(test::read_file(f));
    for (const auto& name : u.names) {
      std::string xsd = docx::test::schema_for(name);
      if (xsd.empty()) continue;
      EXPECT_EQ(docx::test::SchemaSet::instance().validate(u.at(name), xsd), "") << f << " " << name;
    }
  }
  xmlSetExternalEntityLoader(ingest_loader);
}

TEST(Volume, ReadingCopiesCarryTheArchiveStampTopCentre) {
  REQUIRE_SAMPLE(a);
  int checked = 0;
  for (auto& [code, st] : a.derived["items"].items()) {
    for (const auto& f : st["files"]) {
      std::string p = f["path"];
      if (p.find("/阅览本/") == std::string::npos || fs::path(p).extension() != ".pdf") continue;  // not the .ofd beside it
      Pdf pdf(test::read_file(a.archive / p));
      ASSERT_GT(pdf.pages(), 0) << p;
      PopplerPage* pg = poppler_document_get_page(pdf.doc, 0);
      double w, h;
      poppler_page_get_size(pg, &w, &h);
      PopplerRectangle top{w / 2 - 70, 0, w / 2 + 70, 70};
      char* t = poppler_page_get_text_for_area(pg, &top);
      std::string s = squeeze(t ? t : "");
      g_free(t);
      g_object_unref(pg);
      EXPECT_NE(s.find("Z109"), std::string::npos) << p << ": " << s;
      std::string num = code.substr(code.size() - 4);
      EXPECT_NE(s.find(num), std::string::npos) << p << ": " << s;
      EXPECT_EQ(std::to_string(pdf.pages()), std::to_string(st["pages"].get<int>())) << p;
      ++checked;
    }
  }
  EXPECT_GT(checked, 10);
}

TEST(Volume, ReportsAndCataloguesAreMasked) {
  REQUIRE_SAMPLE(a);
  std::string report = test::read_file(a.archive / "reports/report.json") + test::read_file(a.archive / "reports/report.html");
  for (const char* id : {"441829197804129637", "44182919691103070X", "13826631458"})
    EXPECT_EQ(report.find(id), std::string::npos) << id;
  for (auto& e : fs::recursive_directory_iterator(a.archive))
    if (e.path().filename() == "归档文件目录.pdf") {
      Pdf p(test::read_file(e.path()));
      for (int i = 0; i < p.pages(); ++i) EXPECT_EQ(p.text(i).find("441829197804129637"), std::string::npos);
    }
}

TEST(Volume, RecordProblemsAreListedNotFilled) {
  REQUIRE_SAMPLE(a);
  ASSERT_TRUE(a.report.contains("derived"));
  std::map<std::string, std::set<std::string>> by_record;
  for (const auto& r : a.report["derived"]["record_issues"])
    for (const auto& p : r["problems"]) by_record[r["record_id"]].insert(p["field"]);
  EXPECT_TRUE(by_record["JC2024-0004"].count("officers"));
  EXPECT_TRUE(by_record["JC2024-0007"].count("credit_code"));
  EXPECT_TRUE(by_record["JC2024-0009"].count("dates"));
  EXPECT_NE(test::read_file(a.archive / "reports/report.html").find("现场检查笔录：缺少或无效的项目"), std::string::npos);
}

TEST(Volume, ReRunIsByteIdenticalAndRebuildsNothing) {
  REQUIRE_SAMPLE(a);
  std::map<std::string, std::string> before;
  for (auto& e : fs::recursive_directory_iterator(a.archive))
    if (e.is_regular_file() && e.path().string().find("/reports/") == std::string::npos)
      before[e.path().string()] = *package::sha256_file(e.path());
  // A copy, so the shared archive stays as the other tests expect.
  fs::path copy = test::temp_dir("vol-rerun") / "ARCHIVE";
  fs::copy(a.archive, copy, fs::copy_options::recursive);
  setenv("LIANGHUA_RUN_TIME", "2024-12-02T02:00:00+0800", 1);
  // An unchanged night takes the shortcut of unchanged_run.h and touches nothing at all; a reader
  // option that concludes nothing new (--timeout) forces the full run, in which every derived
  // output must be found up to date and reused.
  auto r = test::run({test::program().string(), "archive", "--documents", "--in", (test::source_dir() / "samples/inbox").string(), "--out",
                      copy.string(), "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet", "--jobs", "2",
                      "--timeout", "31"});
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  for (const auto& [path, hash] : before) {
    if (path.find("catalog.db") != std::string::npos || path.find(".lock") != std::string::npos) continue;
    fs::path p = copy / fs::relative(path, a.archive);
    auto h = package::sha256_file(p);
    ASSERT_TRUE(h) << p;
    EXPECT_EQ(*h, hash) << p;
  }
  json rep = read_json(copy / "reports/report.json");
  EXPECT_EQ(rep["derived"]["derived_counts"]["rebuilt"], 0);
}

// Issue 12 §5 (the one-new-document night): a derived output is known unchanged by the stamp it was
// written with (size, mtime_ns, inode), not re-hashed every night.
namespace {

// The sample archive copied: its catalogue's stamps are of the sample's files, not the copy's; one full night
// re-hashes the copied outputs once and records their new stamps.
fs::path stamped_copy(const SampleArchive& a, const std::string& name) {
  fs::path copy = test::temp_dir(name) / "ARCHIVE";
  fs::copy(a.archive, copy, fs::copy_options::recursive);
  return copy;
}

test::CommandResult full_night(const fs::path& archive, const std::string& when, const std::string& timeout = "31") {
  setenv("LIANGHUA_RUN_TIME", when.c_str(), 1);
  // --timeout (a reader option that concludes nothing new) forces the full run past unchanged_run.h;
  // the same value twice is an unchanged night, which does not look at the archive's files at all.
  return test::run({test::program().string(), "archive", "--in", (test::source_dir() / "samples/inbox").string(), "--out",
                    archive.string(), "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet", "--jobs", "2",
                    "--timeout", timeout});
}

// The stamps the catalogue keeps for the derived outputs (filing::Catalogue::derived_stamps).
std::map<std::string, filing::DerivedStamp> recorded_stamps(const fs::path& archive) {
  return filing::Catalogue(archive / "catalog.db", filing::Catalogue::ReadOnly::Yes).derived_stamps();
}

// Every output derived.json lists has the catalogue's stamp of its file as it is now, for its SHA-256.
void expect_stamps_recorded(const fs::path& archive) {
  const auto stamps = recorded_stamps(archive);
  const json d = read_json(archive / "derived.json");
  size_t n = 0;
  for (const char* sec : {"items", "volumes", "catalogues"})
    for (auto& [k, e] : d[sec].items())
      for (const auto& f : e["files"]) {
        const std::string rel = f["path"];
        EXPECT_FALSE(f.contains("stamp")) << rel;
        auto st = package::file_stamp(archive / rel);
        ASSERT_TRUE(st) << rel;
        auto it = stamps.find(rel);
        ASSERT_NE(it, stamps.end()) << rel;
        EXPECT_EQ(it->second, (filing::DerivedStamp{f["sha256"], st->size, st->mtime_ns, st->inode})) << rel;
        ++n;
      }
  EXPECT_GT(n, 10u);
  EXPECT_EQ(stamps.size(), n);  // no stamp of an output no longer listed
}

// One reading copy and one 案卷.pdf of derived.json, relative to the archive.
std::pair<std::string, std::string> copy_and_volume(const json& derived) {
  std::string copy, volume;
  for (auto& [code, e] : derived["items"].items())
    for (const auto& f : e["files"])
      if (copy.empty() && f["path"].get<std::string>().find("阅览本") != std::string::npos) copy = f["path"];
  for (auto& [folder, e] : derived["volumes"].items())
    for (const auto& f : e["files"])
      if (volume.empty() && fs::path(f["path"].get<std::string>()).filename() == "案卷.pdf") volume = f["path"];
  return {copy, volume};
}

// Overwrites one byte in place (same inode, same size) and sets the mtime back to what it was.
void flip_byte_keeping_stamp(const fs::path& p) {
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
  f.seekg(static_cast<std::streamoff>(st.st_size / 2));
  char c = 0;
  f.read(&c, 1);
  c = static_cast<char>(c ^ 0x20);
  f.seekp(static_cast<std::streamoff>(st.st_size / 2));
  f.write(&c, 1);
  f.close();
  const struct timespec times[2] = {st.st_atim, st.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
  struct stat after {};
  ASSERT_EQ(::stat(p.c_str(), &after), 0);
  ASSERT_EQ(after.st_ino, st.st_ino);
  ASSERT_EQ(after.st_size, st.st_size);
  ASSERT_EQ(after.st_mtim.tv_nsec, st.st_mtim.tv_nsec);
}

}  // namespace

TEST(Volume, EveryDerivedOutputCarriesTheStampItWasWrittenWith) {
  REQUIRE_SAMPLE(a);
  // In the catalogue, not in derived.json (which stays byte-identical across runs on the same inputs).
  expect_stamps_recorded(a.archive);
}

// A catalogue of an older lianghua (no stamp table), or an archive restored from a copy (other
// inodes): the night re-hashes each output once, rebuilds nothing, records the stamps, and leaves
// derived.json as it was.
TEST(Volume, OutputsWithoutTheirStampAreReHashedOnceAndKept) {
  REQUIRE_SAMPLE(a);
  fs::path copy = stamped_copy(a, "vol-nostamp");
  sql_in(copy, "DROP TABLE derived_stamps");
  const std::string derived_before = test::read_file(copy / "derived.json");
  auto r = full_night(copy, "2024-12-02T02:00:00+0800");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_EQ(read_json(copy / "reports/report.json")["derived"]["derived_counts"]["rebuilt"], 0);
  EXPECT_EQ(test::read_file(copy / "derived.json"), derived_before);
  expect_stamps_recorded(copy);
}

// A stamp that matches the file but was recorded for another SHA-256 (a crash between derived.json
// and the catalogue's stamps) is not trusted: the file is re-hashed, found edited and rewritten.
TEST(Volume, StampRecordedForAnotherShaIsNotTrusted) {
  REQUIRE_SAMPLE(a);
  fs::path copy = stamped_copy(a, "vol-othersha");
  ASSERT_TRUE(full_night(copy, "2024-12-02T02:00:00+0800").exit_code <= 1);
  auto [reading, volume] = copy_and_volume(read_json(copy / "derived.json"));
  ASSERT_FALSE(reading.empty());
  const std::string sha = *package::sha256_file(copy / reading);
  flip_byte_keeping_stamp(copy / reading);
  sql_in(copy, "UPDATE derived_stamps SET sha256 = '" + std::string(64, '0') + "' WHERE path = '" + reading + "'");
  auto r = full_night(copy, "2024-12-03T02:00:00+0800", "32");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_EQ(*package::sha256_file(copy / reading), sha);
  EXPECT_GE(read_json(copy / "reports/report.json")["derived"]["derived_counts"]["rebuilt"].get<int>(), 1);
  expect_stamps_recorded(copy);
}

// Edited behind our back with size, inode and mtime kept: the night trusts the stamp, `verify`
// (which re-hashes every derived output) names the file.
TEST(Volume, DerivedOutputEditedWithItsStampKeptIsCaughtByVerify) {
  REQUIRE_SAMPLE(a);
  fs::path copy = stamped_copy(a, "vol-sneaky");
  ASSERT_TRUE(full_night(copy, "2024-12-02T02:00:00+0800").exit_code <= 1);
  auto [reading, volume] = copy_and_volume(read_json(copy / "derived.json"));
  ASSERT_FALSE(reading.empty());
  ASSERT_FALSE(volume.empty());
  ASSERT_EQ(test::run({test::program().string(), "verify", copy.string()}).exit_code, 0);
  for (const auto& rel : {reading, volume}) flip_byte_keeping_stamp(copy / rel);
  auto v = test::run({test::program().string(), "verify", copy.string()});
  EXPECT_EQ(v.exit_code, 1) << v.out << v.err;
  for (const auto& rel : {reading, volume}) {
    const size_t at = v.out.find(rel);
    ASSERT_NE(at, std::string::npos) << rel << "\n" << v.out;
    EXPECT_NE(v.out.rfind("hash-mismatch", at), std::string::npos) << v.out;
  }
}

// Edited with its size or mtime changed: the next night finds it by its stamp, re-hashes it and
// writes it again, and verify is clean after.
TEST(Volume, DerivedOutputWithAnotherSizeOrMtimeIsRewrittenByTheNextNight) {
  REQUIRE_SAMPLE(a);
  fs::path copy = stamped_copy(a, "vol-edited");
  ASSERT_TRUE(full_night(copy, "2024-12-02T02:00:00+0800").exit_code <= 1);
  const json d = read_json(copy / "derived.json");
  auto [reading, volume] = copy_and_volume(d);
  ASSERT_FALSE(reading.empty());
  ASSERT_FALSE(volume.empty());
  const std::string reading_sha = *package::sha256_file(copy / reading), volume_sha = *package::sha256_file(copy / volume);
  // The reading copy truncated by a byte (another size); the volume edited in place, same size, mtime now.
  {
    std::string b = test::read_file(copy / reading);
    b.pop_back();
    std::ofstream(copy / reading, std::ios::binary | std::ios::trunc) << b;
  }
  {
    std::string b = test::read_file(copy / volume);
    b[b.size() / 2] = static_cast<char>(b[b.size() / 2] ^ 0x20);
    std::ofstream(copy / volume, std::ios::binary | std::ios::trunc) << b;
    fs::last_write_time(copy / volume, fs::last_write_time(copy / volume) + std::chrono::seconds(5));
  }
  auto r = full_night(copy, "2024-12-03T02:00:00+0800", "32");
  ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_EQ(*package::sha256_file(copy / reading), reading_sha);
  EXPECT_EQ(*package::sha256_file(copy / volume), volume_sha);
  EXPECT_GE(read_json(copy / "reports/report.json")["derived"]["derived_counts"]["rebuilt"].get<int>(), 2);
  auto v = test::run({test::program().string(), "verify", copy.string()});
  EXPECT_EQ(v.exit_code, 0) << v.out;
}

// A case whose decision PDF is damaged (but was archived): the volume still builds, with a
// placeholder page saying why, and the run report lists it.
TEST(Volume, DamagedSourcePdfGetsAPlaceholderPage) {
  auto base = test::temp_dir("vol-damaged");
  fs::path inbox = base / "INBOX";
  std::vector<model::InspectedFile> files;
  int64_t clock = 1704067200LL * 1000000000LL;
  model::CaseNumber cn{"城市监处罚\u30142024\u301512号", "城市监处罚〔2024〕12号", false};
  auto add = [&](const std::string& rel, const std::string& bytes, const std::string& title, model::Format fmt, int doc,
                 const std::string& date) {
    test::write_file(inbox / rel, bytes);
    model::InspectedFile f;
    f.path = rel;
    f.source_path = (inbox / rel).string();
    f.sha256 = package::sha256_hex(bytes);
    f.size = bytes.size();
    f.mtime_ns = (clock += 3600LL * 1000000000LL);
    f.meta.format = fmt;
    f.title = title;
    f.fields.case_numbers = {cn};
    f.fields.doc_type_number = doc;
    f.fields.dates = {date};
    files.push_back(f);
  };
  add("案件/张三案/行政处罚决定书.pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "行政处罚决定书", model::Format::Pdf, 45, "2024-03-01");
  add("案件/张三案/立案审批表.txt", "立案审批表\n案由：无照经营\n当事人：张三\n", "立案审批表", model::Format::Text, 7, "2024-02-01");
  package::ArchiveOptions o;
  o.derived_outputs = true;
  o.in_dir = inbox;
  o.out_dir = base / "ARCHIVE";
  o.scheme = test::source_dir() / "templates/scheme/default.xml";
  o.office = test::source_dir() / "samples/office.xml";
  o.run_started_at = "2024-06-01T02:00:00+0800";
  auto r = package::run_archive(files, o);
  ASSERT_TRUE(r.ok()) << r.error;
  json d = read_json(base / "ARCHIVE/derived.json");
  ASSERT_EQ(d["volumes"].size(), 1u);
  auto& [folder, v] = *d["volumes"].items().begin();
  Pdf vol(test::read_file(base / "ARCHIVE" / folder / "案卷.pdf"));
  ASSERT_GT(vol.pages(), 3);
  bool placeholder = false;
  for (const auto& row : v["contents"]) {
    if (row["how"] != "placeholder") continue;
    placeholder = true;
    std::string page = squeeze(vol.text(row["pdf_first_page"].get<int>() - 1));
    EXPECT_NE(page.find("文件无法编入本卷"), std::string::npos) << page;
    EXPECT_NE(page.find("PDF原件已损坏"), std::string::npos) << page;
  }
  EXPECT_TRUE(placeholder);
  json rep = read_json(base / "ARCHIVE/reports/report.json");
  ASSERT_EQ(rep["derived"]["placeholders"].size(), 1u);
  EXPECT_NE(rep["derived"]["placeholders"][0]["reason"].get<std::string>().find("损坏"), std::string::npos);
  EXPECT_NE(squeeze(vol.text(vol.pages() - 1)).find("以占位页代替"), std::string::npos);
}

TEST(Volume, StampIsFortyFiveBySixteenMillimetres) {
  std::string s = compose::archive_stamp_pdf({"Z109", "2024", "0007", "SMS", "永久", "3"});
  auto size = pdf::page_size(s, 0);
  ASSERT_TRUE(size);
  EXPECT_NEAR(size->first, 45 * 72 / 25.4, 0.2);
  EXPECT_NEAR(size->second, 16 * 72 / 25.4, 0.2);
  Pdf p(s);
  std::string t = squeeze(p.text(0));
  for (const char* v : {"Z109", "2024", "0007", "SMS", "永久", "3"}) EXPECT_NE(t.find(v), std::string::npos) << v;
}

// Reading copies that cost what they must (issue 12 items 1 and 3): the 归档章 is a small overlay
// (its font cut to its few glyphs), and a PDF original's reading copy is that PDF plus the stamp:
// every stream of the original is carried over byte for byte, none decoded and re-encoded.
TEST(Volume, StampOverlayIsSmallAndTheOriginalsStreamsAreCopiedAsTheyAre) {
  const compose::StampValues v{"Z109", "2024", "0007", "南岭县市场监督管理局", "永久", "12"};
  const std::string stamp = compose::archive_stamp_pdf(v);
  EXPECT_LT(stamp.size(), 15u * 1024);
  const std::string original = source_pdf(595.28, 841.89, 0, 14);
  const std::string stamped = compose::stamp_first_page(original, v);
  EXPECT_LT(stamped.size(), original.size() + 15u * 1024) << original.size() << " → " << stamped.size();
  auto raw_streams = [](const std::string& bytes) {
    QPDF q;
    q.processMemoryFile("s.pdf", bytes.data(), bytes.size());
    std::multiset<std::string> out;
    for (QPDFObjectHandle o : q.getAllObjects())
      if (o.isStream()) {  // as stored: still compressed
        auto b = o.getRawStreamData();
        out.insert(std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize()));
      }
    return out;
  };
  const auto before = raw_streams(original), after = raw_streams(stamped);
  ASSERT_FALSE(before.empty());
  for (const std::string& s : before) EXPECT_EQ(after.count(s), before.count(s)) << "a stream of " << s.size() << " bytes changed";
}

TEST(Volume, RecordChecks) {
  model::InspectionRecord r;
  r.officers = {{"王五", "44182900001"}};
  r.credit_code = "91350100M000100Y4Z";
  r.inspected_at = "2024-05-21T15:00";
  r.recorded_at = "2024-05-20";
  std::set<std::string> fields;
  for (const auto& p : compose::check_record(r)) fields.insert(p.field);
  for (const char* f : {"officers", "credit_code", "dates", "subject", "address", "content"}) EXPECT_TRUE(fields.count(f)) << f;
  r.officers.push_back({"赵六", ""});
  r.credit_code = "914403001922038216";
  r.inspected_at = "2024-05-20T09:00";
  fields.clear();
  for (const auto& p : compose::check_record(r)) fields.insert(p.field);
  EXPECT_FALSE(fields.count("officers"));
  EXPECT_TRUE(fields.count("certificate"));
  EXPECT_FALSE(fields.count("credit_code"));
  EXPECT_FALSE(fields.count("dates"));
}

// --- issue 5 gaps: 页号, the cover's ruled box, the 归档章 on turned pages, 责任者, public outputs ---

// 编页 (domain.md §2): every page of the documents carries its 页号 in the upper-right corner, the
// number the 卷内文件目录 gives; 封面, 目录 and 备考表 carry none.
TEST(Volume, PageNumbersStandUpperRightOnEveryNumberedPage) {
  REQUIRE_SAMPLE(a);
  int checked = 0;
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    const auto& rows = v["contents"];
    ASSERT_FALSE(rows.empty()) << folder;
    const int front = rows[0]["pdf_first_page"].get<int>() - 1;
    const int numbered = v["numbered_pages"].get<int>();
    auto corner = [&](int i) {
      auto [w, h] = shown_size_mm(vol.doc, i);
      return text_in_mm(vol.doc, i, w - 45, 3, w - 3, 20);  // the upper-right corner as displayed
    };
    for (const auto& row : rows) {  // each document starts on the page its 目录 row names
      const std::string range = row["pages"];
      EXPECT_EQ(corner(row["pdf_first_page"].get<int>() - 1), range.substr(0, range.find('-'))) << folder << " " << row["archival_code"];
    }
    for (int n = 1; n <= numbered; ++n) EXPECT_EQ(corner(front + n - 1), std::to_string(n)) << folder << " 页号 " << n;
    for (int i = 0; i < front; ++i) EXPECT_EQ(corner(i), "") << folder << ": front page " << i << " is numbered";
    for (int i = front + numbered; i < vol.pages(); ++i) EXPECT_EQ(corner(i), "") << folder << ": 备考表 page " << i << " is numbered";
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

// 范本 54: the 全宗号/目录号/案卷号 box on the cover is ruled, every cell (two rows of three).
TEST(Volume, CoverArchivalNumberBoxIsRuled) {
  REQUIRE_SAMPLE(a);
  ASSERT_FALSE(a.derived["volumes"].empty());
  const std::string folder = a.derived["volumes"].begin().key();
  const json& v = a.derived["volumes"][folder];
  Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
  auto label = find_chars(char_boxes(vol.doc, 0), "全宗号");
  ASSERT_EQ(label.size(), 3u) << "no 全宗号 on the cover";
  auto value = find_chars(char_boxes(vol.doc, 0), v["volume_no"].get<std::string>());
  ASSERT_FALSE(value.empty()) << "no 案卷号 on the cover";
  Raster r = rasterize(vol.doc, 0, 8);
  // Band through the header row, from well left of 全宗号 to well right of the 案卷号 value (each is
  // centred in a cell about 20 mm wide; nothing else is drawn beside the box).
  MmBox across{label.front().x0 - 12, label.front().y0 - 0.6, value.back().x1 + 12, label.front().y1 + 0.6};
  EXPECT_EQ(rules(r, across, /*vertical=*/true, is_ink), 4) << "cell rules across the header row";
  MmBox down{label.front().x0 - 0.5, label.front().y0 - 4, label.back().x1 + 0.5, value.front().y1 + 4};
  EXPECT_EQ(rules(r, down, /*vertical=*/false, is_ink), 3) << "rules above, between and below the two rows";
}

// DA/T 22-2015 归档章 on pages turned by /Rotate and on landscape pages: 45 × 16 mm, red, six cells,
// top centre of the page as displayed, its text upright to the reader.
TEST(Volume, ArchiveStampIsUprightAtTheTopOfTurnedAndLandscapePages) {
  const compose::StampValues v{"Z109", "2024", "0007", "SMS", "永久", "3"};
  struct Case { double w, h; int rotate; };
  for (Case c : {Case{595.28, 841.89, 0}, Case{595.28, 841.89, 90}, Case{595.28, 841.89, 180}, Case{595.28, 841.89, 270},
                 Case{841.89, 595.28, 0}, Case{841.89, 595.28, 90}, Case{841.89, 595.28, -90}}) {
    SCOPED_TRACE(std::to_string(c.w) + "x" + std::to_string(c.h) + " /Rotate " + std::to_string(c.rotate));
    Pdf p(compose::stamp_first_page(source_pdf(c.w, c.h, c.rotate), v));
    ASSERT_EQ(p.pages(), 1);
    auto [w, h] = shown_size_mm(p.doc, 0);
    MmBox red = red_box(rasterize(p.doc, 0, 8));
    ASSERT_FALSE(red.empty()) << "no red stamp";
    EXPECT_NEAR(red.x1 - red.x0, 45, 0.8);
    EXPECT_NEAR(red.y1 - red.y0, 16, 0.8);
    EXPECT_NEAR((red.x0 + red.x1) / 2, w / 2, 0.8) << "centred on the displayed width " << w;
    EXPECT_NEAR(red.y0, compose::kStampFromTopMm, 0.8) << "at the displayed top";
    Raster r = rasterize(p.doc, 0, 8);
    EXPECT_EQ(rules(r, red, true, is_red), 4) << "three columns";
    EXPECT_EQ(rules(r, red, false, is_red), 3) << "two rows";
    auto code = find_chars(char_boxes(p.doc, 0), "Z109");
    ASSERT_EQ(code.size(), 4u);
    for (size_t i = 1; i < code.size(); ++i) {  // upright: left to right on one baseline
      EXPECT_GT(code[i].x0, code[i - 1].x0);
      EXPECT_NEAR(code[i].y1, code[0].y1, 0.3);
    }
    EXPECT_GE(code[0].x0, red.x0);
    EXPECT_LE(code[3].x1, red.x1);
    EXPECT_GE(code[0].y0, red.y0 - 0.3);
    EXPECT_LE(code[0].y1, red.y0 + 8.3) << "全宗号 in the top row";
    EXPECT_NE(squeeze(p.text(0)).find("Bodytextofthesource"), std::string::npos) << "the page's own text is kept";
  }
}

// 责任者: the agency the document names (its header or 落款), the party for the party's own paper,
// the inspecting office for inspection records; never the 全宗名称 for everything.
TEST(Volume, ResponsiblePartyIsTheIssuerTheDocumentNames) {
  REQUIRE_SAMPLE(a);
  const std::string agency = "南岭县市场监督管理局", office = "南岭县市场监督管理局石门市场监督管理所",
                    party = "南岭县鲜丰食品贸易有限公司";
  bool seen = false, statement = false;
  for (auto& [folder, v] : a.derived["volumes"].items()) {
    for (const auto& row : v["contents"])
      if (row["title"] == "陈述申辩书") {
        EXPECT_EQ(row["author"], party) << "the party signs its 陈述申辩书";
        statement = true;
      }
    if (v["case_number"] != "南市监处罚〔2024〕12号") continue;
    seen = true;
    for (const auto& row : v["contents"]) {
      const std::string title = row["title"];
      if (title == "行政处罚决定书" || title == "现场笔录" || title == "案件调查终结报告") {
        EXPECT_EQ(row["author"], agency) << title;
      }
    }
    // What the clerk reads: the 目录 page of the PDF and the 目录 table of 案卷.docx.
    Pdf vol(test::read_file(a.archive / folder / "案卷.pdf"));
    bool on_contents = false;
    for (int i = 1; i < vol.pages() && !on_contents; ++i) {
      std::string t = squeeze(vol.text(i));
      on_contents = t.find("卷内文件目录") != std::string::npos && contains_spread(t, "南岭县市场监督管理局", 120);
    }
    EXPECT_TRUE(on_contents) << "the agency as 责任者 on the 目录";
    auto cells = docx_cells(test::read_file(a.archive / folder / "案卷.docx"));
    EXPECT_NE(std::find(cells.begin(), cells.end(), agency), cells.end());
  }
  // Inspection records (the quarter's XML export, the CSV 台账) name no issuer: the inspecting office
  // is their 责任者 in the 检查记录 catalogue.
  bool records = false;
  for (auto& e : fs::directory_iterator(a.archive / "JC")) {
    fs::path cat = e.path() / "归档文件目录.docx";
    if (!fs::exists(cat)) continue;
    auto cells = docx_cells(test::read_file(cat));
    records = records || std::find(cells.begin(), cells.end(), office) != cells.end();
  }
  EXPECT_TRUE(records) << "records name no issuer: the inspecting office";
  EXPECT_TRUE(seen);
  EXPECT_TRUE(statement);
  // The 通知 of the 局办公室 (its 落款) in the 文书 catalogue.
  bool notice = false;
  for (auto& e : fs::directory_iterator(a.archive / "WS")) {
    fs::path cat = e.path() / "归档文件目录.docx";
    if (!fs::exists(cat)) continue;
    auto cells = docx_cells(test::read_file(cat));
    notice = notice || std::find(cells.begin(), cells.end(), "南岭县市场监督管理局办公室") != cells.end();
  }
  EXPECT_TRUE(notice) << "the 通知 signed by the 局办公室";
}

TEST(Volume, IssuingAgencyFromHeaderSignatureOrTitle) {
  EXPECT_EQ(compose::issuing_agency("南岭县市场监督管理局\n行政处罚决定书\n南市监处罚〔2024〕12号\n"), "南岭县市场监督管理局");
  EXPECT_EQ(compose::issuing_agency("南 岭 县 市 场 监 督 管 理 局 文件\n关于…的通知\n"), "南岭县市场监督管理局");
  EXPECT_EQ(compose::issuing_agency("关于做好归档工作的通知\n正文。\n南岭县市场监督管理局办公室（印章）\n2024年12月2日\n"),
            "南岭县市场监督管理局办公室");
  EXPECT_EQ(compose::issuing_agency("陈述申辩书\n……\n南岭县鲜丰食品贸易有限公司\n二〇二四年四月十九日\n— 1 —\n"),
            "南岭县鲜丰食品贸易有限公司");
  EXPECT_EQ(compose::issuing_agency("南岭县市场监督管理局办公室关于做好2024年度文书档案整理归档工作的通知\n各股室：\n"),
            "南岭县市场监督管理局办公室");
  EXPECT_EQ(compose::issuing_agency("陈述申辩书\n敬礼\n申辩人：南岭县鲜丰食品贸易有限公司（盖章）\n法定代表人：陈志强\n2024年4月22日\n"),
            "南岭县鲜丰食品贸易有限公司");
  EXPECT_EQ(compose::issuing_agency("授权委托书\n委托人（盖章）：南岭县鲜丰食品贸易有限公司\n2024年4月20日\n"),
            "南岭县鲜丰食品贸易有限公司");
  EXPECT_EQ(compose::issuing_agency("询问笔录\n……\n被询问人签名：王振东\n2024年8月20日\n"), "");
  EXPECT_EQ(compose::issuing_agency("南岭县市场监督管理局\n现场检查笔录\n检查机关：南岭县市场监督管理局石门市场监督管理所\n"),
            "南岭县市场监督管理局石门市场监督管理所");
  EXPECT_EQ(compose::issuing_agency("全国12315平台投诉举报信息\n登记编号：4418\n"), "");
  EXPECT_EQ(compose::issuing_agency("当事人\t南岭县鲜丰食品贸易有限公司\n被询问人签名：王振东\n2024年8月20日\n"), "");
}

// Another office's inbox: a 陈述申辩书 its party wrote (Big5 text, 申辯人：李國華（惠民超市）) got the
// 所 that filed it as 责任者, for a person's signature was no 落款. The signer by a role in which a
// party writes its own paper is the 署名者 (DA/T 22-2015); a role that only confirms the office's
// paper (当事人、被询问人 on a 笔录, 执法人员、检查人员) names nobody, and the office stays.
TEST(Volume, APartysOwnStatementIsAuthoredByTheSignerNotTheOffice) {
  const std::string statement =
      "陈述申辩书\n青禾县市场监督管理局：\n    贵局青市监罚告〔2025〕8号《行政处罚告知书》已收悉。本人陈述申辩如下：\n"
      "    一、过期酸奶系进货时未仔细查验。\n\n申辩人：李国华（惠民超市）\n2025年3月22日\n";
  EXPECT_EQ(compose::issuing_agency(statement), "李国华");
  EXPECT_EQ(compose::issuing_agency("陈述申辩书\n……\n陈述人（签名）：王 小 明\n2025年3月22日\n"), "王小明");
  EXPECT_EQ(compose::issuing_agency("听证申请书\n……\n申请人签字：阿依古丽·买买提\n委托代理人：周平\n二〇二五年四月一日\n"),
            "阿依古丽·买买提");
  EXPECT_EQ(compose::issuing_agency("授权委托书\n……\n委托人:赵刚\n受托人:钱明\n2025-04-02\n"), "赵刚");
  EXPECT_EQ(compose::issuing_agency("申辩书\n……\n申辩人：青禾县白沙镇惠民超市（盖章）\n2025年3月22日\n"), "青禾县白沙镇惠民超市");
  // The office's own papers, signed by its officers or by the party to confirm them.
  EXPECT_EQ(compose::issuing_agency("现场检查笔录\n……\n执法人员：张伟\n检查人员（签名）：李强\n2025年3月5日\n"), "");
  EXPECT_EQ(compose::issuing_agency("现场检查笔录\n……\n当事人签名：李国华\n2025年3月5日\n"), "");
  EXPECT_EQ(compose::issuing_agency("送达回证\n……\n受送达人签名：李国华\n送达人：张伟\n2025年4月3日\n"), "");
  EXPECT_EQ(compose::issuing_agency("询问笔录\n……\n被询问人签名：李国华\n询问人：张伟\n记录人：李强\n2025年3月6日\n"), "");
  // A role with nothing a name could be: a blank line to fill, or a word in place of the name.
  EXPECT_EQ(compose::issuing_agency("陈述申辩书\n……\n申辩人：________\n2025年3月22日\n"), "");
  EXPECT_EQ(compose::issuing_agency("陈述申辩书\n……\n申辩人：本人\n2025年3月22日\n"), "");
  filing::Office o;
  o.name = "青禾县市场监督管理局白沙市场监督管理所";
  EXPECT_EQ(compose::responsible_party(statement, o), "李国华");
  EXPECT_EQ(compose::responsible_party("现场检查笔录\n当事人签名：李国华\n2025年3月5日\n", o), o.name);
}

// Review of the change above: 申请人 is a role of authorship on a party's 申请书, but the office's
// internal forms carry it too — on a 立案审批表 or a 延长办案期限审批表 the 申请人/承办人 is the officer
// asking the 负责人 for approval, and the change named him 责任者. Decided by the document's kind now
// (2021 范本 form, any 审批表): the office stays the author there; a party's 听证申请书 or
// 延期缴纳罚款申请书 (no 范本 form) is still the party's.
TEST(Volume, AnApplicantOnTheOfficesOwnApprovalFormIsNotItsAuthor) {
  filing::Office o;
  o.name = "桐溪县市场监督管理局青石市场监督管理所";
  const std::string extension =
      "延长办案期限审批表\n案号：桐市监罚字〔2025〕第7号\n当事人：桐溪县青石镇鑫旺副食店\n"
      "申请理由：案情复杂，需延长办案期限三十日。\n申请人：周海涛\n2025年5月6日\n";
  EXPECT_EQ(compose::responsible_party(extension, o, {0, "桐溪县青石镇鑫旺副食店延长办案期限审批表"}), o.name);
  EXPECT_EQ(compose::responsible_party(extension, o, {8, "行政处罚案件有关事项审批表"}), o.name);
  const std::string opening = "立案审批表\n案由：涉嫌销售过期食品\n承办人意见：建议立案。\n申请人（签名）：周海涛\n2025年3月5日\n";
  EXPECT_EQ(compose::responsible_party(opening, o, {7, "桐溪县青石镇鑫旺副食店立案审批表"}), o.name);
  const std::string statement = "陈述申辩笔录\n……\n陈述申辩人：王德明\n2025年3月30日\n";
  EXPECT_EQ(compose::responsible_party(statement, o, {38, "陈述申辩笔录"}), o.name) << "the office's record of a statement";
  // The party's own applications.
  const std::string hearing = "听证申请书\n桐溪县市场监督管理局：\n本人申请听证。\n申请人签字：王德明\n2025年3月29日\n";
  EXPECT_EQ(compose::responsible_party(hearing, o, {0, "听证申请书"}), "王德明");
  const std::string deferral = "延期缴纳罚款申请书\n……\n申请人：桐溪县青石镇鑫旺副食店（盖章）\n2025年4月15日\n";
  EXPECT_EQ(compose::responsible_party(deferral, o, {0, "延期缴纳罚款申请书"}), "桐溪县青石镇鑫旺副食店");
  // An organisation applying on the office's form is the office's own 局 (No. 49, to the court).
  const std::string enforcement = "强制执行申请书\n……\n申请人：桐溪县市场监督管理局（印章）\n2025年9月1日\n";
  EXPECT_EQ(compose::responsible_party(enforcement, o, {49, "强制执行申请书"}), "桐溪县市场监督管理局");
}

// issue 5 §5: the scheme marks outputs public; a public uniform 现场检查笔录 has its mobile number
// masked and a public 案卷 the party's ID number; outputs kept for the archive only show them.
TEST(Volume, PublicUniformRecordsAndVolumesAreMasked) {
  const std::string record =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<检查记录集 xmlns=\"urn:lianghua:inspection-record:1\">\n"
      "  <检查记录 编号=\"JC2024-0101\">\n"
      "    <检查对象>南岭县石门镇好运来饭店</检查对象>\n"
      "    <统一社会信用代码>92441829MAQJU5AX2T</统一社会信用代码>\n"
      "    <地址>南岭县石门镇解放路45号</地址>\n"
      "    <检查时间>2024-01-09T10:30:00+08:00</检查时间>\n"
      "    <记录时间>2024-01-09</记录时间>\n"
      "    <检查人员>\n"
      "      <人员><姓名>黄伟明</姓名><执法证号>44182920190011</执法证号></人员>\n"
      "      <人员><姓名>邓家豪</姓名><执法证号>44182920170019</执法证号></人员>\n"
      "    </检查人员>\n"
      "    <检查内容>餐饮服务日常监督检查，负责人钟国强，联系电话13826631458。</检查内容>\n"
      "    <检查结果>符合要求。</检查结果>\n"
      "    <处理措施>无。</处理措施>\n"
      "  </检查记录>\n"
      "</检查记录集>\n";
  const std::string scheme_xml = test::read_file(test::source_dir() / "templates/scheme/default.xml");
  const std::string marker = "<output kind=\"uniform-records\" public=\"false\"/>";
  ASSERT_NE(scheme_xml.find(marker), std::string::npos);
  for (bool pub : {true, false}) {
    SCOPED_TRACE(pub ? "public" : "archive only");
    fs::path base = test::temp_dir(pub ? "vol-public" : "vol-private");
    test::write_file(base / "INBOX/日常检查/检查记录.xml", record);
    // A case document re-typeset into a volume: public volumes mask the party's ID number too.
    test::write_file(base / "INBOX/案件/张三无照经营案/立案审批表.txt",
                     "南岭县市场监督管理局\n立案审批表\n案号：南市监处罚〔2024〕99号\n案由：无照经营\n"
                     "当事人：张三，身份证号码：441829197804129637\n立案日期：2024年3月1日\n");
    std::string xml = scheme_xml;
    const std::string volumes = "<output kind=\"volumes\" public=\"false\" preservation=\"pdf-a-2b ofd-a\"/>";
    if (pub) {
      xml.replace(xml.find(marker), marker.size(), "<output kind=\"uniform-records\" public=\"true\"/>");
      xml.replace(xml.find(volumes), volumes.size(), "<output kind=\"volumes\" public=\"true\" preservation=\"pdf-a-2b ofd-a\"/>");
    }
    test::write_file(base / "scheme/default.xml", xml);
    for (const char* xsd : {"scheme.xsd", "office.xsd"})
      fs::copy_file(test::source_dir() / "templates/scheme" / xsd, base / "scheme" / xsd);
    auto r = test::run({test::program().string(), "archive", "--documents", "--in", (base / "INBOX").string(), "--out",
                        (base / "ARCHIVE").string(), "--office", (test::source_dir() / "samples/office.xml").string(),
                        "--scheme", (base / "scheme/default.xml").string(), "--quiet", "--jobs", "1"});
    ASSERT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
    int records = 0;
    for (auto& e : fs::recursive_directory_iterator(base / "ARCHIVE")) {
      if (e.path().parent_path().filename() != "检查笔录") continue;
      std::string shown;
      if (e.path().extension() == ".pdf") {
        Pdf p(test::read_file(e.path()));
        for (int i = 0; i < p.pages(); ++i) shown += squeeze(p.text(i));
        ++records;
        EXPECT_NE(shown.find("钟国强"), std::string::npos) << "the record itself is there";
      } else if (e.path().extension() == ".docx") {
        shown = docx::test::unzip(test::read_file(e.path())).at("word/document.xml");
      }
      if (pub) {
        EXPECT_EQ(shown.find("13826631458"), std::string::npos) << e.path();
        EXPECT_NE(shown.find("1458"), std::string::npos) << e.path();
      } else {
        EXPECT_NE(shown.find("13826631458"), std::string::npos) << e.path();
      }
    }
    EXPECT_EQ(records, 1);
    int volumes_seen = 0;
    for (auto& e : fs::recursive_directory_iterator(base / "ARCHIVE")) {
      if (e.path().filename() != "案卷.pdf") continue;
      Pdf vol(test::read_file(e.path()));
      std::string all;
      for (int i = 0; i < vol.pages(); ++i) all += squeeze(vol.text(i));
      EXPECT_NE(all.find("张三"), std::string::npos);
      EXPECT_EQ(all.find("441829197804129637") == std::string::npos, pub) << e.path();
      ++volumes_seen;
    }
    EXPECT_EQ(volumes_seen, 1);
  }
}

TEST(Volume, SchemeNamesItsPublicOutputs) {
  auto s = filing::load_scheme(test::source_dir() / "templates/scheme/default.xml");
  ASSERT_TRUE(s.scheme) << (s.errors.empty() ? "" : s.errors[0]);
  EXPECT_TRUE(s.scheme->is_public(filing::DerivedOutput::Catalogues));
  EXPECT_FALSE(s.scheme->is_public(filing::DerivedOutput::UniformRecords));
  EXPECT_FALSE(s.scheme->is_public(filing::DerivedOutput::Volumes));
  const std::string xsd = test::read_file(test::source_dir() / "templates/scheme/scheme.xsd");
  std::string xml = test::read_file(test::source_dir() / "templates/scheme/default.xml");
  const std::string copies = "<output kind=\"reading-copies\" public=\"false\" preservation=\"pdf-a-2b ofd-a\"/>";
  xml.replace(xml.find(copies), copies.size(), "<output kind=\"volumes\" public=\"true\"/>");  // volumes twice
  auto bad = filing::load_scheme_text(xml, xsd, "default.xml");
  EXPECT_FALSE(bad.scheme);
  ASSERT_FALSE(bad.errors.empty());
  EXPECT_NE(bad.errors[0].find("appears twice"), std::string::npos) << bad.errors[0];
}

// <output preservation="pdf-a-2b ofd-a"> names the 长期保存 formats of an output; the default scheme
// asks for PDF/A-2b with an OFD-A copy on reading copies and volumes (issue 15) and nothing else,
// and a format the scheme does not know is refused by the XSD (an office's typo must not pass).
TEST(Volume, SchemeNamesItsPreservationFormats) {
  const std::string xsd = test::read_file(test::source_dir() / "templates/scheme/scheme.xsd");
  std::string xml = test::read_file(test::source_dir() / "templates/scheme/default.xml");
  auto plain = filing::load_scheme_text(xml, xsd, "default.xml");
  ASSERT_TRUE(plain.scheme) << (plain.errors.empty() ? "" : plain.errors[0]);
  for (auto o : {filing::DerivedOutput::Volumes, filing::DerivedOutput::ReadingCopies}) {
    EXPECT_TRUE(plain.scheme->wants_pdfa(o));
    EXPECT_TRUE(plain.scheme->wants_ofd(o));
  }
  for (auto o : {filing::DerivedOutput::UniformRecords, filing::DerivedOutput::Catalogues}) {
    EXPECT_FALSE(plain.scheme->wants_pdfa(o));
    EXPECT_FALSE(plain.scheme->wants_ofd(o));
  }
  const std::string vols = "<output kind=\"volumes\" public=\"false\" preservation=\"pdf-a-2b ofd-a\"/>";
  ASSERT_NE(xml.find(vols), std::string::npos);
  xml.replace(xml.find(vols), vols.size(), "<output kind=\"volumes\" public=\"false\" preservation=\"pdf-a-2b\"/>");
  auto pdfa_only = filing::load_scheme_text(xml, xsd, "default.xml");
  ASSERT_TRUE(pdfa_only.scheme) << (pdfa_only.errors.empty() ? "" : pdfa_only.errors[0]);
  EXPECT_TRUE(pdfa_only.scheme->wants_pdfa(filing::DerivedOutput::Volumes));
  EXPECT_FALSE(pdfa_only.scheme->wants_ofd(filing::DerivedOutput::Volumes));
  EXPECT_TRUE(pdfa_only.scheme->wants_ofd(filing::DerivedOutput::ReadingCopies));
  xml.replace(xml.find("pdf-a-2b ofd-a"), 14, "pdf-a-3b");
  EXPECT_FALSE(filing::load_scheme_text(xml, xsd, "default.xml").scheme);
}

// 案卷号 and date parts are read with a checked parse: text that is not wholly a number is refused.
TEST(Volume, NumbersAreParsedWhole) {
  EXPECT_EQ(compose::forms::decimal("007"), 7);
  EXPECT_EQ(compose::forms::decimal("120"), 120);
  EXPECT_FALSE(compose::forms::decimal("12a"));
  EXPECT_FALSE(compose::forms::decimal(""));
  EXPECT_FALSE(compose::forms::decimal("-3"));
  EXPECT_FALSE(compose::forms::decimal(" 3"));
  EXPECT_FALSE(compose::forms::decimal("99999999999"));
  EXPECT_EQ(compose::forms::chinese_date("2024-05-06"), "2024年5月6日");
  EXPECT_EQ(compose::forms::chinese_date("2024-0x-06"), "2024-0x-06");
}

// The 页号 of a page turned by /Rotate or set landscape is still upper right as displayed, upright.
TEST(Volume, PageNumbersFollowTurnedAndLandscapePages) {
  const std::string a4 = source_pdf(595.28, 841.89, 0), turned = source_pdf(595.28, 841.89, 90),
                    wide = source_pdf(841.89, 595.28, 0), upside = source_pdf(595.28, 841.89, 180);
  Pdf p(compose::stamp_page_numbers(pdf::assemble_pdf({&a4, &turned, &wide, &upside}, {}), 1, 3, 12));
  ASSERT_EQ(p.pages(), 4);
  EXPECT_EQ(text_in_mm(p.doc, 0, 150, 3, 210, 20), "") << "page 0 is not numbered";
  for (int i = 1; i < 4; ++i) {
    SCOPED_TRACE("page " + std::to_string(i));
    auto [w, h] = shown_size_mm(p.doc, i);
    const std::string n = std::to_string(11 + i);
    EXPECT_EQ(text_in_mm(p.doc, i, w - 45, 3, w - 3, 20), n);
    auto digits = find_chars(char_boxes(p.doc, i), n);
    ASSERT_EQ(digits.size(), 2u);
    EXPECT_GT(digits[1].x0, digits[0].x0);
    EXPECT_NEAR(digits[1].y1, digits[0].y1, 0.3);
    EXPECT_NEAR(digits[1].x1, w - compose::kPageNumberFromRightMm, 1.5) << "right edge of the number";
  }
}

// The 归档章 goes on a blank part of the top (DA/T 22-2015: 上端居中空白处, else another top blank):
// a landscape list whose title sits at the top centre keeps its title readable.
TEST(Volume, ArchiveStampLeavesTheTopContentReadable) {
  const compose::StampValues v{"Z109", "2024", "0007", "SMS", "永久", "3"};
  std::string note;
  Pdf p(compose::stamp_first_page(source_pdf(841.89, 595.28, 0, /*heading_mm=*/14), v, &note));
  EXPECT_EQ(note, "");
  MmBox red = red_box(rasterize(p.doc, 0, 8));
  ASSERT_FALSE(red.empty());
  EXPECT_NEAR(red.x1 - red.x0, 45, 0.8);
  EXPECT_NEAR(red.y1 - red.y0, 16, 0.8);
  EXPECT_LT(red.y1, 42) << "within the top of the page";
  auto heading = find_chars(char_boxes(p.doc, 0), "CATALOGUE");
  ASSERT_FALSE(heading.empty());
  for (const auto& c : heading) {
    const bool overlaps = c.x1 > red.x0 && c.x0 < red.x1 && c.y1 > red.y0 && c.y0 < red.y1;
    EXPECT_FALSE(overlaps) << "the stamp covers the heading's " << c.ch;
  }
  // No blank top at all: the stamp still goes top centre, and the run is told.
  note.clear();
  Pdf dark(compose::stamp_first_page(source_pdf(595.28, 841.89, 0, -1, true), v, &note));
  EXPECT_NE(note.find("没有空白处"), std::string::npos);
  EXPECT_EQ(dark.pages(), 1);
}

#undef REQUIRE_SAMPLE  // file-local: the next file of a unity batch does not see it
