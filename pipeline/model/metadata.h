// What a reader learns about a file besides its content.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lh::model {

// Detected from content, never from the extension (issue 2 §3).
enum class Format { Unknown, Docx, Xlsx, Pdf, Text, Csv, Xml, Zip, Image, Ofd };
const char* format_name(Format f);
Format format_from_name(const std::string& s);

// Why a file could not be read. Stable names: they appear in --json and in the manifest.
enum class ErrorKind { Encrypted, Damaged, TooLarge, ZipBomb, UnsafePath, UnsafeXml, Timeout, Crashed, Unsupported,
                       Unreadable };  // Unreadable: no permission, gone, or an I/O error (issue 13 §3): tried again next night
const char* error_kind_name(ErrorKind k);
std::optional<ErrorKind> error_kind_from_name(const std::string& s);

struct ReadError {
  ErrorKind kind;
  std::string message;   // one line, names the problem (the CLI adds the file name)
};

struct Metadata {
  Format format = Format::Unknown;
  std::string encoding;          // canonical: UTF-8, UTF-16LE, UTF-16BE, GB18030, Big5, ... ; empty for binary formats
  int pages = 0;                 // PDF pages, DOCX pages if the app recorded them, sheets for XLSX
  int scanned_pages = 0;         // pages that carry an image and (almost) no text
  std::string title, author, subject;
  std::string created, modified; // ISO 8601 with offset when known, e.g. 2024-03-05T10:00:00+08:00
  std::string application;       // the producing program, as recorded
  int image_width = 0, image_height = 0, image_orientation = 0;  // images: pixels, EXIF orientation 1..8
  std::vector<std::string> problems;  // warnings that did not stop the read
};

// Problems of one kind (the same message once its digits are left out: "page 7: …" and "page 9:
// …") are kept `keep` times, in order; the rest of that kind are counted in one line after them,
// "… and N more like the above: <first>" (issue 13 §4: a report must not repeat one problem
// 999,999 times). ingest::read_any applies it to every read.
void cap_repeated_problems(std::vector<std::string>& problems, size_t keep = 3);

}  // namespace lh::model
