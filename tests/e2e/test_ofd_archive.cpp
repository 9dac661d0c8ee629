// OFD-A copies in the archive as a user meets them (issue 15): a scheme asking preservation="ofd-a"
// on reading copies and volumes gets an .ofd beside each PDF (same stem), recorded in derived.json
// like the PDF/A flag; `check-ofd` passes on every copy (with the GB/T 33190 XSDs where
// ../shared/schemas/ofd is present); lianghua's OFD reader finds on each page the text Poppler
// finds on the PDF's page (the 归档章 and 页号 are annotations, 6.10.2, so the PDF page holds only
// those characters more); and `verify` reads the copies back, failing one broken on purpose by
// naming the file and the clause.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <libxml/parser.h>
#include <poppler.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "ingest/reader.h"
#include "ingest/sha256.h"
#include "ooxml_check.h"
#include "zip_builder.h"
#include "shared_dir.h"
#include "test_support.h"

namespace fs = std::filesystem;
using json = nlohmann::json;
using lh::test::program;
using lh::test::run;

namespace {

std::optional<fs::path> schema_dir() {
  const fs::path p = lh::test::source_dir().parent_path() / "shared" / "schemas" / "ofd";
  if (fs::is_regular_file(p / "OFD.xsd")) return p;
  return std::nullopt;
}

// The sample inbox archived with a scheme asking PDF/A-2b and OFD-A of reading copies, volumes,
// uniform records and catalogues: made once for every OfdArchive test process of this build
// (tests/support/shared_dir.h).
std::string make_archive(const fs::path& base) {
  for (const char* xsd : {"scheme.xsd", "office.xsd"}) fs::copy_file(lh::test::source_dir() / "templates/scheme" / xsd, base / xsd);
  std::string xml = lh::test::read_file(lh::test::source_dir() / "templates/scheme/default.xml");
  for (const char* kind : {"reading-copies", "volumes", "uniform-records", "catalogues"}) {
    const size_t at = xml.find(std::string("<output kind=\"") + kind + "\"");
    if (at == std::string::npos) return std::string("default.xml has no output ") + kind;
    const size_t end = xml.find("/>", at);
    std::string el = xml.substr(at, end - at);
    const size_t p = el.find(" preservation=\"");
    if (p != std::string::npos) el.erase(p, el.find('"', p + 15) + 1 - p);
    xml.replace(at, end - at, el + " preservation=\"pdf-a-2b ofd-a\"");
  }
  lh::test::write_file(base / "default.xml", xml);
  lh::test::ScopedEnv t("LIANGHUA_RUN_TIME", "2024-06-01T02:00:00+08:00");
  auto r = run({program().string(), "archive", "--in", (lh::test::source_dir() / "samples/inbox").string(), "--out",
                (base / "ARCHIVE").string(), "--office", (lh::test::source_dir() / "samples/office.xml").string(), "--scheme",
                (base / "default.xml").string(), "--jobs", "2", "--quiet"});
  if (r.exit_code > 1) return "archive exit " + std::to_string(r.exit_code) + ": " + r.out + r.err;
  if (r.err.find("OFD-A 长期保存副本") != std::string::npos) return "the archive writes no OFD: " + r.err;
  return "";
}

const fs::path& ofd_sample_archive() {
  static const fs::path out = [] {
    const fs::path templates = lh::test::source_dir() / "templates/scheme";
    const lh::test::SharedDir shared = lh::test::shared_dir(
        "ofd-archive",
        {program().string(), "archive --jobs 2 --quiet, preservation=pdf-a-2b ofd-a", (templates / "default.xml").string(),
         (templates / "scheme.xsd").string(), (templates / "office.xsd").string(), (lh::test::source_dir() / "samples/inbox").string(),
         (lh::test::source_dir() / "samples/office.xml").string(), "2024-06-01T02:00:00+08:00"},
        make_archive);
    EXPECT_EQ(shared.error, "");
    return shared.dir / "ARCHIVE";
  }();
  return out;
}

struct Copy {
  std::string pdf, ofd;  // relative to ARCHIVE
  json entry;            // the .ofd's state entry
};

// Every reading copy and volume PDF with the .ofd its state entry lists beside it.
std::vector<Copy> copies() {
  json d = json::parse(lh::test::read_file(ofd_sample_archive() / "derived.json"));
  std::vector<Copy> out;
  for (const char* sec : {"items", "volumes"})
    for (auto& [key, v] : d[sec].items()) {
      std::map<std::string, json> by_path;
      for (const auto& f : v["files"]) by_path[f.value("path", "")] = f;
      for (const auto& [p, f] : by_path) {
        const bool copy = p.find("阅览本/") != std::string::npos || fs::path(p).filename() == "案卷.pdf";
        if (!copy || fs::path(p).extension() != ".pdf") continue;
        const std::string o = fs::path(p).replace_extension(".ofd").string();
        out.push_back({p, o, by_path.count(o) ? by_path[o] : json()});
      }
    }
  return out;
}

std::u32string chars_of(const std::string& utf8) {
  std::u32string out;
  for (const char* c = utf8.c_str(); *c; c = g_utf8_next_char(c)) {
    const gunichar u = g_utf8_get_char(c);
    if (!g_unichar_isspace(u) && u != 0x3000) out.push_back(u);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Page by page, Poppler's text of the PDF.
std::vector<std::string> pdf_pages(const fs::path& pdf) {
  std::vector<std::string> out;
  GError* err = nullptr;
  const std::string bytes = lh::test::read_file(pdf);
  GBytes* b = g_bytes_new(bytes.data(), bytes.size());
  PopplerDocument* doc = poppler_document_new_from_bytes(b, nullptr, &err);
  g_bytes_unref(b);
  if (!doc) {
    ADD_FAILURE() << pdf << ": " << (err ? err->message : "");
    if (err) g_error_free(err);
    return out;
  }
  for (int i = 0; i < poppler_document_get_n_pages(doc); ++i) {
    PopplerPage* p = poppler_document_get_page(doc, i);
    char* t = poppler_page_get_text(p);
    out.emplace_back(t ? t : "");
    g_free(t);
    g_object_unref(p);
  }
  g_object_unref(doc);
  return out;
}

// Page by page, lianghua's OFD reader's text of the OFD (its content; annotations are not read).
std::vector<std::string> ofd_pages(const fs::path& ofd) {
  const std::string bytes = lh::test::read_file(ofd);
  lh::ingest::ReadOptions ro;
  lh::ingest::Input in{bytes, ofd.filename().string(), &ro};
  // ingest's safe parser installs a loader that refuses every external file, for the whole
  // process; the DOCX tests in this binary compile XSDs that include others: give theirs back.
  const xmlExternalEntityLoader before = xmlGetExternalEntityLoader();
  lh::ingest::ReadResult r = lh::ingest::read_ofd(in);
  xmlSetExternalEntityLoader(before);
  EXPECT_FALSE(r.error) << ofd << ": " << (r.error ? r.error->message : "");
  std::vector<std::string> pages(1);
  for (const auto& s : r.doc.sections)
    for (const auto& b : s.blocks) {
      if (std::holds_alternative<lh::model::PageBreak>(b.value)) pages.emplace_back();
      else if (const auto* p = std::get_if<lh::model::Paragraph>(&b.value))
        for (const auto& run : p->runs) pages.back() += run.text;
    }
  return pages;
}

// The text of each page's annotations (the 归档章's cells, the 页号), from Annots/Page_N.
std::map<int, std::string> annotation_text(const fs::path& ofd) {
  std::map<int, std::string> out;
  for (const auto& [name, xml] : lh::test::ooxml::unzip(lh::test::read_file(ofd))) {
    if (name.rfind("Doc_0/Annots/Page_", 0) != 0) continue;
    const int page = std::stoi(name.substr(18));
    for (size_t at = xml.find("<ofd:TextCode"); at != std::string::npos; at = xml.find("<ofd:TextCode", at + 1)) {
      const size_t gt = xml.find('>', at), end = xml.find("</ofd:TextCode>", at);
      if (gt != std::string::npos && end != std::string::npos) out[page] += xml.substr(gt + 1, end - gt - 1);
    }
  }
  return out;
}

}  // namespace

TEST(OfdArchive, ReadingCopiesAndVolumesHaveAnOfdACopyBesideThePdf) {
  const auto cs = copies();
  size_t reading = 0, volumes = 0, scanned = 0;
  for (const Copy& c : cs) {
    ASSERT_FALSE(c.entry.is_null()) << c.pdf << " has no " << c.ofd << " in derived.json";
    EXPECT_EQ(c.entry.value("ofda", ""), "GB/T 42133-2022") << c.ofd << " " << c.entry.dump();
    EXPECT_TRUE(fs::is_regular_file(ofd_sample_archive() / c.ofd)) << c.ofd;
    (c.pdf.find("案卷.pdf") != std::string::npos ? volumes : reading) += 1;
    const std::string content =
        lh::test::ooxml::unzip(lh::test::read_file(ofd_sample_archive() / c.ofd)).at("Doc_0/Pages/Page_0/Content.xml");
    scanned += content.find("Type=\"Background\"") != std::string::npos;
  }
  EXPECT_GE(reading, 5u);
  EXPECT_GE(volumes, 1u);
  EXPECT_GE(scanned, 1u) << "the sample inbox holds source PDFs: their pages are pictures with text";
}

// Pages of the sample's born-digital source PDFs (STSong-Light text, rules) are vector content in
// the copies (package/vector_page.h); the scanned 送达回证 stays a picture, and derived.json says
// which page and why.
TEST(OfdArchive, TextPagesOfSourcePdfsAreVectorsAndPicturePagesSayWhy) {
  int vector_pages = 0;
  std::vector<std::string> pictures;
  for (const Copy& c : copies()) {
    if (c.entry.is_null()) continue;
    vector_pages += c.entry.value("vector_pages", 0);
    for (const auto& p : c.entry.value("picture_pages", json::array())) pictures.push_back(p.get<std::string>());
  }
  EXPECT_GE(vector_pages, 30) << "reading copies and volumes of the sample's text PDFs";
  ASSERT_FALSE(pictures.empty());
  for (const std::string& p : pictures) {
    EXPECT_EQ(p.rfind("第", 0), 0u) << p;
    EXPECT_NE(p.find("含图像，以图像保存"), std::string::npos) << p;
  }
}

// Uniform records and catalogues, laid out by lianghua alone, get their OFD-A copy the same way.
TEST(OfdArchive, RecordsAndCataloguesHaveAnOfdACopyToo) {
  json d = json::parse(lh::test::read_file(ofd_sample_archive() / "derived.json"));
  size_t records = 0, catalogues = 0;
  for (const char* sec : {"items", "catalogues"})
    for (auto& [key, v] : d[sec].items()) {
      std::map<std::string, json> by_path;
      for (const auto& f : v["files"]) by_path[f.value("path", "")] = f;
      for (const auto& [p, f] : by_path) {
        const bool record = p.find("检查笔录/") != std::string::npos, catalogue = p.find("归档文件目录") != std::string::npos;
        if ((!record && !catalogue) || fs::path(p).extension() != ".pdf") continue;
        const std::string o = fs::path(p).replace_extension(".ofd").string();
        ASSERT_TRUE(by_path.count(o)) << p << " has no " << o;
        EXPECT_EQ(by_path[o].value("ofda", ""), "GB/T 42133-2022") << by_path[o].dump();
        auto r = run({program().string(), "check-ofd", (ofd_sample_archive() / o).string()});
        EXPECT_EQ(r.exit_code, 0) << r.out;
        (record ? records : catalogues) += 1;
      }
    }
  EXPECT_GE(records, 1u);
  EXPECT_GE(catalogues, 1u);
}

TEST(OfdArchive, CheckOfdPassesOnEveryCopyWithTheXsdsWherePresent) {
  std::vector<std::string> argv = {program().string(), "check-ofd"};
  if (auto s = schema_dir()) argv.insert(argv.end(), {"--schemas", s->string()});
  size_t n = 0;
  for (const Copy& c : copies())
    if (!c.entry.is_null()) argv.push_back((ofd_sample_archive() / c.ofd).string()), ++n;
  ASSERT_GT(n, 0u);
  auto r = run(argv);
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  if (schema_dir()) {
    EXPECT_EQ(r.out.find("XSD validation skipped"), std::string::npos) << r.out;
  }
}

TEST(OfdArchive, OurOfdReaderReadsEachPageWithThePdfCopysText) {
  size_t compared = 0, pages = 0;
  for (const Copy& c : copies()) {
    if (c.entry.is_null()) continue;
    const auto pdf = pdf_pages(ofd_sample_archive() / c.pdf);
    const auto ofd = ofd_pages(ofd_sample_archive() / c.ofd);
    const auto marks = annotation_text(ofd_sample_archive() / c.ofd);
    ASSERT_EQ(ofd.size(), pdf.size()) << c.ofd;
    for (size_t i = 0; i < pdf.size(); ++i) {
      // The same characters; the PDF's page may hold its marks' characters besides.
      const std::u32string want = chars_of(pdf[i]), got = chars_of(ofd[i]);
      compared += got.size();
      ++pages;
      std::u32string extra, missing;
      std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(missing));
      std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(extra));
      auto m = marks.find(static_cast<int>(i));
      const std::u32string mark = chars_of(m == marks.end() ? "" : m->second);
      std::u32string unexplained;
      std::set_difference(missing.begin(), missing.end(), mark.begin(), mark.end(), std::back_inserter(unexplained));
      EXPECT_TRUE(extra.empty()) << c.ofd << " page " << i + 1 << " has characters the PDF lacks\nPDF: " << pdf[i] << "\nOFD: " << ofd[i];
      EXPECT_TRUE(unexplained.empty()) << c.ofd << " page " << i + 1 << " lacks characters of the PDF\nPDF: " << pdf[i]
                                       << "\nOFD: " << ofd[i];
    }
  }
  EXPECT_GE(pages, 50u);
  EXPECT_GE(compared, 10000u);  // the comparison saw the documents' text, not empty pages
}

