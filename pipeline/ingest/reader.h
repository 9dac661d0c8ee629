// The Reader interface (design.md): bytes + name -> Document + Metadata, or a typed error.
// Readers never write files and never know about 档号; they see bytes in memory, so tests are
// hermetic and a worker process can run them on anything. A reader never throws: every failure
// is a ReadError in the result.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"
#include "model/metadata.h"
#include "model/record.h"
#include "normalize/encoding.h"

namespace lh::ingest {

struct Limits {
  uint64_t max_file_bytes = 512ull << 20;       // a single input larger than this: too_large
  uint64_t max_entry_bytes = 256ull << 20;      // one ZIP entry, bytes actually inflated
  uint64_t max_total_unzipped = 1024ull << 20;  // all entries of one ZIP together
  double max_ratio = 200.0;                     // inflated / compressed, per entry (libraries.md §5)
  int max_entries = 10000;
  int max_zip_depth = 4;                        // a ZIP inside a ZIP inside ... this deep at most
  // One XML part (DOCX, XLSX, OFD) or XML file, before it is parsed: the DOM costs ~32 times the
  // part (issue 13: a 60 MB document.xml took ~1.9 GiB), so 24 MiB stays under the 1 GiB worker.
  uint64_t max_xml_bytes = 24ull << 20;
  // A text, CSV or XML file, refused by its size before it is read (issue 13 §4: a 500 MB text
  // file ran into the timeout instead). 64 MiB is some 30 million characters of Chinese text.
  uint64_t max_text_bytes = 64ull << 20;
};

// too_large when an input of format `f` is over the limit for that format (max_text_bytes for text,
// CSV and XML), else nullopt. Asked before the bytes are read where the size is known first.
std::optional<model::ReadError> refused_by_size(model::Format f, uint64_t size, const Limits& limits);

using normalize::Big5Policy;

struct ReadOptions {
  Limits limits;
  std::string pdf_password;       // tried when a PDF asks for one
  Big5Policy big5 = Big5Policy::Detect;
  int zip_depth = 0;              // how deep inside ZIPs this input is
  // Set: the number Word prints before a list paragraph (w:numPr, "一、" "（一）" "1.") becomes the
  // paragraph's text, as Word shows it, and the paragraph is no longer a list. `compile` sets it: a
  // book strings many sources together, and a list left to the layout took GB/T markers counted
  // across the whole book, so a rule's "一、" came out "二、" in the book's DOCX (another office's
  // 学习培训制度.docx). Unset (`render`): lists keep their kind and get the 公文 markers.
  bool list_numbers_as_text = false;
};

// An entry a container (ZIP) yields, to be read as an input of its own.
struct ChildInput {
  std::string name;                         // decoded entry name (UTF-8), relative, '/'-separated
  std::string bytes;                        // the entry's bytes; empty if error is set
  std::optional<model::ReadError> error;    // e.g. unsafe_path, zip_bomb, encrypted entry
  bool is_directory = false;
  std::string date;                         // its modification day (model::InspectedFile::entry_date)
};

struct ReadResult {
  model::Document doc;
  model::Metadata meta;
  std::optional<model::ReadError> error;
  std::vector<ChildInput> children;              // ZIP entries
  std::vector<model::InspectionRecord> records;  // XML exports and register rows
};

struct Input {
  std::string_view bytes;
  std::string name;            // display name (path or "zip/entry"), for messages only
  const ReadOptions* options;  // never null
};

// Format from content (magic bytes, container contents), never from the name.
model::Format sniff(std::string_view bytes);
// Lines of comma- or tab-separated fields (UTF-8 or an ASCII-compatible encoding).
bool looks_like_delimited(std::string_view text);
// A rule typed with a Tab after its numbers ("第一章\t总则", "第一条\t为了…"): one tab on most lines,
// as in a two-column TSV, but most of its lines open with 第X编/章/节/条 (UTF-8). Text, not a table.
bool looks_like_tabbed_rules(std::string_view utf8);

// One reader per format; read_any dispatches on sniff().
ReadResult read_docx(const Input& in);
ReadResult read_xlsx(const Input& in);
ReadResult read_pdf(const Input& in);
ReadResult read_text(const Input& in);   // plain text, any Chinese encoding
ReadResult read_csv(const Input& in);
ReadResult read_xml(const Input& in);    // inspection-record exports; other XML as text
// The document model's own XML form (templates/xsd/lianghua-document.xsd); read_xml dispatches
// here when the root element is in this namespace.
inline constexpr std::string_view kModelXmlNamespace = "urn:lianghua:document:1";
ReadResult read_model_xml(const Input& in);
ReadResult read_zip(const Input& in);
ReadResult read_image(const Input& in);
ReadResult read_ofd(const Input& in);
ReadResult read_any(const Input& in);

// A name from the file system (one component or a whole path), decoded for display and titles by the
// ZIP entry-name decoder (zip_reader.cpp): Linux names are UTF-8 by convention, as if bit 11 were set,
// and anything else is a legacy code page (GBK from a Windows share copied over Samba): GB18030 when
// it decodes cleanly, else normalize::decode_short. Always valid UTF-8; the bytes on disk are kept
// apart (WalkedFile::fs_path) for reading.
std::string decode_file_name(std::string_view raw);

// Helpers for readers.
ReadResult failed(model::Format f, model::ErrorKind kind, std::string message);

// Every reader's entry point runs its body through this, so a reader never throws: running out of
// memory becomes too_large, any other exception damaged, each naming what was being read.
template <class Body>
ReadResult guarded(model::Format f, const char* what, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return failed(f, model::ErrorKind::TooLarge, std::string("out of memory while reading the ") + what);
  } catch (const std::exception& e) {
    return failed(f, model::ErrorKind::Damaged, std::string("cannot read the ") + what + ": " + e.what());
  } catch (...) {
    return failed(f, model::ErrorKind::Damaged, std::string("cannot read the ") + what);
  }
}

}  // namespace lh::ingest
