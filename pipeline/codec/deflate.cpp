// Deflate through libdeflate (deflate.h).
#include "codec/deflate.h"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <memory>
#include <new>

namespace lh::codec {
namespace {

// The libdeflate compressor of `level` for this thread, made once: allocating one costs more than
// compressing a small XML part (libdeflate keeps ~half a megabyte of tables per compressor).
libdeflate_compressor* compressor(int level) {
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  thread_local std::array<std::unique_ptr<libdeflate_compressor, Free>, 13> made;
  level = std::clamp(level, 1, 12);
  auto& c = made[static_cast<size_t>(level)];
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) throw std::bad_alloc();
  return c.get();
}

template <size_t (*Bound)(libdeflate_compressor*, size_t),
          size_t (*Compress)(libdeflate_compressor*, const void*, size_t, void*, size_t)>
std::string compress(std::string_view bytes, int level) {
  libdeflate_compressor* c = compressor(level);
  std::string out(Bound(c, bytes.size()), '\0');
  const size_t n = Compress(c, bytes.data(), bytes.size(), out.data(), out.size());
  out.resize(n);  // the bound always suffices (libdeflate.h), so n > 0
  return out;
}

}  // namespace

std::string deflate_raw(std::string_view bytes, int level) {
  return compress<libdeflate_deflate_compress_bound, libdeflate_deflate_compress>(bytes, level);
}

std::string zlib_compress(std::string_view bytes, int level) {
  return compress<libdeflate_zlib_compress_bound, libdeflate_zlib_compress>(bytes, level);
}

uint32_t crc32(std::string_view bytes) { return libdeflate_crc32(0, bytes.data(), bytes.size()); }

}  // namespace lh::codec
