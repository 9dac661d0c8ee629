// 文书类型: the 56 documents of the 2021 范本 (domain.md §2).
#include <gtest/gtest.h>

#include "normalize/fields.h"

using namespace lh::normalize;

namespace {
int num(std::string_view title) { return classify_doc_type(title).number; }
}  // namespace

TEST(DocType, ListHas56DocumentsInOrder) {
  const auto& v = fanben_2021_documents();
  ASSERT_EQ(v.size(), 56u);
  EXPECT_EQ(v[0], "案件来源登记表");
  EXPECT_EQ(v[6], "立案/不予立案审批表");
  EXPECT_EQ(v[8], "现场笔录");
  EXPECT_EQ(v[30], "检测、检验、检疫、鉴定期间告知书");
  EXPECT_EQ(v[31], "检测、检验、检疫、鉴定结果告知书");
  EXPECT_EQ(v[44], "行政处罚决定书");
  EXPECT_EQ(v[55], "卷内备考表");
}

TEST(DocType, EveryFullNameClassifiesToItself) {
  const auto& v = fanben_2021_documents();
  for (size_t i = 0; i < v.size(); ++i) {
    auto d = classify_doc_type(v[i]);
    EXPECT_EQ(d.number, static_cast<int>(i + 1)) << v[i];
    EXPECT_EQ(d.name, v[i]);
  }
}

TEST(DocType, SlashedVariants) {
  EXPECT_EQ(num("立案审批表"), 7);
  EXPECT_EQ(num("不予立案审批表"), 7);
  EXPECT_EQ(classify_doc_type("不予立案审批表").name, "立案/不予立案审批表");
  EXPECT_EQ(num("查封物品移送告知书"), 6);
  EXPECT_EQ(num("扣押物品移送告知书"), 6);
  EXPECT_EQ(num("查封、扣押物品移送告知书"), 6);
  EXPECT_EQ(num("鉴定委托书"), 30);
  EXPECT_EQ(num("检验委托书"), 30);
  EXPECT_EQ(num("检测、检验、检疫、鉴定委托书"), 30);
  EXPECT_EQ(num("检验期间告知书"), 31);
  EXPECT_EQ(num("检测结果告知书"), 32);
  EXPECT_EQ(num("检测/检验/检疫/鉴定结果告知书"), 32);
  EXPECT_EQ(num("法制审核表"), 36);
  EXPECT_EQ(num("延期缴纳罚款通知书"), 47);
  EXPECT_EQ(num("分期缴纳罚款通知书"), 47);
  EXPECT_EQ(num("财物清单"), 24);
  EXPECT_EQ(num("协助鉴别通知书"), 16);
}

TEST(DocType, MostSpecificWins) {
  EXPECT_EQ(num("当场行政处罚决定书"), 44);
  EXPECT_EQ(num("不予行政处罚决定书"), 46);
  EXPECT_EQ(num("行政处罚决定书"), 45);
  EXPECT_EQ(num("行政处罚决定履行催告书"), 48);
  EXPECT_EQ(num("解除先行登记保存证据通知书"), 20);
  EXPECT_EQ(num("先行登记保存证据通知书"), 19);
  EXPECT_EQ(num("解除行政强制措施决定书"), 23);
  EXPECT_EQ(num("延长行政强制措施期限决定书"), 22);
  EXPECT_EQ(num("行政处罚听证通知书"), 39);
  EXPECT_EQ(num("行政处罚告知书"), 37);
  EXPECT_EQ(num("行政处罚文书送达公告"), 51);
}

TEST(DocType, DocumentKindClosesTheTitle) {
  EXPECT_EQ(num("行政处罚决定书送达回证"), 50);
  EXPECT_EQ(num("送达回证（行政处罚决定书）"), 50);
  EXPECT_EQ(num("行政处罚决定书（副本）"), 45);
}

TEST(DocType, SpacedWordTitles) {
  EXPECT_EQ(num("行 政 处 罚 决 定 书"), 45);
  EXPECT_EQ(num("当　场　行　政　处　罚　决　定　书"), 44);  // U+3000
  EXPECT_EQ(num(" 询问笔录 "), 14);
}

TEST(DocType, WithAgencyAndCaseNumber) {
  EXPECT_EQ(num("杭州市临安区市场监督管理局行政处罚决定书（杭临）市监处罚〔2024〕131号"), 45);
}

