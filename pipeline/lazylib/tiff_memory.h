// libtiff on a buffer in memory (TIFFClientOpenExt, libtiff 4.5): the image reader probes a TIFF it
// holds in memory, the OFD page pictures write one. One set of I/O callbacks for both. libtiff's
// errors go to the handle (per-handle handlers, TIFFOpenOptionsSetErrorHandlerExtR), never to stderr
// and never through libtiff's global handler, which another thread may be using.
#pragma once

#include <tiffio.h>

#include <memory>
#include <string>
#include <string_view>

namespace lh::lazylib {

struct TiffMemory {
  std::string_view in;      // reading: the file (not copied; it outlives the handle)
  std::string out;          // writing: the file as libtiff writes it
  bool writing = false;
  toff_t pos = 0;
  std::string first_error;  // libtiff's first error message, "" when none
  bool warnings_are_errors = false;  // a writer's warning means a file not as asked

  std::string_view bytes() const { return writing ? std::string_view(out) : in; }
};

struct TiffClose {
  void operator()(TIFF* t) const {
    if (t) TIFFClose(t);  // a writer's directory is written here
  }
};
using TiffHandle = std::unique_ptr<TIFF, TiffClose>;

// Opens `m` in `mode` ("rm": read, no mapping; "w": write, which sets m.writing). max_alloc: the
// largest single allocation libtiff may make for it (0: libtiff's default). Null when libtiff refuses
// it; m.first_error says why.
TiffHandle open_tiff_in_memory(TiffMemory& m, const char* name, const char* mode, tmsize_t max_alloc = 0);

}  // namespace lh::lazylib
