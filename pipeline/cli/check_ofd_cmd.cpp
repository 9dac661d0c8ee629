// lianghua check-ofd FILE... [--schemas DIR] [--all]: reads each OFD back and reports the OFD-A
// rules of GB/T 42133-2022 it breaks, one line per failed rule, named by clause (ofd/check.h).
// The GB/T 33190 XSDs are not shipped with lianghua (shared/schemas/ofd/README.md: no licence
// grant), so the parts are validated only where the user has them: --schemas DIR, else
// $LIANGHUA_OFD_SCHEMAS, else <data folder>/schemas/ofd (model/paths.h) if it holds OFD.xsd.
#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/read_input.h"
#include "model/paths.h"
#include "ofd/check.h"

namespace lh::cli {
namespace fs = std::filesystem;

namespace {

const char* kCheckOfdHelp =
    "usage: lianghua check-ofd FILE... [--schemas DIR] [--all]\n\n"
    "Reads each OFD file back and checks it against the archive profile OFD-A of GB/T 42133-2022\n"
    "(DocType OFD-A, DA/T 46 metadata, a single document, no permissions or extensions, Goto-only\n"
    "actions, fonts embedded as TrueType subsets, allowed image formats, no external references,\n"
    "no encryption, …), each rule named by its clause, and validates every part against the\n"
    "GB/T 33190-2016 XSDs when it finds them. Nothing is written.\n\n"
    "required:\n"
    "  FILE...          OFD files to check\n\n"
    "options:\n"
    "  --schemas DIR    folder holding OFD.xsd, Document.xsd, Page.xsd, … (default: $LIANGHUA_OFD_SCHEMAS,\n"
    "                   else <data folder>/schemas/ofd; without them the XSD check is skipped with a note)\n"
    "  --all            also list the rules that pass\n\n"
    "outputs: on stdout, one line per failed rule (FILE: FAIL clause: rule: why), notes, and one\n"
    "summary line per file; nothing is written to disk. A file that fails a rule (or cannot be read)\n"
    "counts as set aside: exit code 1.\n";

std::string schema_dir(const std::string& given) { return given.empty() ? ofd::default_schema_dir() : given; }

}  // namespace

int cmd_check_ofd(int argc, char** argv) {
  static const option kLong[] = {{"schemas", required_argument, nullptr, 's'},
                                 {"all", no_argument, nullptr, 'a'},
                                 {"help", no_argument, nullptr, 'h'},
                                 {nullptr, 0, nullptr, 0}};
  std::string schemas;
  bool all = false;
  std::vector<std::string> files;
  try {
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "h", kLong, nullptr)) != -1) {
      if (c == 's') schemas = optarg;
      else if (c == 'a') all = true;
      else if (c == 'h') throw UsageError{""};
      else throw UsageError{std::string("unknown or incomplete option '") + argv[optind - 1] + "'"};
    }
    files.assign(argv + optind, argv + argc);
    if (files.empty()) throw UsageError{"no OFD file given"};
  } catch (const UsageError& e) {
    return answer_usage_error(e, "check-ofd", std::string(kCheckOfdHelp) + kExitCodesHelp);
  }
  ofd::CheckOptions opt;
  opt.schema_dir = schema_dir(schemas);
  int failed_files = 0;
  for (const std::string& file : files) {
    std::string bytes, why;
    if (!read_input(file, 512ull << 20, bytes, why)) {
      std::printf("%s: FAIL cannot be read: %s\n", file.c_str(), why.c_str());
      ++failed_files;
      continue;
    }
    const ofd::CheckReport r = ofd::check_ofd(bytes, opt);
    size_t failed = 0;
    for (const ofd::RuleResult& rule : r.rules) {
      if (!rule.passed) ++failed;
      if (!rule.passed || all)
        std::printf("%s: %s %s: %s%s%s\n", file.c_str(), rule.passed ? "pass" : "FAIL", rule.clause.c_str(),
                    rule.rule.c_str(), rule.detail.empty() ? "" : ": ", rule.detail.c_str());
    }
    for (const std::string& n : r.notes) std::printf("%s: note: %s\n", file.c_str(), n.c_str());
    std::printf("%s: %s (%zu of %zu rules failed)\n", file.c_str(), failed ? "not OFD-A" : "OFD-A", failed, r.rules.size());
    if (failed) ++failed_files;
  }
  return failed_files ? kSetAside : kOk;
}

}  // namespace lh::cli
