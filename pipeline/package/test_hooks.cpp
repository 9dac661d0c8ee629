#include "package/test_hooks.h"

#include <charconv>
#include <csignal>
#include <cstdlib>
#include <string>

namespace lh::package {

void kill_point(const char* phase) {
  static const std::string spec = [] { const char* e = std::getenv("LIANGHUA_TEST_KILL_AFTER"); return std::string(e ? e : ""); }();
  static long count = 0;
  if (spec.empty() || spec.compare(0, spec.find(':'), phase) != 0) return;
  long n = 1;
  if (size_t colon = spec.find(':'); colon != std::string::npos)
    std::from_chars(spec.data() + colon + 1, spec.data() + spec.size(), n);  // unparsable: the first event
  if (++count >= n) std::raise(SIGKILL);
}

void stop_point(const char* point) {
  static const std::string spec = [] { const char* e = std::getenv("LIANGHUA_TEST_STOP_AT"); return std::string(e ? e : ""); }();
  if (!spec.empty() && spec == point) std::raise(SIGSTOP);
}

}  // namespace lh::package
