#include "model/paths.h"

#include <cstdlib>
#include <system_error>

namespace lh::model {
namespace fs = std::filesystem;

fs::path project_root() {
  if (const char* s = std::getenv("LIANGHUA_SOURCE_DIR"); s && *s) return fs::path(s);
#ifdef LIANGHUA_SOURCE_DIR
  return fs::path(LIANGHUA_SOURCE_DIR);
#else
  return fs::path(".");
#endif
}

fs::path templates_dir() {
  if (const char* e = std::getenv("LIANGHUA_TEMPLATES"); e && *e) return fs::path(e);
  std::error_code ec;
  if (fs::path p = project_root() / "templates"; fs::is_directory(p, ec)) return p;
  return fs::path("templates");
}

}  // namespace lh::model
