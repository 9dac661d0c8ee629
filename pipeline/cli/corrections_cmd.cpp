// lianghua corrections ARCHIVE [--apply ID] [--scheme FILE]   (issue 9 item 1)
// Lists the proposed corrections of items' places, or applies one: a person's decision, never the
// nightly run's (package/corrections.h).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/commands.h"
#include "filing/catalogue.h"
#include "filing/office.h"
#include "model/paths.h"
#include "package/corrections.h"
#include "package/report.h"

namespace lh::cli {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

const char* kCorrectionsHelp =
    "usage: lianghua corrections ARCHIVE [--apply ID] [--scheme FILE]\n\n"
    "Lists the proposed corrections of where items are filed (new evidence found by a nightly run:\n"
    "a 案号 found later, a scheme change). A nightly run never moves a numbered item; a person does:\n"
    "  --apply ID      apply one proposal (C0001): its files move, the old and new place are logged in\n"
    "                  catalog.db, the manifest keeps a pointer (\"moved_from\")\n"
    "  --scheme FILE   filing scheme (default: templates/scheme/default.xml), for names and 档号\n\n"
    "required: ARCHIVE (a directory with catalog.db, made by 'lianghua archive').\n"
    "outputs: the list on stdout, in Chinese; with --apply, the item's files moved inside ARCHIVE, the\n"
    "  decision logged in catalog.db (old and new place) and manifest.json rewritten.\n\n"
    "exit codes: 0 listed or applied; 2 usage error, not an archive, an unknown or already decided\n"
    "            proposal; 3 could not run (the archive is locked by a run, a file could not move).\n";

std::string place_line(const std::string& place_json) {
  json p = json::parse(place_json, nullptr, false);
  if (!p.is_object()) return "?";
  std::string s = p.value("category", "");
  if (!p.value("case_number", "").empty()) s += " " + p.value("case_number", "");
  if (!p.value("volume", "").empty()) s += " " + p.value("volume", "");
  return s + "  " + p.value("path", "");
}

int list(const fs::path& archive) {
  auto r = package::list_corrections(archive);
  if (r.status) {
    std::fprintf(stderr, "lianghua corrections: %s\n", r.error.c_str());
    return r.status;
  }
  if (r.listed.empty()) std::printf("没有待处理的更正建议。\n");
  for (const auto& c : r.listed) {
    std::printf("%s  %s  %s\n", filing::correction_id(c.id).c_str(), c.archival_code.c_str(), c.title.c_str());
    std::printf("  现在：%s\n", place_line(c.current).c_str());
    std::printf("  建议：%s\n", place_line(c.proposed).c_str());
    std::printf("  理由：%s\n", c.reason.c_str());
  }
  if (!r.listed.empty())
    std::printf("共 %zu 条待处理。确认后执行：lianghua corrections %s --apply 编号\n", r.listed.size(), archive.c_str());
  return kOk;
}

}  // namespace

int cmd_corrections(int argc, char** argv) {
  std::string archive, apply, scheme;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--help" || a == "-h") { std::fputs(kCorrectionsHelp, stdout); return kOk; }
    if ((a == "--apply" || a == "--scheme") && i + 1 < argc) {
      (a == "--apply" ? apply : scheme) = argv[++i];
    } else if (!a.empty() && a[0] != '-' && archive.empty()) {
      archive = argv[i];
    } else {
      std::fprintf(stderr, "lianghua corrections: unexpected argument '%s'\n\n%s", argv[i], kCorrectionsHelp);
      return kUsage;
    }
  }
  if (archive.empty()) { std::fputs(kCorrectionsHelp, stderr); return kUsage; }
  if (apply.empty()) return list(archive);
  fs::path scheme_path = scheme.empty() ? model::templates_dir() / "scheme" / "default.xml" : fs::path(scheme);
  const char* t = std::getenv("LIANGHUA_RUN_TIME");
  // The decision's time in 北京时间 (the office profile's default zone: this command takes no profile).
  auto r = package::apply_correction(archive, scheme_path, apply, t ? t : package::now_iso(filing::Office{}.time_zone));
  if (r.status) {
    std::fprintf(stderr, "lianghua corrections: %s\n", r.error.c_str());
    return r.status;
  }
  const auto& c = r.applied;
  std::printf("已应用 %s：%s %s\n", filing::correction_id(c.id).c_str(), c.archival_code.c_str(), c.title.c_str());
  if (!c.new_archival_code.empty())
    std::printf("  新档号：%s（原档号 %s 空号，已记入目录库）\n", c.new_archival_code.c_str(), c.archival_code.c_str());
  std::printf("  原位置：%s\n  新位置：%s\n", c.old_paths.c_str(), c.new_paths.c_str());
  return kOk;
}

}  // namespace lh::cli
