// extract_fields over one realistic 行政处罚决定书 (all extractors, warnings).
#include <gtest/gtest.h>

#include <algorithm>

#include "normalize/fields.h"

using namespace lh::normalize;

namespace {
bool has_warning(const lh::model::Fields& f, std::string_view part) {
  return std::any_of(f.warnings.begin(), f.warnings.end(),
                     [&](const std::string& w) { return w.find(part) != std::string::npos; });
}

const char* kDecision =
    "杭州市临安区市场监督管理局\n"
    "行 政 处 罚 决 定 书\n"
    "杭市监处罚〔２０２６〕0128号\n"
    "当事人：杭州某某餐饮管理有限公司\n"
    "统一社会信用代码：91350211M0000XUF46\n"
    "法定代表人：张三，身份证号码：330106199003071236，联系电话：13812345678\n"
    "另查明关联企业统一社会信用代码：91440300708461136T。\n"
    "经办人身份证号330106199003071237。\n"
    "本局于二〇二六年一月五日立案，于2026年1月20日作出本决定。\n"
    "二〇二六年一月二十日\n";
}  // namespace

TEST(ExtractFields, DecisionAllFields) {
  auto f = extract_fields(kDecision, "行政处罚决定书.docx");
  ASSERT_EQ(f.case_numbers.size(), 1u);
  EXPECT_EQ(f.case_numbers[0].normalized, "杭市监处罚〔2026〕128号");
  EXPECT_TRUE(f.case_numbers[0].zero_padded);
  EXPECT_EQ(f.parties, std::vector<std::string>{"杭州某某餐饮管理有限公司"});
  ASSERT_EQ(f.credit_codes.size(), 2u);
  EXPECT_EQ(f.credit_codes[0].code, "91350211M0000XUF46");
  EXPECT_FALSE(f.credit_codes[0].valid);
  EXPECT_TRUE(f.credit_codes[1].valid);
  ASSERT_EQ(f.id_numbers.size(), 2u);
  EXPECT_EQ(f.id_numbers[0].masked, "3301**********1236");
  EXPECT_TRUE(f.id_numbers[0].valid);
  EXPECT_FALSE(f.id_numbers[1].valid);
  EXPECT_EQ(f.dates, (std::vector<std::string>{"2026-01-05", "2026-01-20"}));
  EXPECT_EQ(f.doc_type, "行政处罚决定书");
  EXPECT_EQ(f.doc_type_number, 45);
}

TEST(ExtractFields, Warnings) {
  auto f = extract_fields(kDecision, "");
  EXPECT_TRUE(has_warning(f, "案号 杭市监处罚〔２０２６〕0128号 的序号有前导零"));
  EXPECT_TRUE(has_warning(f, "统一社会信用代码 91350211M0000XUF46 校验位错误"));
  EXPECT_TRUE(has_warning(f, "居民身份证号 3301**********1237 校验位错误"));
  EXPECT_EQ(f.warnings.size(), 3u);
}

TEST(ExtractFields, NoUnmaskedIdAnywhere) {
  auto f = extract_fields(kDecision, "");
  for (auto& w : f.warnings) {
    EXPECT_EQ(w.find("330106199003071236"), std::string::npos);
    EXPECT_EQ(w.find("330106199003071237"), std::string::npos);
  }
  for (auto& id : f.id_numbers) EXPECT_EQ(id.masked.find("19900307"), std::string::npos);
}

TEST(ExtractFields, DocTypeFromTextWhenTitleSaysNothing) {
  auto f = extract_fields(kDecision, "scan_0001.pdf");
  EXPECT_EQ(f.doc_type_number, 45);
}

TEST(ExtractFields, CaseNumberInTitleComesFirst) {
  auto f = extract_fields("见石市监处罚〔2022〕120号。", "国市监处罚〔2026〕10号 行政处罚决定书");
  ASSERT_EQ(f.case_numbers.size(), 2u);
  EXPECT_EQ(f.case_numbers[0].normalized, "国市监处罚〔2026〕10号");
  EXPECT_EQ(f.case_numbers[1].normalized, "石市监处罚〔2022〕120号");
}

