// Fuzz target (issue 13 §1), a spec the project reads: the office's sign types and room set (templates/signage/types.xml, rooms.xml).
#include "fuzz_support.h"
#include "compose/signs/sign_types.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string xsd = lh::fuzz::source_file("templates/signage/signage.xsd");
  const std::string xml(lh::fuzz::as_view(data, size));
  try {
    (void)lh::compose::signs::read_sign_types(xml, xsd, "types.xml");
  } catch (const lh::compose::signs::SignageError&) {
  }
  try {
    (void)lh::compose::signs::read_room_set(xml, xsd, "rooms.xml");
  } catch (const lh::compose::signs::SignageError&) {
  }
  return 0;
}
