// Markdown text (issue 3 §7): a text file whose lines use "#" headings. The text reader gives one
// paragraph per line and detect_structure() maps the "#" headings; this pass, run before it, turns
// the rest of the Markdown a clerk writes into the model: "- " / "* " / "+ " bullet items and
// "1. " numbered items (two spaces of indentation per level) become list paragraphs, and "**bold**"
// becomes bold runs. Without it "1. 检查内容" would be taken for a GB/T 9704-2012 §7.3.3 heading.
#pragma once
#include "model/document.h"

namespace lh::normalize {

// True if the document reads as Markdown: some paragraph is a "#" heading line ("# ", "## ", ...)
// and no paragraph has a heading level or list of its own (a styled document is left alone).
bool looks_like_markdown(const model::Document& doc);

// Lists and bold as above, in place. Headings are left to detect_structure().
void apply_markdown(model::Document& doc);

}  // namespace lh::normalize
