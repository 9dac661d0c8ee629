// Where the data files live: templates/ and fonts/ under the project root. The root is
// $LIANGHUA_SOURCE_DIR when set (tests, installed runs), else the source tree this was built from.
#pragma once
#include <string>

namespace lh::layout {

std::string project_root();
// A name ("gongwen") → <root>/<dir>/<name>.json; anything with a '/' or a ".json" suffix is a path.
std::string resolve_data_file(const std::string& name_or_path, const std::string& dir);

}  // namespace lh::layout
