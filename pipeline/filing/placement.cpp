#include "filing/placement.h"

#include <algorithm>

#include "filing/text_util.h"
#include "normalize/fields.h"

namespace lh::filing {
namespace {

int digit_value(char32_t c) {
  if (c >= U'0' && c <= U'9') return static_cast<int>(c - U'0');
  if (c >= U'０' && c <= U'９') return static_cast<int>(c - U'０');
  return -1;
}

bool is_open_bracket(char32_t c) {
  return c == U'〔' || c == U'[' || c == U'(' || c == U'（' || c == U'［' || c == U'【' || c == U'﹝';
}
bool is_close_bracket(char32_t c) {
  return c == U'〕' || c == U']' || c == U')' || c == U'）' || c == U'］' || c == U'】' || c == U'﹞';
}

bool is_han(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> v;
  for (size_t i = 0; i < s.size();) v.push_back(next_code_point(s, i));
  return v;
}

// Reads digits at v[at…]; returns the count read (value in out, capped to stay in range).
size_t read_number(const std::vector<char32_t>& v, size_t at, int& out) {
  size_t n = 0;
  out = 0;
  while (at + n < v.size() && digit_value(v[at + n]) >= 0) {
    if (out < 100000000) out = out * 10 + digit_value(v[at + n]);
    ++n;
  }
  return n;
}

std::string strip_zip(std::string_view name, bool& is_zip) {
  std::string n(name);
  is_zip = extension_lower(n) == "zip";
  if (is_zip) n.resize(n.size() - 4);
  return trim(n);
}

// A folder named after the party (2021 范本 No. 54: 案件名称 = 当事人 + 违法行为 + 案) names it by its
// 字号, the trade name: offices drop the regions before it (南岭县石门镇…) and the legal form after it
// (有限公司), and often the trade (食品, 超市). A match is the full name, the name without region and
// form, or the 字号's first two characters ("鲜丰公司销售过期食品案" for 南岭县鲜丰食品有限公司).
bool name_names_party(std::string_view folder_name, const std::string& party) {
  // Two characters could be anyone's name (a clerk's folder 张伟): only the full 案件名称 form counts,
  // the party first and 案 last (张三无照经营案).
  if (code_point_count(party) < 3)
    return code_point_count(party) == 2 && folder_name.substr(0, party.size()) == party &&
           folder_name.size() > party.size() + std::string_view("案").size() &&
           folder_name.substr(folder_name.size() - std::string_view("案").size()) == "案";
  if (folder_name.find(party) != std::string_view::npos) return true;
  std::string core = party;
  // Region levels one after another: 南岭县石门镇李记粮油店 → 李记粮油店 (county, then township).
  for (bool stripped = true; stripped;) {
    stripped = false;
    size_t cut = std::string::npos;  // the end of the first region word
    for (std::string_view region : {"省", "市", "县", "区", "旗", "镇", "乡", "街道"})
      if (size_t at = core.find(region); at != std::string::npos && at > 0 && (cut == std::string::npos || at + region.size() < cut))
        cut = at + region.size();
    if (cut != std::string::npos && code_point_count(core.substr(0, cut)) <= 7 && code_point_count(core.substr(cut)) >= 3) {
      core = core.substr(cut);
      stripped = true;
    }
  }
  for (const char* form : {"股份有限公司", "有限责任公司", "有限公司", "分公司", "公司", "（个体工商户）"})
    if (core.size() > std::string_view(form).size() && core.compare(core.size() - std::string_view(form).size(), std::string::npos, form) == 0) {
      core.resize(core.size() - std::string_view(form).size());
      break;
    }
  auto cps = code_points(core);
  if (cps.size() < 2) return false;
  if (folder_name.find(core) != std::string_view::npos) return true;
  std::string trade_name;
  append_utf8(trade_name, cps[0]);
  append_utf8(trade_name, cps[1]);
  return std::all_of(cps.begin(), cps.begin() + 2, is_han) && folder_name.find(trade_name) != std::string_view::npos;
}

}  // namespace

// The 类 of a penalty case's 案号 (normalized <简称>市监<类>〔YYYY〕N号): 2021 范本 writes 处罚 (当罚 for
// 当场处罚); offices also write 处字, 罚字, 处, 罚 or 案 (东市监处字〔2023〕第31号). The whole 类 must be
// one of these: other 类 (罚告 for a 告知书, 检, 立, 强 …) number a document of the case or an
// inspection, not the case (程序规定 第七十八条: one case, one 案号).
bool is_case_identifier(const std::string& normalized, const Scheme& s) {
  static const std::string kAgency = "市监", kOpen = "〔";
  const size_t m = normalized.find(kAgency);
  if (m == std::string::npos) return false;
  const size_t from = m + kAgency.size(), open = normalized.find(kOpen, from);
  if (open == std::string::npos) return false;
  const std::string cls = normalized.substr(from, open - from);
  auto listed = [&](const std::string& c) { return std::find(s.case_classes.begin(), s.case_classes.end(), c) != s.case_classes.end(); };
  if (listed(cls)) return true;
  // A district before 罚 (2021 范本 "××市监×罚"; normalize/case_number.cpp): 深市监龙华罚, 杭市监（萧）罚.
  // The 类 is what follows it, and only a penalty one (罚…, 处罚…) is read past a district.
  std::vector<std::string> rests;
  static const std::string kClose = "）";
  if (cls.rfind("（", 0) == 0 && cls.find(kClose) != std::string::npos) rests.push_back(cls.substr(cls.find(kClose) + kClose.size()));
  auto cps = code_points(cls);
  for (size_t drop = 1; drop <= 2 && drop < cps.size(); ++drop) {
    std::string rest;
    for (size_t i = drop; i < cps.size(); ++i) append_utf8(rest, cps[i]);
    rests.push_back(rest);
  }
  return std::any_of(rests.begin(), rests.end(), [&](const std::string& r) {
    return (r.rfind("罚", 0) == 0 || r.rfind("处罚", 0) == 0) && listed(r);
  });
}

bool names_a_case(const std::string& normalized, const Scheme& s) {
  return normalized.find("市监处罚") != std::string::npos || is_case_identifier(normalized, s);
}

std::optional<std::pair<int, int>> short_case_reference(std::string_view name) {
  auto v = code_points(name);
  for (size_t i = 0; i < v.size(); ++i) {
    if (!is_open_bracket(v[i])) continue;
    int year = 0;
    size_t at = i + 1, n = read_number(v, at, year);
    if (n != 4 || year < 1949 || at + n >= v.size() || !is_close_bracket(v[at + n])) continue;
    at += n + 1;
    if (at < v.size() && v[at] == U'第') ++at;
    int serial = 0;
    n = read_number(v, at, serial);
    if (n == 0 || serial == 0 || at + n >= v.size() || v[at + n] != U'号') continue;
    return std::make_pair(year, serial);
  }
  return std::nullopt;
}

std::optional<std::pair<int, int>> year_and_serial(std::string_view case_number) {
  auto v = code_points(case_number);
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != U'〔') continue;
    int year = 0, serial = 0;
    size_t n = read_number(v, i + 1, year);
    if (n != 4 || i + 5 >= v.size() || v[i + 5] != U'〕') continue;
    size_t m = read_number(v, i + 6, serial);
    if (m == 0 || i + 6 + m >= v.size() || v[i + 6 + m] != U'号') continue;
    return std::make_pair(year, serial);
  }
  return std::nullopt;
}

