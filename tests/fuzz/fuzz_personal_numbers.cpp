// Fuzz target (issue 13 §1), field extractor: masking of ID and mobile numbers in running text.
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)mask_personal_numbers(text);
  (void)mask_mobile(text);
  return 0;
}
