// Dates → ISO 8601. GB/T 9704-2012 §7.3.5.4 form and the other forms real documents use.
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

namespace {
std::string one(std::string_view s) { return parse_date(s).value_or("<none>"); }
}  // namespace

TEST(Dates, Gbt9704Form) { EXPECT_EQ(one("2024年3月5日"), "2024-03-05"); }
TEST(Dates, ZeroPaddedChineseForm) { EXPECT_EQ(one("2024年03月05日"), "2024-03-05"); }
TEST(Dates, ChineseNumeralsWithLingAndCircle) {
  EXPECT_EQ(one("二〇二四年三月五日"), "2024-03-05");
  EXPECT_EQ(one("二○二四年三月五日"), "2024-03-05");  // U+25CB as zero
  EXPECT_EQ(one("二零二四年三月五日"), "2024-03-05");
}
TEST(Dates, ChineseNumeralsTens) {
  EXPECT_EQ(one("二〇二四年十二月二十五日"), "2024-12-25");
  EXPECT_EQ(one("二〇二四年十月十日"), "2024-10-10");
  EXPECT_EQ(one("二〇二四年一月三十一日"), "2024-01-31");
  EXPECT_EQ(one("二〇二四年十一月二十日"), "2024-11-20");
  EXPECT_EQ(one("二〇二四年五月廿五日"), "2024-05-25");
}
TEST(Dates, DotSeparated) { EXPECT_EQ(one("2024.3.5"), "2024-03-05"); }
TEST(Dates, IsoForm) { EXPECT_EQ(one("2024-03-05"), "2024-03-05"); }
TEST(Dates, SlashSeparated) { EXPECT_EQ(one("2024/3/5"), "2024-03-05"); }
TEST(Dates, FullWidthDigits) { EXPECT_EQ(one("２０２４年３月５日"), "2024-03-05"); }
TEST(Dates, SpacesInside) { EXPECT_EQ(one("2024 年 3 月 5 日"), "2024-03-05"); }
TEST(Dates, HaoForDay) { EXPECT_EQ(one("2024年3月5号"), "2024-03-05"); }
TEST(Dates, YearMonthOnly) {
  EXPECT_EQ(one("2024年03月"), "2024-03");
  EXPECT_EQ(one("二〇二四年三月"), "2024-03");
}

TEST(Dates, InvalidMonthOrDay) {
  EXPECT_FALSE(parse_date("2024年13月"));
  EXPECT_FALSE(parse_date("2024年2月30日"));
  EXPECT_FALSE(parse_date("2023年2月29日"));
  EXPECT_FALSE(parse_date("2024-04-31"));
  EXPECT_FALSE(parse_date("2024.0.5"));
  EXPECT_FALSE(parse_date("二〇二四年十三月一日"));
}
TEST(Dates, LeapDayValid) {
  EXPECT_EQ(one("2024年2月29日"), "2024-02-29");
  EXPECT_EQ(one("2000-02-29"), "2000-02-29");
  EXPECT_FALSE(parse_date("1900年2月29日"));  // also out of range
  EXPECT_FALSE(parse_date("2100年2月29日"));  // 2100 is not a leap year
}
TEST(Dates, YearRange) {
  EXPECT_FALSE(parse_date("1948年1月1日"));
  EXPECT_EQ(one("1949年10月1日"), "1949-10-01");
  EXPECT_EQ(one("2100年12月31日"), "2100-12-31");
  EXPECT_FALSE(parse_date("2101年1月1日"));
}

TEST(Dates, PhoneNumbersAreNotDates) {
  EXPECT_TRUE(find_dates("联系电话13812345678，0571-8888-1234，138-1234-5678").empty());
  EXPECT_TRUE(find_dates("20240305").empty());
}
TEST(Dates, MixedSeparatorsAndLongerDottedNumbersRejected) {
  EXPECT_TRUE(find_dates("2024.3-5").empty());
  EXPECT_TRUE(find_dates("版本 2024.3.5.1").empty());
  EXPECT_TRUE(find_dates("编号12024-03-05").empty());
}
TEST(Dates, YearAloneIsNotADate) { EXPECT_TRUE(find_dates("2024年度工作总结").empty()); }

TEST(Dates, SortedByFirstAppearanceAndDeduplicated) {
  auto v = find_dates("于2024年3月5日检查，二〇二四年一月二日立案，2024-03-05复查；2024/1/2 告知；2023年12月。");
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(v[0], "2024-03-05");
  EXPECT_EQ(v[1], "2024-01-02");
  EXPECT_EQ(v[2], "2023-12");
}

TEST(Dates, InvalidDayDoesNotFallBackToMonth) { EXPECT_TRUE(find_dates("2024年2月30日").empty()); }

TEST(Dates, ParseDateRequiresWholeString) {
  EXPECT_FALSE(parse_date("于2024年3月5日"));
  EXPECT_FALSE(parse_date("2024年3月5日至6日 2024年3月7日"));
  EXPECT_EQ(one("  2024年3月5日 "), "2024-03-05");
  EXPECT_FALSE(parse_date(""));
}
