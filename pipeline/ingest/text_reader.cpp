// Plain text in any Chinese encoding (issue 2 §4): decoded by normalize::decode_text, one paragraph
// per line, or per wrapped paragraph in a file hard-wrapped at a fixed width (text_wrap.h). A charset the file declares itself in its first 1 KiB — an XML declaration
// (XML 1.0 §4.3.3 encoding="…") or an HTML <meta charset> (HTML §4.2.5.4) — is honoured over
// statistics: Big5 bytes decode "validly" as GB18030 too (libraries.md §4), a declaration doesn't
// guess. A byte-order mark still beats a declaration (XML 1.0 Appendix F).
#include <exception>
#include <optional>

#include "ingest/reader.h"
#include "ingest/text_decode.h"
#include "ingest/text_wrap.h"
#include "normalize/unicode.h"

namespace lh::ingest {
namespace {

constexpr size_t kMaxTitleChars = 100;

std::string ascii_lower(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

bool charset_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':';
}

// The value after `key` = (optionally quoted), from position `from` of the lower-cased head.
std::optional<std::string> value_after(std::string_view head, std::string_view lower, size_t at, size_t key_len) {
  size_t i = at + key_len;
  while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t')) ++i;
  if (i >= lower.size() || lower[i] != '=') return std::nullopt;
  ++i;
  while (i < lower.size() && (lower[i] == ' ' || lower[i] == '\t' || lower[i] == '"' || lower[i] == '\'')) ++i;
  const size_t start = i;
  while (i < head.size() && charset_char(head[i])) ++i;
  if (i == start) return std::nullopt;
  return std::string(head.substr(start, i - start));
}

// The text's lines, at CR LF, LF or a lone CR, untrimmed (text_paragraphs reads their indents).
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(pos, end - pos));
    if (end >= text.size()) break;
    pos = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
  }
  return lines;
}

// Code-point-safe cut to at most n characters.
std::string first_chars(const std::string& s, size_t n) {
  size_t count = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (count == n) return s.substr(0, i);
      ++count;
    }
  }
  return s;
}

}  // namespace

std::optional<std::string> declared_charset(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, 1024);
  const std::string lower = ascii_lower(head);
  if (lower.rfind("<?xml", 0) == 0) {
    const size_t end = lower.find("?>");
    const size_t at = lower.find("encoding");
    if (at != std::string::npos && (end == std::string::npos || at < end))
      if (auto v = value_after(head, lower, at, 8)) return v;
  }
  const size_t meta = lower.find("<meta");
  if (meta != std::string::npos) {
    const size_t at = lower.find("charset", meta);
    if (at != std::string::npos)
      if (auto v = value_after(head, lower, at, 7)) return v;
  }
  return std::nullopt;
}

DecodedInput decode_input(std::string_view bytes, normalize::Big5Policy policy, bool honour_declaration) {
  DecodedInput out;
  const bool has_bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" ||
                       bytes.substr(0, 2) == "\xFE\xFF";
  if (honour_declaration && !has_bom) {
    if (auto label = declared_charset(bytes)) {
      std::string canonical = normalize::canonical_charset(*label);
      // An ASCII-readable declaration of UTF-16/32 is stale: the file was converted since.
      const bool wide = canonical.rfind("UTF-16", 0) == 0 || canonical.rfind("UTF-32", 0) == 0;
      bool lossy = false;
      std::string text;
      if (canonical.empty()) {
        out.problems.push_back("declared charset \"" + *label + "\" is unknown; detected instead");
      } else if (!wide && normalize::convert_to_utf8(bytes, canonical, text, &lossy)) {
        if (!lossy) {
          out.decoded = normalize::Decoded{std::move(text), canonical, false};
          return out;
        }
        normalize::Decoded detected = normalize::decode_text(bytes, policy);
        if (!detected.lossy) {
          out.problems.push_back("declared charset " + canonical + " does not fit the bytes; decoded as " +
                                 detected.encoding);
          out.decoded = std::move(detected);
          return out;
        }
        out.decoded = normalize::Decoded{std::move(text), canonical, true};
        out.problems.push_back("some bytes are not valid " + canonical + " and were replaced by U+FFFD");
        return out;
      }
    }
  }
  out.decoded = normalize::decode_text(bytes, policy);
  if (out.decoded.lossy)
    out.problems.push_back("some bytes are not valid " + out.decoded.encoding + " and were replaced by U+FFFD");
  return out;
}

ReadResult read_text(const Input& in) {
  try {
    ReadResult r;
    r.meta.format = model::Format::Text;
    DecodedInput d = decode_input(in.bytes, in.options->big5, true);
    r.meta.encoding = d.decoded.encoding;
    r.meta.problems = std::move(d.problems);
    if (in.bytes.empty()) r.meta.problems.push_back("file is empty");

    model::Section section;
    for (std::string& para : text_paragraphs(split_lines(d.decoded.utf8))) {
      if (r.meta.title.empty()) r.meta.title = first_chars(normalize::clean_line(para), kMaxTitleChars);
      model::Paragraph p;
      p.runs.push_back(model::Run{std::move(para)});
      section.blocks.push_back(model::Block{std::move(p)});
    }
    r.doc.sections.push_back(std::move(section));
    return r;
  } catch (const std::exception& e) {
    return failed(model::Format::Text, model::ErrorKind::Damaged, std::string("text could not be read: ") + e.what());
  } catch (...) {
    return failed(model::Format::Text, model::ErrorKind::Damaged, "text could not be read");
  }
}

}  // namespace lh::ingest
