// Fuzz target (issue 13 §1), a spec the project reads: the signage spec (templates/signage/signage.xsd: read_spec); SignageError is its refusal.
#include "fuzz_support.h"
#include "compose/signs/sign_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string xsd = lh::fuzz::source_file("templates/signage/signage.xsd");
  try {
    (void)lh::compose::signs::read_spec(std::string(lh::fuzz::as_view(data, size)), xsd, "/nonexistent/spec.xml");
  } catch (const lh::compose::signs::SignageError&) {
  }
  return 0;
}
