#include "package/unchanged_run.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "filing/catalogue.h"
#include "package/files.h"
#include "package/report.h"

namespace lh::package {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Size and mtime of a file, or "-" when missing: enough to notice a replaced binary or template.
std::string stat_line(const fs::path& p) {
  std::error_code ec;
  auto size = fs::file_size(p, ec);
  if (ec) return p.string() + " -\n";
  auto mtime = fs::last_write_time(p, ec).time_since_epoch().count();
  return p.string() + " " + std::to_string(size) + " " + std::to_string(mtime) + "\n";
}

std::string file_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return "-";
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string self_executable() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string() : stat_line(exe);
}

std::optional<json> read_json(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  json j = json::parse(ss.str(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

}  // namespace

std::string stamp_text(const fs::path& p) {
  auto st = file_stamp(p);
  return st ? std::to_string(st->size) + " " + std::to_string(st->mtime_ns) + " " + std::to_string(st->inode) : std::string();
}

std::string run_fingerprint(std::vector<InboxEntry> inbox, const ArchiveOptions& opt) {
  std::sort(inbox.begin(), inbox.end(), [](const InboxEntry& a, const InboxEntry& b) { return a.path < b.path; });
  std::string s = "lianghua-run/1\n" + self_executable() + "options " + opt.options_text + "\n" +
                  (opt.derived_outputs ? "documents\n" : "filing only\n");
  fs::path office_xsd = opt.office_xsd.empty() ? opt.scheme.parent_path() / "office.xsd" : opt.office_xsd;
  for (const fs::path& p : {opt.scheme, opt.scheme.parent_path() / "scheme.xsd", office_xsd, opt.office})
    s += "file " + p.string() + " " + sha256_hex(file_bytes(p)) + "\n";
  for (const auto& e : inbox) s += e.path + "\t" + std::to_string(e.size) + "\t" + std::to_string(e.mtime_ns) + "\n";
  return sha256_hex(s);
}

std::optional<ArchiveResult> finish_if_unchanged(const ArchiveOptions& opt, const ArchiveLock&, std::string* why_not) {
  const fs::path out = opt.out_dir;
  auto full_run = [why_not](const std::string& why) -> std::optional<ArchiveResult> {
    if (why_not) *why_not = why;
    return std::nullopt;
  };
  std::error_code ec;
  if (opt.inbox_fingerprint.empty() || !fs::exists(out / "catalog.db", ec)) return full_run("first run");
  try {
    filing::Catalogue cat(out / "catalog.db");
    if (cat.state(kStateFingerprint) != opt.inbox_fingerprint)
      return full_run("the inbox, the scheme, the office profile, the options or the program changed");
    const std::string stamp = stamp_text(out / "manifest.json");
    if (stamp.empty() || stamp != cat.state(kStateManifestStamp)) {
      auto manifest_sha = sha256_file(out / "manifest.json");
      if (!manifest_sha || *manifest_sha != cat.state(kStateManifestSha)) return full_run("manifest.json is not the one the last run wrote");
    }
    auto report = read_json(out / "reports" / "report.json");
    if (!report || !report->contains("run")) return full_run("the last run's report is missing");

    ArchiveResult res;
    RunInfo run;
    // Same fingerprint: same office profile, so the zone the last report was written in.
    run.time_zone = (*report)["run"].value("time_zone", run.time_zone);
    run.started_at = opt.run_started_at.empty() ? now_iso(run.time_zone) : opt.run_started_at;
    run.run_id = cat.begin_run(run.started_at);
    const json by_fate = (*report)["run"].value("inputs_by_fate", json::object());  // owned: items() needs it alive
    for (const auto& [fate, n] : by_fate.items())
      if (n.is_number_unsigned()) run.this_run[fate] = n.get<size_t>();
    run.finished_at = opt.run_started_at.empty() ? now_iso(run.time_zone) : opt.run_started_at;
    (*report)["run"] = run_json(run);
    (*report)["run"]["unchanged"] = true;
    (*report)["placements"] = json::array();  // nothing was numbered tonight (its corrections still stand)
    if (report->contains("derived") && (*report)["derived"].contains("derived_counts")) {  // nothing rebuilt tonight
      json& c = (*report)["derived"]["derived_counts"];
      c = {{"rebuilt", 0}, {"reused", c.value("rebuilt", 0) + c.value("reused", 0)}};
    }
    std::string err;
    if (!write_run_reports(*report, out, res, err)) throw std::runtime_error(err);

    res.manifest = out / "manifest.json";
    res.by_fate = run.this_run;
    const json by_category = (*report)["counts"].value("by_category", json::array());
    for (const auto& c : by_category) res.items += c.value("items", size_t{0});
    const json set_aside = report->value("set_aside", json::array());
    res.read_problems = report->value("counts", json::object()).value("read_problems", size_t{0});
    for (const auto& a : set_aside)
      if (a.value("fate", "") == "quarantined") res.set_aside.push_back({a.value("path", ""), a.value("reason", "")});
    res.status = res.set_aside.empty() ? ArchiveStatus::Ok : ArchiveStatus::SetAside;
    cat.finish_run(run.run_id, run.finished_at, "unchanged", json(res.by_fate).dump());
    return res;
  } catch (const std::exception& e) {
    return full_run(e.what());  // anything odd: the full run decides
  }
}

}  // namespace lh::package
