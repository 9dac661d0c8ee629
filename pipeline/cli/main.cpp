#include "cli/cli.h"

int main(int argc, char** argv) { return lh::cli::main(argc, argv); }
