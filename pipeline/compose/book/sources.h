// The sources of a book (issue 11 §1–2): each file the spec names is read through ingest's reader
// dispatch (DOCX from Word or WPS, text in any Chinese encoding, Markdown, the document XML form,
// CSV, XLSX; flow descriptions through the flow module's read_flow), its title and inner
// structure recovered by the one detector
// (normalize/structure.h), and the result kept with the evidence for the --outline report. A
// folder gives its files in name order. A source that cannot be read is kept too, with its reason,
// so the book shows a placeholder where it belongs. Sources are only ever read.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compose/book/spec.h"
#include "flow/flow.h"
#include "ingest/inspect.h"
#include "model/document.h"
#include "normalize/structure.h"

namespace lh::compose::book {

struct LoadedSource {
  std::string name;              // the path as the spec writes it ("党建/01 三会一课.docx")
  SourceKind kind = SourceKind::Document;
  std::string title;             // the book entry
  std::string title_reason;      // why: "样式 Title", "首段，居中、加粗", "书目说明 title", "文件名"
  model::Document body;          // the source without its title; headings at levels 1.. of its own
  normalize::Outline outline;    // what the detector decided (title, headings, articles)
  std::vector<model::Table> tables;  // a table source: its sheets
  std::optional<flow::Flow> flow;    // a flow source: drawn when the book is built (fonts known)
  std::vector<std::string> warnings; // "第N段…" (level jumps, no title)
  std::string error;             // non-empty: could not be read (kind: message)
  std::string sha256;            // of the bytes read (the book is rebuilt when one changes)
};

// Every file `ref` names (one, or a folder's in name order).
std::vector<LoadedSource> load_sources(const SourceRef& ref, const ingest::InspectOptions& opt);

// One source from its bytes (tests): `name` for messages and the fallback title.
LoadedSource load_source_bytes(const std::string& name, std::string_view bytes, SourceKind kind,
                               const std::string& title_override, const ingest::InspectOptions& opt);

}  // namespace lh::compose::book
