// Fuzz target (issue 13 §1), field extractor: 文书类型 against the 2021 范本 (classify_doc_type).
#include "fuzz_text_support.h"
#include "normalize/fields.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text;
  if (!lh::fuzz::utf8_text(data, size, text)) return 0;
  using namespace lh::normalize;
  const std::string_view title = lh::fuzz::first_line(text);
  const DocType d = classify_doc_type(title, text);
  (void)tell_inspection_from_evidence(d, title, text, true);
  (void)approval_of_a_case_matter(d, title, text, false);
  return 0;
}
