// Fuzz target (issue 13 §1), a spec the project reads: a flow description (templates/flow/flow.xsd: read_flow); FlowError is its refusal.
#include "fuzz_support.h"
#include "flow/flow.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view xml = lh::fuzz::as_view(data, size);
  (void)lh::flow::is_flow_description(xml);
  try {
    (void)lh::flow::read_flow(xml, "flow.xml");
  } catch (const lh::flow::FlowError&) {
  }
  return 0;
}
