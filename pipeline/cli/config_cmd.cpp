// lianghua check-config and lianghua init (issue 14 §3): an IT admin sets an office up from the
// command line and is told, in Chinese, which field is wrong and what it should hold.
#include <getopt.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "filing/office.h"
#include "filing/office_profile_writer.h"
#include "filing/scheme.h"
#include "filing/schema_messages.h"
#include "model/paths.h"
#include "package/files.h"
#include "pdf/pdfa.h"

namespace lh::cli {
namespace fs = std::filesystem;

namespace {

const char* kCheckHelp =
    "usage: lianghua check-config [--conf FILE] [--office FILE] [--scheme FILE]\n\n"
    "Checks an office's configuration before the nightly run uses it, and says in Chinese which\n"
    "field is wrong and what it should hold. Nothing is written.\n\n"
    "required: --conf or --office (at least one)\n\n"
    "outputs: each problem on its own line on stderr; \"配置检查通过\" on stdout when none.\n\n"
    "options:\n"
    "  --conf FILE     /etc/lianghua/lianghua.conf: LIANGHUA_INBOX, LIANGHUA_ARCHIVE, LIANGHUA_OFFICE\n"
    "                  (and optionally LIANGHUA_SCHEME); the inbox must be readable, the archive writable\n"
    "  --office FILE   an office profile (templates/scheme/office.xsd); overrides LIANGHUA_OFFICE\n"
    "  --scheme FILE   a filing scheme (default: the installed templates/scheme/default.xml)\n\n"
    "exit codes: 0 the configuration passes; 2 it does not (each problem on its own line).\n";

const char* kInitHelp =
    "usage: lianghua init OFFICE.xml --fonds Z109 --fonds-name 全宗名称 --name 立档单位全称\n"
    "                     --organisation-code SMS [--short-name 简称] [--parent 上级机关]\n"
    "                     [--colour '#1F4E9A'] [--force]\n\n"
    "Writes a valid office profile (立档单位) for `lianghua archive --office`. On a terminal, the\n"
    "required fields not given are asked for. The file is checked before it is written, and an\n"
    "existing file is kept unless --force.\n\n"
    "required (asked for on a terminal when not given):\n"
    "  OFFICE.xml            the profile to write (atomically)\n"
    "  --fonds               全宗号, 4 characters: digits, or a capital letter and 3 digits (DA/T 22-2015)\n"
    "  --fonds-name          全宗名称\n"
    "  --name                立档单位 full legal name\n"
    "  --organisation-code   机构（问题）代码, 1–8 capital letters or digits, part of the 档号\n\n"
    "options:\n"
    "  --short-name, --parent, --colour   optional profile fields (README)\n"
    "  --force               replace an existing file\n\n"
    "outputs: OFFICE.xml only; a line on stdout saying it was written.\n\n"
    "exit codes: 0 written; 2 a field is missing or invalid (said in Chinese); 3 could not write.\n";

// KEY=value lines of lianghua.conf (systemd EnvironmentFile syntax: '#' comments, optional quotes).
std::map<std::string, std::string> read_conf(const fs::path& p, std::vector<std::string>& problems) {
  std::map<std::string, std::string> kv;
  std::ifstream in(p);
  if (!in) {
    problems.push_back(p.string() + "：无法读取配置文件");
    return kv;
  }
  std::string line;
  while (std::getline(in, line)) {
    const auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos || line[b] == '#') continue;
    const auto eq = line.find('=', b);
    if (eq == std::string::npos) continue;
    std::string value = line.substr(eq + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
      value = value.substr(1, value.size() - 2);
    kv[line.substr(b, eq - b)] = value;
  }
  return kv;
}

void check_folders(const std::map<std::string, std::string>& kv, std::vector<std::string>& problems) {
  auto get = [&](const char* k) { auto it = kv.find(k); return it == kv.end() ? std::string() : it->second; };
  const std::string inbox = get("LIANGHUA_INBOX"), archive = get("LIANGHUA_ARCHIVE");
  std::error_code ec;
  if (inbox.empty()) problems.push_back("LIANGHUA_INBOX（收件箱）未填写");
  else if (!fs::is_directory(inbox, ec)) problems.push_back("收件箱 " + inbox + " 不存在或不是文件夹（LIANGHUA_INBOX）");
  else if (access(inbox.c_str(), R_OK | X_OK) != 0) problems.push_back("收件箱 " + inbox + " 不可读（LIANGHUA_INBOX）");
  if (archive.empty()) {
    problems.push_back("LIANGHUA_ARCHIVE（档案库）未填写");
    return;
  }
  // The archive may not exist yet (the first night creates it): then its parent must be writable.
  fs::path where = fs::path(archive);
  while (!where.empty() && !fs::exists(where, ec) && where.has_parent_path() && where != where.parent_path())
    where = where.parent_path();
  if (!fs::is_directory(where, ec) || access(where.c_str(), W_OK | X_OK) != 0)
    problems.push_back("档案库 " + archive + " 不可写（LIANGHUA_ARCHIVE；检查 " + where.string() + " 的权限）");
}

}  // namespace

int cmd_check_config(int argc, char** argv) {
  std::string conf, office, scheme;
  static const option kLong[] = {{"conf", required_argument, nullptr, 'c'}, {"office", required_argument, nullptr, 'f'},
                                 {"scheme", required_argument, nullptr, 's'}, {"help", no_argument, nullptr, 'h'},
                                 {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "h", kLong, nullptr)) != -1;) {
    switch (c) {
      case 'c': conf = optarg; break;
      case 'f': office = optarg; break;
      case 's': scheme = optarg; break;
      case 'h': std::printf("%s", kCheckHelp); return kOk;
      default: std::fprintf(stderr, "lianghua check-config: unknown or incomplete option '%s'\n", argv[optind - 1]); return kUsage;
    }
  }
  std::vector<std::string> problems;
  if (!conf.empty()) {
    const auto kv = read_conf(conf, problems);
    if (office.empty() && kv.count("LIANGHUA_OFFICE")) office = kv.at("LIANGHUA_OFFICE");
    if (scheme.empty() && kv.count("LIANGHUA_SCHEME")) scheme = kv.at("LIANGHUA_SCHEME");
    if (problems.empty()) check_folders(kv, problems);
  }
  if (office.empty() && conf.empty()) {
    std::fprintf(stderr, "lianghua check-config: give --conf FILE or --office FILE\n");
    return kUsage;
  }
  const fs::path xsd_dir = model::templates_dir() / "scheme";
  if (office.empty()) problems.push_back("LIANGHUA_OFFICE（单位档案配置文件）未填写");
  else for (const auto& e : filing::load_office(office, xsd_dir / "office.xsd").errors)
    problems.push_back(filing::schema_message_in_chinese(e));
  const fs::path scheme_path = scheme.empty() ? xsd_dir / "default.xml" : fs::path(scheme);
  const filing::SchemeLoad sl = filing::load_scheme(scheme_path, xsd_dir / "scheme.xsd");
  for (const auto& e : sl.errors) problems.push_back(filing::schema_message_in_chinese(e));
  // A scheme asking for PDF/A-2b copies needs the sRGB profile the nightly run embeds (pdf/pdfa.h).
  if (sl.scheme && !sl.scheme->pdfa_outputs.empty()) {
    try {
      pdf::require_srgb_profile();
    } catch (const std::exception&) {
      problems.push_back("方案要求 PDF/A-2b 长期保存格式，但找不到 sRGB 色彩特性文件 " + pdf::srgb_profile_path() +
                         "（请安装 Debian 软件包 icc-profiles-free）");
    }
  }
  if (problems.empty()) {
    std::printf("配置检查通过：%s%s%s\n", office.c_str(), scheme.empty() ? "" : "，", scheme.c_str());
    return kOk;
  }
  // libxml2 repeats a message for each node it meets; a person needs each problem once.
  std::vector<std::string> said;
  for (const auto& p : problems) {
    if (std::find(said.begin(), said.end(), p) != said.end()) continue;
    said.push_back(p);
    std::fprintf(stderr, "配置有误：%s\n", p.c_str());
  }
  return kUsage;
}

