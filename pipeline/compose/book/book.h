// The book of `lianghua compile` (issue 11 §3): a 制度建设指引 built as one model::Document, laid
// out once by render::render_document into PDF and DOCX. Sections, in order:
//   封面 (no page number); front matter (印发通知, 编制说明, 目录) counted i, ii, iii …; one section
//   per 篇 (restarting at 1 for the first), opening on a recto page when asked, with a running header
//   holding the book's and the 篇's titles and "— 1 —" page numbers (GB/T 9704-2012 §7.5); a
//   landscape section for each 权责清单 / 岗位职责 table, with the same header; 附录; 修订记录.
// Book levels: 篇 = 1, 章 (when the spec groups sources in chapters) = 2, each 制度 = the next level,
// and the 制度's own headings below it. Every 制度 starts on a new page. Direct formatting of the
// sources is dropped for the book's style; "第X条" is set in 黑体 and the text in 仿宋.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "compose/book/sources.h"
#include "compose/book/spec.h"
#include "layout/fonts.h"
#include "model/document.h"

namespace lh::compose::book {

struct LoadedChapter {
  std::string title;  // empty: the sources hang under the part
  std::vector<LoadedSource> sources;
};

struct LoadedPart {
  std::string title;
  std::vector<LoadedChapter> chapters;
};

struct BookContent {
  BookSpec spec;
  std::string office;                             // issuing office (spec, else the office profile)
  std::optional<LoadedSource> notice, preface;    // 印发通知, 编制说明
  std::vector<LoadedPart> parts, appendices;
};

// Reads every source the spec names (sources.h), in spec order.
BookContent load_book(const BookSpec& spec, const std::string& office_name, const ingest::InspectOptions& opt);

// Every source of the book, in order (front matter, parts, appendices).
std::vector<const LoadedSource*> all_sources(const BookContent& book);

// `fonts` measures the text of flowcharts (flow::draw_flow); a book without flow sources may pass
// nullptr.
model::Document build_book(const BookContent& book, const layout::FontSet* fonts);

// The hierarchy as `compile --outline` prints it: one line per entry, indented by level, with the
// source file and the reason each level was chosen.
std::string outline_text(const BookContent& book);

// "第一篇", "第十二篇" (GB/T 1.1-style part numbers in Chinese numerals).
std::string part_label(size_t index);

}  // namespace lh::compose::book
