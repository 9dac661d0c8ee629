// PLACEHOLDER: replaced by the real pdf reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_pdf(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "pdf reader not built yet");
}
}  // namespace lh::ingest
