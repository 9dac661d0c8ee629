// Fuzz target (issue 13 §1), field extractor: 案号 (find_case_numbers, parse_case_number).
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  for (const auto& c : find_case_numbers(text)) (void)parse_case_number(c.raw);
  (void)parse_case_number(text);
  return 0;
}
