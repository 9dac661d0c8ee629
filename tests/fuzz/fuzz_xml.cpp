// Fuzz target (issue 13 §1): the XML reader: inspection-record exports (templates/xsd/inspection-record.xsd).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_xml, data, size);
}
