// Fuzz target (issue 13 §1), a spec the project reads: the office's emblem (SVG through the safe XML check and librsvg, or PNG).
#include "fuzz_support.h"
#include "compose/signs/signs.h"
#include "compose/signs/sign_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)lh::compose::signs::load_emblem(std::string(lh::fuzz::as_view(data, size)), "emblem.svg");
  } catch (const lh::compose::signs::SignageError&) {
  }
  return 0;
}
