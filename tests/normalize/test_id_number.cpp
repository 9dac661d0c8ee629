// 居民身份证号: GB 11643-1999 checksum and birth date; only masked output (first 4, last 4).
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

TEST(IdNumber, StandardExamplesValid) {
  EXPECT_TRUE(id_number_valid("11010519491231002X"));  // GB 11643-1999 example
  EXPECT_TRUE(id_number_valid("440524188001010014"));  // GB 11643-1999 example (born 1880)
  EXPECT_TRUE(id_number_valid("330106199003071236"));
  EXPECT_TRUE(id_number_valid("510107200002291232"));  // 29 Feb 2000
}

TEST(IdNumber, LowerCaseXAndFullWidthFolded) {
  EXPECT_TRUE(id_number_valid("11010519491231002x"));
  EXPECT_TRUE(id_number_valid("３３０１０６１９９００３０７１２３６"));
}

TEST(IdNumber, BadChecksumInvalid) {
  EXPECT_FALSE(id_number_valid("110105194912310021"));
  EXPECT_FALSE(id_number_valid("330106199003071237"));
}

TEST(IdNumber, ImpossibleBirthDateInvalid) {
  EXPECT_FALSE(id_number_valid("914403001922038216"));  // a credit code: birth date 0019-22-03
}

TEST(IdNumber, WrongShape) {
  EXPECT_FALSE(id_number_valid("33010619900307123"));
  EXPECT_FALSE(id_number_valid("3301061990030712366"));
  EXPECT_FALSE(id_number_valid("33010619900307123A"));
  EXPECT_FALSE(id_number_valid(""));
}

TEST(IdNumber, MaskKeepsFirstFourAndLastFour) {
  EXPECT_EQ(mask_id_number("330106199003071236"), "3301**********1236");
  EXPECT_EQ(mask_id_number("11010519491231002x"), "1101**********002X");
  EXPECT_EQ(mask_id_number("1234567"), "*******");
}

TEST(IdNumber, FindReturnsOnlyMasked) {
  auto v = find_id_numbers("当事人：张三，身份证号码：330106199003071236，住所：杭州市");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].masked, "3301**********1236");
  EXPECT_TRUE(v[0].valid);
}

TEST(IdNumber, BadChecksumFoundAsInvalid) {
  auto v = find_id_numbers("身份证号：330106199003071237");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].masked, "3301**********1237");
  EXPECT_FALSE(v[0].valid);
}

TEST(IdNumber, CreditCodesAreNotIds) {
  EXPECT_TRUE(find_id_numbers("91440300708461136T 914403001922038216 11320000MB151840XJ").empty());
}

TEST(IdNumber, DigitRunsOfOtherLengthsIgnored) {
  EXPECT_TRUE(find_id_numbers("账号6222021234567890123，订单33010619900307123").empty());
}

TEST(IdNumber, MaskMobile) {
  EXPECT_EQ(mask_mobile("13812345678"), "138****5678");
  EXPECT_EQ(mask_mobile("１３８１２３４５６７８"), "138****5678");
  EXPECT_EQ(mask_mobile("138-1234-5678"), "138-****-5678");
  EXPECT_EQ(mask_mobile("+86 13812345678"), "+86 138****5678");
  EXPECT_EQ(mask_mobile("12812345678"), "12812345678");    // 12x is not a mobile prefix
  EXPECT_EQ(mask_mobile("0571-88888888"), "0571-88888888");  // landline untouched
}

TEST(IdNumber, MaskPersonalNumbersInRunningText) {
  EXPECT_EQ(mask_personal_numbers("张三，身份证号330106199003071236，电话13812345678。"),
            "张三，身份证号3301**********1236，电话138****5678。");
  EXPECT_EQ(mask_personal_numbers("身份证：１１０１０５１９４９１２３１００２ｘ"), "身份证：1101**********002X");
  EXPECT_EQ(mask_personal_numbers("手机 139 1234 5678；座机0571-88888888"),
            "手机 139 **** 5678；座机0571-88888888");
  EXPECT_EQ(mask_personal_numbers("Tel:+8613912345678"), "Tel:+86139****5678");
}

TEST(IdNumber, MaskPersonalNumbersLeavesCodesAndOtherNumbers) {
  const std::string t = "统一社会信用代码：91440300708461136T，华为914403001922038216，13350000123456789X，"
                        "账号6222021234567890123，金额1381234567元多";
  // 13350000123456789X: 18 chars that start like a mobile number; not a person's number.
  std::string masked = mask_personal_numbers(t);
  EXPECT_NE(masked.find("91440300708461136T"), std::string::npos);
  EXPECT_NE(masked.find("914403001922038216"), std::string::npos);
  EXPECT_NE(masked.find("6222021234567890123"), std::string::npos);
  EXPECT_NE(masked.find("1381234567元"), std::string::npos);
}

TEST(IdNumber, MaskedIdWithBadChecksumStillMasked) {
  EXPECT_EQ(mask_personal_numbers("身份证号330106199003071237"), "身份证号3301**********1237");
}
