// SHA-256 fixity (安全): GLib's GChecksum, not a hand-written digest.
#pragma once
#include <string>
#include <string_view>

namespace lh::ingest {

std::string sha256_hex(std::string_view bytes);
// Streams a file; returns false if it cannot be read.
bool sha256_file(const std::string& path, std::string& hex);

}  // namespace lh::ingest
