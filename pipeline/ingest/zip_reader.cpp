// PLACEHOLDER: replaced by the real zip reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_zip(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "zip reader not built yet");
}
}  // namespace lh::ingest
