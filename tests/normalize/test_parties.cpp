// 当事人 from labelled lines (程序规定 / 2021 范本; 日常监督检查表 headers, domain.md §3).
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

using V = std::vector<std::string>;

TEST(Parties, FullWidthColonKeepsFullName) {
  EXPECT_EQ(find_parties("当事人：杭州某某餐饮管理有限公司\n"), V{"杭州某某餐饮管理有限公司"});
}
TEST(Parties, HalfWidthColon) { EXPECT_EQ(find_parties("当事人: 杭州某某商贸有限公司"), V{"杭州某某商贸有限公司"}); }
TEST(Parties, InspectionLabels) {
  EXPECT_EQ(find_parties("被检查单位：临安区某某小吃店"), V{"临安区某某小吃店"});
  EXPECT_EQ(find_parties("检查对象：某某超市"), V{"某某超市"});
  EXPECT_EQ(find_parties("被检查人：李四"), V{"李四"});
  EXPECT_EQ(find_parties("名称：某某食品厂"), V{"某某食品厂"});
  EXPECT_EQ(find_parties("单位名称：某某药房"), V{"某某药房"});
  EXPECT_EQ(find_parties("被检查单位（人）：王五"), V{"王五"});
  EXPECT_EQ(find_parties("当事人名称：某某公司"), V{"某某公司"});
}
TEST(Parties, StopsAtPunctuation) {
  EXPECT_EQ(find_parties("当事人：张三，男，汉族，1980年1月1日出生。"), V{"张三"});
  EXPECT_EQ(find_parties("当事人：某某公司；住所：杭州市"), V{"某某公司"});
  EXPECT_EQ(find_parties("当事人：某某公司。"), V{"某某公司"});
}
TEST(Parties, StopsAtNextLabel) {
  EXPECT_EQ(find_parties("当事人：杭州某某有限公司 统一社会信用代码：91440300708461136T"), V{"杭州某某有限公司"});
  EXPECT_EQ(find_parties("当事人：杭州某某有限公司住所：杭州市临安区"), V{"杭州某某有限公司"});
  EXPECT_EQ(find_parties("被检查单位：某某店  地址：某路1号"), V{"某某店"});
}
TEST(Parties, StopsAtBracketedLabel) {
  EXPECT_EQ(find_parties("当事人：杭州某某有限公司（统一社会信用代码：91440300708461136T）"), V{"杭州某某有限公司"});
  EXPECT_EQ(find_parties("当事人:张三 (身份证号:330106199003071236)"), V{"张三"});
}
TEST(Parties, KeepsBracketsInNames) {
  EXPECT_EQ(find_parties("当事人：某某（杭州）食品有限公司"), V{"某某（杭州）食品有限公司"});
}
TEST(Parties, TableRowWithTab) {
  EXPECT_EQ(find_parties("当事人\t杭州某某有限公司\n"), V{"杭州某某有限公司"});
  EXPECT_EQ(find_parties("被检查单位\t某某小吃店\t地址\t某路1号"), V{"某某小吃店"});
}
TEST(Parties, ProductNameIsNotALabel) {
  EXPECT_TRUE(find_parties("商品名称：某某牌饼干").empty());
  EXPECT_EQ(find_parties("商品名称：饼干  名称：某某食品厂"), V{"某某食品厂"});
}
TEST(Parties, BlanksSkipped) {
  EXPECT_TRUE(find_parties("当事人：________\n被检查单位：／\n名称：无\n").empty());
  EXPECT_TRUE(find_parties("当事人：\n").empty());
}
TEST(Parties, DeduplicatedInOrder) {
  EXPECT_EQ(find_parties("当事人：甲公司\n被检查单位：乙店\n当事人：甲公司\n"), (V{"甲公司", "乙店"}));
}
TEST(Parties, LabelInRunningTextWithoutColonIgnored) {
  EXPECT_TRUE(find_parties("经查，当事人于2024年3月5日销售过期食品。").empty());
}
