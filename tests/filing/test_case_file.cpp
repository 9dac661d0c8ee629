// 第七十八条 order, completeness, retention, category, boxes.
#include <gtest/gtest.h>

#include "filing/boxes.h"
#include "filing/case_order.h"
#include "filing/category.h"
#include "filing/completeness.h"
#include "filing/retention.h"
#include "filing_test_util.h"
#include "normalize/fields.h"

using namespace lh::filing;
using lh::filing::testing::default_scheme;

namespace {
CaseDocument case_document(const Category& c, int n, const std::string& title, const std::string& date = "2024-01-01") {
  return {place_in_case(c, n, title, "docx"), date, title, title};
}
}  // namespace

TEST(FilingCaseOrder, Article78OrderOfZhengjuanThenFujuan) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  std::vector<CaseDocument> d = {
      case_document(aj, 53, "结案审批表"),
      case_document(aj, 14, "询问笔录"),
      case_document(aj, 1, "案件来源登记表"),
      case_document(aj, 50, "送达回证（行政处罚决定书）"),
      case_document(aj, 45, "行政处罚决定书", "2024-03-01"),
      case_document(aj, 40, "听证笔录"),
      case_document(aj, 7, "立案审批表"),
      case_document(aj, 37, "行政处罚告知书"),
      case_document(aj, 50, "送达回证（行政处罚告知书）"),
      case_document(aj, 52, "涉案物品处理记录"),
      case_document(aj, 35, "案件调查终结报告"),
      case_document(aj, 36, "法制审核表"),
      case_document(aj, 41, "听证报告"),
      case_document(aj, 0, "营业执照复印件"),
      case_document(aj, 55, "卷内文件目录"),
      case_document(aj, 56, "卷内备考表"),
  };
  order_case_documents(d);
  std::vector<std::string> titles;
  for (auto& x : d) titles.push_back(x.title);
  std::vector<std::string> want = {
      "卷内文件目录",
      "立案审批表",
      "送达回证（行政处罚决定书）",  // same slot as the decision; dated earlier here
      "行政处罚决定书",
      "行政处罚告知书", "送达回证（行政处罚告知书）",
      "询问笔录",
      "听证笔录",
      "涉案物品处理记录",
      "营业执照复印件",
      "卷内备考表",
      "案件来源登记表", "案件调查终结报告", "法制审核表", "听证报告", "结案审批表",
  };
  EXPECT_EQ(titles, want);
  EXPECT_EQ(d.front().place.volume_name, "正卷");
  EXPECT_EQ(d.back().place.volume_name, "副卷");
}

TEST(FilingCaseOrder, ServiceReceiptFollowsItsDocumentKind) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  EXPECT_EQ(place_in_case(aj, 50, "送达回证（行政处罚决定书）", "pdf").slot_order, 2);
  EXPECT_EQ(place_in_case(aj, 50, "送达回证", "pdf").slot_order, 3);
  // Wrong slot: the standard 送达回证 is titled 送达回证 alone, so the decision's went among the other
  // documents' (slot 3) although its form names what it served (another office's hand-made inbox).
  EXPECT_EQ(place_in_case(aj, 50, "送达回证", "docx", "行政处罚决定书（青市监处罚〔2025〕12号）").slot_order, 2);
  EXPECT_EQ(place_in_case(aj, 50, "送达回证", "docx", "行政处罚告知书（青市监罚告〔2025〕15号）").slot_order, 3);
  EXPECT_EQ(place_in_case(aj, 0, "现场照片", "image").slot_name, "证据材料");
  EXPECT_EQ(place_in_case(aj, 0, "其他", "docx").slot_name, "其他有关材料");
}

