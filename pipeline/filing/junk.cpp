#include "filing/junk.h"

#include <fnmatch.h>

#include <array>

#include "filing/text_util.h"
#include "filing/versions.h"

namespace lh::filing {
namespace {

using model::Format;

// Nothing was read from it: no text, no structured record, no entry. Images and ZIPs are content by
// themselves; a PDF or OFD page without text still shows what is drawn on it (a seal, a photo too small
// to count as a scanned page); a format lianghua does not know may hold anything.
bool nothing_was_read(const model::InspectedFile& f) {
  switch (f.meta.format) {
    case Format::Docx: case Format::Xlsx: case Format::Text: case Format::Csv: case Format::Xml:
      break;
    case Format::Pdf: case Format::Ofd: case Format::Image: case Format::Zip: case Format::Unknown:
      return false;
  }
  return f.text_chars == 0 && f.records.empty() && f.children.empty();
}

// The readers count no pictures, so "no text" means "no content" only where a picture cannot be: a
// Word document of no text may be a pasted photo, a plain text file cannot.
bool cannot_hold_pictures(Format format) { return format == Format::Text || format == Format::Csv; }

// The name Explorer, Word or WPS gave it ("新建 Microsoft Word 文档(2)", "文档1"): nobody named it, so
// with nothing in it nobody ever wrote it.
bool has_default_name(const model::InspectedFile& f, const Scheme& s) {
  return parse_version_marks(stem_of(base_name(f.path)), s).generic;
}

struct EmptyDocumentRule {
  const char* reason;
  bool (*applies)(const model::InspectedFile& f, const Scheme& s);
};

// Tried in order; the first that applies gives the reason. Each asks nothing_was_read first: a file with
// any text or record is never junk.
const std::array<EmptyDocumentRule, 2> kEmptyDocumentRules = {{
    {"空白文档（默认文件名“新建 … 文档”，无文字、无内容）",
     [](const model::InspectedFile& f, const Scheme& s) { return nothing_was_read(f) && has_default_name(f, s); }},
    {"空文档（纯文本，无文字）",
     [](const model::InspectedFile& f, const Scheme&) { return nothing_was_read(f) && cannot_hold_pictures(f.meta.format); }},
}};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view name) {
  std::string p(pattern), n(name);
  return fnmatch(p.c_str(), n.c_str(), FNM_CASEFOLD) == 0;
}

std::optional<std::string> classify_junk(std::string_view name_in, uint64_t size, const Scheme& s) {
  std::string name = base_name(name_in);
  for (const auto& g : s.junk_globs)
    if (glob_match(g.glob, name)) return g.reason + " (" + g.glob + ")";
  if (size == 0 && s.empty_file_reason) return *s.empty_file_reason;
  return std::nullopt;
}

std::optional<std::string> classify_empty_document(const model::InspectedFile& f, const Scheme& s) {
  if (f.error) return std::nullopt;
  for (const auto& rule : kEmptyDocumentRules)
    if (rule.applies(f, s)) return std::string(rule.reason);
  return std::nullopt;
}

}  // namespace lh::filing
