// Helpers for the DOCX writer tests: a hand-built 公文 style, sample documents, unzip, schema
// validation with the libxml2 C API (shared/schemas/ooxml/README.md), XML normalization.
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "docx/docx.h"
#include "layout/style.h"
#include "model/document.h"

namespace lh::docx::test {

// GB/T 9704-2012 numbers, built by hand (not from templates/styles/gongwen.json) so the golden
// files change only when the writer does.
layout::Style gongwen_style();

// Documents used across the tests.
model::Paragraph para(const std::string& text, int heading_level = 0);
model::Document simple_document();  // title, headings, body: the golden document
model::Document full_document();    // every feature: lists, merged table, image, links, TOC, 2 sections
std::string tiny_png();             // a valid 2×1 PNG
// A book (issue 11): cover; roman front matter with a TOC; 篇 opening on recto pages with running
// headers; a landscape 权责清单 section with a repeated header row and a merged 事项 cell.
model::Document book_document();

// The parts of a .docx: entry name → bytes, and the entry order.
struct Unzipped {
  std::vector<std::string> names;
  std::map<std::string, std::string> parts;
  bool has(const std::string& n) const { return parts.count(n) > 0; }
  const std::string& at(const std::string& n) const { return parts.at(n); }
};
Unzipped unzip(const std::string& docx);

// Validates XML against one of the schema files; compiled once per file and reused.
class SchemaSet {
 public:
  // nullopt when <source_dir>/../shared/schemas/ooxml is absent (tests GTEST_SKIP then).
  static std::optional<std::filesystem::path> schema_dir();
  static SchemaSet& instance();
  // Empty string when valid; otherwise the validator's messages.
  std::string validate(const std::string& xml, const std::string& xsd_file);
};

// The schema a part validates against, or empty for parts that have none (core.xml, media).
std::string schema_for(const std::string& part_name);

// libxlsxwriter-style normalization for golden comparison: volatile fields (dcterms dates) are
// replaced, and the XML is split into one element per line.
std::string normalize_part(const std::string& name, const std::string& xml);

// Whitespace removed, for comparing text extracted by LibreOffice with the model's text.
std::string strip_space(const std::string& s);

}  // namespace lh::docx::test
