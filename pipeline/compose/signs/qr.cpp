// QR codes as vector shapes (libqrencode; ISO/IEC 18004): level M, byte mode (the payload is UTF-8),
// a 4-module quiet zone on white (§6.3.8), each row's dark modules merged into runs so a label
// carries a few dozen rectangles, not a thousand. The payload's character set is declared (ECI
// 000026, UTF-8): byte mode without one means ISO-8859-1 to the standard and a guess to readers,
// and a 档号's 间隔号 "·" (Z109-JC·2024-…) came out of zbar as the Shift-JIS "繚".
#include <qrencode.h>

#include <memory>

#include "compose/signs/signs.h"

namespace lh::compose::signs {

std::vector<model::Frame> qr_frames(const std::string& text, double x, double y, double w) {
  std::vector<model::Frame> out;
  constexpr unsigned kEciUtf8 = 26;  // ISO/IEC 18004 §7.4.2.2; AIM ECI 000026 = UTF-8
  struct FreeInput { void operator()(QRinput* i) const { QRinput_free(i); } };
  struct Free { void operator()(QRcode* q) const { QRcode_free(q); } };
  std::unique_ptr<QRinput, FreeInput> in(QRinput_new2(0, QR_ECLEVEL_M));  // version 0: the smallest that holds it
  std::unique_ptr<QRcode, Free> q;
  if (in && QRinput_appendECIheader(in.get(), kEciUtf8) == 0 &&
      QRinput_append(in.get(), QR_MODE_8, static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data())) == 0)
    q.reset(QRcode_encodeInput(in.get()));
  if (!q) throw SignageError("二维码无法生成（内容过长？）：" + text + " (qr_failed)");
  constexpr int kQuiet = 4;  // ISO/IEC 18004 §6.3.8 quiet zone
  const int n = q->width;
  const double m = w / (n + 2 * kQuiet);
  out.push_back(model::Shape{x, y, w, w, 0xFFFFFF});
  for (int r = 0; r < n; ++r) {
    int c = 0;
    while (c < n) {
      if (!(q->data[r * n + c] & 1)) {
        ++c;
        continue;
      }
      const int start = c;
      while (c < n && (q->data[r * n + c] & 1)) ++c;
      // a hair of overlap between rows so no seam shows when rasterised
      out.push_back(model::Shape{x + (kQuiet + start) * m, y + (kQuiet + r) * m, (c - start) * m, m * 1.02, 0x000000});
    }
  }
  return out;
}

}  // namespace lh::compose::signs
