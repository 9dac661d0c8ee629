// One input as ingest + normalize saw it: the value handed from the ingest stage to filing and
// packaging (design.md data flow). Produced by the worker pool, one per file or ZIP entry.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/document.h"
#include "model/fields.h"
#include "model/metadata.h"
#include "model/record.h"

namespace lh::model {

struct InspectedFile {
  std::string path;           // as given / relative to the walked root; a ZIP entry: "<zip path>/<entry name>"
  std::string source_path;    // filesystem path of the file, or of the outermost ZIP for an entry
  std::string sha256;         // lower-case hex of the exact bytes
  uint64_t size = 0;
  int64_t mtime_ns = 0;       // of the file (an entry: the ZIP's), for incremental re-runs
  // A ZIP entry's own modification day as the archive records it (APPNOTE.TXT 4.4.6: the zipping
  // machine's calendar day), YYYY-MM-DD; empty for a file, or when the entry has none. An entry
  // with no date of its own in its text is dated by it, not by the day the ZIP was copied in.
  std::string entry_date;
  Metadata meta;              // meta.format is the detected format
  Fields fields;
  std::string title;          // normalized title: document title, else first heading/line, else file stem
  uint64_t text_chars = 0;    // characters (code points) of normalized text
  std::optional<ReadError> error;
  std::vector<InspectionRecord> records;
  std::vector<InspectedFile> children;     // ZIP entries, in archive order
  bool is_zip_entry = false;
  std::shared_ptr<const std::string> entry_bytes;  // a ZIP entry's bytes (originals are kept byte-for-byte)
  std::string spool_path;     // or: the file they were spooled to (InspectOptions::spool_dir), not held in memory
  std::shared_ptr<const Document> doc;     // set only when the caller asked to keep documents
};

}  // namespace lh::model