bool is_sorting_folder_name(std::string_view raw, const Scheme& s) {
  bool is_zip = false;
  std::string name = strip_zip(raw, is_zip);
  if (name.empty()) return true;
  for (const auto& c : s.categories)
    if (name == c.code || name == c.name) return true;
  for (const auto& p : s.periods)
    if (name == p.code || name == p.name) return true;
  // A year, month, day or quarter: digits, separators and 年月日季度第一二三四上下半 Q only.
  static const std::u32string date_marks = U"年月日季度第一二三四上下半Qq-_. /";
  auto v = code_points(name);
  bool only_date = std::all_of(v.begin(), v.end(), [](char32_t c) {
    return digit_value(c) >= 0 || date_marks.find(c) != std::u32string::npos;
  });
  if (only_date) return true;
  // A short personal name (a clerk's folder: 张伟, 李晓明): two or three Han characters and nothing else.
  return (v.size() == 2 || v.size() == 3) && std::all_of(v.begin(), v.end(), is_han);
}

void CaseEvidenceIndex::add(PlacementDoc d) {
  folder_cache_.clear();
  docs_.push_back(std::move(d));
}

std::optional<CaseEvidence> CaseEvidenceIndex::by_cited_number(const PlacementDoc& d) const {
  std::set<std::string> cases;
  std::string number, cited_in;
  for (const auto& n : d.other_numbers)
    for (const auto& x : docs_) {
      if (x.own_case.empty() || x.path == d.path) continue;
      if (std::find(x.other_numbers.begin(), x.other_numbers.end(), n) == x.other_numbers.end()) continue;
      if (cases.insert(x.own_case).second) { number = n; cited_in = x.title; }
    }
  if (cases.size() != 1) return std::nullopt;
  return CaseEvidence{*cases.begin(), "文号 " + number + " 见于本案文书《" + cited_in + "》"};
}