TEST(DocType, OnSiteInspection) {
  EXPECT_EQ(num("现场笔录"), 9);
  auto d = classify_doc_type("现场检查笔录");
  EXPECT_EQ(d.number, 9);
  EXPECT_EQ(d.name, "现场笔录");
}

TEST(DocType, InspectionRecordIsNotAFanbenDocument) {
  auto d = classify_doc_type("食品生产经营日常监督检查记录");
  EXPECT_EQ(d.number, 0);
  EXPECT_EQ(d.name, "检查记录");
  d = classify_doc_type("现场检查记录");
  EXPECT_EQ(d.number, 0);
  EXPECT_EQ(d.name, "检查记录");
}

// Wrong date: inspection forms under their usual names (日常监督检查表, the 结果记录表 and 要点表 of
// 《食品生产经营日常监督检查管理办法》) were no 检查记录, so their 检查时间 was not read and they were
// dated by the 整改期限 written last (another office's hand-made inbox).
TEST(DocType, RoutineInspectionFormsAreInspectionRecords) {
  for (const char* title : {"日常监督检查表", "食品销售日常监督检查要点表", "日常监督检查结果记录表", "餐饮服务日常监督检查表（副本）",
                            "特种设备安全检查表"}) {
    const auto d = classify_doc_type(title);
    EXPECT_EQ(d.number, 0) << title;
    EXPECT_EQ(d.name, "检查记录") << title;
  }
  EXPECT_EQ(classify_doc_type("检查工作统计表").name, "") << "a table about inspections is no inspection form";
  EXPECT_EQ(extract_fields("日常监督检查结果记录表\n被检查单位：兴隆小吃\n检查时间：2025年5月6日\n"
                           "处理意见：责令于2025年5月13日前整改。\n", "")
                .doc_type,
            "检查记录");
}

// What a 送达回证 served (范本 No. 50: 送达文书名称及文号), read from its form; nothing for other documents.
TEST(DocType, AServiceReceiptSaysWhatItServed) {
  EXPECT_EQ(extract_fields("送达回证\n送达文书名称及文号\t行政处罚决定书（青市监处罚〔2025〕12号）\n受送达人\t某超市\n", "")
                .served.rfind("行政处罚决定书", 0),
            0u);
  EXPECT_EQ(extract_fields("送 达 回 证\n送达文书：行政处罚告知书\n", "").served, "行政处罚告知书");
  EXPECT_EQ(extract_fields("询问笔录\n送达文书名称：无\n", "").served, "") << "not a 送达回证";
}

TEST(DocType, UnknownTitle) {
  auto d = classify_doc_type("关于开展2024年度食品安全工作的通知");
  EXPECT_EQ(d.number, 0);
  EXPECT_EQ(d.name, "");
  EXPECT_EQ(classify_doc_type("").number, 0);
}

TEST(DocType, OldNameOfNotice) { EXPECT_EQ(num("行政处罚事先告知书"), 37); }

// Probe of another office's cases: its 撤销立案审批表 was read as the 立案审批表 (No. 7) because its
// title ends in that name, and was filed in the 正卷's first slot beside the form that opened the case.
// Revoking a case is another matter approved in the case: the 范本's form for that is No. 8.
TEST(DocType, RevocationApprovalIsNotTheCaseOpeningForm) {
  EXPECT_EQ(num("撤销立案审批表"), 8);
  EXPECT_EQ(num("攸县网岭镇顺发农资店撤销立案审批表"), 8);
  EXPECT_EQ(num("立案审批表"), 7);
  EXPECT_EQ(num("不予立案审批表"), 7);
}

// Probe of another office's cases: a separate 行政处罚听证告知书 (the older forms' name) was no 范本
// document and went to the 正卷's 其他有关材料, after the 听证笔录. 程序规定 第五十七条 puts the hearing
// right in the 告知 before a decision: it is the 行政处罚告知书 (No. 37), served on the party.
TEST(DocType, HearingNoticeOfTheOlderFormsIsTheNoticeOfPenalty) {
  EXPECT_EQ(num("行政处罚听证告知书"), 37);
  EXPECT_EQ(num("听证告知书"), 37);
  EXPECT_EQ(num("行政处罚听证通知书"), 39);  // the notice of the hearing's time stays No. 39
}

