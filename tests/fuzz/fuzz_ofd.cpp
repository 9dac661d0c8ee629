// Fuzz target (issue 13 §1): the OFD reader (GB/T 33190-2016 package: OFD.xml, documents, pages).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_ofd, data, size);
}
