// libtiff's functions that lianghua calls (tiffio.h: TIFF scans read in ingest/image_reader.cpp, the
// Group 4 page pictures of OFD-A copies written in package/scan_picture.cpp), loaded
// on first use (lazy_library.h): libtiff brings six codec libraries (LERC, libdeflate, JBIG, WebP,
// zstd) that a command reading no TIFF never needs. The variadic getters and setter forward through
// their va_list forms, as libtiff's own TIFFGetField and TIFFSetField do.
#include <cstdarg>

#include <tiffio.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_TIFF
#error "LH_SONAME_TIFF (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_TIFF, name)

extern "C" {

TIFF* TIFFClientOpenExt(const char* name, const char* mode, thandle_t handle, TIFFReadWriteProc read,
                        TIFFReadWriteProc write, TIFFSeekProc seek, TIFFCloseProc close, TIFFSizeProc size,
                        TIFFMapFileProc map, TIFFUnmapFileProc unmap, TIFFOpenOptions* opts) {
  LH_REAL(TIFFClientOpenExt);
  return real(name, mode, handle, read, write, seek, close, size, map, unmap, opts);
}
void TIFFClose(TIFF* tif) {
  LH_REAL(TIFFClose);
  real(tif);
}
int TIFFGetField(TIFF* tif, uint32_t tag, ...) {
  static const auto vget = lh::lazylib::resolve<decltype(&TIFFVGetField)>(LH_SONAME_TIFF, "TIFFVGetField");
  va_list ap;
  va_start(ap, tag);
  const int r = vget(tif, tag, ap);
  va_end(ap);
  return r;
}
int TIFFGetFieldDefaulted(TIFF* tif, uint32_t tag, ...) {
  static const auto vget =
      lh::lazylib::resolve<decltype(&TIFFVGetFieldDefaulted)>(LH_SONAME_TIFF, "TIFFVGetFieldDefaulted");
  va_list ap;
  va_start(ap, tag);
  const int r = vget(tif, tag, ap);
  va_end(ap);
  return r;
}
int TIFFSetField(TIFF* tif, uint32_t tag, ...) {
  static const auto vset = lh::lazylib::resolve<decltype(&TIFFVSetField)>(LH_SONAME_TIFF, "TIFFVSetField");
  va_list ap;
  va_start(ap, tag);
  const int r = vset(tif, tag, ap);
  va_end(ap);
  return r;
}
int TIFFIsTiled(TIFF* tif) {
  LH_REAL(TIFFIsTiled);
  return real(tif);
}
tdir_t TIFFNumberOfDirectories(TIFF* tif) {
  LH_REAL(TIFFNumberOfDirectories);
  return real(tif);
}
uint32_t TIFFNumberOfStrips(TIFF* tif) {
  LH_REAL(TIFFNumberOfStrips);
  return real(tif);
}
uint32_t TIFFNumberOfTiles(TIFF* tif) {
  LH_REAL(TIFFNumberOfTiles);
  return real(tif);
}
TIFFOpenOptions* TIFFOpenOptionsAlloc(void) {
  LH_REAL(TIFFOpenOptionsAlloc);
  return real();
}
void TIFFOpenOptionsFree(TIFFOpenOptions* opts) {
  LH_REAL(TIFFOpenOptionsFree);
  real(opts);
}
void TIFFOpenOptionsSetMaxSingleMemAlloc(TIFFOpenOptions* opts, tmsize_t max_single_mem_alloc) {
  LH_REAL(TIFFOpenOptionsSetMaxSingleMemAlloc);
  real(opts, max_single_mem_alloc);
}
void TIFFOpenOptionsSetErrorHandlerExtR(TIFFOpenOptions* opts, TIFFErrorHandlerExtR handler, void* user_data) {
  LH_REAL(TIFFOpenOptionsSetErrorHandlerExtR);
  real(opts, handler, user_data);
}
void TIFFOpenOptionsSetWarningHandlerExtR(TIFFOpenOptions* opts, TIFFErrorHandlerExtR handler, void* user_data) {
  LH_REAL(TIFFOpenOptionsSetWarningHandlerExtR);
  real(opts, handler, user_data);
}
tmsize_t TIFFReadEncodedStrip(TIFF* tif, uint32_t strip, void* buf, tmsize_t size) {
  LH_REAL(TIFFReadEncodedStrip);
  return real(tif, strip, buf, size);
}
tmsize_t TIFFReadEncodedTile(TIFF* tif, uint32_t tile, void* buf, tmsize_t size) {
  LH_REAL(TIFFReadEncodedTile);
  return real(tif, tile, buf, size);
}
tmsize_t TIFFWriteEncodedStrip(TIFF* tif, uint32_t strip, void* data, tmsize_t cc) {
  LH_REAL(TIFFWriteEncodedStrip);
  return real(tif, strip, data, cc);
}
tmsize_t TIFFStripSize(TIFF* tif) {
  LH_REAL(TIFFStripSize);
  return real(tif);
}
tmsize_t TIFFTileSize(TIFF* tif) {
  LH_REAL(TIFFTileSize);
  return real(tif);
}

}  // extern "C"
