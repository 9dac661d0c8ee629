// Fuzz target (issue 13 §1): the image reader (JPEG, PNG, TIFF headers and EXIF).
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return lh::fuzz::read_with(lh::ingest::read_image, data, size);
}