// Wrong slot: "鑫旺副食店 送达回证（决定书）" (a scan: no form text) went to slot 3 with the 告知书, as its title
// says 决定书 but not 处罚决定 (another office's inbox). A 送达回证 goes with the document it served
// (第七十八条): its form's 送达文书名称 first, else its title; a bare 决定书 is the case's decision, a
// 决定书 of another kind is not; the reason is kept (slot_by).
TEST(FilingCaseOrder, ServiceReceiptOfABareDecisionGoesWithTheDecision) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  const CasePlace bare = place_in_case(aj, 50, "鑫旺副食店 送达回证（决定书）", "pdf");
  EXPECT_EQ(bare.slot_order, 2);
  EXPECT_NE(bare.slot_by.find("行政处罚决定书"), std::string::npos) << bare.slot_by;
  EXPECT_NE(bare.slot_by.find("题名"), std::string::npos) << bare.slot_by;
  EXPECT_EQ(place_in_case(aj, 50, "决定书送达回证", "pdf").slot_order, 2);
  EXPECT_EQ(place_in_case(aj, 50, "鑫旺副食店 送达回证（告知书）", "image").slot_order, 3);
  EXPECT_EQ(place_in_case(aj, 50, "送达回证（实施行政强制措施决定书）", "pdf").slot_order, 3);
  EXPECT_EQ(place_in_case(aj, 50, "送达回证", "docx", "不予行政处罚决定书 青市监不罚〔2025〕2号").slot_order, 2);
  EXPECT_EQ(place_in_case(aj, 50, "送达回证", "docx", "《行政处罚告知书》、《行政处罚决定书》").slot_order, 2);
  // The form's 送达文书名称 before the file name.
  const CasePlace by_form = place_in_case(aj, 50, "送达回证（决定书）", "docx", "行政处罚告知书（青市监罚告〔2025〕15号）");
  EXPECT_EQ(by_form.slot_order, 3);
  EXPECT_NE(by_form.slot_by.find("送达文书名称"), std::string::npos) << by_form.slot_by;
  // Naming neither: where the kind puts it, with no reason of its own.
  const CasePlace neither = place_in_case(aj, 50, "06 送达回证", "image");
  EXPECT_EQ(neither.slot_order, 3);
  EXPECT_TRUE(neither.slot_by.empty()) << neither.slot_by;
}

TEST(FilingCompleteness, DecisionNeedsServiceClosedCaseNeedsClosingForm) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  auto m = check_completeness(aj, s, {7, 14, 35, 45});
  std::vector<std::string> ids;
  for (auto& x : m) ids.push_back(x.rule);
  EXPECT_EQ(ids, (std::vector<std::string>{"decision-served", "case-closed"}));
  EXPECT_TRUE(check_completeness(aj, s, {7, 14, 35, 45, 50, 53}).empty());
  // A 简易程序 case (当场处罚) needs neither 立案 nor 结案审批表.
  EXPECT_TRUE(check_completeness(aj, s, {44}).empty());
}

// Another office's 不予行政处罚 case (46) had no 调查终结报告 and was called complete: 第四十八条's
// report ends every investigation, whatever the decision.
TEST(FilingCompleteness, ANoPenaltyDecisionNeedsTheInvestigationReportToo) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  std::vector<std::string> ids;
  for (auto& x : check_completeness(aj, s, {7, 14, 46, 50, 53})) ids.push_back(x.rule);
  EXPECT_EQ(ids, (std::vector<std::string>{"investigation-report"}));
  EXPECT_TRUE(check_completeness(aj, s, {7, 14, 35, 46, 50, 53}).empty());
}

TEST(FilingCompleteness, InspectionNeedsTwoOfficersWithCertificates) {
  const Scheme& s = default_scheme();
  const Category& jc = *s.category("JC");
  lh::model::InspectionRecord r;
  r.officers = {{"张三", "12345"}, {"李四", ""}};
  EXPECT_EQ(check_officers(jc, {r}).size(), 1u);
  r.officers[1].certificate = "67890";
  EXPECT_TRUE(check_officers(jc, {r}).empty());
  EXPECT_EQ(check_officers(jc, {}).size(), 1u);  // no structured record: cannot be confirmed
}

// Wrong issue: every 检查记录 typed in Word was listed under 需要处理 as lacking two officers with
// their 执法证号 although it named both (another office's hand-made inbox): only XML exports and
// register rows were read for officers. The officers its text names now count; structured records,
// where there are any, still decide.
TEST(FilingCompleteness, ATypedRecordNamingTwoOfficersWithCertificatesIsComplete) {
  const Category& jc = *default_scheme().category("JC");
  EXPECT_TRUE(check_officers(jc, {}, {{"陈晓燕", "37010013"}, {"刘建国", "37010012"}}).empty());
  EXPECT_EQ(check_officers(jc, {}, {{"陈晓燕", "37010013"}, {"刘建国", ""}}).size(), 1u);
  EXPECT_EQ(check_officers(jc, {}, {{"陈晓燕", "37010013"}}).size(), 1u);
  lh::model::InspectionRecord one_officer;
  one_officer.officers = {{"张三", "12345"}};
  EXPECT_EQ(check_officers(jc, {one_officer}, {{"陈晓燕", "37010013"}, {"刘建国", "37010012"}}).size(), 1u)
      << "a structured record decides over the text";
}

