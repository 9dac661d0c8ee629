// 责任者 (DA/T 22-2015 目录 column: "制发文件的组织或个人，即文件的发文机关或署名者"): the agency
// the document itself names as its issuer, in its header (发文机关标志, GB/T 9704-2012 §7.2.4) or
// its signature (落款), or the party that signed its own paper, else the office that filed it.
#pragma once
#include <string>

#include "filing/office.h"

namespace lh::compose {

// The issuing agency a document's text names: for a 笔录 the office it says inspected (检查机关：…),
// else its first line when that is an agency name (the 发文机关标志, "…文件" dropped), else the 落款 (the organisation signing just above the closing
// date, a party's seal included: 申辩人：…有限公司（盖章）), else the agency before "关于" in a 公文
// title. A person is named only when signing by a role in which a party writes its own paper
// (申辩人：李国华, 申请人、委托人、投诉人…), never one that confirms another's (当事人、被询问人 on a
// 笔录, 执法人员). Empty when the text names none.
std::string issuing_agency(const std::string& text);

// What a document is, as filed: its number in the 2021 范本 (0: none) and its 题名.
struct DocumentKind {
  int fanben = 0;
  std::string title;
};

// 责任者 of a document in the 目录: issuing_agency of its text, else the office (the inspecting
// office for records and photos, which carry no header). On a form the office makes itself (a 范本
// form, any 审批表: is_office_form in the .cpp), a person signing as 申请人、承办人、陈述申辩人 … is the
// officer asking for approval or the party confirming, never the author.
std::string responsible_party(const std::string& text, const filing::Office& o, const DocumentKind& kind = {});

}  // namespace lh::compose
