// Field extraction from normalized text (issue 2 §6). Pure functions: no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/fields.h"

namespace lh::normalize {

// 案号 in every real variant: 〔〕 [] () （） ［］ 【】, full-width digits, zero-padded serials.
// Normalized to <简称>市监<类>〔YYYY〕N号 (domain.md §2).
std::vector<model::CaseNumber> find_case_numbers(std::string_view text);
std::optional<model::CaseNumber> parse_case_number(std::string_view s);

// 统一社会信用代码: GB 32100-2015 §4 check character and the GB 11714 check of its body.
bool credit_code_valid(std::string_view code18);
std::vector<model::CreditCode> find_credit_codes(std::string_view text);

// 居民身份证号: GB 11643-1999 checksum; only ever returned masked (first 4 and last 4 kept).
bool id_number_valid(std::string_view id18);
std::string mask_id_number(std::string_view id);
std::vector<model::IdNumber> find_id_numbers(std::string_view text);

// Mobile numbers, masked 3 + 4 (issue 5 §5).
std::string mask_mobile(std::string_view phone);
// Replace every ID number and mobile number in running text by its masked form.
std::string mask_personal_numbers(std::string_view text);

// Dates in every written form -> ISO (YYYY-MM-DD, or YYYY-MM when no day is written).
std::vector<std::string> find_dates(std::string_view text);
std::optional<std::string> parse_date(std::string_view s);
// The full date (YYYY-MM-DD) that s opens with, after white space; trailing text is allowed
// ("2024年3月5日9时30分至10时").
std::optional<std::string> date_at_start(std::string_view s);
// The last full date of text in reading order (the 成文日期 of a 落款 comes after the body), but for
// a 版记's 印发日期 ("2025年3月5日印发", GB/T 9704-2012 §7.4.2), which follows the 落款.
std::string last_full_date(std::string_view text);
// The one day a file name states, for a document whose text and properties give none: a written
// date ("2025年3月18日", "2025-03-18", "2025.03.18") or a compact stamp as cameras, phones and
// clerks write them — "20250318 …", "IMG_20250412_093015", "PXL_20250412_093015123",
// "微信图片_20250412093015": a run of exactly 8 digits (YYYYMMDD) or 14 (YYYYMMDDhhmmss). Empty when
// the name states none, or two different days (which one would be a guess).
std::string file_name_date(std::string_view name);
// The officers a typed 检查记录 names after 检查人员 or 执法人员, each with the 执法证号 beside the name
// or on a 执法证号 line of their own, in order (执法程序规定 第二十二条; normalize/officers.cpp).
std::vector<model::Officer> find_officers(std::string_view text);
// The 检查结果 (or 检查结论) a typed 检查记录 states: the options ticked where the form prints boxes
// (☑, ■, √, "（√）"), else the words written; empty when the boxes are all empty or there is no
// such field (normalize/inspection_result.cpp).
std::string find_inspection_result(std::string_view text);

// 文书类型 against the 56 documents of the 2021 范本 (domain.md §2). Returns the 范本 number
// (1..56) and name, or 0 and "" when the title matches none; a title ending in 审批表 that names no
// 范本 form is No. 8 (see approval_of_a_case_matter). One exception: 检查记录 (日常监督检查
// 记录, 现场检查记录) is not a 范本 document and returns 0 with name "检查记录". 现场检查笔录 is No. 9
// 现场笔录. When the title matches nothing, the first short lines of text_head are tried.
struct DocType { int number = 0; std::string name; };
DocType classify_doc_type(std::string_view title, std::string_view text_head = {});
const std::vector<std::string>& fanben_2021_documents();  // index 0 = No. 1
// The title 现场检查笔录 names two forms: 范本 No. 9 现场笔录 (a case's evidence: 当事人, 案号, 涉嫌)
// and a routine inspection record (被检查单位, 检查结果: 检查记录). No. 9 is kept only on the form of a
// case; otherwise {0, "检查记录"} (issue 9: told apart on content and form, not title words alone).
DocType tell_inspection_from_evidence(const DocType& d, std::string_view title, std::string_view text,
                                      bool has_case_number);
// No. 8 (行政处罚案件有关事项审批表; any 审批表 titled by its matter that names no other 范本 form) is
// kept only on the form of a case (a 案号, 当事人, 案由, 案件, 涉嫌, 立案 in title or text); an office's own
// 审批表 without them gets {0, ""}, so it is not drawn into a penalty case.
DocType approval_of_a_case_matter(const DocType& d, std::string_view title, std::string_view text,
                                  bool has_case_number);

// 当事人 from labelled lines (当事人：, 被检查单位：, 检查对象：, 名称：).
std::vector<std::string> find_parties(std::string_view text);

// All of the above over one document.
model::Fields extract_fields(std::string_view text, std::string_view title);

// The warnings a number printed otherwise than GB/T 9704-2012 §7.2.5 writes it (第 before the
// serial, a padded serial) gets, `what` naming it (案号, 文号): one each, the printed form beside the
// normalized one. extract_fields gives them per document; filing::plan_filing once per run for a 案号
// that many documents quote (filing/printed_serials.h).
std::vector<std::string> printed_serial_warnings(const model::CaseNumber& n, const std::string& what);

}  // namespace lh::normalize
