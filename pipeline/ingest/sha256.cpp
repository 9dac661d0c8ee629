#include "ingest/sha256.h"

#include <glib.h>

#include <cstdio>
#include <memory>

namespace lh::ingest {

std::string sha256_hex(std::string_view bytes) {
  GChecksum* c = g_checksum_new(G_CHECKSUM_SHA256);
  // g_checksum_update takes gssize; feed large inputs in slices.
  size_t off = 0;
  while (off < bytes.size()) {
    size_t n = std::min<size_t>(bytes.size() - off, 1u << 30);
    g_checksum_update(c, reinterpret_cast<const guchar*>(bytes.data() + off), static_cast<gssize>(n));
    off += n;
  }
  std::string hex = g_checksum_get_string(c);
  g_checksum_free(c);
  return hex;
}

bool sha256_file(const std::string& path, std::string& hex) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  GChecksum* c = g_checksum_new(G_CHECKSUM_SHA256);
  static thread_local char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0)
    g_checksum_update(c, reinterpret_cast<const guchar*>(buf), static_cast<gssize>(n));
  bool ok = !std::ferror(f.get());
  if (ok) hex = g_checksum_get_string(c);
  g_checksum_free(c);
  return ok;
}

}  // namespace lh::ingest
