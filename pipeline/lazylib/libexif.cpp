// libexif's functions that lianghua calls (libexif/exif-data.h: photo dates and orientation in
// ingest/image_reader.cpp), loaded on first use (lazy_library.h).
#include <libexif/exif-data.h>
#include <libexif/exif-utils.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_EXIF
#error "LH_SONAME_EXIF (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_EXIF, name)

extern "C" {

ExifData* exif_data_new(void) {
  LH_REAL(exif_data_new);
  return real();
}
void exif_data_unref(ExifData* data) {
  LH_REAL(exif_data_unref);
  real(data);
}
void exif_data_load_data(ExifData* data, const unsigned char* d, unsigned int size) {
  LH_REAL(exif_data_load_data);
  real(data, d, size);
}
void exif_data_unset_option(ExifData* d, ExifDataOption o) {
  LH_REAL(exif_data_unset_option);
  real(d, o);
}
ExifByteOrder exif_data_get_byte_order(ExifData* data) {
  LH_REAL(exif_data_get_byte_order);
  return real(data);
}
ExifEntry* exif_content_get_entry(ExifContent* content, ExifTag tag) {
  LH_REAL(exif_content_get_entry);
  return real(content, tag);
}
ExifShort exif_get_short(const unsigned char* b, ExifByteOrder order) {
  LH_REAL(exif_get_short);
  return real(b, order);
}

}  // extern "C"
