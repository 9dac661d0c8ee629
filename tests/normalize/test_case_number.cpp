// 案号: domain.md §2 real numbers; GB/T 9704-2012 §7.2.5 (〔〕, no 第, no zero padding).
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

namespace {
std::string norm1(std::string_view text) {
  auto v = find_case_numbers(text);
  return v.size() == 1 ? v[0].normalized : "<" + std::to_string(v.size()) + " matches>";
}
}  // namespace

TEST(CaseNumber, CanonicalFormUnchanged) {
  auto v = find_case_numbers("马市监处罚〔2026〕193号");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].normalized, "马市监处罚〔2026〕193号");
  EXPECT_EQ(v[0].raw, "马市监处罚〔2026〕193号");
  EXPECT_FALSE(v[0].zero_padded);
}

TEST(CaseNumber, RealExamplesFromDomain) {
  EXPECT_EQ(norm1("石市监处罚〔2022〕120号"), "石市监处罚〔2022〕120号");
  EXPECT_EQ(norm1("国市监处罚〔2026〕10号"), "国市监处罚〔2026〕10号");
}

TEST(CaseNumber, AgencyPrefixInFullWidthParentheses) {
  auto v = find_case_numbers("决定书文号：（杭临）市监处罚〔2024〕131号。");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].normalized, "（杭临）市监处罚〔2024〕131号");
  EXPECT_EQ(v[0].raw, "（杭临）市监处罚〔2024〕131号");
}

TEST(CaseNumber, AgencyPrefixInHalfWidthParenthesesNormalizedToFullWidth) {
  EXPECT_EQ(norm1("(杭临)市监处罚[2024]131号"), "（杭临）市监处罚〔2024〕131号");
}

