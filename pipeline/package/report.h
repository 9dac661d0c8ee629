// The run report (素养: the habit of checking): ARCHIVE/reports/report.json and report.html, a
// static table a clerk can read. Counts by fate and category, each case's missing documents
// (scheme <completeness>, 程序规定 第七十七、七十八条), inspection records lacking two officers with
// 执法证号 (第二十二条), invalid 统一社会信用代码 (GB 32100-2015), inputs set aside with reasons, and
// how many inputs already met the naming standard `<档号> <题名>.<ext>`.
#pragma once
#include <nlohmann/json.hpp>
#include <filesystem>
#include <map>
#include <string>

#include "filing/scheme.h"

namespace lh::package {

struct RunInfo {
  int64_t run_id = 0;
  std::string started_at, finished_at;      // the only clock values; never in the manifest
  std::map<std::string, size_t> this_run;   // fate → count for this run's inputs
  size_t new_items = 0;
};

nlohmann::json build_report(const nlohmann::json& manifest, const filing::Scheme& s, const RunInfo& run);
std::string report_html(const nlohmann::json& report);

// The report's "run" section.
nlohmann::json run_json(const RunInfo& run);
// Local time as 2024-06-01T02:00:00+0800 (the runs table and the report only).
std::string now_iso();

struct ArchiveResult;
// Masks personal numbers, then writes reports/report.json and report.html (with the derived section
// when the report has one) atomically; sets res.report_json / res.report_html.
bool write_run_reports(nlohmann::json& report, const std::filesystem::path& archive_dir, ArchiveResult& res,
                       std::string& error);

}  // namespace lh::package
