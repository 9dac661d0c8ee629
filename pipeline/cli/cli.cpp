#include "cli/cli.h"

#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "cli/commands.h"

namespace lh::cli {

const Command* commands() {
  static const Command kCommands[] = {
      {"archive", cmd_archive, "the nightly job: file an inbox into the standardized archive"},
      {"check-config", cmd_check_config, "check an office profile, scheme and paths (reasons in Chinese)"},
      {"check-pdfa", cmd_check_pdfa, "check PDFs against the PDF/A-2b rules, each named by its ISO 19005 clause"},
      {"corrections", cmd_corrections, "list proposed corrections of where items are filed; --apply one"},
      {"compile", cmd_compile, "compile an office's rules into one 制度建设指引 book (PDF and DOCX)"},
      {"init", cmd_init, "write a valid office profile (立档单位) from options or prompts"},
      {"inspect", cmd_inspect, "report format, encoding, pages, fields and problems of each input"},
      {"render", cmd_render, "re-typeset documents into PDF and DOCX (公文 style by default)"},
      {"signage", cmd_signage, "make an office's sign pack (door plates, boards, archive labels) from its spec"},
      {"verify", cmd_verify, "re-hash an archive against its manifest and catalogue"},
      {nullptr, nullptr, nullptr},
  };
  return kCommands;
}

const char* const kExitCodesHelp =
    "\nexit codes: 0 all good; 1 finished, but some inputs were set aside (each named on stderr in one\n"
    "            line); 2 usage or configuration error; 3 could not run (nothing was changed).\n";

static void usage(FILE* to) {
  std::fprintf(to,
               "lianghua %s: standardizes the paperwork of market-supervision offices (两化).\n\n"
               "usage: lianghua <command> [options]\n\ncommands:\n",
               LIANGHUA_VERSION);
  for (const Command* c = commands(); c->name; ++c) std::fprintf(to, "  %-13s %s\n", c->name, c->summary);
  std::fprintf(to,
               "\n'lianghua <command> --help' shows a command's options, outputs and exit codes.\n%s",
               kExitCodesHelp);
}

int main(int argc, char** argv) {
  if (argc < 2) {
    usage(stderr);
    return kUsage;
  }
  std::string_view cmd = argv[1];
  if (cmd == "--version" || cmd == "version") {
    std::printf("lianghua %s\n", LIANGHUA_VERSION);
    return kOk;
  }
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    usage(stdout);
    return kOk;
  }
  for (const Command* c = commands(); c->name; ++c)
    if (cmd == c->name) {
      try {
        return c->run(argc - 1, argv + 1);
      } catch (const std::exception& e) {
        std::fprintf(stderr, "lianghua %s: could not run: %s\n", c->name, e.what());
        return kCannotRun;
      }
    }
  std::fprintf(stderr, "lianghua: unknown command '%s'\n\n", argv[1]);
  usage(stderr);
  return kUsage;
}

}  // namespace lh::cli
