// libqrencode's functions that lianghua calls (qrencode.h: the QR code of a sign), loaded on first
// use (lazy_library.h).
#include <qrencode.h>

#include "lazylib/lazy_library.h"

#ifndef LH_SONAME_QRENCODE
#error "LH_SONAME_QRENCODE (the library's SONAME) is set by CMakeLists.txt"
#endif

#define LH_REAL(name) LH_LAZY_REAL(LH_SONAME_QRENCODE, name)

extern "C" {

QRinput* QRinput_new2(int version, QRecLevel level) {
  LH_REAL(QRinput_new2);
  return real(version, level);
}
int QRinput_appendECIheader(QRinput* input, unsigned int ecinum) {
  LH_REAL(QRinput_appendECIheader);
  return real(input, ecinum);
}
int QRinput_append(QRinput* input, QRencodeMode mode, int size, const unsigned char* data) {
  LH_REAL(QRinput_append);
  return real(input, mode, size, data);
}
QRcode* QRcode_encodeInput(QRinput* input) {
  LH_REAL(QRcode_encodeInput);
  return real(input);
}
void QRinput_free(QRinput* input) {
  LH_REAL(QRinput_free);
  real(input);
}
void QRcode_free(QRcode* qrcode) {
  LH_REAL(QRcode_free);
  real(qrcode);
}

}  // extern "C"
