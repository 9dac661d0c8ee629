// libtiff's client I/O over TiffMemory (tiff_memory.h).
#include "lazylib/tiff_memory.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>

namespace lh::lazylib {
namespace {

TiffMemory& of(thandle_t h) { return *static_cast<TiffMemory*>(h); }

tmsize_t read_bytes(thandle_t h, void* dst, tmsize_t n) {
  TiffMemory& m = of(h);
  const std::string_view b = m.bytes();
  if (n <= 0 || m.pos >= b.size()) return 0;
  const size_t take = std::min<size_t>(static_cast<size_t>(n), b.size() - m.pos);
  std::memcpy(dst, b.data() + m.pos, take);
  m.pos += take;
  return static_cast<tmsize_t>(take);
}

tmsize_t write_bytes(thandle_t h, void* src, tmsize_t n) {
  TiffMemory& m = of(h);
  if (!m.writing || n <= 0) return 0;  // a reader's buffer is never written
  const size_t end = m.pos + static_cast<size_t>(n);
  if (end > m.out.size()) m.out.resize(end);  // a write past the end fills the gap with zeros
  std::memcpy(m.out.data() + m.pos, src, static_cast<size_t>(n));
  m.pos = end;
  return n;
}

toff_t seek(thandle_t h, toff_t off, int whence) {
  TiffMemory& m = of(h);
  const toff_t base = whence == SEEK_CUR ? m.pos : whence == SEEK_END ? m.bytes().size() : 0;
  return m.pos = base + off;  // past the end is allowed: reads there give 0 bytes
}

int close_nothing(thandle_t) { return 0; }
toff_t size(thandle_t h) { return of(h).bytes().size(); }
int map_nothing(thandle_t, void**, toff_t*) { return 0; }
void unmap_nothing(thandle_t, void*, toff_t) {}

int on_error(TIFF*, void* user, const char*, const char* fmt, va_list ap) {
  TiffMemory& m = *static_cast<TiffMemory*>(user);
  if (m.first_error.empty()) {
    char buf[512];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    m.first_error = buf;
  }
  return 1;  // handled: nothing reaches stderr
}

int on_warning(TIFF* t, void* user, const char* module, const char* fmt, va_list ap) {
  if (static_cast<TiffMemory*>(user)->warnings_are_errors) return on_error(t, user, module, fmt, ap);
  return 1;
}

struct OptionsFree {
  void operator()(TIFFOpenOptions* o) const {
    if (o) TIFFOpenOptionsFree(o);
  }
};

}  // namespace

TiffHandle open_tiff_in_memory(TiffMemory& m, const char* name, const char* mode, tmsize_t max_alloc) {
  m.writing = std::strchr(mode, 'w') != nullptr;
  m.pos = 0;
  std::unique_ptr<TIFFOpenOptions, OptionsFree> opts(TIFFOpenOptionsAlloc());
  TIFFOpenOptionsSetErrorHandlerExtR(opts.get(), on_error, &m);
  TIFFOpenOptionsSetWarningHandlerExtR(opts.get(), on_warning, &m);
  if (max_alloc > 0) TIFFOpenOptionsSetMaxSingleMemAlloc(opts.get(), max_alloc);
  return TiffHandle(TIFFClientOpenExt(name, mode, &m, read_bytes, write_bytes, seek, close_nothing, size,
                                      map_nothing, unmap_nothing, opts.get()));
}

}  // namespace lh::lazylib
