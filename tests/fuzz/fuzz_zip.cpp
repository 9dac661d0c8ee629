// Fuzz target (issue 13 §1): the ZIP reader: entry names (CP437/GBK/UTF-8), bombs, ../ paths, nested archives.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_zip, data, size);
}