TEST(FilingRetention, ExampleRulesOfTheOffice) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  EXPECT_EQ(retention_for_case(aj, s, {7, 45, 50, 53}, {}).retention, "Y");
  EXPECT_EQ(retention_for_case(aj, s, {44}, {}).retention, "D30");
  EXPECT_EQ(retention_for_case(aj, s, {44, 7}, {}).retention, "Y");
  const Category& ws = *s.category("WS");
  EXPECT_EQ(retention_for_document(ws, 0, "2024年工作总结").retention, "Y");
  EXPECT_EQ(retention_for_document(ws, 0, "关于放假的通知").retention, "D10");
  EXPECT_EQ(retention_for_document(ws, 0, "某某函").retention, "D30");
}

// The example scheme's "发现问题的检查记录 → D30" rule read titles only: a 日常监督检查记录 whose
// 检查结果 ticks 不符合 got the default 10 years. It reads what the record found too, and the
// manifest keeps why (retention_by).
TEST(FilingRetention, AnInspectionThatFoundProblemsIsKeptLongerByWhatItFoundNotOnlyByItsTitle) {
  const Scheme& s = default_scheme();
  const Category& jc = *s.category("JC");
  const RetentionChoice plain = retention_for_document(jc, 0, "日常监督检查记录（惠民超市）");
  EXPECT_EQ(plain.retention, "D10");
  EXPECT_NE(plain.by.find("类目默认"), std::string::npos) << plain.by;
  const RetentionChoice found = retention_for_document(jc, 0, "日常监督检查记录（惠民超市）", {"不符合"});
  EXPECT_EQ(found.retention, "D30");
  EXPECT_NE(found.by.find("检查结果“不符合”"), std::string::npos) << found.by;
  EXPECT_NE(found.by.find("发现问题的检查记录"), std::string::npos) << found.by;
  EXPECT_EQ(retention_for_document(jc, 0, "日常监督检查记录", {"符合"}).retention, "D10") << "符合 is not 不符合";
  EXPECT_EQ(retention_for_document(jc, 0, "日常监督检查记录", {"符合", "发现过期食品,已责令整改"}).retention, "D30")
      << "a register: any of its records";
  const RetentionChoice titled = retention_for_document(jc, 0, "责令改正通知检查记录");
  EXPECT_EQ(titled.retention, "D30");
  EXPECT_NE(titled.by.find("题名含“责令”"), std::string::npos) << titled.by;
}

TEST(FilingCategory, ByRecordsCaseNumberDocTypeOrDefault) {
  const Scheme& s = default_scheme();
  lh::model::InspectedFile f;
  f.path = "x/通知.docx";
  f.title = "关于开展节前检查的通知";
  EXPECT_EQ(assign_category(f, document_number(f, s), s), "WS");
  f.title = "日常监督检查记录";
  EXPECT_EQ(assign_category(f, document_number(f, s), s), "JC");
  f.title = "询问笔录";
  EXPECT_EQ(document_number(f, s), 14);
  EXPECT_EQ(assign_category(f, document_number(f, s), s), "AJ");
  lh::model::InspectedFile g;
  g.path = "现场检查.docx";
  g.records.resize(1);
  EXPECT_EQ(assign_category(g, 0, s), "JC");
  g.fields.case_numbers.push_back({"城市监处罚〔2024〕12号", "城市监处罚〔2024〕12号", false});
  EXPECT_EQ(assign_category(g, 0, s), "AJ");  // a 案号 wins
}

// The quarter's XML export of inspection records and the CSV 台账 mention a case's 案号 in one row
// ("已立案 南市监处罚〔2024〕12号"): they were filed into that case as AJ (kept permanently). A file
// holding several records is a register of inspections: it stays 检查记录.
TEST(FilingCategory, RegisterOfSeveralRecordsMentioningACaseStaysInspection) {
  const Scheme& s = default_scheme();
  lh::model::InspectedFile g;
  g.path = "日常检查/检查记录_2024年第一季度.xml";
  g.records.resize(5);
  g.fields.case_numbers.push_back({"南市监处罚〔2024〕12号", "南市监处罚〔2024〕12号", false});
  EXPECT_EQ(assign_category(g, 0, s), "JC");
  g.records.resize(1);  // one record with a 案号: the 现场笔录 of that case
  EXPECT_EQ(assign_category(g, 0, s), "AJ");
}

TEST(FilingDocumentType, LongestNameWins) {
  const Scheme& s = default_scheme();
  EXPECT_EQ(match_document_type(s, "当场行政处罚决定书"), 44);
  EXPECT_EQ(match_document_type(s, "不予行政处罚决定书"), 46);
  EXPECT_EQ(match_document_type(s, "行政处罚决定书"), 45);
  EXPECT_EQ(match_document_type(s, "不予立案审批表"), 7);
  EXPECT_EQ(match_document_type(s, "会议纪要"), 0);
}

