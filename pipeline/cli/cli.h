// The lianghua command line: subcommands, options, exit codes.
#pragma once

namespace lh::cli {

// Exit codes (README "Exit codes"):
enum ExitCode : int {
  kOk = 0,           // all good
  kSetAside = 1,     // finished, but some inputs were set aside or could not be read
  kUsage = 2,        // usage or configuration error
  kCannotRun = 3,    // could not run (lock held, output not writable, missing fonts, ...)
};

// The exit-code paragraph every command's --help ends with (one text, so they never disagree).
extern const char* const kExitCodesHelp;

int main(int argc, char** argv);

}  // namespace lh::cli
