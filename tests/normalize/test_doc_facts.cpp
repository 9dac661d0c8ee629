// Issue 9 §3, "Wrong facts on the documents": what a document's own form states — its dated fields,
// its title line, its 文号, the penalty of a decision — read before any guess from the body. Texts are
// written here (other parties, layouts and date forms than samples/), never copied from samples/.
#include <gtest/gtest.h>

#include "normalize/doc_facts.h"
#include "normalize/fields.h"

using namespace lh::normalize;

namespace {

// The first labelled date whose label ends with `label`, or "<none>".
std::string dated(std::string_view text, std::string_view label) {
  for (const auto& d : find_labelled_dates(text))
    if (label_matches(d.label, label)) return d.iso;
  return "<none>";
}

}  // namespace

// Wrong fact: a 询问笔录 dated by a purchase date in the answers rather than its 询问时间.
TEST(DocFacts, InterviewRecordIsDatedByItsInterviewTimeNotAPurchaseDateInTheAnswers) {
  const std::string text =
      "询 问 笔 录\n"
      "询问时间：二〇二四年三月五日9时10分至10时20分\n"
      "询问地点：澄海区莲下镇市场监管所\n"
      "被询问人：林某某\n"
      "问：这批货是什么时候进的？\n"
      "答：是2024年2月18日从揭阳一家批发部进的，2024年2月20日开始卖。\n"
      "被询问人签名：林某某　　2024年3月5日\n";
  EXPECT_EQ(dated(text, "询问时间"), "2024-03-05");
  // The body's last date is the signature here; the answers' dates come before and are not it.
  EXPECT_EQ(last_full_date(text), "2024-03-05");
  EXPECT_EQ(dated("询问时间：2024-03-05 09:10\n答：2024年2月18日进货\n", "询问时间"), "2024-03-05");
  EXPECT_EQ(dated("询问时间\t２０２４年３月５日\n", "询问时间"), "2024-03-05");  // a table row, full-width digits
}

// Wrong fact: inspection records dated a week off (by the 整改期限 they set, the last date written).
TEST(DocFacts, InspectionRecordIsDatedByItsInspectionTimeNotTheRectificationDeadline) {
  const std::string text =
      "日常监督检查记录\n"
      "被检查单位：潮州市湘桥区福安粮油店\n"
      "检查时间：2024年4月8日 14:30\n"
      "检查情况：部分散装食品未标注生产日期。\n"
      "处理措施：责令于2024年4月15日前整改完毕。\n";
  EXPECT_EQ(dated(text, "检查时间"), "2024-04-08");
  EXPECT_EQ(last_full_date(text), "2024-04-15");  // what the old rule took
  // A bare 时间 label matches only itself, never 整改时间.
  EXPECT_EQ(dated("整改时间：2024年4月15日\n", "时间"), "<none>");
  EXPECT_EQ(dated("时　间：2024年4月8日\n", "时间"), "2024-04-08");
  // A blank form field gives no date.
  EXPECT_EQ(dated("检查时间：    年   月   日\n落款 2024年4月9日\n", "检查时间"), "<none>");
}

// Wrong fact: a 通知 dated by the 版记's 印发日期 ("…办公室 2025年3月5日印发", GB/T 9704-2012 §7.4.2),
// which follows the 落款, instead of its 成文日期 (§7.3.5.4).
TEST(DocFacts, NoticeIsDatedByItsSignatureNotThePrintingDateOfItsColophon) {
  const std::string text =
      "青禾县市场监督管理局\n"
      "关于做好2025年“3·15”宣传活动的通知\n"
      "各市场监管所：\n现将有关事项通知如下，请于2025年3月10日前报送方案。\n"
      "青禾县市场监督管理局\n2025年3月3日\n"
      "抄送：县消费者协会。\n"
      "青禾县市场监督管理局办公室　　　　2025年3月5日印发\n";
  EXPECT_EQ(last_full_date(text), "2025-03-03");
  EXPECT_EQ(last_full_date("办公室 2025年3月5日 印发\n"), "") << "a 印发日期 alone is no 成文日期";
  EXPECT_EQ(last_full_date("2025年3月3日印发的方案已收到。\n落款 2025年3月8日\n"), "2025-03-08");
}

