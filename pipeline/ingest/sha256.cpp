#include "ingest/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <stdexcept>

namespace lh::ingest {
namespace {

std::string to_hex(const unsigned char* d, unsigned n) {
  static const char* const kDigits = "0123456789abcdef";
  std::string hex(2 * n, '0');
  for (unsigned i = 0; i < n; ++i) {
    hex[2 * i] = kDigits[d[i] >> 4];
    hex[2 * i + 1] = kDigits[d[i] & 0xF];
  }
  return hex;
}

[[noreturn]] void fail(const char* what) { throw std::runtime_error(std::string("sha256: ") + what + " failed (libcrypto)"); }

}  // namespace

struct Sha256::Context {
  EVP_MD_CTX* md = EVP_MD_CTX_new();
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Context>()) {
  if (!ctx_->md || EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr) != 1) fail("EVP_DigestInit_ex");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  if (!bytes.empty() && EVP_DigestUpdate(ctx_->md, bytes.data(), bytes.size()) != 1) fail("EVP_DigestUpdate");
}

std::string Sha256::hex() {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (EVP_DigestFinal_ex(ctx_->md, d, &n) != 1) fail("EVP_DigestFinal_ex");
  return to_hex(d, n);
}

std::string sha256_hex(std::string_view bytes) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned n = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), d, &n, EVP_sha256(), nullptr) != 1) fail("EVP_Digest");
  return to_hex(d, n);
}

bool sha256_file(const std::string& path, std::string& hex) {
  std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
  if (!f) return false;
  Sha256 digest;
  static thread_local char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f.get())) > 0) digest.update(std::string_view(buf, n));
  if (std::ferror(f.get())) return false;
  hex = digest.hex();
  return true;
}

}  // namespace lh::ingest
