// 责任者 (DA/T 22-2015 目录 column): the agency the document itself names as its issuer, in its
// header (发文机关标志, GB/T 9704-2012 §7.2.4) or its signature (落款), else the office that filed it.
#pragma once
#include <string>

#include "filing/office.h"

namespace lh::compose {

// The issuing agency a document's text names: for a 笔录 the office it says inspected (检查机关：…),
// else its first line when that is an agency name (the 发文机关标志, "…文件" dropped), else the 落款 (the organisation signing just above the closing
// date, a party's seal included: 申辩人：…有限公司（盖章）), else the agency before "关于" in a 公文
// title. Empty when the text names none.
std::string issuing_agency(const std::string& text);

// 责任者 of a document in the 目录: issuing_agency of its text, else the office (the inspecting
// office for records and photos, which carry no header).
std::string responsible_party(const std::string& text, const filing::Office& o);

}  // namespace lh::compose
