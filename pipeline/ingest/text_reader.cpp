// PLACEHOLDER: replaced by the real text reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_text(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "text reader not built yet");
}
}  // namespace lh::ingest
