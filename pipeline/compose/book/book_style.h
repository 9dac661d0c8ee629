// How a book sets its paragraphs (book.h): the headings of each book level, 条 as offices write
// them, and the source text stripped of its direct formatting. Sizes follow GB/T 9704-2012 §5.2.2
// and §7.3 (title 2号 小标宋 22 pt, body 3号 仿宋 16 pt, first level 黑体, second 楷体) and the
// 条 style of wave2.md §2.1 ("第X条" 三号黑体, one full-width space, text 仿宋三号).
#pragma once
#include <string>
#include <vector>

#include "model/document.h"

namespace lh::compose::book {

// A heading of the book: level 1 篇 / 附录 / 修订记录 (小标宋 22 pt, centred), a chapter (黑体 18 pt,
// centred), a 制度's title (小标宋 18 pt, centred).
enum class BookHeading { Part, Chapter, Policy };
model::Paragraph book_heading(BookHeading kind, int level, const std::string& text);

// A paragraph of plain text in one role and size.
model::Paragraph plain(const std::string& text, model::FontRole role, double size_pt, model::Align align,
                       bool bold = false, uint32_t color = 0);

// The blocks of a source, ready for the book: headings moved down by `shift` levels and set in the
// book's heading styles, body paragraphs without direct formatting, 第X条 set off in 黑体, page
// breaks and tables of contents of the source dropped, tables and pictures kept, a 题注 opening the
// text (normalize::is_title_note) centred in 楷体. The source's
// bookmarks and its links to them are renamed `anchor_prefix` + name: each source names its own
// (Word's "_Toc100000" recurs in every file copied from the same template).
std::vector<model::Block> book_blocks(const model::Document& source, int shift, const std::string& anchor_prefix);

// "2024-03-01" → "二〇二四年三月" (the date of a cover, written out as 公文 dates are, GB/T 9704 §7.3.5.3).
std::string cover_date(const std::string& iso);

}  // namespace lh::compose::book
