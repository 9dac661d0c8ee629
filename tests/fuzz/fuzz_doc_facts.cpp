// Fuzz target (issue 13 §1), field extractor: a document's own facts: labelled values, title line, own number, penalty summary.
#include "fuzz_text_support.h"
#include "normalize/fields.h"
#include "normalize/doc_facts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  (void)labelled_value(text, "当事人");
  (void)find_title_line(text);
  (void)find_own_number(text);
  (void)is_bare_form_title(lh::fuzz::first_line(text));
  (void)penalty_summary(text);
  return 0;
}