std::optional<CaseEvidence> CaseEvidenceIndex::folder_case(const std::string& folder) const {
  const std::string name = base_name(folder);
  if (folder.empty() || is_sorting_folder_name(name, scheme_)) return std::nullopt;
  bool is_zip = false;
  const std::string label = strip_zip(name, is_zip);
  const std::string what = is_zip ? "ZIP 名 " : "文件夹名 ";
  // Rule 3: named by a full 案号.
  std::set<std::string> named;
  for (const auto& cn : normalize::find_case_numbers(label))
    if (is_case_identifier(cn.normalized, scheme_)) named.insert(cn.normalized);
  if (named.size() == 1) return CaseEvidence{*named.begin(), what + *named.begin()};
  if (named.size() > 1) return std::nullopt;  // several cases in one name: not one case's folder
  // Rule 3: named by year and serial, matching exactly one 案号 its documents carry.
  if (auto ys = short_case_reference(label)) {
    std::set<std::string> match;
    const std::string prefix = folder + "/";
    for (const auto& x : docs_)
      if (!x.own_case.empty() && x.path.compare(0, prefix.size(), prefix) == 0 && year_and_serial(x.own_case) == ys)
        match.insert(x.own_case);
    if (match.size() == 1) return CaseEvidence{*match.begin(), what + label + "（即 " + *match.begin() + "）"};
  }
  // Rule 4: the documents in it (its own and its sub-folders': a clerk's "鸿发食品店案卷材料.zip" holds
  // the 立案审批表 at its top and the rest in a 案号 sub-folder) carry one 案号 and no other, and its
  // name names their party (卷宗封面 No. 54: 案件名称 = 当事人 + 违法行为).
  const std::string prefix = folder + "/";
  std::vector<size_t> inside;
  for (size_t k = 0; k < docs_.size(); ++k)
    if (docs_[k].path.compare(0, prefix.size(), prefix) == 0) inside.push_back(k);
  std::set<std::string> cases;
  for (size_t k : inside)
    if (!docs_[k].own_case.empty()) cases.insert(docs_[k].own_case);
  if (cases.size() != 1) return std::nullopt;
  for (size_t k : inside)
    for (const auto& p : docs_[k].parties)
      if (docs_[k].own_case == *cases.begin() && name_names_party(label, p))
        return CaseEvidence{*cases.begin(), std::string(is_zip ? "ZIP " : "文件夹 ") + label + " 的文书同属 " +
                                                *cases.begin() + "，当事人 " + p};
  return std::nullopt;
}

std::optional<CaseEvidence> CaseEvidenceIndex::by_folder(std::string_view path) const {
  // The inbox root ("") is never a case folder: the loop stops before it.
  for (std::string folder = parent_path(path); !folder.empty(); folder = parent_path(folder)) {
    auto c = folder_cache_.find(folder);
    if (c == folder_cache_.end()) c = folder_cache_.emplace(folder, folder_case(folder)).first;
    if (c->second) return c->second;
  }
  return std::nullopt;
}

}  // namespace lh::filing
