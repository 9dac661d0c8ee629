// LibreOffice (where installed) reads our DOCX: its text equals the model's plain text (whitespace
// aside), and the TOC's cached result shows the heading titles and the page numbers we gave.
// GTEST_SKIP when soffice is absent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>

#include "docx_test_util.h"
#include "test_support.h"

using namespace lh;
using namespace lh::docx::test;
namespace fs = std::filesystem;

namespace lh::docx::test {

// Converts `docx` with soffice to `filter` ("txt:Text", "pdf") in a fresh directory; returns the
// output path, or empty on failure. A per-process profile avoids clashes between parallel tests.
fs::path soffice_convert(const std::string& docx, const std::string& tag, const std::string& filter,
                         const std::string& ext) {
  const fs::path dir = lh::test::temp_dir("docx-lo-" + tag);
  lh::test::write_file(dir / "in.docx", docx);
  // A per-process LibreOffice profile, removed when the test process exits.
  static const struct Profile {
    fs::path dir = fs::temp_directory_path() / ("lh-lo-profile-" + std::to_string(getpid()));
    ~Profile() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } profile_dir;
  const std::string profile = "file://" + profile_dir.dir.string();
  auto r = lh::test::run({"soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", filter,
                          "--outdir", dir.string(), (dir / "in.docx").string()});
  const fs::path out = dir / ("in." + ext);
  if (r.exit_code != 0 || !fs::is_regular_file(out)) {
    ADD_FAILURE() << "soffice failed (" << r.exit_code << "): " << r.err;
    return {};
  }
  return out;
}

}  // namespace lh::docx::test

namespace {

// No lists and no TOC: LibreOffice's text export adds list labels the model's text does not have.
model::Document plain_document() {
  model::Document d = simple_document();
  auto& blocks = d.sections[0].blocks;
  for (auto& b : blocks)
    if (auto* p = std::get_if<model::Paragraph>(&b.value)) p->list = model::ListKind::None;
  model::Document full = full_document();
  for (auto& b : full.sections[0].blocks)
    if (std::holds_alternative<model::Table>(b.value)) blocks.push_back(b);
  model::Paragraph link = para("详见");
  link.runs.push_back({.text = "网站", .link = "https://www.samr.gov.cn/"});
  blocks.push_back({link});
  blocks.push_back({para(std::string("控制\x01字符\x0C"))});
  model::Section s2;
  s2.page.width_mm = 297;
  s2.page.height_mm = 210;
  s2.blocks.push_back({para("第二节横向页面", 1)});
  d.sections.push_back(s2);
  return d;
}

}  // namespace

TEST(DocxLibreOffice, TextMatchesModelPlainText) {
  if (!lh::test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  const model::Document d = plain_document();
  const fs::path txt = soffice_convert(docx::write_docx(d, gongwen_style(), {}), "text", "txt:Text", "txt");
  ASSERT_FALSE(txt.empty());
  std::string got = lh::test::read_file(txt);
  if (got.rfind("\xEF\xBB\xBF", 0) == 0) got.erase(0, 3);  // BOM
  std::string want = d.plain_text();
  for (const char* ctl : {"\x01", "\x0C"})
    for (size_t at; (at = want.find(ctl)) != std::string::npos;) want.erase(at, 1);
  EXPECT_EQ(strip_space(got), strip_space(want)) << got;
}

TEST(DocxLibreOffice, TocShowsCachedTitlesAndPages) {
  if (!lh::test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  docx::DocxOptions opt;
  opt.heading_pages = {7, 8, 9, 10, 11, 12};
  const fs::path txt = soffice_convert(docx::write_docx(full_document(), gongwen_style(), opt), "toc", "txt:Text", "txt");
  ASSERT_FALSE(txt.empty());
  const std::string got = lh::test::read_file(txt);
  for (const char* line : {"一、总体要求\t7", "（一）检查范围\t8", "1.检查内容\t9", "二、工作安排\t11", "附表\t12"})
    EXPECT_NE(got.find(line), std::string::npos) << line << "\n" << got;
  EXPECT_NE(got.find("目  录"), std::string::npos);
}

TEST(DocxLibreOffice, LandscapeSectionStaysLandscape) {
  if (!lh::test::have_program("soffice")) GTEST_SKIP() << "soffice not installed";
  if (!lh::test::have_program("pdfinfo")) GTEST_SKIP() << "pdfinfo not installed";
  const fs::path pdf = soffice_convert(docx::write_docx(book_document(), gongwen_style(), {}), "book", "pdf", "pdf");
  ASSERT_FALSE(pdf.empty());
  auto r = lh::test::run({"pdfinfo", "-f", "1", "-l", "100", pdf.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // "Page    3 size: 841.92 x 595.32 pts (A4)": the first page is the portrait cover, the last the
  // landscape 权责清单.
  std::vector<std::pair<double, double>> sizes;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    const size_t at = line.find(" size: ");
    if (line.rfind("Page", 0) != 0 || at == std::string::npos) continue;
    double w = 0, h = 0;
    if (std::sscanf(line.c_str() + at + 7, "%lf x %lf", &w, &h) == 2) sizes.emplace_back(w, h);
  }
  ASSERT_GE(sizes.size(), 4u) << r.out;
  EXPECT_LT(sizes.front().first, sizes.front().second) << r.out;
  EXPECT_GT(sizes.back().first, sizes.back().second) << r.out;
}
