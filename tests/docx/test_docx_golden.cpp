// libxlsxwriter-style golden comparison: each part of a small fixed document, normalized (one
// element per line, dcterms dates replaced), equals tests/docx/data/simple/<part>.
//
// Regenerate after an intended change (then review the diff before committing):
//   LH_DOCX_REGENERATE_GOLDEN=1 build-docx/test_docx --gtest_filter='DocxGolden.*'
#include <gtest/gtest.h>

#include <cstdlib>

#include "docx_test_util.h"
#include "test_support.h"

using namespace lh;
using namespace lh::docx::test;
namespace fs = std::filesystem;

namespace {

std::string golden_name(const std::string& part) {
  std::string n = part;
  for (char& c : n)
    if (c == '/') c = '_';
  return n;
}

}  // namespace

TEST(DocxGolden, SimpleDocumentPartsMatchGolden) {
  docx::DocxOptions opt;
  opt.title = "关于开展市场监管执法检查的通知";
  opt.author = "市场监督管理局";
  opt.timestamp = 1704412800;
  opt.heading_pages = {1, 1};
  const Unzipped u = unzip(docx::write_docx(simple_document(), gongwen_style(), opt));
  const fs::path dir = lh::test::source_dir() / "tests" / "docx" / "data" / "simple";
  std::string names;
  for (const std::string& n : u.names) names += n + "\n";
  if (std::getenv("LH_DOCX_REGENERATE_GOLDEN")) {
    fs::create_directories(dir);
    lh::test::write_file(dir / "parts.txt", names);
    for (const std::string& n : u.names) lh::test::write_file(dir / golden_name(n), normalize_part(n, u.at(n)));
    GTEST_SKIP() << "golden files regenerated in " << dir;
  }
  ASSERT_TRUE(fs::is_regular_file(dir / "parts.txt")) << "no golden files; see the header to regenerate";
  EXPECT_EQ(names, lh::test::read_file(dir / "parts.txt"));
  for (const std::string& n : u.names) {
    const fs::path g = dir / golden_name(n);
    ASSERT_TRUE(fs::is_regular_file(g)) << g;
    EXPECT_EQ(normalize_part(n, u.at(n)), lh::test::read_file(g)) << n;
  }
}
