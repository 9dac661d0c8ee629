// 清扫: text in any Chinese encoding, decoded to UTF-8 (issue 2 §4, libraries.md §4).
// Order: BOM, then strict UTF-8, then UTF-16 without BOM by its evidence, then statistical
// detection for 50+ characters; GB2312 and GBK are always decoded as GB18030 (their superset).
// Text that GB18030 reads cleanly as plainly Chinese is taken as GB18030 without the detectors.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace lh::normalize {

enum class Big5Policy { Detect, PreferBig5, PreferGb18030 };

struct Decoded {
  std::string utf8;       // valid UTF-8, BOM removed
  std::string encoding;   // canonical: UTF-8, UTF-16LE, UTF-16BE, GB18030, Big5, Big5-HKSCS, HZ-GB-2312, EUC-TW, Shift_JIS, ...
  bool lossy = false;     // some bytes could not be decoded and were replaced
  bool detected = false;  // the statistical detectors (uchardet, ICU) were consulted
};

Decoded decode_text(std::string_view bytes, Big5Policy policy = Big5Policy::Detect);

// Convert bytes known to be in `charset` (an XML or HTML declaration, a ZIP code page) to UTF-8.
// GB2312/GBK map to GB18030. Returns false if the charset is unknown to ICU.
bool convert_to_utf8(std::string_view bytes, std::string_view charset, std::string& out, bool* lossy = nullptr);

// Short strings (file names, titles, ZIP entry names): strict UTF-8 if valid, else GB18030.
std::string decode_short(std::string_view bytes, std::string* encoding = nullptr);

bool is_valid_utf8(std::string_view s);

// UTF-16LE or UTF-16BE for BOM-less bytes that carry UTF-16's evidence (utf16_evidence.cpp): an even
// byte count, clean 16-bit units (no unpaired surrogate, no NUL or stray control), and the zero
// high bytes of ASCII (line ends, digits, Latin) in one byte order only; none otherwise. The
// one test of "is this UTF-16" for the sniffer and the decoder alike.
std::optional<std::string> utf16_without_bom(std::string_view bytes);

// Whether the bytes (even count) read as clean UTF-16 units in that byte order, by the same test as
// utf16_without_bom (no unpaired surrogate, no NUL or stray control, no U+FFFE/U+FFFF) in its window.
// A candidate only: UTF-16 text without a zero byte is decided by its characters (decode_text).
bool utf16_reads_clean(std::string_view bytes, bool little_endian);

// A charset label as written (XML/HTML declaration, detector answer: "gb2312", "BIG5", "cp936",
// "x-euc-tw") to the canonical name above (GB2312/GBK → GB18030); ICU's MIME/IANA name for other
// charsets ICU knows; "" if unknown.
std::string canonical_charset(std::string_view name);

}  // namespace lh::normalize
