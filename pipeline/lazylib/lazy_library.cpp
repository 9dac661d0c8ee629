// lazy_library.h: dlopen/dlsym once per library (POSIX dlopen, RTLD_NOW: every symbol the library
// needs is bound when it is opened, so a broken installation fails here, not in the middle of a
// document).
#include "lazylib/lazy_library.h"

#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

namespace lh::lazylib {
namespace {

std::mutex& opened_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, void*>& opened() {  // soname → handle
  static auto* m = new std::map<std::string, void*>;  // never destroyed: shims may run at exit
  return *m;
}

[[noreturn]] void fail(const char* what, const char* soname, const char* detail) {
  std::fprintf(stderr, "lianghua: %s %s: %s\n", what, soname, detail ? detail : "unknown error");
  std::fflush(stderr);
  _exit(127);
}

}  // namespace

void* symbol(const char* soname, const char* name) {
  void* handle = nullptr;
  {
    std::lock_guard<std::mutex> lock(opened_mutex());
    auto it = opened().find(soname);
    if (it == opened().end()) {
      handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
      if (!handle) fail("cannot load", soname, dlerror());
      it = opened().emplace(soname, handle).first;
    }
    handle = it->second;
  }
  dlerror();
  void* f = dlsym(handle, name);
  if (!f) fail("missing function in", soname, name);
  return f;
}

bool loaded(const char* soname) {
  std::lock_guard<std::mutex> lock(opened_mutex());
  return opened().count(soname) > 0;
}

}  // namespace lh::lazylib
