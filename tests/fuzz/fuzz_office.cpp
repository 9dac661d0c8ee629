// Fuzz target (issue 13 §1), a spec the project reads: the office profile (templates/scheme/office.xsd: load_office_text).
#include "fuzz_support.h"
#include "filing/office.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string xsd = lh::fuzz::source_file("templates/scheme/office.xsd");
  (void)lh::filing::load_office_text(std::string(lh::fuzz::as_view(data, size)), xsd, "office.xml");
  return 0;
}
