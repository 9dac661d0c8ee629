// Where the program's data folders are at run time (design.md: templates/ holds the rules as data;
// fonts/ the font-role map and the fonts). Found relative to the program's own location, so an
// installed copy runs with the source tree gone (issue 14): the build tree and the installed tree
// are two layouts of the same thing. Standard library only, so every stage may use it.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace lh::model {

// The data folder, holding templates/ and fonts/. The first of, in order:
//   1. $LIANGHUA_DATA (an installed data folder elsewhere, e.g. a container's volume);
//   2. $LIANGHUA_SOURCE_DIR (the tests point it at the source tree);
//   3. <program dir>/../share/lianghua (cmake --install, the .deb: /usr/bin → /usr/share/lianghua);
//   4. <program dir>/.. (a program built in <source>/build: the source tree holds templates/ and fonts/);
// that holds a templates/ folder. When none does, the working directory.
std::filesystem::path project_root();

// The candidates project_root() tries, in order, with why each is there (for messages that say
// where data was looked for).
std::vector<std::pair<std::filesystem::path, std::string>> data_dir_candidates();

// The running program's folder (from /proc/self/exe); empty when the kernel does not say. Modules
// the program opens on first use are found from it (package/vector_page.h).
std::filesystem::path program_dir();

// The templates/ folder: $LIANGHUA_TEMPLATES if set, else project_root() / "templates".
std::filesystem::path templates_dir();

}  // namespace lh::model
