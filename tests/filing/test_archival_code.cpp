// 档号 rules of DA/T 22-2015 (全宗号-门类代码·年度-保管期限代码-机构代码-件号), named cases.
#include <gtest/gtest.h>

#include "filing/archival_code.h"

using namespace lh::filing;

TEST(ArchivalCode, FormatsTheStandardExample) {
  ArchivalCode c{"Z109", "WS", 2011, "Y", "BGS", 1};
  EXPECT_EQ(c.format(), "Z109-WS\u00B72011-Y-BGS-0001");
}

TEST(ArchivalCode, InterpunctIsU00B7NotAFullStopOrKatakanaDot) {
  ArchivalCode c{"Z109", "WS", 2011, "Y", "BGS", 1};
  std::string s = c.format();
  EXPECT_NE(s.find("\xC2\xB7"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-WS\u30FB2011-Y-BGS-0001"));  // ・ katakana middle dot
  EXPECT_FALSE(parse_archival_code("Z109-WS.2011-Y-BGS-0001"));
}

TEST(ArchivalCode, ItemNumberIsZeroPaddedToFourDigits) {
  ArchivalCode c{"J001", "AJ", 2024, "D30", "CDS", 42};
  EXPECT_EQ(c.format(), "J001-AJ\u00B72024-D30-CDS-0042");
  c.item = 9999;
  EXPECT_EQ(c.format(), "J001-AJ\u00B72024-D30-CDS-9999");
  c.item = 10000;  // does not fit: no code rather than a wrong one
  EXPECT_EQ(c.format(), "");
  c.item = 0;
  EXPECT_EQ(c.format(), "");
}

TEST(ArchivalCode, RoundTrips) {
  for (const char* s : {"Z109-WS\u00B72011-Y-BGS-0001", "0001-JC\u00B72024-D10-CDS-0150", "J031-AJ\u00B72023-D30-ZFK2-0007"}) {
    auto c = parse_archival_code(s);
    ASSERT_TRUE(c) << s;
    EXPECT_EQ(c->format(), s);
  }
}

TEST(ArchivalCode, OrganisationIsOptional) {
  auto c = parse_archival_code("Z109-WS\u00B72011-Y-0001");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->organisation, "");
  EXPECT_EQ(c->item, 1);
  EXPECT_EQ(c->format(), "Z109-WS\u00B72011-Y-0001");
}

TEST(ArchivalCode, RejectsBadSegmentsWithAReason) {
  std::string why;
  EXPECT_FALSE(parse_archival_code("Z10-WS\u00B72011-Y-BGS-0001", &why));
  EXPECT_NE(why.find("全宗号"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-W\u00B72011-Y-BGS-0001", &why));
  EXPECT_NE(why.find("门类代码"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-WS\u00B711-Y-BGS-0001", &why));
  EXPECT_NE(why.find("年度"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-WS\u00B72011-Q-BGS-0001", &why));
  EXPECT_NE(why.find("保管期限"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-WS\u00B72011-Y-BGS-001", &why));
  EXPECT_NE(why.find("件号"), std::string::npos);
  EXPECT_FALSE(parse_archival_code("Z109-WS\u00B72011-Y-BGS-0000", &why));
  EXPECT_FALSE(parse_archival_code("Z109-WS\u00B72011-Y-BGS-0001x", &why));
}

TEST(ArchivalCode, RetentionCodes) {
  EXPECT_TRUE(valid_retention_code("Y"));
  EXPECT_TRUE(valid_retention_code("D30"));
  EXPECT_TRUE(valid_retention_code("D10"));
  EXPECT_FALSE(valid_retention_code("D"));
  EXPECT_FALSE(valid_retention_code("D030"));
  EXPECT_FALSE(valid_retention_code("永久"));
}

TEST(ArchivalCode, ScopeKeyLeavesOutTheItemNumber) {
  ArchivalCode a{"Z109", "WS", 2024, "Y", "CDS", 1}, b = a;
  b.item = 7;
  std::vector<Segment> scope = {Segment::Fonds, Segment::Category, Segment::Year, Segment::Retention, Segment::Organisation};
  EXPECT_EQ(a.scope_key(scope), b.scope_key(scope));
  b.retention = "D10";
  EXPECT_NE(a.scope_key(scope), b.scope_key(scope));
}

// A full sequence (issue 13): the 件号 width sets the last number a scope can give.
TEST(ArchivalCode, LargestItemNumberIsTheWidthsLastAndTheCodeBeyondItIsEmpty) {
  EXPECT_EQ(largest_item_number(4), 9999);
  EXPECT_EQ(largest_item_number(5), 99999);
  EXPECT_EQ(largest_item_number(1), 9);
  EXPECT_EQ((ArchivalCode{"Z109", "WS", 2024, "D10", "", 9999}.format()), "Z109-WS\u00B72024-D10-9999");
  EXPECT_EQ((ArchivalCode{"Z109", "WS", 2024, "D10", "", 10000}.format()), "");
  EXPECT_EQ((ArchivalCode{"Z109", "WS", 2024, "D10", "", 10000}.format(dat22_layout(), 5)), "Z109-WS\u00B72024-D10-10000");
}

TEST(ArchivalCode, PrefixIsTheCodeWithoutItsItemNumber) {
  EXPECT_EQ((ArchivalCode{"Z109", "WS", 2011, "Y", "BGS", 0}.prefix(dat22_layout())), "Z109-WS\u00B72011-Y-BGS");
  EXPECT_EQ((ArchivalCode{"Z109", "WS", 2011, "Y", "", 0}.prefix(dat22_layout())), "Z109-WS\u00B72011-Y");
}
