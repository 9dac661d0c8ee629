// Fuzz target (issue 13 §1): the document model's own XML form (templates/xsd/lianghua-document.xsd).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_model_xml, data, size);
}
