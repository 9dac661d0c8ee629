// The subcommands. Each takes argv from the subcommand name on (argv[0] == its name).
#pragma once

namespace lh::cli {

int cmd_inspect(int argc, char** argv);
int cmd_archive(int argc, char** argv);
int cmd_verify(int argc, char** argv);
int cmd_render(int argc, char** argv);
int cmd_corrections(int argc, char** argv);
int cmd_compile(int argc, char** argv);
int cmd_signage(int argc, char** argv);
int cmd_check_config(int argc, char** argv);
int cmd_check_pdfa(int argc, char** argv);
int cmd_init(int argc, char** argv);

struct Command {
  const char* name;
  int (*run)(int, char**);
  const char* summary;
};
const Command* commands();  // terminated by {nullptr, ...}

}  // namespace lh::cli