int cmd_init(int argc, char** argv) {
  filing::Office o;
  bool force = false;
  static const option kLong[] = {
      {"fonds", required_argument, nullptr, 'F'}, {"fonds-name", required_argument, nullptr, 'N'},
      {"name", required_argument, nullptr, 'n'}, {"short-name", required_argument, nullptr, 's'},
      {"organisation-code", required_argument, nullptr, 'o'}, {"parent", required_argument, nullptr, 'p'},
      {"colour", required_argument, nullptr, 'c'}, {"force", no_argument, nullptr, 'f'},
      {"help", no_argument, nullptr, 'h'}, {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "h", kLong, nullptr)) != -1;) {
    switch (c) {
      case 'F': o.fonds = optarg; break;
      case 'N': o.fonds_name = optarg; break;
      case 'n': o.name = optarg; break;
      case 's': o.short_name = optarg; break;
      case 'o': o.organisation = optarg; break;
      case 'p': o.parent = optarg; break;
      case 'c': o.brand_colour = optarg; break;
      case 'f': force = true; break;
      case 'h': std::printf("%s", kInitHelp); return kOk;
      default: std::fprintf(stderr, "lianghua init: unknown or incomplete option '%s'\n", argv[optind - 1]); return kUsage;
    }
  }
  if (optind + 1 != argc) {
    std::fprintf(stderr, "lianghua init: name one file to write (OFFICE.xml)\n");
    return kUsage;
  }
  const fs::path target = argv[optind];
  // On a terminal, ask for what the command line left out (an admin setting an office up by hand).
  if (isatty(STDIN_FILENO)) {
    auto ask = [](const char* prompt, std::string& v) {
      if (!v.empty()) return;
      std::printf("%s: ", prompt);
      std::fflush(stdout);
      std::getline(std::cin, v);
    };
    ask("全宗号 (fonds, 如 Z109)", o.fonds);
    ask("全宗名称 (fonds-name)", o.fonds_name);
    ask("立档单位全称 (name)", o.name);
    ask("机构（问题）代码 (organisation-code, 如 SMS)", o.organisation);
  }
  const std::string xml = filing::office_profile_xml(o);
  const fs::path xsd = model::templates_dir() / "scheme" / "office.xsd";
  std::ifstream xs(xsd);
  std::stringstream xsd_text;
  xsd_text << xs.rdbuf();
  const auto load = filing::load_office_text(xml, xsd_text.str(), target.string());
  if (!load.errors.empty()) {
    for (const auto& e : load.errors)
      std::fprintf(stderr, "lianghua init: %s\n", filing::schema_message_in_chinese(e).c_str());
    return kUsage;
  }
  std::error_code ec;
  if (fs::exists(target, ec) && !force) {
    std::fprintf(stderr, "lianghua init: %s 已存在，未改动（用 --force 覆盖）\n", target.c_str());
    return kUsage;
  }
  std::string error;
  if (!package::write_atomic(target, xml, error)) {
    std::fprintf(stderr, "lianghua init: could not write %s: %s\n", target.c_str(), error.c_str());
    return kCannotRun;
  }
  std::printf("wrote %s (check it with: lianghua check-config --office %s)\n", target.c_str(), target.c_str());
  return kOk;
}

}  // namespace lh::cli
