// cairo's write callback for the tests that draw a PDF or a PNG in memory: appends what cairo writes to
// the std::string its closure points to, e.g.
//   cairo_pdf_surface_create_for_stream(lh::test::append_to_string, &out, 595, 842).
#pragma once
#include <cairo.h>

#include <string>

namespace lh::test {

inline cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace lh::test
