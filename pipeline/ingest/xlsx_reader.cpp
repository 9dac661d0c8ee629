// PLACEHOLDER: replaced by the real xlsx reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_xlsx(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "xlsx reader not built yet");
}
}  // namespace lh::ingest
