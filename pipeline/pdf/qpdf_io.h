// qpdf in and out of memory, shared by the finalizing pass, the assembler and the PDF/A post-pass
// (libraries.md §2): warnings suppressed on read (the caller asks anyWarnings() when it cares), and
// on write a deterministic /ID and compressed streams, so the same input gives the same bytes.
// Also the one ISO 8601 → PDF date conversion (PDF 32000-1 §7.9.4) the qpdf passes share.
#pragma once
#include <memory>
#include <string>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/Pl_Flate.hh>
#include <qpdf/QPDFWriter.hh>
#include "codec/deflate.h"

namespace lh::pdf::detail {

// ISO 8601 → PDF date "D:YYYYMMDDHHmmSS+HH'mm'" (PDF 32000-1 §7.9.4).
inline std::string pdf_date(const std::string& iso) {
  std::string digits;
  size_t i = 0;
  for (; i < iso.size() && digits.size() < 14; ++i) {
    char c = iso[i];
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '+' || c == 'Z' || (c == '-' && digits.size() >= 8)) break;
  }
  while (digits.size() < 14) digits += (digits.size() == 4 || digits.size() == 6) ? "01" : "00";
  digits.resize(14);
  std::string tz = "+08'00'";
  for (size_t j = 10; j < iso.size(); ++j) {
    if (iso[j] == 'Z') { tz = "Z"; break; }
    if ((iso[j] == '+' || iso[j] == '-') && j + 3 <= iso.size()) {
      std::string hh = iso.substr(j + 1, 2), mm = "00";
      size_t k = j + 3;
      if (k < iso.size() && iso[k] == ':') ++k;
      if (k + 2 <= iso.size()) mm = iso.substr(k, 2);
      tz = std::string(1, iso[j]) + hh + "'" + mm + "'";
      break;
    }
  }
  return "D:" + digits + tz;
}

// The document information dictionary (PDF 32000-1 §14.3.3) as the trailer's /Info: the text
// entries given (empty ones left out) and the two dates, already PDF dates. The assembler and the
// PDF/A post-pass both write it, so that Info says the same as the XMP (ISO 19005-1 6.7.3).
struct InfoEntries {
  std::string title, author, subject, keywords, creator, producer;
  std::string created, modified;  // "D:YYYYMMDDHHmmSS+08'00'"; empty: none
};

inline void write_info_dictionary(QPDF& q, const InfoEntries& e) {
  QPDFObjectHandle info = q.makeIndirectObject(QPDFObjectHandle::newDictionary());
  auto text = [&](const char* k, const std::string& s) {
    if (!s.empty()) info.replaceKey(k, QPDFObjectHandle::newUnicodeString(s));
  };
  text("/Title", e.title);
  text("/Author", e.author);
  text("/Subject", e.subject);
  text("/Keywords", e.keywords);
  text("/Creator", e.creator);
  text("/Producer", e.producer);
  if (!e.created.empty()) info.replaceKey("/CreationDate", QPDFObjectHandle::newString(e.created));
  if (!e.modified.empty()) info.replaceKey("/ModDate", QPDFObjectHandle::newString(e.modified));
  q.getTrailer().replaceKey("/Info", info);
}

inline std::unique_ptr<QPDF> open_memory(const std::string& bytes, const char* name) {
  auto q = std::make_unique<QPDF>();
  q->setSuppressWarnings(true);
  q->processMemoryFile(name, bytes.data(), bytes.size());
  return q;
}

// A new stream of `data`, deflated here (codec/deflate.h, level 1 as in write_out) and filtered
// /FlateDecode (PDF 32000-1 §7.4.4): QPDFWriter copies a stream that is already Flate-encoded, so a
// pass's big new streams (a substitute font's program, the sRGB profile) skip zlib, which took
// three times libdeflate's time for them (bench/RESULTS.md §8a8). Never for the XMP packet, which
// PDF/A keeps unfiltered (ISO 19005-2 6.6.2.1).
// new_flate_stream takes bytes deflated already (the sRGB profile, deflated once per process).
inline QPDFObjectHandle new_flate_stream(QPDF& q, const std::string& deflated) {
  QPDFObjectHandle s = QPDFObjectHandle::newStream(&q);
  s.replaceStreamData(deflated, QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
  return s;
}
inline QPDFObjectHandle new_deflated_stream(QPDF& q, std::string_view data) {
  return new_flate_stream(q, codec::zlib_compress(data, 1));
}
// object_streams: generate object streams (smaller); else keep what the input had.
// pdfa: the file structure PDF/A-2 asks for (ISO 19005-2): a header of at most PDF 1.7 (6.1.2; a
// 2.0 source is written as 1.7) and an end of line before every endstream keyword (6.1.7.1).
// Streams are decoded where qpdf can (LZW, ASCII85, ...) and written with Flate (qpdf's default
// "generalized" decode level), which also rids a copied source of LZW (ISO 19005-2 6.1.7.2).
inline std::string write_out(QPDF& q, bool object_streams, bool pdfa = false) {
  // The streams a pass adds unencoded (a 归档章's content) are deflated at zlib level 1: a font took a
  // third of level 6's time for ~5 % more bytes (bench/RESULTS.md §8a6). Streams already
  // Flate-encoded (new_deflated_stream's, a source's) are copied, never recompressed (qpdf).
  Pl_Flate::setCompressionLevel(1);
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setDeterministicID(true);
  w.setCompressStreams(true);
  w.setObjectStreamMode(object_streams ? qpdf_o_generate : qpdf_o_preserve);
  if (pdfa) {
    if (q.getPDFVersion() > std::string("1.7")) w.forcePDFVersion("1.7");
    w.setNewlineBeforeEndstream(true);
  }
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

}  // namespace lh::pdf::detail
