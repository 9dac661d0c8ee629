// PLACEHOLDER: replaced by the real docx reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_docx(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "docx reader not built yet");
}
}  // namespace lh::ingest