// The officers of a typed 检查记录 (执法程序规定 第二十二条), as offices write them.
TEST(DocFacts, TypedRecordOfficersAreReadWithTheirCertificates) {
  auto officers = [](const std::string& text) {
    std::string s;
    for (const auto& o : find_officers(text)) s += o.name + "=" + o.certificate + ";";
    return s;
  };
  EXPECT_EQ(officers("检查人员：陈晓燕（执法证号：37010013）、刘建国（执法证号：37010012）\n"),
            "陈晓燕=37010013;刘建国=37010012;");
  EXPECT_EQ(officers("执法人员：刘建国、陈晓燕　　执法证号：37010012、37010013\n"), "刘建国=37010012;陈晓燕=37010013;");
  EXPECT_EQ(officers("执法人员\t刘建国、陈晓燕\n执法证号\tA1234567 / B7654321\n"), "刘建国=A1234567;陈晓燕=B7654321;");
  EXPECT_EQ(officers("检查人员：张三（证号：１２３４５６）\n"), "张三=123456;") << "full-width digits";
  EXPECT_EQ(officers("检查人员：王五\n"), "王五=;") << "no 执法证号 written";
  EXPECT_EQ(officers("检查人员签名：\n检查内容：留样\n"), "") << "a blank signature line names nobody";
  EXPECT_EQ(officers("检查情况：未发现问题。\n"), "");
}

// The scheme's "发现问题的检查记录" retention rule looked at titles only, so a typed record whose
// 检查结果 ticks 不符合 was kept for the default 10 years: the result a form states is read, and
// only the ticked options count (every form prints all of them).
TEST(DocFacts, AnInspectionResultIsTheTickedOptionNotEveryOptionPrinted) {
  EXPECT_EQ(find_inspection_result("检查结果：□符合　☑基本符合　□不符合\n"), "基本符合");
  EXPECT_EQ(find_inspection_result("检查结果：☐符合    ☒不符合\n"), "不符合") << "Word's check-box control";
  EXPECT_EQ(find_inspection_result("检查结论：符合（ ）  不符合（√）\n"), "不符合");
  EXPECT_EQ(find_inspection_result("检查结论：符合（√）  不符合（ ）\n"), "符合");
  EXPECT_EQ(find_inspection_result("检查结果\t■符合 □不符合\t检查人员\t张三\n"), "符合") << "a table row's cell";
  EXPECT_EQ(find_inspection_result("检查结果：符合√  不符合\n"), "符合") << "a tick after its option";
  EXPECT_EQ(find_inspection_result("检查结果：□符合　□不符合\n"), "") << "no box ticked: the record states no result";
  EXPECT_EQ(find_inspection_result("检查结果：发现超过保质期的食品2批次，已责令整改（限期3日）\n"),
            "发现超过保质期的食品2批次,已责令整改(限期3日)")
      << "written out: as it is (its punctuation folded as every form field), a bracketed note is not a box";
  EXPECT_EQ(find_inspection_result("检查内容：索证索票\n"), "");
}

// Another office's four 所务会议纪要 of a year all came out titled "所务会议纪要": the session line
// under the title ("（2024年第4次）") is part of the 题名; an adoption note (题注) is not.
TEST(DocFacts, ASessionLineUnderTheTitleStaysInTheTitle) {
  EXPECT_EQ(find_title_line("所务会议纪要\n（2024年第4次）\n\n会议时间：2024年12月26日\n"), "所务会议纪要（2024年第4次）");
  EXPECT_EQ(find_title_line("工作简报\n(第 3 期)\n青石所编\n"), "工作简报（第 3 期）");
  EXPECT_EQ(find_title_line("档案管理办法\n（试行）\n第一条 为……\n"), "档案管理办法（试行）");
  EXPECT_EQ(find_title_line("会议制度\n（2024年3月1日所务会议审议通过）\n第一条\n"), "会议制度");
  EXPECT_EQ(find_title_line("会议纪要\n（一）议定事项\n"), "会议纪要");
  EXPECT_EQ(find_title_line("会议纪要\n（一）\n"), "会议纪要");
}

