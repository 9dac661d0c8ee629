// Where the project's data folders are at run time (design.md: templates/ holds the rules as data).
// Standard library only, so every stage may use it.
#pragma once
#include <filesystem>

namespace lh::model {

// The project folder (fonts/, templates/): env LIANGHUA_SOURCE_DIR if set, else the source tree this
// binary was built from (compile definition LIANGHUA_SOURCE_DIR), else the working directory.
std::filesystem::path project_root();

// The templates/ folder: env LIANGHUA_TEMPLATES if set, else env LIANGHUA_SOURCE_DIR + "/templates",
// else the source tree this binary was built from (compile definition LIANGHUA_SOURCE_DIR),
// else "templates" relative to the working directory.
std::filesystem::path templates_dir();

}  // namespace lh::model
