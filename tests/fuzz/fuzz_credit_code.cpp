// Fuzz target (issue 13 §1), field extractor: 统一社会信用代码 (GB 32100-2015 check characters).
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  for (const auto& c : find_credit_codes(text)) (void)credit_code_valid(c.code);
  (void)credit_code_valid(text);
  return 0;
}
