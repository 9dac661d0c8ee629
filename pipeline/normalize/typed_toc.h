// A table of contents typed by hand at the top of a source: a line "目录" (or "目次", GB/T 1.1-2020
// §8.4's word) and the entries below it, each a title, a leader (dots, ……, ·, a tab) and a page
// number ("第一章　总则……………………1"). In a book it is the source's stale page list: `compile`
// replaces it with a model::TableOfContents, which the book leaves out (it prints one 目录), as it
// does a Word TOC field (ingest/docx_toc.cpp). Not used on archive documents: there a page list
// may be the document itself (a 卷内目录), and an archive copy keeps what its source says.
#pragma once
#include <string_view>

#include "model/document.h"

namespace lh::normalize {

// Whether a line only names a table of contents: "目录", "目  录", "目　录", or "目次" (GB/T 1.1-2020's word).
bool names_a_toc(std::string_view line);
// The table of contents a line naming one stands for, titled as it is named ("目次" stays 目次).
model::TableOfContents toc_named(std::string_view line);

// Whether a line is one TOC entry: a title, a leader and a page number (arabic or roman) at its end.
bool is_typed_toc_entry(std::string_view line);

// Replaces each typed table of contents in `doc` (its "目录" line through its last entry; at least
// two entries, headings of groups between them allowed) with one model::TableOfContents.
// Returns the number replaced.
int replace_typed_toc(model::Document& doc);

}  // namespace lh::normalize
