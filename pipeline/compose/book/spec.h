// The book spec of `lianghua compile` (issue 11 §1; templates/book/book.xsd, urn:lianghua:book:1):
// what goes into a 制度建设指引 and in which order. Read through the project's one safe XML recipe
// (filing/xml_safe.h: a DOCTYPE is refused, nothing is fetched) and validated against the XSD, so
// every error names the spec's line.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace lh::compose::book {

enum class SourceKind { Auto, Document, Table, Flow };

struct SourceRef {
  std::filesystem::path path;  // resolved: relative paths are taken from the spec's folder
  std::string written;         // the path as the spec writes it (for messages)
  SourceKind kind = SourceKind::Auto;
  std::string title;           // overrides the detected title; empty: detected
  int line = 0;                // line of the <source> element in the spec
};

struct Chapter {
  std::string title;           // empty: the part's sources hang directly under the part
  std::vector<SourceRef> sources;
};

struct Part {
  std::string title;           // "党建工作" (the book writes "第一篇　党建工作")
  std::vector<Chapter> chapters;
};

struct Revision {
  std::string edition, date, by, text;
};

struct BookSpec {
  std::string title, subtitle, office, edition, date;
  std::optional<SourceRef> notice, preface;  // 印发通知, 编制说明
  std::vector<Part> parts;
  std::vector<Part> appendices;              // 附录: one Part per appendix (one chapter, no title)
  std::vector<Revision> revisions;
  int toc_levels = 2;
  bool parts_on_recto = true;
  std::filesystem::path spec_path;
};

struct SpecLoad {
  std::optional<BookSpec> spec;
  std::vector<std::string> errors;  // "<file>:<line>: <message>"
};

SpecLoad load_book_spec(const std::filesystem::path& spec, const std::filesystem::path& xsd);
SpecLoad load_book_spec_text(const std::string& xml, const std::string& xsd, const std::filesystem::path& spec_path);

}  // namespace lh::compose::book
