// Facts a document states about itself in its own form (issue 9 §3), read before any guess from
// the body. Pure functions over normalized text: no I/O, no scheme (which label counts for which
// document type is the scheme's <document-facts>, filing/document_facts.h).
//   - Labelled dates: a form prints its own date after a label — 询问时间 (2021 范本 No. 14 询问笔录),
//     检查时间 (No. 9 现场笔录, 日常监督检查表: domain.md §3), 送达时间 (No. 50 送达回证) …
//   - The title line: DA/T 22-2015 §6.7 — the 题名 is the document's own title; the 发文机关标志
//     above it (GB/T 9704-2012 §7.2.3, an agency's name, "…文件") is never the title.
//   - The 文号: GB/T 9704-2012 §7.2.5 发文字号, printed on a line of its own under the 发文机关标志 —
//     a 案号 quoted in the body (a 送达回证 naming the decision it served) is not the document's own.
//   - A labelled value (案由、案件名称 of a 立案审批表, 范本 No. 7), tolerant of spaced labels (案　　由).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/fields.h"

namespace lh::normalize {

// Every date written right after a label that ends in 时间 or 日期 (colon, tab or spaces between),
// in reading order. Labels are returned without spaces ("询 问 时 间" → "询问时间"); a label glued to
// the previous field's value keeps that text in front ("张三询问时间"): compare with label_matches.
std::vector<model::LabelledDate> find_labelled_dates(std::string_view text);

// Whether a label found in a text is the label `wanted`: equal, or ending with it when `wanted` is
// more than the bare 时间 / 日期 (so 时间 never matches 整改时间).
bool label_matches(std::string_view found, std::string_view wanted);

// The value after `label` in a form line ("案由：…", "案　由\t…"); empty when absent or blank.
std::string labelled_value(std::string_view text, std::string_view label);
// The same, to the end of its line or cell (a tab) even across wide gaps: a form's options
// ("检查结果：□符合　　☑不符合") are spaced apart on one line.
std::string labelled_line_rest(std::string_view text, std::string_view label);

// The document's own title line among its first lines (see above); empty when none is found.
std::string find_title_line(std::string_view text);

// A line that names an organisation (an agency's letterhead, a company's name): never a 题名.
bool is_organisation_line(std::string_view line);

// The 文号 printed on a line of its own in the document's head: normalized (GB/T 9704-2012 §7.2.5:
// 〔年份〕, the serial without 第 and without padding) and as printed (raw), with how its serial
// departed (zero_padded, with_di); normalized empty when none.
model::CaseNumber read_own_number(std::string_view text);
// Its normalized form only.
std::string find_own_number(std::string_view text);

// A title that is only a form's name (行政处罚决定书, 询 问 笔 录, 现场检查笔录（副本）): it says what
// the document is but not whose it is.
bool is_bare_form_title(std::string_view title);

// The penalty a decision imposes, short, for a volume's cover: "警告；罚款 5000 元；没收违法所得
// 1200 元". Read from the decision's operative part only (after 如下行政处罚 / 决定, before the
// 履行 / 复议 / 诉讼 notices), kinds as 《行政处罚法》第九条 lists them. Empty when none is found.
std::string penalty_summary(std::string_view decision_text);

// The 违法行为 a decision states, short, for the 案由 of a volume's cover when no 立案审批表 names one
// (a 当场行政处罚决定书 has none: 《行政处罚法》第五十二条): a 违法行为 / 违法事实 field, else the fact the
// decision qualifies with "违反(了)《…》" — "销售的苹果等5种水果未标示价格" — without its lead-in, date
// and subject 当事人; a fact too long for a name gives the provision ("违反《…》第十三条第一款").
// Empty when the decision cites no law it was broken (violation.cpp has the wordings read).
std::string violation_of(std::string_view decision_text);

}  // namespace lh::normalize
