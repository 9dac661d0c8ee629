// Fuzz target (issue 13 §1), field extractor: all fields of one document (extract_fields).
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)extract_fields(text, lh::fuzz::first_line(text));
  return 0;
}
