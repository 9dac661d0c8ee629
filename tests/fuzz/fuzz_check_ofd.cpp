// Fuzz target (issue 15 §3): the OFD-A checker (`lianghua check-ofd`, `verify`) on any bytes: every
// rule answered, the package read through ingest's ZIP reader and safe XML parser, nothing thrown.
#include <string_view>

#include "ofd/check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto report = lh::ofd::check_ofd(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)report;
  return 0;
}
