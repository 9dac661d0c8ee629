// The final qpdf pass (libraries.md §2): setDeterministicID, object streams. Also adds the "D:"
// prefix cairo 1.16 leaves off the Info dates (PDF 32000-1 §7.9.4).
#include <malloc.h>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/Buffer.hh>

#include "pdf/pdf.h"

namespace lh::pdf {

void tune_allocator_for_fonts() {
  mallopt(M_MMAP_THRESHOLD, 256 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

std::string finalize_with_qpdf(const std::string& bytes, const FinalizeOptions& options) {
  try {
    QPDF q;
    q.setSuppressWarnings(true);
    q.processMemoryFile("lianghua.pdf", bytes.data(), bytes.size());
    QPDFObjectHandle info = q.getTrailer().getKey("/Info");
    if (info.isDictionary())
      for (const char* key : {"/CreationDate", "/ModDate"}) {
        QPDFObjectHandle v = info.getKey(key);
        if (v.isString()) {
          std::string s = v.getStringValue();
          if (s.rfind("D:", 0) != 0) info.replaceKey(key, QPDFObjectHandle::newString("D:" + s));
        }
      }
    QPDFWriter w(q);
    w.setOutputMemory();
    w.setDeterministicID(true);
    w.setCompressStreams(true);
    w.setObjectStreamMode(options.object_streams ? qpdf_o_generate : qpdf_o_preserve);
    w.write();
    auto buf = w.getBufferSharedPointer();
    std::string out(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
    if (options.strict && q.anyWarnings()) {
      // cairo's output should never need repair; say so rather than hide it.
      std::string what = "qpdf found problems in the PDF it was given";
      for (const auto& w : q.getWarnings()) what += std::string("; ") + w.what();
      throw PdfError(what);
    }
    return out;
  } catch (const PdfError&) {
    throw;
  } catch (const std::exception& e) {
    throw PdfError(std::string("qpdf: ") + e.what());
  }
}

}  // namespace lh::pdf
