// Fuzz target (issue 13 §1), field extractor: 居民身份证号 (GB 11643-1999 checksum, masking).
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)find_id_numbers(text);
  (void)id_number_valid(text);
  (void)mask_id_number(text);
  return 0;
}