TEST(OfdArchive, StampAndPageNumbersAreAnnotationsApartFromThePages) {
  size_t stamps = 0, numbers = 0;
  for (const Copy& c : copies()) {
    if (c.entry.is_null()) continue;
    for (const auto& [name, xml] : lh::test::ooxml::unzip(lh::test::read_file(ofd_sample_archive() / c.ofd))) {
      if (name.rfind("Doc_0/Pages/", 0) == 0) {
        EXPECT_EQ(xml.find("Annot"), std::string::npos) << name;
      }
      if (name.rfind("Doc_0/Annots/Page_", 0) != 0) continue;
      for (size_t at = xml.find("Subtype=\"ArchiveStamp\""); at != std::string::npos; at = xml.find("Subtype=\"ArchiveStamp\"", at + 1)) ++stamps;
      for (size_t at = xml.find("Subtype=\"PageNumber\""); at != std::string::npos; at = xml.find("Subtype=\"PageNumber\"", at + 1)) ++numbers;
      EXPECT_NE(xml.find("ReadOnly=\"true\""), std::string::npos) << name;
    }
  }
  EXPECT_GE(stamps, 5u);   // one per reading copy
  EXPECT_GE(numbers, 2u);  // every numbered page of a volume
}

TEST(OfdArchive, VerifyReadsTheCopiesBackAndNamesTheFileAndClauseOfABrokenOne) {
  auto ok = run({program().string(), "verify", ofd_sample_archive().string()});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_EQ(ok.out.find(" 0 OFD-A file(s) read back"), std::string::npos) << ok.out;
  // A copy of the archive with one OFD's DocType changed (GB/T 42133 6.2.1 a), its hash updated in
  // derived.json so that only the read-back can find it.
  auto base = lh::test::temp_dir("ofd-verify");
  fs::copy(ofd_sample_archive(), base / "ARCHIVE", fs::copy_options::recursive);
  Copy victim;
  for (const Copy& c : copies())
    if (!c.entry.is_null()) victim = c;
  ASSERT_FALSE(victim.ofd.empty());
  std::vector<std::string> order;
  auto parts = lh::test::ooxml::unzip(lh::test::read_file(base / "ARCHIVE" / victim.ofd), &order);
  std::string& entry = parts.at("OFD.xml");
  entry.replace(entry.find("DocType=\"OFD-A\""), 15, "DocType=\"OFD\"");
  lh::test::ZipBuilder z;
  for (const std::string& n : order) z.add(n, parts.at(n), ZIP_FL_ENC_UTF_8, ZIP_CM_DEFLATE);
  const std::string broken = z.finish();
  lh::test::write_file(base / "ARCHIVE" / victim.ofd, broken);
  std::string state = lh::test::read_file(base / "ARCHIVE/derived.json");
  const std::string old_sha = victim.entry.value("sha256", "");
  state.replace(state.find(old_sha), old_sha.size(), lh::ingest::sha256_hex(broken));
  lh::test::write_file(base / "ARCHIVE/derived.json", state);
  auto bad = run({program().string(), "verify", (base / "ARCHIVE").string()});
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.out.find("not-ofda: " + victim.ofd + ": GB/T 42133-2022 6.2.1 a"), std::string::npos) << bad.out;
  EXPECT_EQ(bad.out.find("hash-mismatch"), std::string::npos) << bad.out;
}

