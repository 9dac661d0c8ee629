// Identical input → byte-identical .docx (fixed entry order and timestamps, counters not random ids).
#include <gtest/gtest.h>

#include <cstdlib>

#include "docx_test_util.h"

using namespace lh;
using namespace lh::docx::test;

TEST(DocxDeterminism, TwoWritesGiveIdenticalBytes) {
  docx::DocxOptions opt;
  opt.title = "工作方案";
  opt.heading_pages = {2, 2, 3, 3, 4, 5};
  const std::string a = docx::write_docx(full_document(), gongwen_style(), opt);
  const std::string b = docx::write_docx(full_document(), gongwen_style(), opt);
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.substr(0, 2), "PK");
}

TEST(DocxDeterminism, ZipEntriesCarryTheFixedTimestamp) {
  // Local file header: DOS time at offset 10, date at 12. Unset timestamp → 1980-01-01 00:00.
  unsetenv("SOURCE_DATE_EPOCH");
  const std::string z = docx::write_docx(simple_document(), gongwen_style(), {});
  ASSERT_GE(z.size(), 14u);
  EXPECT_EQ(static_cast<unsigned char>(z[10]) | static_cast<unsigned char>(z[11]) << 8, 0);
  EXPECT_EQ(static_cast<unsigned char>(z[12]) | static_cast<unsigned char>(z[13]) << 8, (1 << 5) | 1);
  docx::DocxOptions opt;
  opt.timestamp = 1704412800 + 3600 * 13 + 62;  // 2024-01-05 13:01:02 UTC
  const std::string t = docx::write_docx(simple_document(), gongwen_style(), opt);
  EXPECT_EQ(static_cast<unsigned char>(t[12]) | static_cast<unsigned char>(t[13]) << 8, (44 << 9) | (1 << 5) | 5);
  EXPECT_EQ(static_cast<unsigned char>(t[10]) | static_cast<unsigned char>(t[11]) << 8, (13 << 11) | (1 << 5) | 1);
}

TEST(DocxDeterminism, SourceDateEpochIsUsedWhenNoTimestampIsGiven) {
  setenv("SOURCE_DATE_EPOCH", "1704412800", 1);
  const Unzipped u = unzip(docx::write_docx(simple_document(), gongwen_style(), {}));
  unsetenv("SOURCE_DATE_EPOCH");
  EXPECT_NE(u.at("docProps/core.xml").find("2024-01-05T00:00:00Z"), std::string::npos);
  setenv("SOURCE_DATE_EPOCH", "12abc", 1);
  EXPECT_FALSE(docx::source_date_epoch().has_value());
  unsetenv("SOURCE_DATE_EPOCH");
}
