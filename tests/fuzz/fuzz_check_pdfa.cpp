// Fuzz target (issue 15 §3): the PDF/A-2b checker (`lianghua check-pdfa`, `verify`) on any bytes.
// Whatever qpdf cannot read is a finding (6.1), never an exception out of the check nor a crash: a
// /DescendantFonts [ null ] once made qpdf throw from inside the font rules (pdf.js issue 12823).
#include <string>

#include "ingest/pdfa_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto findings = lh::ingest::check_pdfa(std::string(reinterpret_cast<const char*>(data), size));
  (void)findings;
  return 0;
}
