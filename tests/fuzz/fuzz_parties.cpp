// Fuzz target (issue 13 §1), field extractor: 当事人 from labelled lines.
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)find_parties(text);
  return 0;
}