// Wrong fact: a text document titled by its letterhead line (the agency's name).
TEST(DocFacts, TextDocumentIsNotTitledByItsLetterhead) {
  EXPECT_EQ(find_title_line("汕头市澄海区市场监督管理局\n\n2024年第一季度工作小结\n一、主要工作\n……\n"),
            "2024年第一季度工作小结");
  EXPECT_EQ(find_title_line("揭 阳 市 榕 城 区 市 场 监 督 管 理 局 文 件\n榕市监〔2024〕7号\n"
                            "关于开展2024年春季食品安全\n专项检查的通知\n各所：\n"),
            "关于开展2024年春季食品安全专项检查的通知");
  EXPECT_EQ(find_title_line("潮州市市场监督管理局\n行 政 处 罚 决 定 书\n潮市监处罚〔2024〕31号\n当事人：潮州市某某茶行\n"),
            "行政处罚决定书");
  EXPECT_EQ(find_title_line("南岭县市场监督管理局\n当事人：某某\n"), "");
  EXPECT_TRUE(is_organisation_line("汕头市澄海区市场监督管理局"));
  EXPECT_TRUE(is_organisation_line("揭阳市榕城区市场监督管理局文件"));
  EXPECT_TRUE(is_organisation_line("汕头市某某食品有限公司"));
  EXPECT_FALSE(is_organisation_line("行政处罚决定书"));
  EXPECT_FALSE(is_organisation_line("关于开展专项检查的通知"));
}

// Wrong fact: 文号 filled with the 案号 for every document although only the decision prints one.
TEST(DocFacts, DocNumberIsOnlyTheOneTheDocumentPrintsUnderItsTitle) {
  EXPECT_EQ(find_own_number("潮州市市场监督管理局\n行政处罚决定书\n潮市监处罚〔２０２４〕31号\n当事人：某某\n"),
            "潮市监处罚〔2024〕31号");
  EXPECT_EQ(find_own_number("揭阳市榕城区市场监督管理局\n榕市监〔2024〕7号　　签发人：陈某\n关于…的请示\n"), "榕市监〔2024〕7号");
  // A 送达回证 quotes the decision it served: not its own number.
  EXPECT_EQ(find_own_number("送达回证\n送达文书名称及文号\t行政处罚决定书 潮市监处罚〔2024〕31号\n送达时间\t2024年5月6日\n"), "");
  // A 询问笔录 naming the case in its body.
  EXPECT_EQ(find_own_number("询问笔录\n询问时间：2024年3月5日\n问：你知道潮市监处罚〔2024〕31号案吗？\n"), "");
}

// Wrong fact: 题名 without the party, so five rows read "行政处罚决定书".
TEST(DocFacts, BareFormTitlesAreTold) {
  EXPECT_TRUE(is_bare_form_title("行政处罚决定书"));
  EXPECT_TRUE(is_bare_form_title("行 政 处 罚 决 定 书"));
  EXPECT_TRUE(is_bare_form_title("询问笔录（副本）"));
  EXPECT_TRUE(is_bare_form_title("现场检查笔录"));
  EXPECT_TRUE(is_bare_form_title("日常监督检查记录"));
  EXPECT_FALSE(is_bare_form_title("汕头市某某食品店行政处罚决定书"));
  EXPECT_FALSE(is_bare_form_title("关于开展专项检查的通知"));
  EXPECT_FALSE(is_bare_form_title(""));
}

// Wrong fact: a cover whose 处罚结果 is the 复议/诉讼 boilerplate.
TEST(DocFacts, PenaltyIsTheOperativePartNeverTheReviewBoilerplate) {
  const std::string decision =
      "行政处罚决定书\n当事人：揭阳市某某副食商行\n……\n依据《中华人民共和国食品安全法》第一百二十四条第一款，本局决定对当事人作出如下行政处罚：\n"
      "1．警告；\n2．没收违法所得1,200.00元；\n3．罚款人民币伍仟元整（￥5000.00）。\n"
      "当事人应当自收到本决定书之日起十五日内缴纳罚款。逾期不缴纳罚款的，每日按罚款数额的3%加处罚款。\n"
      "如不服本处罚决定，可以在收到本决定书之日起六十日内申请行政复议，也可以在六个月内依法提起行政诉讼。\n";
  EXPECT_EQ(penalty_summary(decision), "警告；没收违法所得 1200 元；罚款 5000 元");
  // No "如下" opening: the boilerplate is still cut off.
  EXPECT_EQ(penalty_summary("决定书\n对当事人处以罚款３０００元。\n如不服本决定，可申请行政复议，逾期不缴纳罚款的加处罚款。\n"),
            "罚款 3000 元");
  EXPECT_EQ(penalty_summary("现决定如下：\n没收过期食品12袋，并处罚款0.5万元。\n"), "没收过期食品12袋；罚款 5000 元");
  EXPECT_EQ(penalty_summary("不予行政处罚决定书\n本局决定不予行政处罚。\n如不服…行政复议\n"), "不予行政处罚");
  EXPECT_EQ(penalty_summary("如不服本处罚决定，可以申请行政复议。罚款缴至指定银行。\n"), "");
}

