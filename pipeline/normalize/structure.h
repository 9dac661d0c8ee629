// Structure of a document: which paragraph is its title, which are headings and at what level, and
// which are articles (第X条), recovered from evidence in a fixed order (issue 11 §2) and reported
// with the reason for each decision, so a clerk can check it before printing:
//   1. text patterns: 第X编 / 第X章 / 第X节, then GB/T 9704-2012 §7.3.3 structure numbers
//      一、 （一） 1. （1）, and Markdown "#"-headings;
//   2. Word styles and outline levels the reader found (heading_level; localized names and IDs are
//      resolved by ingest/docx_styles.cpp);
//   3. formatting: a short paragraph that is centred, larger than the body, or wholly bold (only
//      in a document without styled headings; a 发文字号 line is never one).
// "第X条" opens an article: body text with its number set off, never a heading (a 40-page rule
// book would otherwise get a 15-page 目录 and keep-with-next chains of half-empty pages). Where a
// text has articles, （一） 1. （1） are the items of an article, not headings. A numbered line that
// reads as a sentence (ends in 。；：, or is long) is body text too.
// Levels are relative: the outermost kind present becomes level 1. One detector for `render` and
// `compile`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "model/document.h"

namespace lh::normalize {

enum class HeadingKind { None, Markdown, Bian, Zhang, Jie, Yi, ParenYi, Arabic, ParenArabic, Tiao };

// The kind of numbering a line opens with (Markdown level in *md_level).
HeadingKind heading_kind(std::string_view line, int* md_level = nullptr);

struct StructureOptions {
  bool detect_title = true;       // a short first line that is no heading becomes the title
  size_t max_heading_chars = 40;  // longer lines are body text even when numbered
};

// Where a paragraph is: index of the section and of the block in it.
struct BlockRef {
  size_t section = 0, block = 0;
  size_t paragraph = 0;           // 1-based count of paragraphs in the document (the "line" a clerk sees)
};

enum class Role { Title, Heading, Article };

struct OutlineLine {
  BlockRef at;
  Role role = Role::Heading;
  int level = 0;                  // Heading: 1..9 relative level; Title and Article: 0
  HeadingKind kind = HeadingKind::None;
  std::string text;               // the paragraph's text, trimmed
  std::string reason;             // in Chinese: "文字编号 第X章", "样式 标题 2", "格式 居中加粗", ...
};

struct Outline {
  std::vector<OutlineLine> lines;     // in document order
  std::vector<std::string> warnings;  // "第N段: …" (level jumps, no title)
  bool has_title() const;
  const OutlineLine* title() const;
};

// A 题注 under a rule's title: a line wholly in brackets, "（2024年3月1日所务会议审议通过）", saying when
// and by whom it was adopted (《立法技术规范（试行）（一）》, 题注). Never a heading; a book sets it
// centred in 楷体 under the title (compose/book/book_style.h).
bool is_title_note(std::string_view line);

// A figure's or table's caption: "图1 投诉举报处理流程图", "表 2-1　权责清单", "附图1：…" (图/表, its
// number, a space or colon, a short title that is no sentence). Word's caption field writes "图 1"
// with a space; "图1所示" opens a sentence and is none. Never a heading, however it is set; a book
// keeps it centred (compose/book/book_style.h), as captions are printed under a figure and over a
// table.
bool is_caption(std::string_view line);

// Decides the structure of `doc` without changing it.
Outline detect_outline(const model::Document& doc, const StructureOptions& opt = {});

// Writes an outline into the document: heading_level of headings (0 for every other paragraph),
// style "title" on the title, Markdown "#" markers removed. Articles are left as body text.
void apply_outline(model::Document& doc, const Outline& outline);

// detect_outline + apply_outline.
void detect_structure(model::Document& doc, const StructureOptions& opt = {});

}  // namespace lh::normalize
