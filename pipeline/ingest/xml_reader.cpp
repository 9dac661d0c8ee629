// PLACEHOLDER: replaced by the real xml reader (issue 2 §4). Until then it reports 'unsupported'.
#include "ingest/reader.h"

namespace lh::ingest {
ReadResult read_xml(const Input&) {
  return failed(model::Format::Unknown, model::ErrorKind::Unsupported, "xml reader not built yet");
}
}  // namespace lh::ingest