// Wrong fact: a cover's 处罚结果 "罚款" for a decision that reads "责令改正，罚款人民币800元" — the decision
// was a PDF whose line was full after "800", and the line break stopped the amount (another office's
// inbox). A wrap is read through wherever it falls; a break after a statement or before a list item
// still ends it, and an amount never belongs to the kind before another kind. 责令改正 is not a kind of
// 《行政处罚法》第九条 (第二十八条: the order every penalty comes with) and is not shown.
TEST(DocFacts, PenaltyAmountIsReadAcrossAPdfLineWrap) {
  EXPECT_EQ(penalty_summary("依据《中华人民共和国计量法实施细则》第四十三条的规定，本局决定：责令改正，罚款人民币800\n元。\n"
                            "当事人如不服本行政处罚决定，可在收到本决定书之日起六十日内申请行政复议，或在六个月内提\n起行政诉讼。\n"),
            "罚款 800 元");
  EXPECT_EQ(penalty_summary("本局决定对当事人作出如下行政处罚：没收违法所得人民币\n1,500元，并处罚款人民币叁仟\n元整。\n"),
            "没收违法所得 1500 元；罚款 3000 元");
  EXPECT_EQ(penalty_summary("决定给予如下行政处罚：\n警告\n罚款\n二、没收违法所得500元\n"), "警告；罚款；没收违法所得 500 元");
  EXPECT_EQ(penalty_summary("作出如下处罚：罚款；没收违法所得500元。\n"), "罚款；没收违法所得 500 元");
  EXPECT_EQ(penalty_summary("作出如下处罚：没收过期食品12袋并处罚款\n2000元。\n"), "没收过期食品12袋；罚款 2000 元");
}

// Wrong fact: a cover's 处罚结果 "没收超过保质期的饮料12瓶；罚款 5000 元；没收物品见《；没收物品清单》" — the
// decision went on after its penalty with a line naming the list of the goods confiscated, and both
// 没收 of that line were read as penalties (a probe inbox of another office's cases). The penalty is the
// sentence or list that states it; a 没收 in a document's title 《…》 names a paper; a note in ( ) after
// the goods is not part of the penalty.
TEST(DocFacts, PenaltyNeverReadsTheListOfConfiscatedGoodsAsAPenalty) {
  EXPECT_EQ(penalty_summary("依据《中华人民共和国食品安全法》第一百二十四条，本局决定：没收超过保质期的饮料12瓶，罚款5000元。\n"
                            "没收物品见《没收物品清单》。\n"),
            "没收超过保质期的饮料12瓶；罚款 5000 元");
  EXPECT_EQ(penalty_summary("本局决定对当事人作出如下行政处罚：\n一、没收过期饮料12瓶（详见《没收物品清单》）；\n二、罚款人民币5000元。\n"),
            "没收过期饮料12瓶；罚款 5000 元");
  // Items closed by 。 each are still one list; what follows the list is not.
  EXPECT_EQ(penalty_summary("作出如下行政处罚：\n1.没收违法所得500元。\n2.罚款5000元。\n罚款及没收的违法所得缴至指定银行。\n"),
            "没收违法所得 500 元；罚款 5000 元");
  // A licence named in 书名号 is still the one revoked.
  EXPECT_EQ(penalty_summary("本局决定：吊销《食品经营许可证》。\n"), "吊销《食品经营许可证》");
}

TEST(DocFacts, LabelledValuesTolerateSpacedLabels) {
  EXPECT_EQ(labelled_value("立案审批表\n案　　由：涉嫌销售超过保质期的食品\n", "案由"), "涉嫌销售超过保质期的食品");
  EXPECT_EQ(labelled_value("案件名称\t潮州市某某茶行销售不合格茶叶案\t承办人\t李某\n", "案件名称"), "潮州市某某茶行销售不合格茶叶案");
  EXPECT_EQ(labelled_value("备案由来：无\n", "案由"), "");
}

