// The run report (素养: the habit of checking): ARCHIVE/reports/report.json and report.html, a
// static page a clerk can read, in Chinese (machine kinds in parentheses), times in the office's
// time zone. What needs a person comes first ("需要处理": inputs set aside, proposed corrections,
// incomplete cases, records with missing fields), then counts by fate and category, each case's
// missing documents (scheme <completeness>, 程序规定 第七十七、七十八条), inspection records lacking
// two officers with 执法证号 (第二十二条), invalid 统一社会信用代码 (GB 32100-2015), junk with its
// rule, and how many inputs already met the naming standard `<档号> <题名>.<ext>`.
// Counts add up: per fate, 本次收件箱 (inputs in the inbox this run) + 已移出收件箱 (filed before,
// gone from the inbox since) = 累计 (every input the manifest lists; ZIPs themselves are counted
// apart as containers), and 累计 grows from one run to the next by exactly the new inputs.
#pragma once
#include <nlohmann/json.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "filing/scheme.h"

namespace lh::package {

struct RunInfo {
  int64_t run_id = 0;
  std::string started_at, finished_at;      // the only clock values; never in the manifest
  std::string time_zone = "Asia/Shanghai";  // the office's (filing::Office::time_zone)
  std::map<std::string, size_t> this_run;   // fate → count for this run's inputs (no containers)
  std::map<std::string, size_t> new_this_run;  // of those, inputs at a path the catalogue did not hold
  size_t new_items = 0;
};

nlohmann::json build_report(const nlohmann::json& manifest, const filing::Scheme& s, const RunInfo& run);

// The same, fed one manifest entry at a time (inputs, then items, in manifest order) as
// write_manifest streams them (issue 12 §4): it keeps counts and the entries the report lists, not
// the manifest.
class ReportBuilder {
 public:
  ReportBuilder(const filing::Scheme& s, nlohmann::json archive_header);
  ~ReportBuilder();
  ReportBuilder(const ReportBuilder&) = delete;
  ReportBuilder& operator=(const ReportBuilder&) = delete;
  void add_input(const nlohmann::json& input);
  void add_item(const nlohmann::json& item);
  nlohmann::json finish(const RunInfo& run);  // once
 private:
  struct State;
  std::unique_ptr<State> st_;
};
std::string report_html(const nlohmann::json& report);

// The report's "run" section.
nlohmann::json run_json(const RunInfo& run);
// Now, as local time in the office's zone: 2024-06-01T02:00:00+08:00 (the runs table and the
// report only).
std::string now_iso(const std::string& time_zone);

struct ArchiveResult;
// The "needs_attention" summary (counts of what needs a person), from the report as it stands
// (corrections are added by the filing step after build_report).
nlohmann::json needs_attention(const nlohmann::json& report);

// Masks personal numbers, sets the summary above, then writes reports/report.json and report.html (with the derived section
// when the report has one) atomically; sets res.report_json / res.report_html.
bool write_run_reports(nlohmann::json& report, const std::filesystem::path& archive_dir, ArchiveResult& res,
                       std::string& error);

}  // namespace lh::package
