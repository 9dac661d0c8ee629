// The office profile (立档单位): 全宗号, names, 机构(问题)代码, brand. DA/T 22-2015: 全宗号 of 4
// characters (digits, or a letter and digits: J001, Z109); 机构(问题) is a 选择项 of the 归档章.
// Validated against templates/scheme/office.xsd.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lh::filing {

struct Office {
  std::string fonds;          // 全宗号
  std::string fonds_name;     // 全宗名称
  std::string name;           // 立档单位 full name
  std::string short_name;
  std::string organisation;   // 机构(问题)代码
  std::string parent;
  std::string brand_colour, emblem, slogan;
};

struct OfficeLoad {
  std::optional<Office> office;
  std::vector<std::string> errors;  // "<file>:<line>: <message>"
};

OfficeLoad load_office(const std::filesystem::path& xml, const std::filesystem::path& xsd);
OfficeLoad load_office_text(const std::string& xml, const std::string& xsd, const std::string& name);

}  // namespace lh::filing
