// Fuzz target (issue 13 §1), a spec the project reads: the 归档方案 scheme (templates/scheme/scheme.xsd: load_scheme_text, XSD and cross-references).
#include "fuzz_support.h"
#include "filing/scheme.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string xsd = lh::fuzz::source_file("templates/scheme/scheme.xsd");
  // Refusals are the errors list; an exception would be a defect (scheme.h).
  (void)lh::filing::load_scheme_text(std::string(lh::fuzz::as_view(data, size)), xsd, "scheme.xml");
  return 0;
}
