// PLACEHOLDER: replaced by the real csv reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_csv(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "csv reader not built yet");
}
}  // namespace lh::ingest
