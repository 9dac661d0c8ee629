// Fuzz target (issue 13 §1): the DOCX reader (ECMA-376 WordprocessingML through OPC).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_docx, data, size);
}
