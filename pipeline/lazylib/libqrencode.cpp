// libqrencode's functions that lianghua calls (qrencode.h: the QR code of a sign), loaded on first
// use (lazy_library.h).
#include <qrencode.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_QRENCODE
#error "LH_SONAME_QRENCODE (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_QRENCODE, name)

extern "C" {

QRcode* QRcode_encodeString8bit(const char* string, int version, QRecLevel level) {
  LH_REAL(QRcode_encodeString8bit);
  return real(string, version, level);
}
void QRcode_free(QRcode* qrcode) {
  LH_REAL(QRcode_free);
  real(qrcode);
}

}  // extern "C"
