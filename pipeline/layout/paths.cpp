#include "layout/paths.h"

#include "model/paths.h"

namespace lh::layout {

std::string project_root() { return model::project_root().string(); }

std::string resolve_data_file(const std::string& name_or_path, const std::string& dir) {
  const bool is_path = name_or_path.find('/') != std::string::npos ||
                       (name_or_path.size() > 5 && name_or_path.ends_with(".json"));
  if (is_path) return name_or_path;
  return project_root() + "/" + dir + "/" + name_or_path + ".json";
}

}  // namespace lh::layout
