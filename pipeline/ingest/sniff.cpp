// Format detection from content (issue 2 §3): magic bytes first, then the ZIP container's
// part names (an OOXML package or an OFD package is a ZIP), then text heuristics.
#include <zip.h>

#include <algorithm>
#include <cstring>

#include "ingest/reader.h"
#include "normalize/encoding.h"
#include "normalize/structure.h"

namespace lh::ingest {
using model::Format;
using namespace std::literals;

namespace {

bool starts_with(std::string_view b, std::string_view magic) { return b.substr(0, magic.size()) == magic; }

// Look into a ZIP's central directory for the parts that make it DOCX, XLSX or OFD.
Format sniff_zip_container(std::string_view bytes) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (!src) return Format::Zip;
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    zip_source_free(src);
    zip_error_fini(&err);
    return Format::Zip;
  }
  Format f = Format::Zip;
  if (zip_name_locate(z, "[Content_Types].xml", 0) >= 0) {
    if (zip_name_locate(z, "word/document.xml", 0) >= 0) f = Format::Docx;
    else if (zip_name_locate(z, "xl/workbook.xml", 0) >= 0) f = Format::Xlsx;
  } else if (zip_name_locate(z, "OFD.xml", 0) >= 0) {
    f = Format::Ofd;
  }
  zip_discard(z);
  zip_error_fini(&err);
  return f;
}

}  // namespace

// CSV: several lines, most with the same number (>= 1) of separators outside quotes.
bool looks_like_delimited(std::string_view b) {
  // Decide on the first lines only; UTF-16 text is handled by the text reader as text first.
  int lines = 0, agreeing = 0;
  long first_count = -1;
  size_t pos = 0;
  while (pos < b.size() && lines < 20) {
    size_t end = b.find('\n', pos);
    if (end == std::string_view::npos) end = b.size();
    std::string_view line = b.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line == "\r") continue;
    long commas = 0;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (!quoted && (c == ',' || c == '\t')) ++commas;
    }
    ++lines;
    if (first_count < 0) first_count = commas;
    if (commas == first_count && commas > 0) ++agreeing;
  }
  return lines >= 2 && first_count > 0 && agreeing * 10 >= lines * 8;
}

// Word users set the gap after "第一条" with Tab, and such a rule saved as text has one tab on most
// lines: looks_like_delimited took a UTF-16LE rule (make_book_sources.py seed 58) for a two-column
// table and the book printed it as a landscape 权责清单. Its lines open with the structure numbers
// of normalize/structure.h; a register's first column never does on most rows.
bool looks_like_tabbed_rules(std::string_view b) {
  int lines = 0, numbered = 0;
  size_t pos = 0;
  while (pos < b.size() && lines < 20) {
    size_t end = b.find('\n', pos);
    if (end == std::string_view::npos) end = b.size();
    const std::string_view line = b.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || line == "\r" || line.find('\t') == std::string_view::npos) continue;
    ++lines;
    const normalize::HeadingKind k = normalize::heading_kind(line);
    numbered += k == normalize::HeadingKind::Tiao || k == normalize::HeadingKind::Zhang ||
                k == normalize::HeadingKind::Jie || k == normalize::HeadingKind::Bian;
  }
  return lines > 0 && numbered * 2 >= lines;
}

namespace {

bool looks_like_xml(std::string_view b) {
  // Skip a BOM (UTF-8 or UTF-16) and white space.
  if (starts_with(b, "\xEF\xBB\xBF")) b.remove_prefix(3);
  if (starts_with(b, "\xFF\xFE<\0"sv) || starts_with(b, "\xFE\xFF\0<"sv) || starts_with(b, "<\0?\0"sv)) return true;
  if (starts_with(b, "\xFF\xFE") || starts_with(b, "\xFE\xFF")) return false;
  size_t i = 0;
  while (i < b.size() && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) ++i;
  std::string_view rest = b.substr(i);
  if (starts_with(rest, "<?xml")) {
    // An XML declaration followed by an HTML document is HTML: text.
    std::string head(rest.substr(0, 512));
    std::transform(head.begin(), head.end(), head.begin(), [](unsigned char c) { return std::tolower(c); });
    return head.find("<html") == std::string::npos;
  }
  return false;
}

}  // namespace

Format sniff(std::string_view b) {
  if (starts_with(b, "%PDF-")) return Format::Pdf;
  // A PDF may carry junk before its header (allowed within the first 1024 bytes).
  if (b.substr(0, 1024).find("%PDF-") != std::string_view::npos) return Format::Pdf;
  if (starts_with(b, "PK\x03\x04") || starts_with(b, "PK\x05\x06")) return sniff_zip_container(b);
  if (starts_with(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")) return Format::Docx;  // OLE: encrypted OOXML or legacy .doc; the docx reader says which
  if (starts_with(b, "\xFF\xD8\xFF") || starts_with(b, "\x89PNG\r\n\x1A\n") || starts_with(b, "II*\0"sv) ||
      starts_with(b, "MM\0*"sv) || starts_with(b, "GIF8") || starts_with(b, "BM"))
    return Format::Image;
  if (b.empty()) return Format::Unknown;
  if (looks_like_xml(b)) return Format::Xml;
  // UTF-16 text (with a BOM, or with UTF-16's evidence, normalize::utf16_without_bom, which may lie
  // past the first 4 KiB: a Chinese paragraph has no zero byte before its line end): the text
  // reader decodes it and then tells text from CSV. Other NULs early on are binary, unknown.
  if (starts_with(b, "\xFF\xFE") || starts_with(b, "\xFE\xFF") || normalize::utf16_without_bom(b)) return Format::Text;
  if (b.substr(0, 4096).find('\0') != std::string_view::npos) return Format::Unknown;
  return looks_like_delimited(b) ? Format::Csv : Format::Text;
}

}  // namespace lh::ingest
