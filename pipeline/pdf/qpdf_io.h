// qpdf in and out of memory, shared by the finalizing pass and the assembler (libraries.md §2):
// warnings suppressed on read (the caller asks anyWarnings() when it cares), and on write a
// deterministic /ID and compressed streams, so the same input gives the same bytes.
#pragma once
#include <memory>
#include <string>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

namespace lh::pdf::detail {

inline std::unique_ptr<QPDF> open_memory(const std::string& bytes, const char* name) {
  auto q = std::make_unique<QPDF>();
  q->setSuppressWarnings(true);
  q->processMemoryFile(name, bytes.data(), bytes.size());
  return q;
}

// object_streams: generate object streams (smaller); else keep what the input had.
inline std::string write_out(QPDF& q, bool object_streams) {
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setDeterministicID(true);
  w.setCompressStreams(true);
  w.setObjectStreamMode(object_streams ? qpdf_o_generate : qpdf_o_preserve);
  w.write();
  auto buf = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buf->getBuffer()), buf->getSize());
}

}  // namespace lh::pdf::detail
