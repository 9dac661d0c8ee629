// Fuzz target (issue 13 §1): the text reader: encoding detection and decoding of any Chinese encoding.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_text, data, size);
}