// Defect: the cover of a 当场处罚 case (a 当场行政处罚决定书 alone, no 立案审批表) had 案由 and 案件名称
// blank. The decision states its 违法行为 (《行政处罚法》第五十二条; 程序规定第六十八条): read from the
// wordings offices use, never from one sample's layout.
TEST(DocFacts, AnOnTheSpotDecisionStatesItsViolation) {
  // The fact, then "当事人的上述行为违反了《…》" pointing back at it (full-width colon after 发现).
  EXPECT_EQ(violation_of("当场行政处罚决定书\n当事人：湛江市某某烟酒店\n"
                         "2024年6月3日9时40分，本局执法人员在该店检查时发现：当事人销售的白酒、啤酒等8种商品未标示价格。\n"
                         "当事人的上述行为违反了《中华人民共和国价格法》第十三条第一款的规定，依据……决定给予警告。\n"),
            "销售的白酒、啤酒等8种商品未标示价格");
  // Fact and qualification in one sentence, with 经查, a date after 当事人 and a closing 的行为.
  EXPECT_EQ(violation_of("经查，当事人于2024年5月6日在其门店销售超过保质期的面包的行为，违反了《中华人民共和国食品安全法》"
                         "第三十四条第十项的规定。依据……"),
            "在其门店销售超过保质期的面包");
  // The 范本's form fields; the evidence after the fact is not the act.
  EXPECT_EQ(violation_of("违法行为：未在经营场所醒目位置公示营业执照\n依据……\n"), "未在经营场所醒目位置公示营业执照");
  EXPECT_EQ(violation_of("违法事实及证据：2024年7月1日，执法人员检查发现当事人未按规定索取进货票据，有现场笔录为证。\n"
                         "以上事实违反了《食品经营许可和备案管理办法》第…条的规定\n"),
            "未按规定索取进货票据");
  // A story too long to be a name: the provision broken names it.
  EXPECT_EQ(violation_of("经查，当事人自2023年起在其微信朋友圈及店铺门口张贴的宣传海报中使用“最高级”“最佳”“国家级”等用语宣传其销售的"
                         "保健食品并声称具有治疗功效。上述行为违反了《中华人民共和国广告法》第九条第三项的规定，"),
            "违反《中华人民共和国广告法》第九条第三项");
  // No law cited as broken: nothing invented.
  EXPECT_EQ(violation_of("当场行政处罚决定书\n当事人：某某\n决定给予警告。\n"), "");
}

// Wrong fact: a 简易程序 cover's 案件名称 and 案由 "…未标示价格。有现场检查情况及当事人陈述为证案" — the
// 当场行政处罚决定书's field 违法事实及证据 (范本 No. 44) held the evidence as a sentence of its own after the
// fact, and it was read as part of the act (another office's inbox). The 案由 ends with its sentence;
// evidence, in any of the ways decisions state it, is never part of it.
TEST(DocFacts, OnTheSpotCauseEndsAtItsSentenceWithoutTheEvidenceSentence) {
  EXPECT_EQ(violation_of("违法事实及证据：2025年3月18日，本局执法人员在青石镇农贸市场检查时发现：当事人销售的苹果、香蕉、"
                         "柑橘未标示价格。有现场检查情况及当事人陈述为证。\n"
                         "当事人的上述行为违反了《明码标价和禁止价格欺诈规定》第五条的规定。\n"),
            "销售的苹果、香蕉、柑橘未标示价格");
  EXPECT_EQ(violation_of("违法事实及证据：经查，当事人在其店内销售超过保质期的饮料。以上事实有现场笔录、询问笔录等证据证实。\n"),
            "在其店内销售超过保质期的饮料");
  EXPECT_EQ(violation_of("违法事实：当事人未在经营场所公示营业执照；上述事实，有现场照片在案佐证\n"), "未在经营场所公示营业执照");
  EXPECT_EQ(violation_of("违法事实及证据：当事人销售散装食品未标明生产日期。证据：现场笔录、照片。\n"), "销售散装食品未标明生产日期");
  // Evidence that says 发现 is not the lead-in to the finding.
  EXPECT_EQ(violation_of("违法事实：当事人销售过期食品。以上事实有执法人员现场检查发现的情况为证。\n"), "销售过期食品");
  // A clause that opens with 有 but proves nothing is the fact itself.
  EXPECT_EQ(violation_of("违法事实：当事人销售的商品中有3种未标示价格\n"), "销售的商品中有3种未标示价格");
}
