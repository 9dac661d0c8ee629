// A field of this process's /proc/self/status (proc(5)): VmRSS (resident now) or VmHWM (its peak),
// in KiB. Header-only, so the benchmarks (which do not link the tests' helpers) read memory the same
// way the memory tests do.
#pragma once
#include <charconv>
#include <cstring>
#include <fstream>
#include <string>

namespace lh::test {

// The field's value in KiB ("VmRSS:", "VmHWM:"); -1 when the file or the field cannot be read.
inline long self_status_kib(const char* field) {
  std::ifstream f("/proc/self/status");
  std::string line;
  while (std::getline(f, line))
    if (line.rfind(field, 0) == 0) {
      long v = 0;
      const char* p = line.c_str() + std::strlen(field);
      while (*p == ' ' || *p == '\t') ++p;
      std::from_chars(p, line.c_str() + line.size(), v);
      return v;
    }
  return -1;
}

}  // namespace lh::test
