// Fuzz target (issue 13 §1), a spec the project reads: the book spec (templates/book/book.xsd: load_book_spec_text).
#include "fuzz_support.h"
#include "compose/book/spec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string xsd = lh::fuzz::source_file("templates/book/book.xsd");
  (void)lh::compose::book::load_book_spec_text(std::string(lh::fuzz::as_view(data, size)), xsd, "/nonexistent/book.xml");
  return 0;
}
