// 统一社会信用代码: GB 32100-2015 §4 check character and GB 11714 body check; codes verified in
// domain.md §5.
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

TEST(CreditCode, VerifiedRealCodesValid) {
  EXPECT_TRUE(credit_code_valid("914403001922038216"));  // 华为技术有限公司
  EXPECT_TRUE(credit_code_valid("91440300708461136T"));  // 深圳市腾讯计算机系统有限公司
  EXPECT_TRUE(credit_code_valid("11320000MB151840XJ"));  // 机关, Jiangsu
  EXPECT_TRUE(credit_code_valid("9131000063159284XQ"));  // Shanghai
}

TEST(CreditCode, KnownFailingCodesInvalid) {
  EXPECT_FALSE(credit_code_valid("91350100M000100Y4Z"));  // the standard's own example
  EXPECT_FALSE(credit_code_valid("91350211M0000XUF46"));
  EXPECT_FALSE(credit_code_valid("91350100M0001TGQXM"));
}

TEST(CreditCode, CheckCharacterRightButOrganisationCodeWrong) {
  // 18th character recomputed after changing the GB 11714 check (6 → 7) of the Tencent code.
  EXPECT_FALSE(credit_code_valid("91440300708461137X"));
}

TEST(CreditCode, FoldsFullWidthAndLowerCase) {
  EXPECT_TRUE(credit_code_valid("91440300708461136t"));
  EXPECT_TRUE(credit_code_valid("９１４４０３００７０８４６１１３６Ｔ"));
  EXPECT_TRUE(credit_code_valid("11320000mb151840xj"));
}

TEST(CreditCode, WrongLengthOrCharset) {
  EXPECT_FALSE(credit_code_valid("91440300708461136"));    // 17
  EXPECT_FALSE(credit_code_valid("91440300708461136T1"));  // 19
  EXPECT_FALSE(credit_code_valid("91440300708461I36T"));   // I is not in the set
  EXPECT_FALSE(credit_code_valid(""));
}

TEST(CreditCode, FoundInTextWithLabel) {
  auto v = find_credit_codes("当事人：深圳市腾讯计算机系统有限公司\n统一社会信用代码：91440300708461136T\n");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "91440300708461136T");
  EXPECT_TRUE(v[0].valid);
}

TEST(CreditCode, AllDigitCodeIsACodeNotAnId) {
  auto v = find_credit_codes("华为技术有限公司（914403001922038216）");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "914403001922038216");
  EXPECT_TRUE(v[0].valid);
  EXPECT_TRUE(find_id_numbers("华为技术有限公司（914403001922038216）").empty());
}

TEST(CreditCode, InvalidKeptNotDropped) {
  auto v = find_credit_codes("代码91350211M0000XUF46，另91350100M000100Y4Z。");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].code, "91350211M0000XUF46");
  EXPECT_FALSE(v[0].valid);
  EXPECT_EQ(v[1].code, "91350100M000100Y4Z");
  EXPECT_FALSE(v[1].valid);
}

TEST(CreditCode, FullWidthAndLowerCaseInTextFolded) {
  auto v = find_credit_codes("信用代码：９１４４０３００７０８４６１１３６ｔ");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].code, "91440300708461136T");
  EXPECT_TRUE(v[0].valid);
}

TEST(CreditCode, SeventeenOrNineteenCharactersAreNotCodes) {
  EXPECT_TRUE(find_credit_codes("代码：91440300708461136").empty());
  EXPECT_TRUE(find_credit_codes("代码：91440300708461136T9").empty());
  EXPECT_TRUE(find_credit_codes("ABC91440300708461136T").empty());
}

TEST(CreditCode, ValidIdNumberIsNotACreditCode) {
  EXPECT_TRUE(find_credit_codes("身份证号：11010519491231002X").empty());
}

TEST(CreditCode, Deduplicated) {
  auto v = find_credit_codes("914403001922038216 和 914403001922038216、９１４４０３００１９２２０３８２１６");
  EXPECT_EQ(v.size(), 1u);
}