// Probe of another office's cases: approvals titled by their matter (延长办案期限审批表, 中止调查审批表 …)
// matched no 范本 name and went to the 正卷's 其他有关材料. The 范本's one form for approving a matter of
// a case is No. 8 行政处罚案件有关事项审批表 (its other 审批表 are 7, 43 and 53, which keep their own).
// An office's own 审批表 with no mark of a case stays untyped, out of the penalty cases.
TEST(DocType, ApprovalTitledByItsMatterIsTheMatterApprovalForm) {
  for (const char* t : {"延长办案期限审批表", "中止调查审批表", "终止调查审批表", "先行登记保存审批表",
                        "解除查封扣押审批表", "案件移送审批表", "听证审批表"})
    EXPECT_EQ(num(t), 8) << t;
  EXPECT_EQ(num("立案审批表"), 7);
  EXPECT_EQ(num("结案审批表"), 53);
  EXPECT_EQ(num("行政处理决定审批表"), 43);
  EXPECT_EQ(num("延长办案期限审批表（副本）"), 8);
  const std::string on_case = "延长办案期限审批表\n当事人：攸县刘氏建材有限公司\n审批事项：延长办案期限\n";
  EXPECT_EQ(extract_fields(on_case, "延长办案期限审批表").doc_type_number, 8);
  EXPECT_EQ(extract_fields("延长办案期限审批表\n攸市监处罚〔2024〕30号\n", "").doc_type_number, 8);
  const std::string office_own = "公务接待审批表\n接待对象：县财政局检查组\n申请人：刘建军\n";
  EXPECT_EQ(extract_fields(office_own, "公务接待审批表").doc_type_number, 0);
  EXPECT_EQ(extract_fields(office_own, "公务接待审批表").doc_type, "");
}

// Probe of another office's cases: 罚没物品处理记录 (older forms' name) matched no 范本 name and went to
// the 正卷's 其他有关材料, not 财物处理单据. It is No. 52 涉案物品处理记录 by the head noun 物品处理记录;
// a 没收物品清单 lists the goods taken, not their disposal, and stays untyped.
TEST(DocType, DisposalRecordOfConfiscatedGoodsIsTheDisposalRecordForm) {
  EXPECT_EQ(num("罚没物品处理记录"), 52);
  EXPECT_EQ(num("没收物品处理记录"), 52);
  EXPECT_EQ(num("查扣物品处理记录"), 52);
  EXPECT_EQ(num("涉案物品处理记录"), 52);
  EXPECT_EQ(num("没收物品清单"), 0);
}

TEST(DocType, TitleFromFirstLinesOfText) {
  auto d = classify_doc_type("扫描件0001.pdf", "杭州市市场监督管理局\n\n询 问 笔 录\n时间：2024年3月5日\n");
  EXPECT_EQ(d.number, 14);
  EXPECT_EQ(d.name, "询问笔录");
}

TEST(DocType, BodySentencesAreNotTitles) {
  auto d = classify_doc_type("", "本局于2024年3月5日依法向你单位送达了行政处罚决定书，请于十五日内履行。\n");
  EXPECT_EQ(d.number, 0);
}

// Issue 9 "other businesses' records in a penalty case's volume": a routine 现场检查笔录 was taken for
// 范本 No. 9 现场笔录. The form decides: 被检查单位 / 检查结果 without a case's marks is 检查记录.
TEST(DocType, RoutineInspectionTitledXianchangJianchaBiluIsAnInspectionRecord) {
  const std::string routine = "现场检查笔录\n被检查单位：澄海区宏达五金商行\n检查内容：明码标价\n检查结果：符合\n";
  auto d = extract_fields(routine, "宏达五金 现场检查笔录").doc_type;
  EXPECT_EQ(d, "检查记录");
  EXPECT_EQ(extract_fields(routine, "宏达五金 现场检查笔录").doc_type_number, 0);
  // The same title on a case's form (当事人, a 案号 or 涉嫌) stays No. 9.
  const std::string evidence = "现场检查笔录\n当事人：澄海区美味餐馆\n现场发现超过保质期的食用油2桶。\n";
  EXPECT_EQ(extract_fields(evidence, "现场检查笔录").doc_type_number, 9);
  EXPECT_EQ(extract_fields("现场检查笔录\n澄市监处罚〔2025〕8号\n检查结果：见附件\n", "").doc_type_number, 9);
  // 现场笔录 by its 范本 name with no form marks either way stays No. 9; with the routine form only, it
  // is a 检查记录.
  EXPECT_EQ(extract_fields("现场笔录\n时间：2025年4月3日\n", "现场笔录").doc_type_number, 9);
  EXPECT_EQ(extract_fields("现场笔录\n被检查单位：海记水产\n检查结果：符合\n", "现场笔录").doc_type, "检查记录");
}
