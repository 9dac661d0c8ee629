#include "model/paths.h"

#include <cstdlib>
#include <system_error>

namespace lh::model {
namespace fs = std::filesystem;

// The running program's folder, from the kernel's own record (/proc/self/exe), not argv[0]: a
// program started through $PATH or a symlink still finds its data.
fs::path program_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  return exe.parent_path();
}

std::vector<std::pair<fs::path, std::string>> data_dir_candidates() {
  std::vector<std::pair<fs::path, std::string>> out;
  if (const char* d = std::getenv("LIANGHUA_DATA"); d && *d) out.emplace_back(d, "$LIANGHUA_DATA");
  if (const char* s = std::getenv("LIANGHUA_SOURCE_DIR"); s && *s) out.emplace_back(s, "$LIANGHUA_SOURCE_DIR");
  if (fs::path dir = program_dir(); !dir.empty()) {
    out.emplace_back(dir.parent_path() / "share" / "lianghua", "installed beside the program");
    out.emplace_back(dir.parent_path(), "the source tree of a program built in <source>/build");
  }
  return out;
}

fs::path project_root() {
  // Decided once per process: the answer cannot change while it runs, and the lookup stats files.
  static const fs::path root = [] {
    std::error_code ec;
    for (const auto& [dir, why] : data_dir_candidates())
      if (fs::is_directory(dir / "templates", ec)) return dir;
    return fs::path(".");
  }();
  return root;
}

fs::path templates_dir() {
  if (const char* e = std::getenv("LIANGHUA_TEMPLATES"); e && *e) return fs::path(e);
  return project_root() / "templates";
}

}  // namespace lh::model
