// Where the data files live: templates/ and fonts/ under the data folder (model::project_root:
// $LIANGHUA_DATA, else beside the program, installed or in its build tree).
#pragma once
#include <string>

namespace lh::layout {

std::string project_root();
// A name ("gongwen") → <root>/<dir>/<name>.json; anything with a '/' or a ".json" suffix is a path.
std::string resolve_data_file(const std::string& name_or_path, const std::string& dir);

}  // namespace lh::layout
