// Fuzz target (issue 13 §1), field extractor: dates in every written form, labelled dates.
#include "fuzz_text_support.h"
#include "normalize/fields.h"
#include "normalize/doc_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)find_dates(text);
  (void)parse_date(text);
  (void)date_at_start(text);
  (void)last_full_date(text);
  (void)find_labelled_dates(text);
  return 0;
}