TEST(ExtractFields, InspectionRecord) {
  auto f = extract_fields("被检查单位：某某小吃店\n检查时间：2024年3月5日\n", "日常监督检查记录");
  EXPECT_EQ(f.doc_type_number, 0);
  EXPECT_EQ(f.doc_type, "检查记录");
  EXPECT_EQ(f.parties, std::vector<std::string>{"某某小吃店"});
  EXPECT_EQ(f.dates, std::vector<std::string>{"2024-03-05"});
}

TEST(ExtractFields, EmptyInput) {
  auto f = extract_fields("", "");
  EXPECT_TRUE(f.case_numbers.empty());
  EXPECT_TRUE(f.parties.empty());
  EXPECT_TRUE(f.credit_codes.empty());
  EXPECT_TRUE(f.id_numbers.empty());
  EXPECT_TRUE(f.dates.empty());
  EXPECT_TRUE(f.warnings.empty());
  EXPECT_EQ(f.doc_type_number, 0);
}

TEST(ExtractFields, CreditCodeWithWrongOrganisationCheck) {
  auto f = extract_fields("统一社会信用代码：91440300708461137X", "");
  ASSERT_EQ(f.credit_codes.size(), 1u);
  EXPECT_FALSE(f.credit_codes[0].valid);
  EXPECT_TRUE(has_warning(f, "91440300708461137X 的组织机构代码"));
}

// Another office's inbox: a decision printed "桐市监罚字〔2025〕第7号" was catalogued as
// 桐市监罚字〔2025〕7号 with no word of the 第 (GB/T 9704-2012 §7.2.5 writes the serial without it).
// The 文号 stays normalized, as a padded serial is, and a warning names the printed form, for the 案号
// and for any other 发文字号 the head prints; a year bracket typed [ ] is still normalized silently.
TEST(ExtractFields, ADiBeforeTheSerialIsNamedInAWarningNotDroppedSilently) {
  auto f = extract_fields("桐溪县市场监督管理局\n行政处罚决定书\n桐市监罚字〔2025〕第7号\n当事人：桐溪县青石镇鑫旺副食店\n",
                          "行政处罚决定书");
  EXPECT_EQ(f.own_number, "桐市监罚字〔2025〕7号");
  ASSERT_EQ(f.case_numbers.size(), 1u);
  EXPECT_TRUE(f.case_numbers[0].with_di);
  EXPECT_EQ(f.warnings, (std::vector<std::string>{"案号 桐市监罚字〔2025〕第7号 的序号前有“第”（GB/T 9704-2012 §7.2.5 不加“第”），"
                                                  "按规范记为 桐市监罚字〔2025〕7号"}));

  auto notice = extract_fields("青石市场监督管理所\n青石所发[2025]第3号\n关于开展2025年“铁拳”行动的通知\n", "");
  EXPECT_EQ(notice.own_number, "青石所发〔2025〕3号");
  EXPECT_TRUE(has_warning(notice, "文号 青石所发[2025]第3号 的序号前有“第”"));
  EXPECT_EQ(notice.warnings.size(), 1u);
  auto padded = extract_fields("青石市场监督管理所\n青石所发〔2025〕03号\n关于开展2025年“铁拳”行动的通知\n", "");
  EXPECT_EQ(padded.own_number, "青石所发〔2025〕3号");
  EXPECT_TRUE(has_warning(padded, "文号 青石所发〔2025〕03号 的序号有前导零"));
  auto bracket = extract_fields("青石市场监督管理所\n青石所发[2025]3号\n关于开展2025年“铁拳”行动的通知\n", "");
  EXPECT_EQ(bracket.own_number, "青石所发〔2025〕3号");
  EXPECT_TRUE(bracket.warnings.empty());
}

// A form whose 案号 line reads "案号：南市监处罚〔2024〕027号" is warned of its padding once, as a 案号.
TEST(ExtractFields, APaddedCaseNumberOnALabelledLineIsWarnedOfOnce) {
  auto f = extract_fields("结案审批表\n案号：南市监处罚〔2024〕027号\n", "结案审批表");
  EXPECT_EQ(f.warnings, (std::vector<std::string>{"案号 南市监处罚〔2024〕027号 的序号有前导零"}));
}