TEST(CaseNumber, SquareBrackets) { EXPECT_EQ(norm1("杭市监处罚[2024]5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, HalfWidthParentheses) { EXPECT_EQ(norm1("杭市监处罚(2024)5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, FullWidthParentheses) { EXPECT_EQ(norm1("杭市监处罚（2024）5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, FullWidthSquareBrackets) { EXPECT_EQ(norm1("杭市监处罚［2024］5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, BlackLenticularBrackets) { EXPECT_EQ(norm1("杭市监处罚【2024】5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, SmallTortoiseShellBrackets) { EXPECT_EQ(norm1("杭市监处罚﹝2024﹞5号"), "杭市监处罚〔2024〕5号"); }
TEST(CaseNumber, MismatchedBrackets) { EXPECT_EQ(norm1("杭市监处罚〔2024]5号"), "杭市监处罚〔2024〕5号"); }

TEST(CaseNumber, FullWidthDigits) { EXPECT_EQ(norm1("杭市监处罚〔２０２４〕１３１号"), "杭市监处罚〔2024〕131号"); }

TEST(CaseNumber, SpacesInside) { EXPECT_EQ(norm1("杭市监处罚 〔 2024 〕 131 号"), "杭市监处罚〔2024〕131号"); }

TEST(CaseNumber, DiBeforeSerialDropped) { EXPECT_EQ(norm1("杭市监处罚〔2024〕第131号"), "杭市监处罚〔2024〕131号"); }

TEST(CaseNumber, ZeroPaddedSerialFlagged) {
  auto v = find_case_numbers("杭市监处罚〔2026〕0128号");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].normalized, "杭市监处罚〔2026〕128号");
  EXPECT_EQ(v[0].raw, "杭市监处罚〔2026〕0128号");
  EXPECT_TRUE(v[0].zero_padded);
}

TEST(CaseNumber, CategoryVariants) {
  EXPECT_EQ(norm1("杭市监罚〔2024〕7号"), "杭市监罚〔2024〕7号");
  EXPECT_EQ(norm1("杭市监处〔2024〕7号"), "杭市监处〔2024〕7号");
  EXPECT_EQ(norm1("杭市监案〔2024〕7号"), "杭市监案〔2024〕7号");
  EXPECT_EQ(norm1("杭市监立〔2024〕7号"), "杭市监立〔2024〕7号");
  EXPECT_EQ(norm1("杭市监检〔2024〕7号"), "杭市监检〔2024〕7号");
  EXPECT_EQ(norm1("杭市监强〔2024〕7号"), "杭市监强〔2024〕7号");
  EXPECT_EQ(norm1("杭市监处罚字〔2024〕7号"), "杭市监处罚字〔2024〕7号");
}

TEST(CaseNumber, TwoCharacterPrefix) { EXPECT_EQ(norm1("京朝市监处罚〔2023〕88号"), "京朝市监处罚〔2023〕88号"); }

TEST(CaseNumber, ConnectiveWordsBeforePrefixAreCut) {
  EXPECT_EQ(norm1("根据杭市监处罚〔2024〕1号决定"), "杭市监处罚〔2024〕1号");
  EXPECT_EQ(norm1("依法作出了杭市监处罚〔2024〕1号"), "杭市监处罚〔2024〕1号");
  EXPECT_EQ(norm1("行政处罚决定书杭市监处罚〔2024〕1号"), "杭市监处罚〔2024〕1号");
}

// Bug (property sweep seeds 6, 8): "其中厦集市监罚〔2023〕10号" gave the 简称 其中厦集, a case of its own.
TEST(CaseNumber, EnumerationWordBeforePrefixIsNotPartOfIt) {
  EXPECT_EQ(norm1("办结行政处罚案件2件，其中厦集市监罚〔2023〕10号已执行完毕"), "厦集市监罚〔2023〕10号");
  EXPECT_EQ(norm1("包括中市监处罚〔2024〕3号"), "中市监处罚〔2024〕3号");
}

// Bug: "…市场监督管理局南市监处罚〔2024〕12号" (授權委託書.txt of case A) gave 管理局南市监处罚〔2024〕12号,
// a case of its own.
TEST(CaseNumber, AgencyNameBeforePrefixIsNotPartOfIt) {
  EXPECT_EQ(norm1("委托人就南岭县市场监督管理局南市监处罚〔2024〕12号一案"), "南市监处罚〔2024〕12号");
  EXPECT_EQ(norm1("南岭县市场监督管理局南市监处罚〔2024〕12号"), "南市监处罚〔2024〕12号");
  EXPECT_EQ(norm1("石门市场监督管理所南市监处罚〔2024〕12号"), "南市监处罚〔2024〕12号");
  EXPECT_EQ(norm1("市场监管总局国市监处罚〔2026〕10号"), "国市监处罚〔2026〕10号");
  EXPECT_EQ(norm1("临平分局（杭临）市监处罚〔2024〕131号"), "（杭临）市监处罚〔2024〕131号");
  auto v = find_case_numbers("南岭县市场监督管理局南市监处罚〔2024〕12号");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].raw, "南市监处罚〔2024〕12号");  // the agency's name is not part of what was written as the 案号
}

// Bug: "现就南市监处罚〔2024〕12号…" (陳述申辯書 of case A) gave 现就南市监处罚〔2024〕12号.
TEST(CaseNumber, ConnectiveJiuBeforePrefixIsCut) {
  EXPECT_EQ(norm1("现就南市监处罚〔2024〕12号行政处罚告知书提出陈述申辩"), "南市监处罚〔2024〕12号");
  EXPECT_EQ(norm1("关于杭市监处罚〔2024〕1号的说明"), "杭市监处罚〔2024〕1号");
}

// Bug: "经办理桐市监罚字〔2024〕12号案件…" gave the 简称 经办理桐 (a case of its own): a verb that takes the
// number as its object is no part of the 机关代字 (GB/T 9704-2012 §7.2.5). Characters that begin a real
// place's 简称 (于都, 经开, 关岭县) stay where they are not inside such a word.
TEST(CaseNumber, VerbBeforePrefixIsNotPartOfIt) {
  EXPECT_EQ(norm1("经办理桐市监罚字〔2024〕12号案件"), "桐市监罚字〔2024〕12号");
  EXPECT_EQ(norm1("现办理桐市监罚字〔2024〕12号"), "桐市监罚字〔2024〕12号");
  EXPECT_EQ(norm1("现将穗市监罚字〔2024〕3号决定书送达"), "穗市监罚字〔2024〕3号");
  EXPECT_EQ(norm1("当事人不服粤市监处罚〔2024〕7号决定"), "粤市监处罚〔2024〕7号");
  EXPECT_EQ(norm1("决定书文号为京朝市监罚〔2024〕9号"), "京朝市监罚〔2024〕9号");
  EXPECT_EQ(norm1("依照桐市监罚字〔2024〕12号"), "桐市监罚字〔2024〕12号");
  EXPECT_EQ(norm1("已执行桐市监罚字〔2024〕12号"), "桐市监罚字〔2024〕12号");
  auto v = find_case_numbers("经办理桐市监罚字〔2024〕12号案件");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].raw, "桐市监罚字〔2024〕12号");
  // Real prefixes are kept whole.
  EXPECT_EQ(norm1("关岭县市监罚〔2024〕3号"), "关岭县市监罚〔2024〕3号");
  EXPECT_EQ(norm1("于都市监罚〔2024〕3号"), "于都市监罚〔2024〕3号");
  EXPECT_EQ(norm1("经开市监罚〔2024〕3号"), "经开市监罚〔2024〕3号");
  EXPECT_EQ(norm1("穗市监罚字〔2024〕3号"), "穗市监罚字〔2024〕3号");
}

// Bug (probe inbox): a decision numbered 深市监龙华罚〔2024〕8号 or 杭市监(萧)罚〔2024〕9号 had no 案号 at
// all and was filed as 文书 ("本文无案号"): a district between 市监 and 罚 (the 2021 范本's "××市监×罚")
// was not a case-related 类.
TEST(CaseNumber, DistrictBeforeFaIsPartOfTheCategory) {
  EXPECT_EQ(norm1("深市监龙华罚〔2024〕8号"), "深市监龙华罚〔2024〕8号");
  EXPECT_EQ(norm1("深市监福田处罚〔2024〕8号"), "深市监福田处罚〔2024〕8号");
  EXPECT_EQ(norm1("杭市监(萧)罚〔2024〕9号"), "杭市监（萧）罚〔2024〕9号");
  EXPECT_EQ(norm1("杭市监（萧）罚〔2024〕9号"), "杭市监（萧）罚〔2024〕9号");
  EXPECT_TRUE(find_case_numbers("粤市监办发〔2024〕1号").empty());
  EXPECT_TRUE(find_case_numbers("杭市监(萧)发〔2024〕1号").empty());
}

TEST(CaseNumber, PolicyDocumentNumbersAreNotCaseNumbers) {
  EXPECT_TRUE(find_case_numbers("国市监法发〔2021〕42号").empty());
  EXPECT_TRUE(find_case_numbers("浙市监综〔2024〕3号").empty());
  EXPECT_TRUE(find_case_numbers("杭市监函〔2024〕3号").empty());
}

TEST(CaseNumber, GarbageRejected) {
  EXPECT_TRUE(find_case_numbers("X7杭市监处罚〔2024〕1号").empty()) << "glued to ASCII";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔20245〕1号").empty()) << "5-digit year";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔224〕1号").empty()) << "3-digit year";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔2024〕12345678号").empty()) << "8-digit serial";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔1900〕1号").empty()) << "year out of range";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔2024〕0号").empty()) << "serial 0";
  EXPECT_TRUE(find_case_numbers("杭市监处罚〔2024〕号").empty()) << "no serial";
  EXPECT_TRUE(find_case_numbers("杭市监处罚2024年1号").empty()) << "no brackets";
}

TEST(CaseNumber, DeduplicatedInOrder) {
  auto v = find_case_numbers("石市监处罚〔2022〕120号；杭市监处罚[2024]5号；石市监处罚（2022）120号");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].normalized, "石市监处罚〔2022〕120号");
  EXPECT_EQ(v[1].normalized, "杭市监处罚〔2024〕5号");
}

TEST(CaseNumber, ParseWholeString) {
  auto c = parse_case_number("  杭市监处罚〔２０２４〕第０１３１号 ");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->normalized, "杭市监处罚〔2024〕131号");
  EXPECT_TRUE(c->zero_padded);
  EXPECT_FALSE(parse_case_number("见杭市监处罚〔2024〕1号"));  // 见 is a connective: not the whole string
  EXPECT_FALSE(parse_case_number("杭市监处罚〔2024〕1号附件"));
  EXPECT_FALSE(parse_case_number(""));
}
