// PLACEHOLDER: replaced by the real ofd reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_ofd(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "ofd reader not built yet");
}
}  // namespace lh::ingest
