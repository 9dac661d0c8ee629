// Markdown text (issue 3 §7): a text file whose lines use "#" headings. The text reader gives one
// paragraph per line and detect_structure() maps the "#" headings; this pass, run before it, turns
// the rest of the Markdown a clerk writes into the model: "- " / "* " / "+ " bullet items and
// "1. " numbered items (two spaces of indentation per level) become list paragraphs, and "**bold**"
// becomes bold runs. Without it "1. 检查内容" would be taken for a GB/T 9704-2012 §7.3.3 heading.
// YAML front matter ("---" lines around "title: …", "author: …", "date: …") is read, not printed;
// its title becomes the document's title paragraph. Pipe tables ("| a | b |" over "|---|---|")
// become tables with a header row.
#pragma once
#include <string>

#include "model/document.h"

namespace lh::normalize {

// True if the document reads as Markdown: some paragraph is a "#" heading line ("# ", "## ", ...),
// or it opens with YAML front matter, and no paragraph has a heading level or list of its own (a
// styled document is left alone).
bool looks_like_markdown(const model::Document& doc);

struct FrontMatter {
  std::string title, author, date;  // as written (quotes removed); empty when absent
};

// Front matter, pipe tables, lists and bold as above, in place. Headings are left to
// detect_structure().
FrontMatter apply_markdown(model::Document& doc);

}  // namespace lh::normalize
