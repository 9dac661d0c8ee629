// Shared by the libFuzzer targets of tests/fuzz (issue 13 §1). Each target feeds libFuzzer's bytes
// to one entry point the program really uses on untrusted input, in memory, with the limits a run
// uses; the property checked is the one the reader contract states (ingest/reader.h: a reader never
// throws; every failure is a ReadError), plus whatever ASan and UBSan catch on the way.
#pragma once
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "ingest/reader.h"

namespace lh::fuzz {

inline std::string_view as_view(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A reader's result is used as the inspect run uses it; a thrown exception escapes to libFuzzer,
// which reports it as a crash (the contract says it cannot happen).
inline int read_with(ingest::ReadResult (*reader)(const ingest::Input&), const uint8_t* data, size_t size) {
  static const ingest::ReadOptions options;  // the defaults of a run: limits as shipped
  const ingest::Input in{as_view(data, size), "fuzz-input", &options};
  ingest::ReadResult r = reader(in);
  size_t blocks = 0;
  for (const auto& s : r.doc.sections) blocks += s.blocks.size();
  (void)blocks;
  return 0;
}

// A file of the source tree (templates/…/*.xsd), read once at start-up.
inline std::string source_file(const std::string& relative) {
  std::ifstream f(std::string(LIANGHUA_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

}  // namespace lh::fuzz
