// The office profile (立档单位): 全宗号, names, 机构(问题)代码, brand. DA/T 22-2015: 全宗号 of 4
// characters (digits, or a letter and digits: J001, Z109); 机构(问题) is a 选择项 of the 归档章.
// Validated against templates/scheme/office.xsd. The office's time zone (an IANA name, default
// Asia/Shanghai: 北京时间) is the one every clock value of a run report and the runs table is shown in.
#pragma once
#include <chrono>
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
  std::string time_zone = "Asia/Shanghai";  // <time-zone>, IANA tz database name
};

struct OfficeLoad {
  std::optional<Office> office;
  std::vector<std::string> errors;  // "<file>:<line>: <message>"
};

OfficeLoad load_office(const std::filesystem::path& xml, const std::filesystem::path& xsd);
// `when` as local time in the IANA zone, ISO 8601 with its offset: 2024-06-01T02:00:00+08:00. The
// zone's rules come from ICU's copy of the tz database, so the machine's TZ never matters. An
// unknown zone is GMT (load_office refuses one).
std::string local_time_iso(std::chrono::system_clock::time_point when, const std::string& time_zone);
bool is_known_time_zone(const std::string& time_zone);

OfficeLoad load_office_text(const std::string& xml, const std::string& xsd, const std::string& name);

}  // namespace lh::filing
