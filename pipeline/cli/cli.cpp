#include "cli/cli.h"

#include <cstdio>
#include <cstring>

namespace lh::cli {
int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
    std::printf("lianghua %s\n", LIANGHUA_VERSION);
    return kOk;
  }
  std::fprintf(stderr, "usage: lianghua <inspect|archive|render|verify> ...\n");
  return kUsage;
}
}  // namespace lh::cli
