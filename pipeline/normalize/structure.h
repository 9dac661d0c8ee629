// Structure of documents that carry no styles (plain text, Markdown, PDF text): which lines are the
// title and which are headings, from the numbering the text itself uses (issue 3 §7):
//   第X编 / 第X章 / 第X节, then GB/T 9704-2012 §7.3.3 structure numbers 一、 （一） 1. （1）,
//   Markdown "#"-headings, and short "第X条" lines.
// Levels are relative: the outermost kind present becomes level 1.
#pragma once
#include <string_view>

#include "model/document.h"

namespace lh::normalize {

enum class HeadingKind { None, Markdown, Bian, Zhang, Jie, Yi, ParenYi, Arabic, ParenArabic, Tiao };

// The kind of numbering a line opens with (Markdown level in *md_level).
HeadingKind heading_kind(std::string_view line, int* md_level = nullptr);

struct StructureOptions {
  bool detect_title = true;     // a short first line that is no heading becomes the title
  size_t max_heading_chars = 40;  // longer lines are body text even when numbered
};

// Marks headings (heading_level) and the title (style "title") in paragraphs that have neither.
// Documents that already have headings are left alone. Markdown markers ("## ") are removed.
void detect_structure(model::Document& doc, const StructureOptions& opt = {});

}  // namespace lh::normalize
