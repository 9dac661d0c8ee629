#include "filing/schema_messages.h"

#include <map>
#include <regex>

namespace lh::filing {

namespace {

// The office profile (templates/scheme/office.xsd) and the scheme's most edited elements
// (templates/scheme/scheme.xsd); labels as DA/T 22-2015 names the fields.
const std::map<std::string, std::string>& labels() {
  static const std::map<std::string, std::string> m = {
      {"office", "单位档案配置（office）"}, {"fonds", "全宗号"}, {"fonds-name", "全宗名称"},
      {"name", "立档单位名称"}, {"short-name", "单位简称"}, {"organisation-code", "机构（问题）代码"},
      {"parent", "上级机关"}, {"brand", "品牌标识"}, {"colour", "品牌色"}, {"time-zone", "时区"},
      {"scheme", "归档方案"}, {"category", "门类"}, {"retention", "保管期限"}, {"code", "代码"},
      {"box", "档案盒"}, {"match", "归类规则"}};
  return m;
}

// What a value of a known pattern must look like, in words (the XSD's patterns, explained).
std::string explain_pattern(const std::string& element, const std::string& pattern) {
  if (pattern == "[A-Z0-9][0-9]{3}") return "4 位：数字，或一个大写字母加 3 位数字（如 Z109、J001；DA/T 22-2015 全宗号）";
  if (pattern == "[A-Z0-9]{1,8}") return "1 至 8 位大写字母或数字（如 SMS）";
  if (pattern == "#[0-9A-Fa-f]{6}") return "“#”加 6 位十六进制颜色值（如 #1F4E9A）";
  return "符合格式 " + pattern;
}

std::string named(const std::string& element) {
  const std::string label = element_label(element);
  return label.empty() ? "<" + element + ">" : label + "（<" + element + ">）";
}

std::string translate(const std::string& text) {
  static const std::regex pattern_re(
      R"(Element '([^']+)'(?:, attribute '([^']+)')?: \[facet 'pattern'\] The value '([^']*)' is not accepted by the pattern '([^']*)'\.?)");
  static const std::regex minlen_re(R"(Element '([^']+)'(?:, attribute '([^']+)')?: \[facet 'minLength'\].*)");
  static const std::regex atomic_re(R"(Element '([^']+)'(?:, attribute '([^']+)')?: '([^']*)' is not a valid value of the (?:atomic|list|union) type '([^']*)'\.?)");
  static const std::regex unexpected_re(R"(Element '([^']+)': This element is not expected\.(?: Expected is(?: one of)? \( ?([^)]*?) ?\))?\.?)");
  static const std::regex missing_re(R"(Element '([^']+)': Missing child element\(s\)\. Expected is(?: one of)? \( ?([^)]*?) ?\)\.?)");
  static const std::regex attr_missing_re(R"(Element '([^']+)': The attribute '([^']+)' is required but missing\.?)");
  static const std::regex attr_unknown_re(R"(Element '([^']+)', attribute '([^']+)': The attribute '[^']+' is not allowed\.?)");
  static const std::regex no_decl_re(R"(Element '([^']+)': No matching global declaration available for the validation root\.?)");
  std::smatch m;
  if (std::regex_match(text, m, pattern_re)) {
    const std::string what = m[2].matched ? named(m[2]) + "（属于 " + named(m[1]) + "）" : named(m[1]);
    return what + "应为" + explain_pattern(m[2].matched ? m[2].str() : m[1].str(), m[4]) + "，现为“" + m[3].str() + "”";
  }
  if (std::regex_match(text, m, minlen_re))
    return (m[2].matched ? named(m[2]) : named(m[1])) + "不能为空";
  if (std::regex_match(text, m, atomic_re))
    return (m[2].matched ? named(m[2]) : named(m[1])) + "的值“" + m[3].str() + "”不合要求（应为 " + m[4].str() + " 类型）";
  if (std::regex_match(text, m, unexpected_re)) {
    std::string s = named(m[1]) + "不应出现在此处";
    if (m[2].matched && !m[2].str().empty()) s += "；此处应为 " + named(m[2]);
    return s;
  }
  if (std::regex_match(text, m, missing_re)) return named(m[1]) + "缺少必填项 " + named(m[2]);
  if (std::regex_match(text, m, attr_missing_re)) return named(m[1]) + "缺少必填属性 " + named(m[2]);
  if (std::regex_match(text, m, attr_unknown_re)) return named(m[1]) + "不允许属性 " + named(m[2]);
  if (std::regex_match(text, m, no_decl_re)) return "根元素 <" + m[1].str() + "> 不是此类文件应有的根元素";
  return "";
}

}  // namespace

std::string element_label(const std::string& element) {
  auto it = labels().find(element);
  return it == labels().end() ? "" : it->second;
}

std::string schema_message_in_chinese(const std::string& message) {
  // "<file>:<line>: <text>" (filing/xml_safe.h) — the file may itself hold ':'; the line is digits.
  static const std::regex located_re(R"(^(.*):([0-9]+): (.*)$)");
  std::smatch m;
  std::string where, text = message;
  if (std::regex_match(message, m, located_re)) {
    where = m[1].str() + " 第 " + m[2].str() + " 行：";
    text = m[3].str();
  }
  const std::string chinese = translate(text);
  if (chinese.empty()) return where + text;
  return where + chinese + "（" + text + "）";
}

}  // namespace lh::filing