// Regression (issue 15 §5: each source-PDF page was drawn twice a night, now the 案卷's task takes
// the pictures the reading copy's task drew; that sharing itself is tested in
// tests/package/test_page_pictures.cpp): every page picture of a reading copy of a source PDF is,
// byte for byte, a picture of its case's 案卷.ofd; the night's folder of kept pictures is gone after
// the run and no file of it reaches the manifest.
TEST(OfdArchive, VolumePagePicturesAreTheReadingCopysPicturesOfTheSameSourcePage) {
  auto pictures = [](const fs::path& ofd) {  // PNG, and TIFF for 1-bit pages (package/scan_picture.h)
    std::set<std::string> out;
    for (const auto& [name, bytes] : lh::test::ooxml::unzip(lh::test::read_file(ofd))) {
      const fs::path ext = fs::path(name).extension();
      if ((ext == ".png" || ext == ".tif") && name.find("/Res/") != std::string::npos) out.insert(bytes);
    }
    return out;
  };
  std::map<std::string, std::set<std::string>> volume_pictures;  // case folder → the pictures of its 案卷.ofd
  for (const Copy& c : copies())
    if (fs::path(c.pdf).filename() == "案卷.pdf" && !c.entry.is_null())
      volume_pictures[fs::path(c.pdf).parent_path().string()] = pictures(ofd_sample_archive() / c.ofd);
  size_t shared = 0;
  for (const Copy& c : copies()) {
    if (fs::path(c.pdf).filename() == "案卷.pdf" || c.entry.is_null()) continue;
    fs::path folder = fs::path(c.pdf).parent_path().parent_path();  // <case>/<正卷|副卷>/阅览本/x.pdf → <case>/<卷>
    auto v = volume_pictures.find(folder.string());
    if (v == volume_pictures.end()) v = volume_pictures.find(folder.parent_path().string());
    if (v == volume_pictures.end()) continue;  // not in a case
    for (const std::string& picture : pictures(ofd_sample_archive() / c.ofd)) {
      if (picture.size() < 1000) continue;  // not a page picture (pictures of whole pages are KBs)
      EXPECT_TRUE(v->second.count(picture)) << c.ofd << ": a page picture not in " << v->first << "/案卷.ofd";
      ++shared;
    }
  }
  // Only pages that are pictures (package/vector_page.h): the sample's scanned 送达回证.
  EXPECT_GE(shared, 1u) << "the sample's cases hold a scanned source PDF whose page both copies show";
  EXPECT_FALSE(fs::exists(ofd_sample_archive() / ".staging" / "ofd-pages"));
  EXPECT_EQ(lh::test::read_file(ofd_sample_archive() / "manifest.json").find("ofd-pages"), std::string::npos);
}
