// SHA-256 fixity (安全, FIPS 180-4): OpenSSL's libcrypto, not a hand-written digest. The one place
// lianghua hashes: inputs, archived originals, derived outputs, manifests.
// libcrypto rather than GLib's GChecksum (which it replaced): 1.7 GB/s with the SHA extensions
// against 116 MB/s on the project's machine, and a night hashes its inbox and every derived
// output it writes (bench/RESULTS.md §8a6).
#pragma once
#include <memory>
#include <string>
#include <string_view>

namespace lh::ingest {

std::string sha256_hex(std::string_view bytes);
// Streams a file; returns false if it cannot be read.
bool sha256_file(const std::string& path, std::string& hex);

// A digest fed piece by piece (a file copied in blocks).
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // the digest of everything fed so far, in lower-case hex; ends the digest

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

}  // namespace lh::ingest
