// PLACEHOLDER: replaced by the real image reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_image(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "image reader not built yet");
}
}  // namespace lh::ingest
