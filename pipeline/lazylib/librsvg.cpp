// librsvg's functions that lianghua calls (librsvg/rsvg.h: SVG emblems on signs, SVG images in
// documents), loaded on first use (lazy_library.h). Each forwards to the library's own function of
// the same name and type; add one here when a new librsvg function is called.
#include <librsvg/rsvg.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_RSVG
#error "LH_SONAME_RSVG (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_RSVG, name)

extern "C" {

RsvgHandle* rsvg_handle_new_from_data(const guint8* data, gsize data_len, GError** error) {
  LH_REAL(rsvg_handle_new_from_data);
  return real(data, data_len, error);
}
gboolean rsvg_handle_render_document(RsvgHandle* handle, cairo_t* cr, const RsvgRectangle* viewport, GError** error) {
  LH_REAL(rsvg_handle_render_document);
  return real(handle, cr, viewport, error);
}
gboolean rsvg_handle_get_intrinsic_size_in_pixels(RsvgHandle* handle, gdouble* out_width, gdouble* out_height) {
  LH_REAL(rsvg_handle_get_intrinsic_size_in_pixels);
  return real(handle, out_width, out_height);
}
void rsvg_handle_get_intrinsic_dimensions(RsvgHandle* handle, gboolean* out_has_width, RsvgLength* out_width,
                                          gboolean* out_has_height, RsvgLength* out_height, gboolean* out_has_viewbox,
                                          RsvgRectangle* out_viewbox) {
  LH_REAL(rsvg_handle_get_intrinsic_dimensions);
  real(handle, out_has_width, out_width, out_has_height, out_height, out_has_viewbox, out_viewbox);
}

}  // extern "C"
