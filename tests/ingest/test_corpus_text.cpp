// The text corpus (../shared/corpus/text, MANIFEST.tsv): every pycjk X.txt decodes to exactly its
// X-utf8.txt twin, and the chardet/uchardet samples decode as their declared or known encoding.
// Skipped where the corpus is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "ingest/reader.h"
#include "normalize/encoding.h"
#include "test_support.h"

using namespace lh;
namespace fs = std::filesystem;

namespace {

ingest::ReadResult read_as(ingest::ReadResult (*reader)(const ingest::Input&), const std::string& bytes,
                           const std::string& name) {
  static const ingest::ReadOptions opt;
  return reader(ingest::Input{bytes, name, &opt});
}

}  // namespace

TEST(CorpusText, PycjkFilesDecodeToTheirUtf8Twins) {
  LH_REQUIRE_CORPUS(corpus);
  const fs::path dir = corpus / "text";
  const std::pair<const char*, const char*> expected_encoding[] = {
      {"pycjk-big5", "Big5"},       {"pycjk-big5hkscs", "Big5-HKSCS"}, {"pycjk-gb18030", "GB18030"},
      {"pycjk-gb2312", "GB18030"},  {"pycjk-gbk", "GB18030"},          {"pycjk-hz", "HZ-GB-2312"},
  };
  int pairs = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string stem = entry.path().stem().string();
    if (entry.path().extension() != ".txt" || stem.rfind("pycjk-", 0) != 0 || stem.ends_with("-utf8")) continue;
    const fs::path twin = dir / (stem + "-utf8.txt");
    if (!fs::exists(twin)) continue;
    ++pairs;
    SCOPED_TRACE(stem);
    const normalize::Decoded d = normalize::decode_text(test::read_file(entry.path()));
    EXPECT_EQ(d.utf8, test::read_file(twin));
    EXPECT_FALSE(d.lossy);
    for (const auto& [name, enc] : expected_encoding)
      if (stem == name) { EXPECT_EQ(d.encoding, enc); }
  }
  EXPECT_GE(pairs, 6);
}

TEST(CorpusText, DetectorSamplesDecodeAsTheirKnownEncoding) {
  LH_REQUIRE_CORPUS(corpus);
  const fs::path dir = corpus / "text";
  const std::pair<const char*, const char*> cases[] = {
      {"chardet-gb18030-no-decl.html", "GB18030"}, {"chardet-nobom-utf16le.csv", "UTF-16LE"},
      {"chardet-utf8-bom-ja.txt", "UTF-8"},        {"uchardet-ja-utf-16be.txt", "UTF-16BE"},
      {"uchardet-ja-utf-16le.txt", "UTF-16LE"},    {"uchardet-zh-big5.txt", "Big5"},
      {"uchardet-zh-gb18030.txt", "GB18030"},      {"uchardet-zh-utf-8.txt", "UTF-8"},
      {"uchardet-zh-euc-tw.txt", "EUC-TW"},        {"chardet-big5-sinica.edu.tw.xml", "Big5"},
      {"chardet-gb2312-cappuccinos.xml", "GB18030"},
  };
  for (const auto& [file, enc] : cases) {
    SCOPED_TRACE(file);
    const normalize::Decoded d = normalize::decode_text(test::read_file(dir / file));
    EXPECT_EQ(d.encoding, enc);
    EXPECT_FALSE(d.lossy);
    EXPECT_TRUE(normalize::is_valid_utf8(d.utf8));
    EXPECT_NE(d.utf8.substr(0, 3), "\xEF\xBB\xBF");  // a BOM is never passed on
  }
}

TEST(CorpusText, KnownContentSurvives) {
  LH_REQUIRE_CORPUS(corpus);
  const fs::path dir = corpus / "text";
  auto decoded = [&](const char* f) { return normalize::decode_text(test::read_file(dir / f)).utf8; };
  EXPECT_EQ(decoded("uchardet-zh-big5.txt").substr(0, 12), "繁體中文");
  EXPECT_EQ(decoded("uchardet-zh-gb18030.txt").substr(0, 12), "简体中文");
  EXPECT_NE(decoded("uchardet-zh-euc-tw.txt").find("台灣使用的漢字編碼方法"), std::string::npos);
  // The same Japanese text in both byte orders.
  EXPECT_EQ(decoded("uchardet-ja-utf-16be.txt"), decoded("uchardet-ja-utf-16le.txt"));
}

TEST(CorpusText, ReadersHonourDeclarationsAndParseTheUtf16Csv) {
  LH_REQUIRE_CORPUS(corpus);
  const fs::path dir = corpus / "text";
  const auto big5 = read_as(ingest::read_text, test::read_file(dir / "chardet-big5-sinica.edu.tw.xml"), "sinica.xml");
  ASSERT_FALSE(big5.error);
  EXPECT_EQ(big5.meta.encoding, "Big5");
  EXPECT_TRUE(big5.meta.problems.empty());

  const auto gb = read_as(ingest::read_text, test::read_file(dir / "chardet-gb2312-cappuccinos.xml"), "c.xml");
  EXPECT_EQ(gb.meta.encoding, "GB18030");

  const auto csv = read_as(ingest::read_csv, test::read_file(dir / "chardet-nobom-utf16le.csv"), "u.csv");
  ASSERT_FALSE(csv.error);
  EXPECT_EQ(csv.meta.encoding, "UTF-16LE");
  const auto& t = std::get<model::Table>(csv.doc.sections.at(0).blocks.at(0).value);
  ASSERT_GE(t.rows.size(), 2u);
  ASSERT_EQ(t.rows[0].cells.size(), 3u);
  EXPECT_EQ(std::get<model::Paragraph>(t.rows[0].cells[0].blocks.at(0).value).plain_text(), "DateTime");
}
