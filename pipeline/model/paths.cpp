#include "model/paths.h"

#include <cstdlib>
#include <system_error>

namespace lh::model {
namespace fs = std::filesystem;

fs::path templates_dir() {
  if (const char* e = std::getenv("LIANGHUA_TEMPLATES"); e && *e) return fs::path(e);
  std::error_code ec;
  if (const char* s = std::getenv("LIANGHUA_SOURCE_DIR"); s && *s) {
    fs::path p = fs::path(s) / "templates";
    if (fs::is_directory(p, ec)) return p;
  }
#ifdef LIANGHUA_SOURCE_DIR
  {
    fs::path p = fs::path(LIANGHUA_SOURCE_DIR) / "templates";
    if (fs::is_directory(p, ec)) return p;
  }
#endif
  return fs::path("templates");
}

}  // namespace lh::model
