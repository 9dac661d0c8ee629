// Fuzz target (issue 13 §1): the XLSX reader (ECMA-376 SpreadsheetML: registers and tables).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_xlsx, data, size);
}