// Probe of another office's cases (the same two bugs as DocType.RevocationApprovalIsNotTheCaseOpeningForm
// and DocType.HearingNoticeOfTheOlderFormsIsTheNoticeOfPenalty, on the scheme's side, which types a
// document by its title when the reader gave no type): 撤销立案审批表 matched the alias 立案审批表 (No. 7)
// and sat in the 正卷's 立案审批表 slot; 行政处罚听证告知书 matched nothing and sat in 其他有关材料.
TEST(FilingDocumentType, RevocationApprovalAndHearingNoticeFindTheirSlots) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  EXPECT_EQ(match_document_type(s, "撤销立案审批表"), 8);
  EXPECT_EQ(match_document_type(s, "立案审批表"), 7);
  const CasePlace revoked = place_in_case(aj, match_document_type(s, "撤销立案审批表"), "撤销立案审批表", "docx");
  EXPECT_EQ(revoked.volume_name, "副卷");
  EXPECT_EQ(revoked.slot_name, "其他有关材料");
  EXPECT_EQ(match_document_type(s, "行政处罚听证告知书"), 37);
  const CasePlace hearing = place_in_case(aj, match_document_type(s, "行政处罚听证告知书"), "行政处罚听证告知书", "txt");
  EXPECT_EQ(hearing.volume_name, "正卷");
  EXPECT_EQ(hearing.slot_order, 3);  // 对当事人制发的其他法律文书及送达回证
}

// Probe of another office's cases (the bugs of DocType.ApprovalTitledByItsMatterIsTheMatterApprovalForm
// and DocType.DisposalRecordOfConfiscatedGoodsIsTheDisposalRecordForm, from reading to slot): a
// 延长办案期限审批表 had no type and sat in the 正卷's 其他有关材料, a 罚没物品处理记录 likewise instead of
// 财物处理单据. An office's own 审批表 must not become a case document on the way.
TEST(FilingDocumentType, MatterApprovalAndDisposalRecordFindTheirSlots) {
  const Scheme& s = default_scheme();
  const Category& aj = *s.category("AJ");
  EXPECT_EQ(match_document_type(s, "罚没物品处理记录"), 52);
  const CasePlace disposal = place_in_case(aj, match_document_type(s, "罚没物品处理记录"), "罚没物品处理记录", "docx");
  EXPECT_EQ(disposal.volume_name, "正卷");
  EXPECT_EQ(disposal.slot_name, "财物处理单据");
  EXPECT_EQ(match_document_type(s, "没收物品清单"), 0);  // the goods taken, not their disposal: stays
  EXPECT_EQ(place_in_case(aj, 0, "没收物品清单", "txt").slot_name, "其他有关材料");

  lh::model::InspectedFile approval;
  approval.path = "延长办案期限审批表.docx";
  approval.title = "延长办案期限审批表";
  approval.fields = lh::normalize::extract_fields(
      "延长办案期限审批表\n案号：攸市监处罚〔2024〕30号\n当事人：攸县刘氏建材有限公司\n审批事项：延长办案期限\n",
      approval.title);
  const int n = document_number(approval, s);
  EXPECT_EQ(n, 8);
  EXPECT_EQ(assign_category(approval, n, s), "AJ");
  const CasePlace approved = place_in_case(aj, n, approval.title, "docx");
  EXPECT_EQ(approved.volume_name, "副卷");
  EXPECT_EQ(approved.slot_name, "其他有关材料");

  lh::model::InspectedFile own;
  own.path = "公务接待审批表.docx";
  own.title = "公务接待审批表";
  own.fields = lh::normalize::extract_fields("公务接待审批表\n接待对象：县财政局检查组\n申请人：刘建军\n", own.title);
  EXPECT_EQ(document_number(own, s), 0);
  EXPECT_EQ(assign_category(own, document_number(own, s), s), s.default_category);
}

TEST(FilingBoxes, FixedCapacityAndPlaces) {
  EXPECT_EQ(box_number_for(1, 50), 1);
  EXPECT_EQ(box_number_for(50, 50), 1);
  EXPECT_EQ(box_number_for(51, 50), 2);
  EXPECT_EQ(first_item_in_box(2, 50), 51);
  LocationRule r;  // 4 columns, 5 shelves, 10 boxes, 2 digits
  EXPECT_EQ(format_location(r, 0), "01-01-01-01");
  EXPECT_EQ(format_location(r, 10), "01-01-02-01");
  EXPECT_EQ(format_location(r, 50), "01-02-01-01");
  EXPECT_EQ(format_location(r, 200), "02-01-01-01");
  ArchivalCode c{"Z109", "WS", 2024, "D30", "CDS", 7};
  EXPECT_EQ(box_label(c, 1, dat22_layout()), "Z109-WS\u00B72024-D30-CDS-B001");
}
