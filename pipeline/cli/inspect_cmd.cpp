// lianghua inspect FILE|DIR... [--json]   (issue 2 §3)
#include <getopt.h>

#include <cstdio>
#include <functional>
#include <iostream>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/progress.h"
#include "ingest/inspect.h"
#include "ingest/inspected_json.h"

namespace lh::cli {

namespace {

const char* kInspectHelp =
    "usage: lianghua inspect FILE|DIR... [--json] [options]\n\n"
    "Reads each input (directories walked, ZIPs opened recursively) and reports its format (from\n"
    "content, never the extension), encoding, pages, metadata, text length, fields and problems.\n"
    "Writes nothing.\n\n"
    "required:\n"
    "  FILE|DIR...         one or more files or folders\n\n"
    "outputs: the report on stdout (text, or JSON with --json); progress and one line per file that\n"
    "could not be read on stderr.\n\n"
    "options:\n"
    "  --json              one JSON document on stdout (shape in README)\n"
    "  --quiet             no progress output\n";

void print_human(const model::InspectedFile& f, int depth) {
  std::string indent(static_cast<size_t>(depth) * 2, ' ');
  std::printf("%s%s\n", indent.c_str(), f.path.c_str());
  std::printf("%s  format %s", indent.c_str(), model::format_name(f.meta.format));
  if (!f.meta.encoding.empty()) std::printf(", encoding %s", f.meta.encoding.c_str());
  if (f.meta.pages) std::printf(", %d page(s)", f.meta.pages);
  if (f.meta.scanned_pages) std::printf(", %d scanned", f.meta.scanned_pages);
  std::printf(", %llu chars\n", static_cast<unsigned long long>(f.text_chars));
  if (!f.title.empty()) std::printf("%s  title  %s\n", indent.c_str(), f.title.c_str());
  if (!f.fields.doc_type.empty()) std::printf("%s  文书类型 %s\n", indent.c_str(), f.fields.doc_type.c_str());
  for (const auto& c : f.fields.case_numbers) std::printf("%s  案号   %s\n", indent.c_str(), c.normalized.c_str());
  for (const auto& c : f.fields.credit_codes)
    std::printf("%s  信用代码 %s%s\n", indent.c_str(), c.code.c_str(), c.valid ? "" : " (校验不通过)");
  for (const auto& w : f.fields.warnings) std::printf("%s  warning %s\n", indent.c_str(), w.c_str());
  for (const auto& p : f.meta.problems) std::printf("%s  problem %s\n", indent.c_str(), p.c_str());
  if (f.error)
    std::printf("%s  ERROR %s: %s\n", indent.c_str(), model::error_kind_name(f.error->kind), f.error->message.c_str());
  for (const auto& c : f.children) print_human(c, depth + 1);
}

size_t count_errors(const model::InspectedFile& f, Progress* log) {
  size_t n = 0;
  if (f.error) {
    ++n;
    if (log) log->note("set aside: " + f.path + ": " + model::error_kind_name(f.error->kind) + ": " + f.error->message);
  }
  for (const auto& c : f.children) n += count_errors(c, log);
  return n;
}

}  // namespace

int cmd_inspect(int argc, char** argv) {
  ingest::InspectOptions opt;
  bool json_out = false, quiet = false;
  static const option kLong[] = {
      {"json", no_argument, nullptr, 'j'},        {"quiet", no_argument, nullptr, 'q'},
      {"help", no_argument, nullptr, 'h'},        {"jobs", required_argument, nullptr, 1},
      {"timeout", required_argument, nullptr, 1}, {"memory", required_argument, nullptr, 1},
      {"pdf-password", required_argument, nullptr, 1}, {"big5", required_argument, nullptr, 1},
      {"no-simplify", no_argument, nullptr, 1},   {nullptr, 0, nullptr, 0}};
  optind = 1;
  opterr = 0;
  int idx = 0, c;
  try {
    while ((c = getopt_long(argc, argv, "jqh", kLong, &idx)) != -1) {
      if (c == 'j') json_out = true;
      else if (c == 'q') quiet = true;
      else if (c == 'h') {
        std::printf("%s%s%s", kInspectHelp, kIngestOptionsHelp, kExitCodesHelp);
        return kOk;
      } else if (c == 1) apply_ingest_option(kLong[idx].name, optarg, opt);
      else throw UsageError{std::string("unknown option '") + (optind > 0 ? argv[optind - 1] : "?") + "'"};
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "lianghua inspect: %s\n", e.message.c_str());
    return kUsage;
  }
  std::vector<std::string> roots(argv + optind, argv + argc);
  if (roots.empty()) {
    std::fprintf(stderr, "lianghua inspect: no input given\n%s", kInspectHelp);
    return kUsage;
  }
  auto files = ingest::walk_inputs(roots, false);
  Progress progress("inspect", quiet);
  auto results = ingest::inspect_files(files, opt, [&](size_t d, size_t t, const std::string& p) { progress.update(d, t, p); });
  progress.finish();
  size_t errors = 0;
  for (const auto& f : results) errors += count_errors(f, quiet ? nullptr : &progress);
  if (json_out) {
    nlohmann::json files_json = nlohmann::json::array();
    for (const auto& f : results) files_json.push_back(ingest::to_public_json(f));
    // Texts are valid UTF-8 by construction (inspected_json.h); replacing, not throwing, is only the
    // last guard of a night's output.
    std::cout << nlohmann::json{{"files", files_json}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  } else {
    for (const auto& f : results) print_human(f, 0);
    std::printf("%zu input(s), %zu set aside\n", results.size(), errors);
  }
  return errors ? kSetAside : kOk;
}

}  // namespace lh::cli
