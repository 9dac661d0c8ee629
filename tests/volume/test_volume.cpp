// Issue 5: the case volume (案卷.pdf) as Poppler reads it — each document's own text on exactly the
// pages the 卷内文件目录 gives, bookmarks on those pages, the 备考表's totals — plus the catalogues
// (XLSX through LibreOffice), DOCX schema validity, the 归档章, masking, a damaged source PDF, and
// deterministic, incremental re-runs.
#include <gtest/gtest.h>
#include <poppler.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "ingest/inspect.h"
#include "package/archive.h"
#include "package/archive_stamp.h"
#include "package/files.h"
#include "package/uniform_record.h"
#include "pdf/assemble.h"
#include "test_support.h"

// Schema validation helpers of the DOCX tests (one translation unit, reused as is).
#include "../docx/docx_test_util.cpp"

// ingest installs a deny-all external entity loader (XXE protection) for the whole process once it
// has read an XML part; the schema files include each other, so keep the default one for them.
static const xmlExternalEntityLoader g_default_loader = xmlGetExternalEntityLoader();

namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace lh;

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
  std::string text(int i) const {
    PopplerPage* p = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(p);
    std::string s = t ? t : "";
    g_free(t);
    g_object_unref(p);
    return s;
  }
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

json read_json(const fs::path& p) { return json::parse(test::read_file(p)); }

// The sample inbox archived once by the CLI, shared by the tests below.
struct SampleArchive {
  fs::path base, archive;
  json manifest, derived, report;
  std::string first_run_volume;
  bool ok = false;
  std::string error;
};

const SampleArchive& sample_archive() {
  static SampleArchive a = [] {
    SampleArchive s;
    s.base = test::temp_dir("vol-sample");
    s.archive = s.base / "ARCHIVE";
    setenv("LIANGHUA_RUN_TIME", "2024-12-01T02:00:00+0800", 1);
    auto r = test::run({test::program().string(), "archive", "--documents", "--in", (test::source_dir() / "samples/inbox").string(), "--out",
                        s.archive.string(), "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet",
                        "--jobs", "2"});
    if (r.exit_code != 0 && r.exit_code != 1) {
      s.error = "archive exit " + std::to_string(r.exit_code) + ": " + r.err;
      return s;
    }
    s.manifest = read_json(s.archive / "manifest.json");
    s.derived = read_json(s.archive / "derived.json");
    s.report = read_json(s.archive / "reports/report.json");
    s.ok = true;
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
        for (size_t i = 0; i < src.size(); ++i) EXPECT_EQ(pages[first_index + i], src[i]) << code << " page " << i;
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
        while (end_index > first_index && only_number(pages[end_index])) --end_index;
        EXPECT_TRUE(contains_spread(pages[end_index], piece(lastseg, chars(lastseg) - std::min<size_t>(4, chars(lastseg)), 4))) << code << " ends on page " << last;
      } else if (how == "image") {
        EXPECT_NE(pages[first_index].find(squeeze(items[code]["title"].get<std::string>())), std::string::npos) << code;
      } else if (how == "placeholder") {
        EXPECT_NE(pages[first_index].find("文件无法编入本卷"), std::string::npos) << code;
      }
      // The 目录 page(s) show the row's 页号.
      bool listed = false;
      for (int p = 1; p < vol.pages() && !listed; ++p)
        if (pages[p].find("卷内文件目录") != std::string::npos && pages[p].find(range) != std::string::npos) listed = true;
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

TEST(Volume, CatalogueXlsxHasOneRowPerItemViaLibreOffice) {
  REQUIRE_SAMPLE(a);
  if (!test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  std::map<std::string, std::set<std::string>> codes;  // folder → 档号
  for (const auto& it : a.manifest["items"])
    codes[it["category"].get<std::string>() + "/" + std::to_string(it["year"].get<int>())].insert(it["archival_code"]);
  int checked = 0;
  for (auto& [folder, want] : codes) {
    fs::path x = a.archive / folder / "归档文件目录.xlsx";
    ASSERT_TRUE(fs::exists(x)) << x;
    fs::path out = test::temp_dir("vol-lo");
    std::string profile = "file:///tmp/lh-lo-" + std::to_string(getpid());
    auto r = test::run({"soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to",
                        "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", out.string(), x.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::ifstream in(out / "归档文件目录.csv");
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
      if (p.find("/阅览本/") == std::string::npos) continue;
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
  auto r = test::run({test::program().string(), "archive", "--documents", "--in", (test::source_dir() / "samples/inbox").string(), "--out",
                      copy.string(), "--office", (test::source_dir() / "samples/office.xml").string(), "--quiet", "--jobs", "2"});
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
  std::string s = package::archive_stamp_pdf({"Z109", "2024", "0007", "SMS", "永久", "3"});
  auto size = pdf::page_size(s, 0);
  ASSERT_TRUE(size);
  EXPECT_NEAR(size->first, 45 * 72 / 25.4, 0.2);
  EXPECT_NEAR(size->second, 16 * 72 / 25.4, 0.2);
  Pdf p(s);
  std::string t = squeeze(p.text(0));
  for (const char* v : {"Z109", "2024", "0007", "SMS", "永久", "3"}) EXPECT_NE(t.find(v), std::string::npos) << v;
}

TEST(Volume, RecordChecks) {
  model::InspectionRecord r;
  r.officers = {{"王五", "44182900001"}};
  r.credit_code = "91350100M000100Y4Z";
  r.inspected_at = "2024-05-21T15:00";
  r.recorded_at = "2024-05-20";
  std::set<std::string> fields;
  for (const auto& p : package::check_record(r)) fields.insert(p.field);
  for (const char* f : {"officers", "credit_code", "dates", "subject", "address", "content"}) EXPECT_TRUE(fields.count(f)) << f;
  r.officers.push_back({"赵六", ""});
  r.credit_code = "914403001922038216";
  r.inspected_at = "2024-05-20T09:00";
  fields.clear();
  for (const auto& p : package::check_record(r)) fields.insert(p.field);
  EXPECT_FALSE(fields.count("officers"));
  EXPECT_TRUE(fields.count("certificate"));
  EXPECT_FALSE(fields.count("credit_code"));
  EXPECT_FALSE(fields.count("dates"));
}
